// `syndic query`: the same query library as the HTTP API, printed as a table, JSON or NDJSON.
import { UsageError, parseSince } from '../args.ts';
import { TARGET_OPTIONS, defineCommand, timeValue, wholeNumber } from '../command.ts';
import { openTarget } from '../target.ts';
import { articleQuerySchema, queryArticles } from '../../shared/store/article-query.ts';
import type { ArticleQuery } from '../../shared/store/article-query.ts';
import { CursorCodec } from '../../shared/store/cursor.ts';
import type { ArticleRecord } from '../../shared/store/records.ts';
import { resolveTopicCode } from '../topic-names.ts';

const FORMATS = ['table', 'json', 'ndjson'] as const;
type Format = (typeof FORMATS)[number];

export const queryCommand = defineCommand({
  name: 'query',
  summary: 'Read stored articles, newest first, with the query library the HTTP API uses.',
  options: {
    id: { type: 'string', value: 'ID', description: 'one article by its id' },
    url: { type: 'string', value: 'URL', description: 'one article by its URL' },
    story: { type: 'string', value: 'ID', description: 'every stored copy of one story (a story or article id)' },
    topic: { type: 'string', value: 'T', description: 'IPTC code (medtop:04000000), IPTC label or custom topic' },
    source: { type: 'string', value: 'HOST', description: 'one source site, e.g. example.com' },
    language: { type: 'string', value: 'L', description: 'ISO 639 language code, e.g. en' },
    since: {
      type: 'string', value: 'D', default: '30d', defaultUnless: ['id', 'url', 'story'], check: timeValue,
      description: 'published from: 7d, 12h, 30m, 2w before now, or a date',
    },
    until: { type: 'string', value: 'D', check: timeValue, description: 'published until (as --since)' },
    limit: { type: 'string', value: 'N', default: '20', check: wholeNumber(1, 100), description: 'articles per page' },
    cursor: { type: 'string', value: 'C', description: 'the next page, as printed after a full page' },
    all: { type: 'boolean', description: 'every page, not just the first' },
    format: { type: 'string', value: 'F', default: 'table', choices: FORMATS, description: 'output format' },
    ...TARGET_OPTIONS,
  },
  notes: '--id, --url and --story name one article or story and take no other filter.',
  examples: [
    'syndic query --limit 5',
    'syndic query --topic politics --since 7d',
    'syndic query --story <id> --format json',
    'syndic query --aws --source example.com --all --format ndjson',
  ],
  async run({ values }) {
    const query: ArticleQuery = {
      id: values.id,
      url: values.url,
      story: values.story,
      topic: values.topic === undefined ? undefined : resolveTopicCode(values.topic),
      source: values.source,
      language: values.language,
      since: parseSince(values.since),
      until: parseSince(values.until),
      limit: Number(values.limit),
      cursor: values.cursor,
    };
    const checked = articleQuerySchema.safeParse(query);
    if (!checked.success) throw new UsageError(checked.error.issues.map((issue) => `${issue.path.length > 0 ? `--${issue.path.join('.')}: ` : ''}${issue.message}`).join('; '));
    const target = await openTarget(values);
    try {
      const cursors = new CursorCodec(await target.state.cursorKey());
      const records: ArticleRecord[] = [];
      let cursor: string | null = null;
      do {
        const page = await queryArticles(target.articles, { ...query, cursor: cursor ?? query.cursor }, cursors);
        records.push(...page.items);
        cursor = page.cursor;
      } while (values.all && cursor);
      print(records, values.format as Format, cursor);
      return 0;
    } finally {
      await target.close();
    }
  },
});

function print(records: ArticleRecord[], format: Format, cursor: string | null): void {
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
