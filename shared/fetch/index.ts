export { safeFetch, defaultHostGate, defaultRobotsChecker, DEFAULT_USER_AGENT, type FetchResult, type SafeFetchOptions } from './safe-fetch.ts';
export { FetchError, type FetchErrorCode } from './errors.ts';
export { MemoryHostGate, DEFAULT_HOST_GATE_LIMITS, MAX_BOOKING_HORIZON_MS, hostWaitTotals, type BookOptions, type HostGate, type HostGateLimits, type AcquireOptions, type HostTurn, type ReleaseHost } from './host-gate.ts';
export { DynamoHostGate, type DynamoHostGateOptions } from './dynamo-host-gate.ts';
export { RobotsTxtChecker, MemoryRobotsCache, robotsToken, type RobotsCache, type RobotsChecker, type RobotsRecord, type RobotsVerdict } from './robots.ts';
export { DynamoRobotsCache, type DynamoRobotsCacheOptions } from './dynamo-robots-cache.ts';
export { blockedReason } from './address-guard.ts';
export type { Resolver } from './resolve.ts';
export type { AcceptKind } from './content-type.ts';
