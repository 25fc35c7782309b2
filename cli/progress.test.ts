import { describe, expect, it } from 'vitest';
import { progressLine, startProgress } from './progress.ts';

function stream(isTTY: boolean) {
  const written: string[] = [];
  return { isTTY, written, write: (text: string) => written.push(text) > 0 };
}

describe('progress', () => {
  it('shows count, rate and time left', () => {
    expect(progressLine('reprocessed', 0, 500, 0)).toBe('reprocessed 0/500');
    expect(progressLine('reprocessed', 120, 500, 4)).toBe('reprocessed 120/500  30/s  ETA 13s');
    expect(progressLine('reprocessed', 3, 500, 2)).toBe('reprocessed 3/500  1.5/s  ETA 5m 31s');
    expect(progressLine('reprocessed', 500, 500, 20)).toBe('reprocessed 500/500  25/s  in 20s');
  });

  it('redraws one line of a terminal, at most every 200 ms, and ends it', () => {
    const out = stream(true);
    let now = 0;
    const progress = startProgress('fetched', 4, { stream: out, now: () => now });
    now = 1000;
    progress.tick();
    now = 1100;
    progress.tick(); // too soon: not drawn
    now = 2000;
    progress.note('already ingested: x');
    progress.tick(); // drawn just now by the note: not drawn
    progress.tick(); // the last one is always drawn
    progress.done();
    expect(out.written).toEqual([
      '\rfetched 1/4  1.0/s  ETA 3s\x1b[K',
      '\r\x1b[Kalready ingested: x\n',
      '\rfetched 2/4  1.0/s  ETA 2s\x1b[K',
      '\rfetched 4/4  2.0/s  in 2s\x1b[K',
      '\rfetched 4/4  2.0/s  in 2s\x1b[K',
      '\n',
    ]);
  });

  it('is silent when not on a terminal, or with --json, except for notes', () => {
    for (const [out, json] of [[stream(false), false], [stream(true), true]] as const) {
      const progress = startProgress('fetched', 2, { stream: out, json });
      progress.tick();
      progress.note('already ingested: x');
      progress.tick();
      progress.done();
      expect(out.written).toEqual(['already ingested: x\n']);
    }
  });
});
