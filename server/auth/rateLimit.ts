/**
 * A sliding-window limit per key (the client's address), in memory: after `limit` failures
 * in any `windowMs`, further attempts are refused until the oldest failure leaves the
 * window. Used for sign-in and password changes: the lockout protects one name, this
 * limits guessing across many names from one address. Only failures count, so a whole
 * contact centre signing in through one NAT address at the start of a shift is not refused.
 */
import type { Clock } from './clock.ts';

export class RateLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly clock: Clock,
  ) {}

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  /** Null when an attempt may be made; else the seconds until one may. */
  wait(key: string): number | null {
    const now = this.clock().getTime();
    const list = this.recent(key, now);
    return list.length >= this.limit ? Math.max(1, Math.ceil((list[0]! + this.windowMs - now) / 1000)) : null;
  }

  /** Counts a failed attempt. */
  fail(key: string): void {
    const now = this.clock().getTime();
    const list = this.recent(key, now);
    list.push(now);
    this.failures.set(key, list);
    if (this.failures.size > 10_000) for (const k of [...this.failures.keys()]) this.recent(k, now);
  }
}
