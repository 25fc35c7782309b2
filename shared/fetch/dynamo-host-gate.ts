import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  DEFAULT_HOST_GATE_LIMITS, MAX_BOOKING_HORIZON_MS, bookedTimes, hostBusy, waitForTurn, type AcquireOptions, type BookOptions, type HostGate, type HostGateLimits,
  type HostTurn, type ReleaseHost, type TurnAttempt,
} from './host-gate.ts';

export interface DynamoHostGateOptions extends Partial<HostGateLimits> {
  client: DynamoDBDocumentClient;
  /** Table with string keys pk and sk, and a TTL attribute expiresAt (epoch seconds). */
  tableName: string;
  /** A slot whose holder died is free again after this long (must exceed the fetch timeout). */
  leaseMs?: number;
}

interface PaceState {
  nextStartAt: number;
  bookedUntil: number | null;
}

const isConditionFailure = (error: unknown) =>
  error instanceof ConditionalCheckFailedException || (error as Error).name === 'ConditionalCheckFailedException';

/**
 * The host gate shared by concurrent Lambdas, with conditional writes only (no transactions, no
 * reliance on TTL deletion; TTL merely sweeps stale items):
 *   pk HOST#<host>, sk SLOT#<i>   one item per concurrency slot, held by an owner until leaseUntil
 *   pk HOST#<host>, sk PACE       nextStartAt: no request to the host may start before it;
 *                                 heldUntil/holder: a granted request not yet sent holds the host;
 *                                 bookedUntil: the end of the line of turns booked for jobs that come back later
 * A caller first takes a free slot (put-if-free), then the pace token (advance-if-due-and-not-held,
 * holding it), stamps the pace again from the moment its request was sent (ending the hold), and gives
 * the slot back by a delete conditioned on still owning it.
 */
export class DynamoHostGate implements HostGate {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;
  private readonly limits: HostGateLimits;
  private readonly leaseMs: number;

  constructor(options: DynamoHostGateOptions) {
    const { client, tableName, leaseMs, ...limits } = options;
    this.client = client;
    this.tableName = tableName;
    this.limits = { ...DEFAULT_HOST_GATE_LIMITS, ...limits };
    this.leaseMs = leaseMs ?? 120_000;
  }

  async acquire(host: string, options: AcquireOptions): Promise<HostTurn> {
    const delay = Math.max(this.limits.minDelayMs, options.minDelayMs ?? 0);
    if (options.handBackAfterMs !== undefined) {
      // A job that will be handed back anyway need not take a slot first: one read tells, one write books.
      const pace = await this.readPace(host);
      if (pace.nextStartAt > Date.now() + options.handBackAfterMs) {
        throw hostBusy(options.url, (await this.bookFrom(host, pace, 1, delay))[0] ?? Date.now() + MAX_BOOKING_HORIZON_MS, this.limits.pollMs);
      }
    }
    const owner = randomUUID();
    let slot: number | null = null;
    let held = false;
    const sent = async () => {
      if (held) await this.endHold(host, owner, delay);
      held = false;
    };
    const release: ReleaseHost = async () => {
      await sent();
      if (slot !== null) await this.freeSlot(host, slot, owner);
      slot = null;
    };
    try {
      return await waitForTurn(
        async (): Promise<TurnAttempt> => {
          slot ??= await this.takeSlot(host, owner);
          if (slot === null) return { granted: false };
          const attempt = await this.takePace(host, delay, owner, options.deadline);
          held = attempt.granted;
          return attempt.granted ? { granted: true, turn: { sent, release } } : attempt;
        },
        this.limits,
        options,
        async () => {
          await release(); // a job handed back holds no slot while it sits in the queue
          return (await this.book(host, 1, { minDelayMs: delay }))[0] ?? Date.now() + MAX_BOOKING_HORIZON_MS;
        },
      );
    } catch (error) {
      await release();
      throw error;
    }
  }

  /** Optimistic: read the line's end, extend it only if nobody else did meanwhile, else read again. */
  async book(host: string, count: number, options: BookOptions = {}): Promise<number[]> {
    const delay = Math.max(this.limits.minDelayMs, options.minDelayMs ?? 0);
    return this.bookFrom(host, await this.readPace(host), count, delay, options.horizonMs);
  }

  private async readPace(host: string): Promise<PaceState> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { pk: `HOST#${host}`, sk: 'PACE' }, ConsistentRead: true }));
    return { nextStartAt: Number(Item?.nextStartAt ?? 0), bookedUntil: Item?.bookedUntil === undefined ? null : Number(Item.bookedUntil) };
  }

  private async bookFrom(host: string, read: PaceState, count: number, delay: number, horizonMs = MAX_BOOKING_HORIZON_MS): Promise<number[]> {
    for (let pace = read; ; pace = await this.readPace(host)) {
      const times = bookedTimes(Date.now(), Math.max(pace.nextStartAt, pace.bookedUntil ?? 0), delay, count, horizonMs);
      if (times.length === 0) return times;
      const until = times[times.length - 1] + delay;
      try {
        await this.client.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: { pk: `HOST#${host}`, sk: 'PACE' },
            UpdateExpression: 'SET bookedUntil = :until, expiresAt = :exp',
            ConditionExpression: pace.bookedUntil === null ? 'attribute_not_exists(bookedUntil)' : 'bookedUntil = :booked',
            ExpressionAttributeValues: { ':until': until, ':exp': this.expiresAt(until), ...(pace.bookedUntil === null ? {} : { ':booked': pace.bookedUntil }) },
          }),
        );
        return times;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    }
  }

  async deferUntil(host: string, untilMs: number): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: `HOST#${host}`, sk: 'PACE' },
          UpdateExpression: 'SET nextStartAt = :until, expiresAt = :exp',
          ConditionExpression: 'attribute_not_exists(nextStartAt) OR nextStartAt < :until',
          ExpressionAttributeValues: { ':until': untilMs, ':exp': this.expiresAt(untilMs) },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error; // someone already deferred it further
    }
  }

  /** A free slot number now owned by `owner`, or null when all are held. */
  private async takeSlot(host: string, owner: string): Promise<number | null> {
    const now = Date.now();
    const order = shuffled(this.limits.maxConcurrent);
    for (const i of order) {
      try {
        await this.client.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: { pk: `HOST#${host}`, sk: `SLOT#${i}` },
            UpdateExpression: 'SET #owner = :owner, leaseUntil = :lease, expiresAt = :exp',
            ConditionExpression: 'attribute_not_exists(leaseUntil) OR leaseUntil < :now',
            ExpressionAttributeNames: { '#owner': 'owner' },
            ExpressionAttributeValues: { ':owner': owner, ':lease': now + this.leaseMs + this.limits.maxWaitMs, ':now': now, ':exp': this.expiresAt(now + this.leaseMs) },
          }),
        );
        return i;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    }
    return null;
  }

  /** Advances the pace token when due and not held, holding it until `holdUntil`; otherwise says when to look again. */
  private async takePace(host: string, delayMs: number, owner: string, holdUntil: number): Promise<{ granted: true } | { granted: false; retryAt?: number }> {
    const now = Date.now();
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: `HOST#${host}`, sk: 'PACE' },
          UpdateExpression: 'SET nextStartAt = :next, heldUntil = :hold, holder = :owner, expiresAt = :exp',
          ConditionExpression: '(attribute_not_exists(nextStartAt) OR nextStartAt <= :now) AND (attribute_not_exists(heldUntil) OR heldUntil <= :now)',
          ExpressionAttributeValues: { ':next': now + delayMs, ':hold': holdUntil, ':owner': owner, ':now': now, ':exp': this.expiresAt(Math.max(holdUntil, now + delayMs)) },
        }),
      );
      return { granted: true };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    const current = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: `HOST#${host}`, sk: 'PACE' }, ConsistentRead: true }),
    );
    const next = Number(current.Item?.nextStartAt ?? 0);
    if (next > now) return { granted: false, retryAt: next };
    // Held by a request on its way out: when it is sent is not known, so look again soon.
    return { granted: false };
  }

  /** The held request was sent: the next start may come one delay from now (never earlier than a deferral). */
  private async endHold(host: string, owner: string, delayMs: number): Promise<void> {
    const next = Date.now() + delayMs;
    const key = { pk: `HOST#${host}`, sk: 'PACE' };
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: 'SET nextStartAt = :next REMOVE heldUntil, holder',
          ConditionExpression: 'holder = :owner AND nextStartAt < :next',
          ExpressionAttributeValues: { ':next': next, ':owner': owner },
        }),
      );
      return;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    try {
      // Deferred further meanwhile (a Retry-After): keep that, only end the hold.
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: 'REMOVE heldUntil, holder',
          ConditionExpression: 'holder = :owner',
          ExpressionAttributeValues: { ':owner': owner },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error; // the hold ran out and another caller has the host now
    }
  }

  private async freeSlot(host: string, slot: number, owner: string): Promise<void> {
    try {
      await this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { pk: `HOST#${host}`, sk: `SLOT#${slot}` },
          ConditionExpression: '#owner = :owner',
          ExpressionAttributeNames: { '#owner': 'owner' },
          ExpressionAttributeValues: { ':owner': owner },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error; // the lease ran out and another caller holds it now
    }
  }

  private expiresAt(untilMs: number): number {
    return Math.ceil(untilMs / 1000) + 3600;
  }
}

function shuffled(n: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}
