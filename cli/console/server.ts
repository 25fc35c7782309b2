// The console over a target (local data folder, or the deployed stack with --aws), listening on
// 127.0.0.1 only.
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { deadLetters } from '../../shared/pipeline/dependencies.ts';
import { CursorCodec } from '../../shared/store/cursor.ts';
import { JobQueue } from '../../shared/store/job-queue.ts';
import { RawArchive } from '../../shared/store/raw-archive.ts';
import type { FeedJob } from '../../shared/store/jobs.ts';
import type { FeedState } from '../../shared/store/state-store.ts';
import { runFlow } from '../local/local-flow.ts';
import type { Target } from '../target.ts';
import { consoleApp } from './app.tsx';
import { rawLinks } from './raw-link.ts';
import type { ConsoleDeps } from './app.tsx';

export interface RunningConsole {
  url: string;
  close(): Promise<void>;
}

export async function consoleDeps(target: Target): Promise<ConsoleDeps> {
  const config = target.runtime();
  const raw = new RawArchive(target.aws.s3, config.rawBucket);
  return {
    articles: target.articles,
    state: target.state,
    cursors: new CursorCodec(await target.state.cursorKey()),
    // Locally the queue server answers a short poll exactly; SQS samples its servers, so a read there
    // long-polls (1 s) before it believes a queue is empty.
    deadLetters: deadLetters(config, target.aws, { moveTask: !target.local, waitSeconds: target.local ? 0 : 1 }),
    readRaw: (key) => raw.get(key),
    rawLink: target.local ? null : rawLinks(target.aws.s3, config.rawBucket),
    async retryFeed(feed: FeedState) {
      const job: FeedJob = { feedId: feed.id, url: feed.url };
      await new JobQueue(target.aws.sqs, config.feedQueueUrl).sendAll([job]);
      // A deployed stack's fetch-feed takes the job within seconds; locally nothing runs unless we run it.
      if (target.local) await runFlow(target.local);
    },
  };
}

export function listen(deps: ConsoleDeps, port: number): Promise<RunningConsole> {
  const app = consoleApp(deps);
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      resolve({
        url: `http://127.0.0.1:${info.port}/`,
        close: () => new Promise<void>((done, fail) => server.close((error) => (error ? fail(error) : done()))),
      });
    });
    server.once('error', reject);
  });
}
