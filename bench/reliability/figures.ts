// What a run prints: the figures (a table, and one JSON object with the keys issue 16 names) and the list
// of invariants that failed, each one line.
import type { SuiteResult } from './suite.ts';
import type { Accounting } from './checker.ts';

/** The checker's counts that a run prints as they are. */
type Counted = Pick<
  Accounting,
  'expected' | 'stored' | 'deadLettered' | 'deadLetteredByReason' | 'rejected' | 'rejectedByReason' | 'lost' | 'unexpected' | 'duplicated' | 'recordsWithoutRaw' | 'rawMismatches' | 'orphanRaw' | 'claimsInProgress'
>;

export interface Figures extends Counted {
  /** Of the lost: URLs a killed fetch-feed had claimed (the known claim-lease bug). */
  lostToKilledFeedRead: number;
  redriven: number;
  dlqRetryableAfterRedrive: number;
  politenessViolations: number;
  politeness: { maxConcurrent: number; minGapMs: number; robotsViolations: number; deadlineOverruns: number; requests: number };
  crashes: number;
  faults: Record<string, number>;
  sdkRetriesProvoked: number;
  wallSeconds: number;
  articlesPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  peakRssMb: number;
  loadAverage: number;
}

export function figures(result: SuiteResult): Figures {
  const { feedDeadLetters: _feedDeadLetters, lostUrls: _lostUrls, duplicatedExamples: _examples, outcomes: _outcomes, ...counted } = result.accounting;
  const p = result.politeness;
  const awsFaults = ['dynamo-throttle', 'dynamo-500', 'dynamo-conditional-reply-lost', 's3-slowdown-503', 's3-500', 's3-reply-lost', 'sqs-send-error'];
  return {
    ...counted,
    lostToKilledFeedRead: result.lostToKilledFeedRead,
    redriven: result.redriven,
    dlqRetryableAfterRedrive: result.dlqAfterRedrive.retryable,
    politenessViolations: p.gapViolations + p.concurrencyViolations + p.robotsViolations + p.deadlineOverruns,
    politeness: { maxConcurrent: p.maxConcurrent, minGapMs: p.minGapMs, robotsViolations: p.robotsViolations, deadlineOverruns: p.deadlineOverruns, requests: p.requests },
    crashes: result.crashes,
    faults: result.faults,
    // Each injected AWS error is one failed attempt the SDK's retry strategy had to repeat.
    sdkRetriesProvoked: awsFaults.reduce((sum, type) => sum + (result.faults[type] ?? 0), 0),
    wallSeconds: result.wallSeconds,
    articlesPerSecond: result.articlesPerSecond,
    p50Ms: result.p50Ms,
    p99Ms: result.p99Ms,
    peakRssMb: Math.round(Math.max(0, ...Object.values(result.stats).map((s) => s.peakRssMb))),
    loadAverage: result.loadAverage,
  };
}

/** Every invariant that does not hold, one line each; empty when the run passed. */
export function problems(result: SuiteResult): string[] {
  const a = result.accounting;
  const f = figures(result);
  const out: string[] = [];
  if (result.lostOtherwise > 0) out.push(`lost ${result.lostOtherwise} expected URL(s), e.g. ${a.lostUrls.slice(0, 3).join(', ')}`);
  if (a.unexpected > 0) out.push(`unexpected: ${a.unexpected} record(s) or dead letter(s) for URLs no feed listed`);
  if (a.duplicated > 0) out.push(`duplicated: ${a.duplicated} URL(s) ended as more than one record or dead letter, e.g. ${a.duplicatedExamples.join('; ')}`);
  if (a.recordsWithoutRaw > 0) out.push(`${a.recordsWithoutRaw} record(s) without their raw copy`);
  if (a.rawMismatches > 0) out.push(`${a.rawMismatches} raw copies whose bytes do not hash to their record's key`);
  if (a.claimsInProgress > result.lostToKilledFeedRead) out.push(`${a.claimsInProgress} URL claim(s) left in progress`);
  if (result.dlqAfterRedrive.retryable > 0) out.push(`${result.dlqAfterRedrive.retryable} retryable dead letter(s) still in the DLQ after the redrive: ${JSON.stringify(result.dlqAfterRedrive.codes)}`);
  if (a.feedDeadLetters > 0) out.push(`${a.feedDeadLetters} feed job(s) dead-lettered`);
  if (f.politenessViolations > 0) out.push(`politeness: ${JSON.stringify(result.politeness)}`);
  if (a.stored + a.deadLettered + a.rejected + a.lost + a.duplicated !== a.expected) out.push('the figures do not add up to the expected count');
  for (const mismatch of result.faultOutcomeMismatches.slice(0, 5)) out.push(`fault outcome: ${mismatch}`);
  const silent = result.enabledFaults.filter((type) => !(result.faults[type] > 0));
  if (silent.length > 0) out.push(`fault types that never fired: ${silent.join(', ')}`);
  return out;
}

export function formatFigures(f: Figures, machine: string): string {
  const rows: [string, string | number][] = [
    ['articles expected', f.expected],
    ['stored', f.stored],
    ['dead-lettered', `${f.deadLettered} ${JSON.stringify(f.deadLetteredByReason)}`],
    ['rejected (deliberate)', `${f.rejected} ${JSON.stringify(f.rejectedByReason)}`],
    ['lost / unexpected / duplicated', `${f.lost} / ${f.unexpected} / ${f.duplicated}`],
    ['  of the lost: claimed by a killed fetch-feed (known bug)', f.lostToKilledFeedRead],
    ['records without raw copy / raw hash mismatches', `${f.recordsWithoutRaw} / ${f.rawMismatches}`],
    ['orphan raw objects', f.orphanRaw],
    ['claims left in progress', f.claimsInProgress],
    ['retryable dead letters redriven / left after', `${f.redriven} / ${f.dlqRetryableAfterRedrive}`],
    ['politeness violations', `${f.politenessViolations} (max ${f.politeness.maxConcurrent} in flight, min gap ${f.politeness.minGapMs} ms, ${f.politeness.requests} requests)`],
    ['worker crashes (SIGKILL, timeouts)', f.crashes],
    ['SDK retries provoked', f.sdkRetriesProvoked],
    ['SQS redeliveries (visibility expired mid-work, seen)', f.faults['visibility-expired-mid-work (seen)'] ?? 0],
    ['wall (main run)', `${f.wallSeconds} s`],
    ['articles/s', f.articlesPerSecond],
    ['enqueue -> record p50 / p99', `${f.p50Ms} / ${f.p99Ms} ms`],
    ['peak RSS of a worker', `${f.peakRssMb} MB`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  const faultRows = Object.entries(f.faults).sort(([a], [b]) => a.localeCompare(b)).map(([type, n]) => `  ${type.padEnd(width - 2)}  ${n}`);
  return [`machine: ${machine}`, ...rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`), 'faults injected (by type):', ...faultRows].join('\n');
}
