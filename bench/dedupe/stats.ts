/** The q-quantile (0..1) of the values, nearest rank. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
}

/**
 * Microseconds per call of fn on each input: the best of `rounds` timed calls, after one warm-up pass,
 * so that a shared machine's scheduling pauses do not pass for the code's cost.
 */
export function timePerCall<T>(inputs: readonly T[], fn: (input: T) => unknown, rounds = 3): number[] {
  for (const input of inputs) fn(input);
  const best = inputs.map(() => Number.POSITIVE_INFINITY);
  for (let round = 0; round < rounds; round++) {
    inputs.forEach((input, i) => {
      const start = process.hrtime.bigint();
      fn(input);
      best[i] = Math.min(best[i], Number(process.hrtime.bigint() - start) / 1000);
    });
  }
  return best;
}
