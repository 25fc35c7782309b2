export class UsageError extends Error {
  override readonly name = 'UsageError';
}

const DURATION = /^(\d+)([mhdw])$/;

/** Whether parseSince reads the value. */
export function isTime(value: string): boolean {
  return DURATION.test(value) || !Number.isNaN(Date.parse(value));
}

/** '7d', '12h', '30m' before now, or an ISO date. */
export function parseSince(value: string | undefined, now = new Date()): string | undefined {
  if (value === undefined) return undefined;
  const relative = value.match(DURATION);
  if (relative) {
    const unit = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[relative[2] as 'm' | 'h' | 'd' | 'w'];
    return new Date(now.getTime() - Number(relative[1]) * unit).toISOString();
  }
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new UsageError(`'${value}' is neither a duration like 7d nor a date`);
  return new Date(time).toISOString();
}
