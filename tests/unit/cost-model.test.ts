import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { costTable, parseCounts } from '../../bench/pipeline/cost-model.ts';

const counts = parseCounts(JSON.parse(readFileSync(new URL('../../bench/pipeline/counts.json', import.meta.url), 'utf8')));

describe('the cost model over the committed counts', () => {
  it('adds up its ingest lines to the ingest total, and scales with the number of articles', () => {
    const table = costTable(counts, 1_000_000);
    const ingest = table.lines.filter((l) => l.kind === 'ingest').reduce((sum, l) => sum + l.usdPerMonth, 0);
    expect(table.ingestUsdPerMonth).toBeCloseTo(ingest, 6);
    const double = costTable(counts, 2_000_000);
    const dynamo = (t: typeof table) => t.lines.find((l) => l.line.startsWith('DynamoDB writes'))!.usdPerMonth;
    expect(dynamo(double)).toBeCloseTo(2 * dynamo(table), 6);
  });

  it('prices the write units that were counted', () => {
    const table = costTable(counts, 1_000_000);
    const units = Object.values(counts.dynamodb.writeUnits).reduce((a, b) => a + b, 0);
    expect(table.lines.find((l) => l.line.startsWith('DynamoDB writes'))!.usdPerMonth).toBeCloseTo(units * 0.625, 6);
  });

  it('refuses a file of another format', () => {
    expect(() => parseCounts({ format: 99, articles: 1 })).toThrow(/format/);
    expect(() => parseCounts({ ...counts, articles: 0 })).toThrow(/no stored article/);
  });
});
