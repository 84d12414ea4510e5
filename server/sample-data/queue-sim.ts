/**
 * First-come-first-served multi-server queue with impatient callers and a number of
 * servers that changes over time. Exact for FCFS: customers start service in arrival
 * order, so each one takes the server that frees first (Kiefer–Wolfowitz workload
 * recursion); a caller whose wait would exceed their patience leaves at arrival + patience
 * and takes no server, which changes nothing for the callers behind them.
 *
 * Staffing changes are applied lazily when the clock reaches them: added servers become
 * free at the change time; a removed server is the one that frees first (an agent who
 * logs off finishes the contact in hand). Because service starts never go backwards,
 * applying a change once a start would reach it is the same as applying it in real time.
 *
 * Pure: arrays in, arrays out. O(n log s) for n customers and s servers.
 */

export interface StaffStep {
  /** Epoch seconds from which `servers` are on. */
  at: number;
  servers: number;
}

export interface SimInput {
  /** Arrival times, non-decreasing. */
  arrival: ArrayLike<number>;
  patience: ArrayLike<number>;
  /** Time a server is busy with the customer. */
  service: ArrayLike<number>;
}

export interface SimResult {
  /** Service start, or NaN when the customer abandoned. */
  start: Float64Array;
  /** Server slot that served the customer (−1 for an abandon); slots are reused lowest first. */
  slot: Int32Array;
}

/** Min-heap of (free time, slot), ties broken by slot for determinism. */
class ServerHeap {
  t: number[] = [];
  s: number[] = [];
  get size(): number {
    return this.t.length;
  }
  private less(i: number, j: number): boolean {
    return this.t[i]! < this.t[j]! || (this.t[i] === this.t[j] && this.s[i]! < this.s[j]!);
  }
  private swap(i: number, j: number): void {
    [this.t[i], this.t[j]] = [this.t[j]!, this.t[i]!];
    [this.s[i], this.s[j]] = [this.s[j]!, this.s[i]!];
  }
  push(t: number, s: number): void {
    this.t.push(t);
    this.s.push(s);
    let i = this.t.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }
  pop(): { t: number; s: number } {
    const top = { t: this.t[0]!, s: this.s[0]! };
    const lt = this.t.pop()!;
    const ls = this.s.pop()!;
    if (this.t.length > 0) {
      this.t[0] = lt;
      this.s[0] = ls;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < this.t.length && this.less(l, m)) m = l;
        if (r < this.t.length && this.less(r, m)) m = r;
        if (m === i) break;
        this.swap(i, m);
        i = m;
      }
    }
    return top;
  }
}

export function simulateQueue(input: SimInput, steps: readonly StaffStep[]): SimResult {
  const n = input.arrival.length;
  const start = new Float64Array(n);
  const slot = new Int32Array(n);
  const heap = new ServerHeap();
  const freeSlots: number[] = []; // slots not on shift, kept sorted descending so pop() gives the lowest
  let nextSlot = 0;
  let si = 0;

  const apply = (step: StaffStep) => {
    while (heap.size < step.servers) {
      const id = freeSlots.length > 0 ? freeSlots.pop()! : nextSlot++;
      heap.push(step.at, id);
    }
    while (heap.size > step.servers) {
      const { s } = heap.pop();
      let k = freeSlots.length;
      freeSlots.push(s);
      while (k > 0 && freeSlots[k - 1]! < s) {
        freeSlots[k] = freeSlots[k - 1]!;
        k--;
      }
      freeSlots[k] = s;
    }
  };

  let prev = -Infinity;
  for (let k = 0; k < n; k++) {
    const a = input.arrival[k]!;
    if (!(a >= prev)) throw new Error(`invalid arrival: ${a} at ${k} is before the previous one`);
    prev = a;
    while (si < steps.length && steps[si]!.at <= a) apply(steps[si++]!);
    let candidate = heap.size > 0 ? Math.max(a, heap.t[0]!) : Infinity;
    while (si < steps.length && steps[si]!.at <= candidate) {
      apply(steps[si++]!);
      candidate = heap.size > 0 ? Math.max(a, heap.t[0]!) : Infinity;
    }
    if (candidate - a > input.patience[k]!) {
      start[k] = NaN;
      slot[k] = -1;
    } else {
      const { s } = heap.pop();
      start[k] = candidate;
      slot[k] = s;
      heap.push(candidate + input.service[k]!, s);
    }
  }
  return { start, slot };
}
