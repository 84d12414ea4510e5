/**
 * The one timer: started when made, reads the monotonic clock (performance.now, which does
 * not jump with the wall clock). `ms()` is the milliseconds since the start, `seconds()`
 * the same as text with one decimal ("12.3").
 */
export function stopwatch(): { ms: () => number; seconds: () => string } {
  const start = performance.now();
  const ms = () => performance.now() - start;
  return { ms, seconds: () => (ms() / 1000).toFixed(1) };
}

/**
 * A progress bar on the terminal: redrawn in place on a TTY, a line every 20% otherwise
 * (so CI logs stay short).
 */
export class ProgressBar {
  private lastStep = -1;
  private readonly tty = Boolean(process.stderr.isTTY);

  constructor(
    private readonly label: string,
    private readonly log: (line: string) => void,
  ) {}

  update(fraction: number): void {
    const f = Math.max(0, Math.min(1, fraction));
    if (this.tty) {
      const width = 30;
      const filled = Math.round(f * width);
      process.stderr.write(`\r${this.label.padEnd(11)} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(f * 100).toFixed(0).padStart(3)}%`);
      return;
    }
    const step = Math.floor(f * 5);
    if (step > this.lastStep) {
      this.lastStep = step;
      this.log(`${this.label} ${step * 20}%`);
    }
  }

  done(summary: string): void {
    if (this.tty) process.stderr.write('\r\x1b[K');
    this.log(`${this.label}: done, ${summary}`);
  }
}
