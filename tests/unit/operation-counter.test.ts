import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OperationCounter, invocation, projected } from '../../bench/pipeline/operation-counter.ts';
import { ARTICLES_TABLE } from '../../shared/store/definitions.ts';
import { startLocalStateTable } from '../support/dynalite-table.ts';
import type { LocalTable } from '../support/dynalite-table.ts';

describe('the operation counter behind bench:counts', () => {
  let table: LocalTable;
  const counter = new OperationCounter();
  beforeAll(async () => {
    table = await startLocalStateTable();
    counter.attachDynamo(table.client);
  });
  afterAll(() => table.close());

  const get = (sk: string) => table.client.send(new GetCommand({ TableName: table.tableName, Key: { pk: 'P', sk } }));

  it('counts one round trip for requests an invocation sends side by side, one each for requests sent in turn', async () => {
    const scope = { inFlight: 0, roundTrips: 0 };
    await invocation.run(scope, async () => {
      await Promise.all(['a', 'b', 'c', 'd'].map(get));
      await get('e');
      await get('f');
    });
    expect(scope.roundTrips).toBe(3);
    expect(counter.reset().dynamo.requests.GetItem).toBe(6);
  });

  it('keeps the round trips of concurrent invocations apart', async () => {
    const [one, two] = [{ inFlight: 0, roundTrips: 0 }, { inFlight: 0, roundTrips: 0 }];
    await Promise.all([invocation.run(one, () => get('a')), invocation.run(two, async () => (await get('b'), await get('c')))]);
    expect([one.roundTrips, two.roundTrips]).toEqual([1, 2]);
    counter.reset();
  });

  it('counts a put in 1 KB units, and a keys-only index copy as its keys alone', async () => {
    const record = { pk: 'ART#x', sk: 'RECORD', gsi2pk: 'SRC#h', gsi2sk: 't#x', text: 'x'.repeat(3000) };
    expect(projected(ARTICLES_TABLE, ARTICLES_TABLE.indexes[1], record)).toEqual({ pk: 'ART#x', sk: 'RECORD', gsi2pk: 'SRC#h', gsi2sk: 't#x' });
    await table.client.send(new PutCommand({ TableName: table.tableName, Item: record }));
    // The state table has no index for these keys: 3 units for the 3 KB item alone.
    expect(counter.reset().dynamo.writeUnitsByItem).toEqual({ record: 3 });
  });
});
