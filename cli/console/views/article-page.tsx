import type { FC } from 'hono/jsx';
import type { ArticleRecord } from '../../../shared/store/records.ts';
import { OutLink, Time } from './parts.tsx';

const Names: FC<{ names: { name: string; count: number }[] }> = ({ names }) =>
  names.length === 0 ? <span class="muted">none</span> : <>{names.map((n) => `${n.name} (${n.count})`).join(', ')}</>;

export const ArticlePage: FC<{ record: ArticleRecord; copies: ArticleRecord[] }> = ({ record, copies }) => (
  <>
    <dl class="fields">
      <dt>Source</dt><dd>{record.source.name ? `${record.source.name} (${record.source.host})` : record.source.host}</dd>
      <dt>URL</dt><dd class="url"><OutLink url={record.url} /></dd>
      <dt>Published</dt><dd><Time at={record.publishedAt} /></dd>
      <dt>Modified</dt><dd><Time at={record.modifiedAt} /></dd>
      <dt>Fetched</dt><dd><Time at={record.fetchedAt} /></dd>
      <dt>Authors</dt><dd>{record.authors.length > 0 ? record.authors.join(', ') : <span class="muted">none</span>}</dd>
      <dt>Language</dt><dd>{record.language ?? <span class="muted">unknown</span>}</dd>
      <dt>Words</dt><dd>{record.wordCount}{record.textTruncated ? ' (text cut to fit the record; the raw copy is whole)' : ''}</dd>
      <dt>Raw copy</dt><dd><a href={`/articles/${encodeURIComponent(record.id)}/raw`}>the bytes as fetched</a> <span class="muted">(shown as plain text)</span></dd>
      <dt>Feed</dt><dd>{record.feed ? <OutLink url={record.feed.url} /> : <span class="muted">ingested by hand</span>}</dd>
      <dt>Story</dt><dd>{record.duplicateOf ? <>a copy of <a href={`/articles/${encodeURIComponent(record.duplicateOf)}`}>the original</a></> : 'the original'}</dd>
      <dt>Entities</dt>
      <dd>
        <p>People: <Names names={record.entities.people} /></p>
        <p>Places: <Names names={record.entities.places} /></p>
        <p>Organisations: <Names names={record.entities.organizations} /></p>
      </dd>
      <dt>Versions</dt><dd class="muted">{`extractor ${record.extractorVersion} · classifier ${record.classifierVersion}`}</dd>
    </dl>
    <div class="columns">
      <section aria-labelledby="topics">
        <h2 id="topics">Topics</h2>
        <table class="list">
          <thead><tr><th scope="col">Topic</th><th scope="col">Code</th><th scope="col">Score</th></tr></thead>
          <tbody>
            {record.topics.map((topic) => <tr><td><a href={`/articles?topic=${encodeURIComponent(topic.code)}`}>{topic.label}</a></td><td><code>{topic.code}</code></td><td>{topic.score.toFixed(2)}</td></tr>)}
            {record.customTopics.map((topic) => <tr><td><a href={`/articles?topic=${encodeURIComponent(topic.id)}`}>{topic.label}</a></td><td><code>{topic.id}</code> (custom)</td><td>{topic.score.toFixed(2)}</td></tr>)}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="copies">
        <h2 id="copies">Copies of this story ({copies.length})</h2>
        <table class="list" data-list>
          <thead><tr><th scope="col">Source</th><th scope="col">Published</th><th scope="col">Title</th></tr></thead>
          <tbody>
            {copies.map((copy) => (
              <tr>
                <td>{copy.source.host}</td>
                <td><Time at={copy.publishedAt ?? copy.fetchedAt} /></td>
                <td>{copy.id === record.id ? <strong>this article</strong> : <a href={`/articles/${encodeURIComponent(copy.id)}`}>{copy.title ?? '(untitled)'}</a>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
    <section aria-labelledby="text">
      <h2 id="text">Clean text</h2>
      <div class="text">{record.text.split(/\n{2,}/).map((paragraph) => <p>{paragraph}</p>)}</div>
    </section>
  </>
);
