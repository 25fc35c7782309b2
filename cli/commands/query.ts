// `syndic query`: the same query library as the HTTP API, printed as a table, JSON or NDJSON.
import { UsageError, parse, parseSince } from '../args.ts';
import { openTarget } from '../target.ts';
import { queryArticles } from '../../shared/store/article-query.ts';
import type { ArticleQuery } from '../../shared/store/article-query.ts';
import { CursorCodec } from '../../shared/store/cursor.ts';
import type { ArticleRecord } from '../../shared/store/records.ts';
import { resolveTopicCode } from '../topic-names.ts';

const FORMATS = ['table', 'json', 'ndjson'] as const;

export async function queryCommand(args: string[]): Promise<number> {
  const { values } = parse(args, {
    id: { type: 'string' },
    url: { type: 'string' },
    story: { type: 'string' },
    topic: { type: 'string' },
    source: { type: 'string' },
    language: { type: 'string' },
    since: { type: 'string', default: '30d' },
    until: { type: 'string' },
    limit: { type: 'string', default: '20' },
    cursor: { type: 'string' },
    all: { type: 'boolean', default: false },
    format: { type: 'string', default: 'table' },
    aws: { type: 'boolean', default: false },
    profile: { type: 'string', default: 'local' },
  }, false);
  const format = values.format as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new UsageError('--limit must be a whole number from 1 to 100');

  const query: ArticleQuery = {
    id: values.id,
    url: values.url,
    story: values.story,
    topic: values.topic === undefined ? undefined : resolveTopicCode(values.topic),
    source: values.source,
    language: values.language,
    since: parseSince(values.since),
    until: parseSince(values.until),
    limit,
    cursor: values.cursor,
  };
  const target = await openTarget({ aws: values.aws, profile: values.profile });
  try {
    const cursors = new CursorCodec(await target.state.cursorKey());
    const records: ArticleRecord[] = [];
    let cursor: string | null = null;
    do {
      const page = await queryArticles(target.articles, { ...query, cursor: cursor ?? query.cursor }, cursors);
      records.push(...page.items);
      cursor = page.cursor;
    } while (values.all && cursor);
    print(records, format, cursor);
    return 0;
  } finally {
    await target.close();
  }
}

function print(records: ArticleRecord[], format: (typeof FORMATS)[number], cursor: string | null): void {
  if (format === 'ndjson') {
    for (const record of records) console.log(JSON.stringify(record));
    return;
  }
  if (format === 'json') {
    console.log(JSON.stringify({ items: records, cursor }, null, 2));
    return;
  }
  if (records.length === 0) {
    console.log('no articles match');
    return;
  }
  const rows = records.map((r) => [
    (r.publishedAt ?? r.fetchedAt).slice(0, 16).replace('T', ' '),
    r.source.host,
    r.topics[0]?.label ?? '-',
    (r.duplicateOf ? '(copy) ' : '') + (r.title ?? '(untitled)'),
  ]);
  const widths = [16, Math.min(28, Math.max(...rows.map((row) => row[1].length))), Math.min(30, Math.max(...rows.map((row) => row[2].length)))];
  for (const row of rows) {
    console.log([row[0].padEnd(widths[0]), row[1].slice(0, widths[1]).padEnd(widths[1]), row[2].slice(0, widths[2]).padEnd(widths[2]), row[3]].join('  '));
  }
  if (cursor) console.log(`more: --cursor ${cursor}`);
}
