/** The q-quantile (0..1) of the values, nearest rank. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
}

/** Microseconds per call of fn on each input, after one warm-up pass over all inputs. */
export function timePerCall<T>(inputs: readonly T[], fn: (input: T) => unknown, rounds = 3): number[] {
  for (const input of inputs) fn(input);
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const input of inputs) {
      const start = process.hrtime.bigint();
      fn(input);
      times.push(Number(process.hrtime.bigint() - start) / 1000);
    }
  }
  return times;
}
