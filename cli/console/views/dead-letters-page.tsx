import type { FC } from 'hono/jsx';
import type { DeadLetterEntry } from '../../../shared/store/dead-letters.ts';
import type { ReasonCount } from '../overview.ts';
import { Notice, OutLink, Time } from './parts.tsx';

const Redrive: FC<{ csrf: string; errorCode?: string; label: string }> = ({ csrf, errorCode, label }) => (
  <form method="post" action="/dead-letters/redrive" class="inline">
    <input type="hidden" name="csrf" value={csrf} />
    {errorCode ? <input type="hidden" name="errorCode" value={errorCode} /> : null}
    <button type="submit">{label}</button>
  </form>
);

export const DeadLettersPage: FC<{ letters: DeadLetterEntry[]; reasons: ReasonCount[]; csrf: string; done: string | null }> = ({ letters, reasons, csrf, done }) => (
  <>
    {done ? <Notice kind="done">{done}</Notice> : null}
    <p class="muted">Feed and article jobs that failed for good, with the reason. Redriving sends them back to their queue.</p>
    {reasons.length === 0 ? <p class="muted">The dead-letter queues are empty.</p> : (
      <>
        <section aria-labelledby="by-reason">
          <h2 id="by-reason">By reason</h2>
          <table class="list">
            <thead><tr><th scope="col">Code</th><th scope="col">Reason (latest)</th><th scope="col">Letters</th><th scope="col">Newest</th><th scope="col">Redrive</th></tr></thead>
            <tbody>
              {reasons.map((group) => (
                <tr>
                  <td><code>{group.errorCode}</code></td><td class="error">{group.reason}</td><td>{group.count}</td><td><Time at={group.newest} /></td>
                  <td><Redrive csrf={csrf} errorCode={group.errorCode} label={`Redrive ${group.count}`} /></td>
                </tr>
              ))}
            </tbody>
          </table>
          <Redrive csrf={csrf} label="Redrive all" />
        </section>
        <section aria-labelledby="letters">
          <h2 id="letters">Letters</h2>
          <table class="list" data-list>
            <thead><tr><th scope="col">Dead-lettered</th><th scope="col">Queue</th><th scope="col">URL</th><th scope="col">Code</th><th scope="col">Attempts</th><th scope="col">First failure</th></tr></thead>
            <tbody>
              {letters.map((letter) => (
                <tr><td><Time at={letter.lastFailureAt} /></td><td>{letter.queue}</td><td class="url"><OutLink url={letter.url} /></td><td><code>{letter.errorCode}</code></td><td>{letter.attempts}</td><td><Time at={letter.firstFailureAt} /></td></tr>
              ))}
            </tbody>
          </table>
        </section>
      </>
    )}
  </>
);
