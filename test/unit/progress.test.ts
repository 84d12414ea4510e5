/** The one timer (server/progress.ts), read against a stubbed clock: no real timing. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stopwatch } from '../../server/progress.ts';
import { timeBest, timeOnce } from '../../scripts/bench/harness.ts';

afterEach(() => vi.restoreAllMocks());

/** performance.now() returns these values, one per call. */
const clock = (...values: number[]) => vi.spyOn(performance, 'now').mockImplementation(() => values.shift()!);

describe('stopwatch', () => {
  it('reads milliseconds since it was made, and seconds to one decimal', () => {
    clock(1_000, 1_250, 13_349); // started at 1,000 ms
    const t = stopwatch();
    expect(t.ms()).toBe(250); // 1,250 − 1,000
    expect(t.seconds()).toBe('12.3'); // (13,349 − 1,000) / 1,000 = 12.349
  });

  it('times one run, and the best of several after a warm-up', async () => {
    clock(0, 40);
    expect(await timeOnce(() => undefined)).toBe(40);
    // warm-up takes no clock reading; then three runs of 30, 10 and 20 ms → best 10
    clock(100, 130, 200, 210, 300, 320);
    expect(await timeBest(() => undefined, 3)).toBe(10);
  });
});
