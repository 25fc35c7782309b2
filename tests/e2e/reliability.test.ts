// The reliability harness (bench/reliability) end to end, small and seeded, with the faults off: the real
// handlers in worker processes fed by the SQS event source, the origin farm measuring politeness, and the
// checker accounting for every expected URL. It takes about a minute: workers start as Lambda containers
// do (each loads the handlers). The run with every fault injected is `npm run bench:reliability`
// (docs/reliability.md says what it finds today).
import { describe, expect, it } from 'vitest';
import { DEFAULT_SUITE, runSuite } from '../../bench/reliability/suite.ts';
import { figures, problems } from '../../bench/reliability/figures.ts';

describe('the reliability harness, faults off', () => {
  it('stores every expected article once with its raw copy, finishes every claim, and keeps politeness', async () => {
    const result = await runSuite({ ...DEFAULT_SUITE, articles: 24, feeds: 4, hosts: 3, seed: 7, faults: false, maxRunMs: 5 * 60_000 });
    const f = figures(result);
    expect(problems(result)).toEqual([]);
    expect({ stored: f.stored, lost: f.lost, unexpected: f.unexpected, duplicated: f.duplicated }).toEqual({ stored: 24, lost: 0, unexpected: 0, duplicated: 0 });
    expect({ withoutRaw: f.recordsWithoutRaw, mismatches: f.rawMismatches, claims: f.claimsInProgress }).toEqual({ withoutRaw: 0, mismatches: 0, claims: 0 });
    expect(f.politenessViolations).toBe(0);
    expect(f.politeness.requests).toBeGreaterThanOrEqual(24 + 4);
  }, 8 * 60_000);
});
