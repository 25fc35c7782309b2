// Small pieces the pages share. Everything from the open web reaches the page as text or as an
// attribute value, which hono/jsx escapes; links are made only from http(s) URLs.
import type { Child, FC } from 'hono/jsx';
import type { ChartData } from '../overview.ts';

/** An http(s) URL, or null for anything else (javascript:, data:, relative, malformed). */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** A link to an outside page when the URL is http(s); otherwise the URL shown as text. */
export const OutLink: FC<{ url: string | null; children?: Child }> = ({ url, children }) => {
  const href = safeHref(url);
  return href ? (
    <a href={href} rel="noopener noreferrer nofollow" referrerpolicy="no-referrer">
      {children ?? url}
    </a>
  ) : (
    <span class="unlinked">{children ?? url ?? ''}</span>
  );
};

export const Time: FC<{ at: string | null | undefined }> = ({ at }) =>
  at ? <time datetime={at}>{at.slice(0, 16).replace('T', ' ')}</time> : <span class="muted">–</span>;

/** A chart drawn by /assets/console.js from the table under it, so the two cannot disagree. */
export const ChartFigure: FC<{ id: string; caption: string; chart: ChartData; csvHref: string; children?: Child }> = ({ id, caption, chart, csvHref, children }) => (
  <figure class="chart" data-chart={id} id={id}>
    <figcaption>
      {caption} <a href={csvHref}>CSV</a>
    </figcaption>
    {children}
    {chart.series.length === 0 ? <p class="muted">Nothing in this window.</p> : <div class="chart-canvas" aria-hidden="true"></div>}
    <div class="table-wrap" tabindex={0} role="region" aria-label={`${caption}: data`}>
      <table class="data">
        <caption class="visually-hidden">{`${caption}: data`}</caption>
        <thead>
          <tr>
            <th scope="col">period from</th>
            {chart.series.map((series) => <th scope="col">{series.name}</th>)}
          </tr>
        </thead>
        <tbody>
          {chart.labels.map((label, i) => (
            <tr>
              <th scope="row">{label}</th>
              {chart.series.map((series) => <td>{series.values[i]}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  </figure>
);

export const Notice: FC<{ kind: 'error' | 'done'; children?: Child }> = ({ kind, children }) => (
  <p class={`notice ${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
    {children}
  </p>
);
