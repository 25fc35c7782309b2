import type { FC } from 'hono/jsx';
import type { ArticleRecord } from '../../../shared/store/records.ts';
import type { Bucket, ChartData, ReasonCount } from '../overview.ts';
import { ChartFigure, Time } from './parts.tsx';

export interface StoryCopies {
  original: ArticleRecord;
  copies: number;
  sites: number;
}

export interface OverviewView {
  last24h: number;
  last7d: number;
  topStories: StoryCopies[];
  reasons: ReasonCount[];
  failing: number;
  paused: number;
  bucket: Bucket;
  perTopic: ChartData;
  perReason: ChartData;
}

export const OverviewPage: FC<{ view: OverviewView }> = ({ view }) => {
  const other: Bucket = view.bucket === 'day' ? 'week' : 'day';
  return (
    <>
      <section aria-labelledby="numbers" class="cards">
        <h2 id="numbers" class="visually-hidden">Numbers</h2>
        <a class="card" href="/articles?since=24h"><span class="big">{view.last24h}</span> articles in the last 24 h</a>
        <a class="card" href="/articles?since=7d"><span class="big">{view.last7d}</span> articles in the last 7 days</a>
        <a class="card" href="/feeds"><span class="big">{view.failing}</span> failing feeds, {view.paused} paused</a>
        <a class="card" href="/dead-letters"><span class="big">{view.reasons.reduce((sum, r) => sum + r.count, 0)}</span> dead letters</a>
      </section>
      <p class="toggle">
        Per {view.bucket}. <a href={`/?bucket=${other}`}>Show per {other}</a>
      </p>
      <div class="charts">
        <ChartFigure id="articles-per-topic" caption={`Articles per ${view.bucket} by topic`} chart={view.perTopic} csvHref={`/charts/articles-per-topic.csv?bucket=${view.bucket}`} />
        <ChartFigure id="failures-per-reason" caption={`Dead letters per ${view.bucket} by reason`} chart={view.perReason} csvHref={`/charts/failures-per-reason.csv?bucket=${view.bucket}`} />
      </div>
      <div class="columns">
        <section aria-labelledby="top-stories">
          <h2 id="top-stories">Stories with the most copies (last 7 days)</h2>
          {view.topStories.length === 0 ? (
            <p class="muted">No story has been picked up by another site yet.</p>
          ) : (
            <table class="list" data-list>
              <thead><tr><th scope="col">Story</th><th scope="col">Copies</th><th scope="col">Sites</th><th scope="col">First seen</th></tr></thead>
              <tbody>
                {view.topStories.map((story) => (
                  <tr>
                    <td><a href={`/articles/${encodeURIComponent(story.original.id)}`}>{story.original.title ?? '(untitled)'}</a></td>
                    <td>{story.copies}</td>
                    <td>{story.sites}</td>
                    <td><Time at={story.original.publishedAt ?? story.original.fetchedAt} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section aria-labelledby="reasons">
          <h2 id="reasons">Dead letters by reason</h2>
          {view.reasons.length === 0 ? (
            <p class="muted">The dead-letter queue is empty.</p>
          ) : (
            <table class="list">
              <thead><tr><th scope="col">Reason</th><th scope="col">Letters</th><th scope="col">Newest</th></tr></thead>
              <tbody>
                {view.reasons.map((group) => (
                  <tr><td><code>{group.errorCode}</code> {group.reason}</td><td>{group.count}</td><td><Time at={group.newest} /></td></tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
    </>
  );
};
