// Progress of a long command (reprocess, ingest of many URLs, feeds sync, dlq redrive): count, rate and
// time left on one line of stderr, redrawn at most every REDRAW_MS. Nothing at all when stderr is not a
// terminal or the command prints JSON, so pipes and scripts see only the result on stdout.
//
//   const progress = startProgress('reprocessed', keys.length, { json: values.json });
//   for (const key of keys) { ...; progress.tick(); }
//   progress.done();

const REDRAW_MS = 200;

export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): boolean;
}

export interface ProgressOptions {
  /** The command prints JSON: no progress. */
  json?: boolean;
  stream?: ProgressStream;
  now?: () => number;
}

export interface Progress {
  tick(count?: number): void;
  /** A line that must not be overwritten (an error on one item), printed above the progress line. */
  note(line: string): void;
  done(): void;
}

export function startProgress(label: string, total: number, options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? Date.now;
  const shown = stream.isTTY === true && !options.json;
  const started = now();
  let count = 0;
  let drawnAt = -Infinity;
  const draw = () => {
    drawnAt = now();
    stream.write(`\r${progressLine(label, count, total, (drawnAt - started) / 1000)}\x1b[K`);
  };
  return {
    tick(n = 1) {
      count += n;
      if (shown && (now() - drawnAt >= REDRAW_MS || count >= total)) draw();
    },
    note(line) {
      if (!shown) {
        stream.write(`${line}\n`);
        return;
      }
      stream.write(`\r\x1b[K${line}\n`);
      draw();
    },
    done() {
      if (!shown) return;
      draw();
      stream.write('\n');
    },
  };
}

/** '120/500  34.1/s  ETA 11s' after `seconds`; no rate or ETA until there is one to show. */
export function progressLine(label: string, count: number, total: number, seconds: number): string {
  const rate = seconds > 0 ? count / seconds : 0;
  const parts = [`${label} ${count}/${total}`];
  if (rate > 0) {
    parts.push(`${rate >= 10 ? Math.round(rate) : rate.toFixed(1)}/s`);
    parts.push(count >= total ? `in ${duration(seconds)}` : `ETA ${duration((total - count) / rate)}`);
  }
  return parts.join('  ');
}

function duration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
