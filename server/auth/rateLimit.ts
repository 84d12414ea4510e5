/**
 * A sliding-window limit per key (the client's address), in memory: at most `limit` hits in
 * any `windowMs`. Used for sign-in and password changes, so one address cannot try
 * passwords faster than that across many user names (the lockout covers one name).
 */
import type { Clock } from './clock.ts';

export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly clock: Clock,
  ) {}

  /** Counts a hit; null when allowed, else the seconds until the next one would be. */
  hit(key: string): number | null {
    const now = this.clock().getTime();
    const recent = (this.hits.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (recent.length >= this.limit) {
      this.hits.set(key, recent);
      return Math.max(1, Math.ceil((recent[0]! + this.windowMs - now) / 1000));
    }
    recent.push(now);
    this.hits.set(key, recent);
    if (this.hits.size > 10_000) this.sweep(now);
    return null;
  }

  private sweep(now: number): void {
    for (const [k, v] of this.hits) if (v.every((t) => t <= now - this.windowMs)) this.hits.delete(k);
  }
}
