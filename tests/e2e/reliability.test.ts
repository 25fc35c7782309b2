// The seeded small run of the reliability suite (bench/reliability): the real handlers in worker processes
// that get killed, every fault type injected, then the invariants. It takes minutes, not seconds: workers
// start as Lambda containers do (each loads the handlers), and failed messages wait out a visibility
// timeout as in SQS. The full-size run is `npm run bench:reliability`.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SUITE, runSuite } from '../../bench/reliability/suite.ts';
import type { SuiteResult } from '../../bench/reliability/suite.ts';
import { figures, problems } from '../../bench/reliability/figures.ts';

describe('the reliability suite, seeded small run', () => {
  let result: SuiteResult;

  it('accounts for every expected URL under every fault type, each of which fired', async () => {
    result = await runSuite({ ...DEFAULT_SUITE, articles: 64, feeds: 6, hosts: 4, seed: 7, faults: true, maxRunMs: 8 * 60_000 });
    const f = figures(result);
    // Every enabled fault type happened at least once: a fault that never fired proved nothing.
    expect(result.enabledFaults.filter((type) => !(f.faults[type] > 0))).toEqual([]);
    expect(f.unexpected).toBe(0);
    expect(f.duplicated).toBe(0);
    expect(f.recordsWithoutRaw).toBe(0);
    expect(f.rawMismatches).toBe(0);
    expect(f.dlqRetryableAfterRedrive).toBe(0);
    expect(f.stored + f.deadLettered + f.rejected + f.lost + f.duplicated).toBe(f.expected);
    // Known bug, being fixed in shared/pipeline/ingest-feed.ts: a fetch-feed killed after claiming URLs and
    // before sending their jobs loses those URLs for the claim's 6 h lease. Exactly those are lost, and
    // exactly their claims are left in progress; nothing else. Flip to `lost === 0` when the fix lands.
    expect(result.lostOtherwise).toBe(0);
    expect(f.lost).toBe(f.lostToKilledFeedRead);
    expect(f.claimsInProgress).toBe(f.lostToKilledFeedRead);
    expect(problems(result)).toEqual([]);
  }, 12 * 60_000);
});
