// Counters the store keeps as it writes records, so that "how many per day, per topic" and "how many
// copies has this story" are a BatchGet of a few small items instead of reading thousands of records.
//
// Two kinds of item, both in the articles table, both outside every index (no gsi attributes, so no
// index copies), both well under 1 KB, so each counted article costs exactly one write unit:
// - a day item per UTC day of the listing time (sortTime), for stories' originals, which the timeline
//   lists: `total`, one counter per hour (`h00`..`h23`) and one per primary IPTC topic (`t:<code>`);
// - a story item per story that has copies, for each copy: `copies` and the set of the copies' `sites`
//   (hosts; about 30 bytes each, so a story copied by more than about 30 sites costs 2 units a copy).
// A record is counted once, when it is first stored (ArticleStore.put returns 'created'); a replacement
// by a newer build is not counted again and keeps its first topic. A crash between the record's write
// and its count leaves it uncounted (never counted twice): the counters are a view, not the listing.
import { BatchGetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { BatchGetCommandOutput, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ArticleRecord } from './records.ts';
import { sortTime } from './records.ts';

const COUNT_SK = 'COUNT';
export const dayCountPk = (day: string) => `COUNT#DAY#${day}`;
export const storyCountPk = (storyId: string) => `COUNT#STORY#${storyId}`;
/** The topic counter of a record without a topic. */
export const NO_TOPIC = 'none';

export interface DayCount {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  total: number;
  /** 24 counters, by UTC hour. */
  hours: number[];
  /** By primary IPTC topic code (NO_TOPIC for none). */
  topics: Record<string, number>;
}

export interface StoryCount {
  storyId: string;
  copies: number;
  /** Hosts of the copies (the original's host is not in it). */
  sites: string[];
}

export class ArticleCounts {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** One UpdateItem: the day item for an original, its story's item for a copy. */
  async count(record: ArticleRecord): Promise<void> {
    if (record.duplicateOf) {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: storyCountPk(record.storyId), sk: COUNT_SK },
          UpdateExpression: 'ADD copies :one, sites :site',
          ExpressionAttributeValues: { ':one': 1, ':site': new Set([record.source.host]) },
        }),
      );
      return;
    }
    const at = sortTime(record);
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: dayCountPk(at.slice(0, 10)), sk: COUNT_SK },
        UpdateExpression: 'ADD #total :one, #hour :one, #topic :one',
        ExpressionAttributeNames: { '#total': 'total', '#hour': `h${at.slice(11, 13)}`, '#topic': `t:${record.topics[0]?.code ?? NO_TOPIC}` },
        ExpressionAttributeValues: { ':one': 1 },
      }),
    );
  }

  /** The given days, in their order; a day nothing was counted on reads as zeros. */
  async days(days: string[]): Promise<DayCount[]> {
    const items = await this.getAll(days.map(dayCountPk));
    return days.map((day) => {
      const item = items.get(dayCountPk(day)) ?? {};
      const topics: Record<string, number> = {};
      for (const [name, value] of Object.entries(item)) if (name.startsWith('t:')) topics[name.slice(2)] = Number(value);
      return { day, total: Number(item.total ?? 0), hours: Array.from({ length: 24 }, (_, h) => Number(item[`h${String(h).padStart(2, '0')}`] ?? 0)), topics };
    });
  }

  /** The given stories, in their order; a story without copies reads as none. */
  async stories(storyIds: string[]): Promise<StoryCount[]> {
    const items = await this.getAll(storyIds.map(storyCountPk));
    return storyIds.map((storyId) => {
      const item = items.get(storyCountPk(storyId));
      return { storyId, copies: Number(item?.copies ?? 0), sites: item?.sites instanceof Set ? [...(item.sites as Set<string>)].sort() : [] };
    });
  }

  private async getAll(pks: string[]): Promise<Map<string, Record<string, unknown>>> {
    const found = new Map<string, Record<string, unknown>>();
    const unique = [...new Set(pks)];
    for (let i = 0; i < unique.length; i += 100) {
      let keys: Record<string, unknown>[] | undefined = unique.slice(i, i + 100).map((pk) => ({ pk, sk: COUNT_SK }));
      while (keys && keys.length > 0) {
        const out: BatchGetCommandOutput = await this.client.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys } } }));
        for (const item of out.Responses?.[this.tableName] ?? []) found.set(String(item.pk), item);
        keys = out.UnprocessedKeys?.[this.tableName]?.Keys;
      }
    }
    return found;
  }
}
