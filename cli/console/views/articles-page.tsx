import type { FC } from 'hono/jsx';
import type { ArticleRecord } from '../../../shared/store/records.ts';
import { queryString } from '../article-filters.ts';
import type { ArticleFilters } from '../article-filters.ts';
import { Notice, Time } from './parts.tsx';

export interface TopicChoice {
  value: string;
  label: string;
}

export interface ArticlesView {
  filters: ArticleFilters;
  /** The page size asked for in the URL (`limit`, as in `syndic query --limit`). */
  limit: string | undefined;
  pinned: ArticleFilters | null;
  items: ArticleRecord[];
  next: string | null;
  /** Whether this page came from a cursor (so a link back to the first page makes sense). */
  paged: boolean;
  error: string | null;
  topics: TopicChoice[];
}

export const ArticleRows: FC<{ items: ArticleRecord[] }> = ({ items }) => (
  <table class="list" data-list id="results">
    <thead>
      <tr><th scope="col">Published</th><th scope="col">Title</th><th scope="col">Source</th><th scope="col">Topic</th><th scope="col">Lang</th></tr>
    </thead>
    <tbody>
      {items.map((record) => (
        <tr>
          <td><Time at={record.publishedAt ?? record.fetchedAt} /></td>
          <td>
            <a href={`/articles/${encodeURIComponent(record.id)}`}>{record.title ?? '(untitled)'}</a>
            {record.duplicateOf ? <span class="tag">copy</span> : null}
          </td>
          <td>{record.source.host}</td>
          <td>{record.topics[0]?.label ?? ''}</td>
          <td>{record.language ?? ''}</td>
        </tr>
      ))}
    </tbody>
  </table>
);

export const ArticlesPage: FC<{ view: ArticlesView }> = ({ view }) => {
  const f = view.filters;
  const exportQuery = queryString(view.pinned ?? f);
  return (
    <>
      <form class="filters" method="get" action="/articles" role="search" aria-label="Filter articles">
        <label>Topic
          <select name="topic" data-filter>
            <option value="">any</option>
            {view.topics.map((topic) => <option value={topic.value} selected={f.topic === topic.value}>{topic.label}</option>)}
          </select>
        </label>
        <label>Source <input name="source" value={f.source ?? ''} placeholder="example.com" size={18} /></label>
        <label>Language <input name="language" value={f.language ?? ''} placeholder="en" size={4} /></label>
        <label>Since <input name="since" value={f.since ?? ''} placeholder="30d or 2026-11-01" size={12} /></label>
        <label>Until <input name="until" value={f.until ?? ''} placeholder="now" size={12} /></label>
        {view.limit ? <input type="hidden" name="limit" value={view.limit} /> : null}
        <button type="submit">Filter</button>
      </form>
      {view.error ? <Notice kind="error">{view.error}</Notice> : null}
      <p class="actions">
        Export this query: <a href={`/articles.csv${exportQuery}`}>CSV</a> · <a href={`/articles.ndjson${exportQuery}`}>NDJSON</a>
        <span class="muted"> · the same filters as <code>{`syndic query${Object.entries(f).map(([k, v]) => ` --${k} ${v}`).join('')}`}</code></span>
      </p>
      {view.items.length === 0 && !view.error ? <p class="muted">No articles match.</p> : <ArticleRows items={view.items} />}
      <nav class="pager" aria-label="Pages">
        {view.paged ? <a href={`/articles${queryString({ ...f, limit: view.limit })}`}>First page</a> : null}
        {view.next ? <a rel="next" href={`/articles${queryString({ ...view.pinned, limit: view.limit, cursor: view.next })}`}>Next page</a> : null}
      </nav>
    </>
  );
};
