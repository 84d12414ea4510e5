import { stopwatch } from '../../server/progress.ts';

/** What a benchmark module gets: a place to record figures, printed as a table at the end. */
export interface Figure {
  area: string;
  name: string;
  value: number;
  unit: string;
  note?: string;
}

export interface Bench {
  /** Records one figure, e.g. `record('ingest CSV', 412_000, 'rows/s', '10M rows')`. */
  record(name: string, value: number, unit: string, note?: string): void;
  /** Folder for generated inputs (kept between runs so 10M-row files are made once). */
  workDir: string;
  /** Set by `npm run bench -- --quick`: smaller sizes for a smoke run. */
  quick: boolean;
}

/** Milliseconds taken by one run of `fn` (no warm-up). */
export async function timeOnce(fn: () => unknown): Promise<number> {
  const t = stopwatch();
  await fn();
  return t.ms();
}

/** Milliseconds taken by `fn`, best of `repeat` runs after one warm-up. */
export async function timeBest(fn: () => unknown, repeat = 5): Promise<number> {
  await fn();
  let best = Infinity;
  for (let i = 0; i < repeat; i++) best = Math.min(best, await timeOnce(fn));
  return best;
}
