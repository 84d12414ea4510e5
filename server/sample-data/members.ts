/**
 * Who is calling. Members who were not helped come back: an unresolved answer, an abandon
 * or an IVR session that did not settle it leaves a pending callback due some time later.
 * Each new arrival in the member's queue (on whatever channel the arrival stream says, so
 * some repeats switch channel) takes the oldest callback that is due; otherwise it is a
 * member drawn at random from the queue's population. The arrival process itself is never
 * changed, so the expected rates stay exact and repeat-contact FCR emerges from behaviour.
 */
import type { Reason } from './model.ts';

export interface Callback {
  due: number; // epoch seconds
  member: number;
  reason: Reason;
}

/** Min-heap of pending callbacks by due time (ties by insertion order). */
export class CallbackPool {
  private items: (Callback & { seq: number })[] = [];
  private seq = 0;

  get size(): number {
    return this.items.length;
  }

  add(cb: Callback): void {
    const item = cb as Callback & { seq: number };
    item.seq = this.seq++;
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(a[i]!, a[p]!)) break;
      [a[i], a[p]] = [a[p]!, a[i]!];
      i = p;
    }
  }

  /**
   * The oldest callback due at `now`, removed from the pool, or null (the pool takes
   * ownership of the objects it is given and hands the same objects back). Callbacks more than
   * `expirySeconds` past due are dropped on the way (the member gave up).
   */
  takeDue(now: number, expirySeconds: number): Callback | null {
    while (this.items.length > 0) {
      const top = this.items[0]!;
      if (top.due > now) return null;
      this.popTop();
      if (now - top.due <= expirySeconds) return top;
    }
    return null;
  }

  private less(x: { due: number; seq: number }, y: { due: number; seq: number }): boolean {
    return x.due < y.due || (x.due === y.due && x.seq < y.seq);
  }

  private popTop(): void {
    const a = this.items;
    const last = a.pop()!;
    if (a.length === 0) return;
    a[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < a.length && this.less(a[l]!, a[m]!)) m = l;
      if (r < a.length && this.less(a[r]!, a[m]!)) m = r;
      if (m === i) break;
      [a[i], a[m]] = [a[m]!, a[i]!];
      i = m;
    }
  }
}

/** `M` + 8 digits, e.g. `M10412345`. */
export function memberId(n: number): string {
  return 'M' + String(n).padStart(8, '0');
}

/**
 * A stable pseudo-random number in [0, 1) for a member, so the same member always has the
 * same plan and state without storing anything per member.
 */
export function memberHash(member: number, salt: number): number {
  let h = Math.imul(member ^ salt, 0x9e3779b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}
