import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  DEFAULT_HOST_GATE_LIMITS, MAX_BOOKING_HORIZON_MS, bookedTimes, hostBusy, waitForTurn, type AcquireOptions, type BookOptions, type HostGate, type HostGateLimits,
  type HostTurn, type TurnAttempt,
} from './host-gate.ts';


export interface DynamoHostGateOptions extends Partial<HostGateLimits> {
  client: DynamoDBDocumentClient;
  /** Table with string keys pk and sk, and a TTL attribute expiresAt (epoch seconds). */
  tableName: string;
  /** A slot whose holder died is free again after this long (must exceed the fetch timeout). */
  leaseMs?: number;
}

/** The host's one gate item, as read (consistently) before any write that takes a turn. */
interface GateState {
  /** Bumped by every write that takes a turn or defers the host, so a taker writes only over what it read. */
  version: number | null;
  nextStartAt: number;
  heldUntil: number;
  bookedUntil: number | null;
  /** owner -> lease end (epoch ms) of each request in flight; null before the first turn. */
  slots: Record<string, number> | null;
}

const isConditionFailure = (error: unknown) =>
  error instanceof ConditionalCheckFailedException || (error as Error).name === 'ConditionalCheckFailedException';

/**
 * The host gate shared by concurrent Lambdas, with conditional writes only (no transactions, no
 * reliance on TTL deletion; TTL merely sweeps stale items). One item per host, pk HOST#<host>, sk PACE:
 *   nextStartAt     no request to the host may start before it
 *   heldUntil/holder a granted request not yet sent holds the host
 *   slots           owner -> lease end of each request in flight (at most maxConcurrent live leases)
 *   bookedUntil     the end of the line of turns booked for jobs that come back later
 *   version         bumped by every write that takes a turn or defers the host
 * A caller reads the item and, when the host is due, not held and has a free slot, takes its turn in
 * one write conditioned on the version it read (a lost race reads again). Writes that only free a slot
 * or end a hold leave the version alone: they can only make a taker's decision more cautious than the
 * item now allows, never less. Three writes per request: take (slot, pace and hold at once), end the
 * hold when the request was sent, free the slot.
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
    let known: GateState | undefined;
    if (options.handBackAfterMs !== undefined) {
      // A job that will be handed back anyway takes no turn: one read tells, one write books.
      known = await this.read(host);
      if (known.nextStartAt > Date.now() + options.handBackAfterMs) {
        throw hostBusy(options.url, (await this.bookFrom(host, known, 1, delay))[0] ?? Date.now() + MAX_BOOKING_HORIZON_MS, this.limits.pollMs);
      }
    }
    const owner = randomUUID();
    return waitForTurn(
      async (): Promise<TurnAttempt> => {
        const state = known ?? (await this.read(host));
        known = undefined;
        const attempt = await this.take(host, state, delay, owner, options.deadline);
        return attempt.granted ? { granted: true, turn: this.turn(host, owner, delay) } : attempt;
      },
      this.limits,
      options,
      async () => (await this.book(host, 1, { minDelayMs: delay }))[0] ?? Date.now() + MAX_BOOKING_HORIZON_MS,
    );
  }

  /** Optimistic: read the line's end, extend it only if nobody else did meanwhile, else read again. */
  async book(host: string, count: number, options: BookOptions = {}): Promise<number[]> {
    const delay = Math.max(this.limits.minDelayMs, options.minDelayMs ?? 0);
    return this.bookFrom(host, await this.read(host), count, delay, options.horizonMs);
  }

  private async read(host: string): Promise<GateState> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: this.key(host), ConsistentRead: true }));
    const number = (value: unknown) => (value === undefined ? null : Number(value));
    return {
      version: number(Item?.version),
      nextStartAt: Number(Item?.nextStartAt ?? 0),
      heldUntil: Number(Item?.heldUntil ?? 0),
      bookedUntil: number(Item?.bookedUntil),
      slots: (Item?.slots as Record<string, number> | undefined) ?? null,
    };
  }

  private async bookFrom(host: string, read: GateState, count: number, delay: number, horizonMs = MAX_BOOKING_HORIZON_MS): Promise<number[]> {
    for (let pace = read; ; pace = await this.read(host)) {
      const times = bookedTimes(Date.now(), Math.max(pace.nextStartAt, pace.bookedUntil ?? 0), delay, count, horizonMs);
      if (times.length === 0) return times;
      const until = times[times.length - 1] + delay;
      try {
        await this.client.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: this.key(host),
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

  /** Takes a turn when the host is due, not held and has a free slot, in one write over the state read; otherwise says when to look again. */
  private async take(host: string, state: GateState, delayMs: number, owner: string, holdUntil: number): Promise<{ granted: true } | { granted: false; retryAt?: number }> {
    const now = Date.now();
    if (state.nextStartAt > now) return { granted: false, retryAt: state.nextStartAt };
    // Held by a request on its way out: it has not been sent yet, so the next start is a whole delay away at least.
    if (state.heldUntil > now) return { granted: false, retryAt: now + delayMs };
    // Every slot in use: when one frees up is not known, so look again soon.
    const expired = Object.keys(state.slots ?? {}).filter((holder) => Number(state.slots![holder]) < now);
    const live = Object.keys(state.slots ?? {}).length - expired.length;
    if (live >= this.limits.maxConcurrent) return { granted: false };
    const lease = now + this.leaseMs + this.limits.maxWaitMs;
    const names: Record<string, string> = { '#me': owner };
    expired.forEach((holder, i) => (names[`#x${i}`] = holder));
    const values: Record<string, unknown> = {
      ':next': now + delayMs, ':hold': holdUntil, ':owner': owner, ':v1': (state.version ?? 0) + 1,
      ':exp': this.expiresAt(Math.max(holdUntil, lease, now + delayMs)),
      ...(state.slots === null ? { ':slots': { [owner]: lease } } : { ':lease': lease }),
      ...(state.version === null ? {} : { ':v': state.version }),
    };
    if (state.slots === null) delete names['#me'];
    const remove = expired.length > 0 ? ` REMOVE ${expired.map((_, i) => `slots.#x${i}`).join(', ')}` : '';
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: this.key(host),
          UpdateExpression: `SET nextStartAt = :next, heldUntil = :hold, holder = :owner, version = :v1, expiresAt = :exp, ${state.slots === null ? 'slots = :slots' : 'slots.#me = :lease'}${remove}`,
          ConditionExpression: state.version === null ? 'attribute_not_exists(version)' : 'version = :v',
          ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
          ExpressionAttributeValues: values,
        }),
      );
      return { granted: true };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      return { granted: false, retryAt: now }; // another caller wrote first: read again at once
    }
  }

  /** The granted turn: `sent` ends the hold (the next start one delay from now), `release` frees the slot (and ends the hold if `sent` never came). */
  private turn(host: string, owner: string, delayMs: number): HostTurn {
    let held = true;
    let released = false;
    return {
      sent: async () => {
        if (!held) return;
        held = false;
        await this.end(host, owner, Date.now() + delayMs, false);
      },
      release: async () => {
        if (released) return;
        released = true;
        if (!held) return this.freeSlot(host, owner);
        held = false;
        await this.end(host, owner, Date.now() + delayMs, true);
      },
    };
  }

  /** Ends `owner`'s hold with the next start at `next` (never earlier than a deferral), freeing its slot too when `free`. */
  private async end(host: string, owner: string, next: number, free: boolean): Promise<void> {
    const slot = free ? ', slots.#me' : '';
    const names = free ? { ExpressionAttributeNames: { '#me': owner } } : {};
    try {
      // Only a live hold: once it has run out a taker may already have read the host as free, and a later
      // start written under it would go unseen.
      await this.update(host, `SET nextStartAt = :next REMOVE heldUntil, holder${slot}`, 'holder = :owner AND heldUntil >= :now AND nextStartAt < :next', { ':next': next, ':owner': owner, ':now': Date.now() }, names);
      return;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    try {
      // Deferred further meanwhile (a Retry-After), or the hold ran out: keep the pace, only end the hold.
      await this.update(host, `REMOVE heldUntil, holder${slot}`, 'holder = :owner', { ':owner': owner }, names);
      return;
    } catch (error) {
      if (!isConditionFailure(error)) throw error; // the hold ran out and another caller has the host now
    }
    if (free) await this.freeSlot(host, owner);
  }

  private async freeSlot(host: string, owner: string): Promise<void> {
    try {
      await this.update(host, 'REMOVE slots.#me', 'attribute_exists(slots.#me)', undefined, { ExpressionAttributeNames: { '#me': owner } });
    } catch (error) {
      if (!isConditionFailure(error)) throw error; // the lease ran out and another caller cleared it
    }
  }

  private async update(host: string, expression: string, condition: string, values: Record<string, unknown> | undefined, extra: { ExpressionAttributeNames?: Record<string, string> }): Promise<void> {
    await this.client.send(
      new UpdateCommand({ TableName: this.tableName, Key: this.key(host), UpdateExpression: expression, ConditionExpression: condition, ...(values ? { ExpressionAttributeValues: values } : {}), ...extra }),
    );
  }

  private key(host: string) {
    return { pk: `HOST#${host}`, sk: 'PACE' };
  }

  async deferUntil(host: string, untilMs: number): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: `HOST#${host}`, sk: 'PACE' },
          UpdateExpression: 'SET nextStartAt = :until, expiresAt = :exp ADD version :one',
          ConditionExpression: 'attribute_not_exists(nextStartAt) OR nextStartAt < :until',
          ExpressionAttributeValues: { ':until': untilMs, ':exp': this.expiresAt(untilMs), ':one': 1 },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error; // someone already deferred it further
    }
  }

  private expiresAt(untilMs: number): number {
    return Math.ceil(untilMs / 1000) + 3600;
  }
}
