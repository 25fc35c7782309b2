// The frame of every page: navigation, the failing/paused feeds badge, and the console's own scripts
// (served from /assets; the Content-Security-Policy allows no other script).
import type { Child, FC } from 'hono/jsx';

export interface FeedBadge {
  failing: number;
  paused: number;
}

export type Section = 'overview' | 'articles' | 'stories' | 'feeds' | 'dead-letters';

const NAV: [Section, string, string][] = [
  ['overview', '/', 'Overview'],
  ['articles', '/articles', 'Articles'],
  ['stories', '/stories', 'Stories'],
  ['feeds', '/feeds', 'Feeds'],
  ['dead-letters', '/dead-letters', 'Dead letters'],
];

export const Layout: FC<{ title: string; section: Section; badge: FeedBadge; charts?: boolean; children?: Child }> = ({ title, section, badge, charts, children }) => (
  <html lang="en">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{`${title} · syndic`}</title>
      <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
      <link rel="stylesheet" href="/assets/console.css" />
      {charts ? <script src="/assets/chart.umd.min.js" defer></script> : null}
      <script src="/assets/console.js" defer></script>
    </head>
    <body>
      <a class="skip" href="#main">Skip to content</a>
      <header class="top">
        <span class="brand">syndic</span>
        <nav aria-label="Sections">
          <ul>
            {NAV.map(([id, href, label]) => (
              <li>
                <a href={href} aria-current={id === section ? 'page' : undefined}>{label}</a>
              </li>
            ))}
          </ul>
        </nav>
        <a class={badge.failing + badge.paused > 0 ? 'badge alert' : 'badge'} href="/feeds" id="feed-badge">
          {`${badge.failing} failing · ${badge.paused} paused`}
        </a>
      </header>
      <main id="main">
        <h1>{title}</h1>
        {children}
      </main>
    </body>
  </html>
);
