import type { FC } from 'hono/jsx';
import { queryString } from '../article-filters.ts';
import type { ArticleFilters } from '../article-filters.ts';
import type { StoryCopies } from './overview-page.tsx';
import { Time } from './parts.tsx';

export const StoriesPage: FC<{ stories: StoryCopies[]; pinned: ArticleFilters; next: string | null }> = ({ stories, pinned, next }) => (
  <>
    <p class="muted">Newest first; a story is an article and every syndicated copy of it.</p>
    {stories.length === 0 ? <p class="muted">No stories in the last 30 days.</p> : (
      <table class="list" data-list>
        <thead><tr><th scope="col">First published</th><th scope="col">Story</th><th scope="col">Copies</th><th scope="col">Sites</th></tr></thead>
        <tbody>
          {stories.map((story) => (
            <tr>
              <td><Time at={story.original.publishedAt ?? story.original.fetchedAt} /></td>
              <td><a href={`/articles/${encodeURIComponent(story.original.id)}`}>{story.original.title ?? '(untitled)'}</a></td>
              <td>{story.copies}</td>
              <td>{story.sites}</td>
            </tr>
          ))}
        </tbody>
      </table>
    )}
    <nav class="pager" aria-label="Pages">{next ? <a rel="next" href={`/stories${queryString({ ...pinned, cursor: next })}`}>Next page</a> : null}</nav>
  </>
);
