/**
 * A seeded discrete-event simulation of a multi-agent queue, to check the Erlang formulas
 * where their assumptions hold and to show what they miss where they do not (lognormal
 * handle times, interval-to-interval carry-over, staffing that changes at the boundaries).
 *
 * The model: intervals of equal length, each with its Poisson arrival rate (calls / length),
 * its AHT and its number of agents. Arrivals are generated one at a time (piecewise-constant
 * rate: an exponential gap that crosses a boundary restarts at the boundary with the next
 * rate, which is exact by memorylessness). First come, first served. Handle times are
 * exponential or lognormal with the given mean and coefficient of variation. Each caller has
 * an exponential patience (or none) and abandons when it runs out before an agent is free.
 * The queue carries over from one interval to the next; a contact counts in the interval it
 * arrived in, like the KPI engine's `offered_at`. When staffing drops at a boundary, busy
 * agents finish their contact first. After the last interval no more calls arrive and its
 * staffing stays until everyone waiting is answered or has abandoned.
 *
 * Implementation: the only events are the next arrival, the next completion (a binary heap of
 * end times in a Float64Array) and the next boundary. Abandonment needs no event: FCFS means
 * a caller whose patience ran out before reaching the head is simply skipped (and recorded
 * with its exact abandonment time) when an agent next takes from the queue. No allocation per
 * event: the queue is a growable ring of typed arrays.
 *
 * Replications are independent runs from one seeded stream; each metric is reported as the
 * mean over replications with a Student-t confidence interval (default 99%).
 *
 * Start: by default (`start: 'steady'`) each replication first runs a warm-up at the first
 * interval's load — calls, agents and AHT — for at least 20 mean handle times (whole
 * intervals), left out of every figure, so the given intervals begin with the queue and busy
 * agents of a centre already running: a steady load then reproduces the stationary Erlang
 * figures. `start: 'empty'` begins with nobody waiting or busy (a transient: the first
 * interval is served better than in steady state), e.g. a day that opens empty. A first
 * interval with no steady state (offered load ≥ agents and nobody abandons) starts empty,
 * with a note.
 */
import { mean, sampleStandardDeviation } from 'simple-statistics';
import { InputError } from './inputError.ts';
import { exponential, normalSampler, type Rng } from './random.ts';
import { SL_VARIANTS, type SlVariant } from './staffing.ts';

export interface SimInterval {
  /** Expected arrivals in the interval (the Poisson mean; may be fractional). */
  calls: number;
  /** Agents available during the interval. */
  agents: number;
  /** Mean handle time in seconds for contacts arriving in this interval (default: options.aht). */
  aht?: number;
}

export type HandleDistribution = 'exponential' | 'lognormal';

export interface SimOptions {
  intervalMinutes: number;
  /** Mean handle time, seconds. */
  aht: number;
  /** Default exponential (what Erlang assumes). */
  handle?: HandleDistribution;
  /** Coefficient of variation of lognormal handle times (default 1). */
  handleCv?: number;
  /** Mean patience in seconds; omitted: nobody abandons. */
  patience?: number;
  /** Service-level threshold T, seconds. */
  answerWithin: number;
  /** Short-abandon threshold, seconds (default 0). */
  shortAbandon?: number;
  slVariant?: SlVariant;
  /** Default 30. */
  replications?: number;
  /** Leading intervals left out of the statistics (the system starts empty). Default 0. */
  warmupIntervals?: number;
  /** Two-sided confidence level of the intervals (default 0.99). */
  confidence?: number;
  /** 'steady' (default): warm up at the first interval's load first; 'empty': start with nobody waiting or busy. */
  start?: SimStart;
}

export type SimStart = 'steady' | 'empty';
export const SIM_STARTS: readonly SimStart[] = ['steady', 'empty'];

/** Mean handle times of warm-up before a steady-state run (whole intervals, at least one). */
export const WARMUP_HANDLE_TIMES = 20;

/** What was simulated, in words a reader can check. */
export interface SimulatedRun {
  /** How the run began: after a warm-up at the first interval's load, or empty. */
  start: SimStart;
  /** Intervals of warm-up run before the first given interval (not counted anywhere). */
  leadIntervals: number;
  /** Given intervals left out of the totals (`warmupIntervals`). */
  warmupIntervals: number;
  /** Given intervals counted in the totals. */
  countedIntervals: number;
  intervalMinutes: number;
  replications: number;
  /** Why a steady start was not possible, when it was asked for; else null. */
  note: string | null;
}

/** Mean over replications and its confidence interval; null where no replication had a value. */
export interface Estimate {
  mean: number | null;
  low: number | null;
  high: number | null;
  halfWidth: number | null;
  /** Replications that had a value (e.g. ASA needs an answered contact). */
  n: number;
}

export interface SimIntervalResult {
  index: number;
  /** Mean simulated arrivals per replication. */
  offered: number;
  /** Pooled over replications (ratios of sums); null with a zero denominator. */
  serviceLevel: number | null;
  asa: number | null;
  probAbandon: number | null;
  occupancy: number | null;
}

export interface SimResult {
  replications: number;
  /** Simulated contacts, all replications together. */
  contacts: number;
  confidence: number;
  serviceLevel: Estimate;
  asa: Estimate;
  probAbandon: Estimate;
  probWait: Estimate;
  occupancy: Estimate;
  intervals: SimIntervalResult[];
  simulated: SimulatedRun;
}

/** Simulated contacts (expected, all replications) the simulator accepts in one call. */
export const MAX_SIMULATED_CONTACTS = 20_000_000;

// Per-interval counters, one row of STATS numbers per interval.
const OFFERED = 0;
const ANSWERED = 1;
const ANSWERED_WITHIN = 2;
const ABANDONED = 3;
const ABANDONED_WITHIN = 4;
const ABANDONED_SHORT = 5;
const QUEUED = 6;
const WAIT_SUM = 7;
const BUSY = 8;
const STATS = 9;

/** Runs the simulation. Throws an InputError naming the field for invalid input. */
export function simulate(given: SimInterval[], options: SimOptions, rng: Rng): SimResult {
  const checked = checkOptions(given, options);
  const lead = leadIntervals(given, checked);
  // The warm-up is simulated like any other leading interval and left out the same way.
  const intervals = lead.count > 0 ? [...new Array<SimInterval>(lead.count).fill(given[0]!), ...given] : given;
  const opts: CheckedOptions = { ...checked, warmupIntervals: checked.warmupIntervals + lead.count };
  const count = intervals.length;
  const stats = new Float64Array(count * STATS);
  const pooled = new Float64Array(count * STATS);
  const perRep = { sl: [] as number[], asa: [] as number[], ab: [] as number[], wait: [] as number[], occ: [] as number[] };
  const engine = new Engine(intervals, opts, rng);
  let contacts = 0;
  for (let r = 0; r < opts.replications; r++) {
    stats.fill(0);
    contacts += engine.run(stats);
    for (let i = 0; i < stats.length; i++) pooled[i]! += stats[i]!;
    const total = sumRows(stats, opts.warmupIntervals, count);
    const m = metricsOf(total, agentSeconds(intervals, opts), opts);
    if (m.serviceLevel !== null) perRep.sl.push(m.serviceLevel);
    if (m.asa !== null) perRep.asa.push(m.asa);
    if (m.probAbandon !== null) perRep.ab.push(m.probAbandon);
    if (m.probWait !== null) perRep.wait.push(m.probWait);
    if (m.occupancy !== null) perRep.occ.push(m.occupancy);
  }
  const intervalSeconds = opts.intervalMinutes * 60;
  const perInterval: SimIntervalResult[] = given.map((iv, g) => {
    const i = g + lead.count;
    const row = pooled.subarray(i * STATS, (i + 1) * STATS);
    const m = metricsOf(row, iv.agents * intervalSeconds * opts.replications, opts);
    return {
      index: g,
      offered: row[OFFERED]! / opts.replications,
      serviceLevel: m.serviceLevel,
      asa: m.asa,
      probAbandon: m.probAbandon,
      occupancy: m.occupancy,
    };
  });
  const est = (xs: number[]) => estimate(xs, opts.confidence);
  return {
    replications: opts.replications,
    contacts,
    confidence: opts.confidence,
    serviceLevel: est(perRep.sl),
    asa: est(perRep.asa),
    probAbandon: est(perRep.ab),
    probWait: est(perRep.wait),
    occupancy: est(perRep.occ),
    intervals: perInterval,
    simulated: {
      start: lead.count > 0 || (checked.start === 'steady' && lead.note === null) ? 'steady' : 'empty',
      leadIntervals: lead.count,
      warmupIntervals: checked.warmupIntervals,
      countedIntervals: given.length - checked.warmupIntervals,
      intervalMinutes: opts.intervalMinutes,
      replications: opts.replications,
      note: lead.note,
    },
  };
}

/**
 * The warm-up intervals a steady start runs before the given ones: enough whole intervals at
 * the first interval's load for WARMUP_HANDLE_TIMES mean handle times; none for an empty start
 * or an empty first interval, and none (with a note) when that load has no steady state.
 */
function leadIntervals(intervals: SimInterval[], o: CheckedOptions): { count: number; note: string | null } {
  if (o.start === 'empty') return { count: 0, note: null };
  const first = intervals[0]!;
  if (first.calls === 0) return { count: 0, note: null }; // nothing arrives: empty is the steady state
  const aht = first.aht ?? o.aht;
  const length = o.intervalMinutes * 60;
  const load = (first.calls * aht) / length;
  if (!Number.isFinite(o.patience) && load >= first.agents) {
    return {
      count: 0,
      note: `the first interval has no steady state (offered load ${load.toFixed(2)} Erlangs ≥ ${first.agents} agents and nobody abandons): started empty`,
    };
  }
  return { count: Math.max(1, Math.ceil((WARMUP_HANDLE_TIMES * aht) / length)), note: null };
}

/** Expected contacts a simulation will generate, all replications, warm-up included. */
export function expectedSimulatedContacts(intervals: SimInterval[], options: SimOptions): number {
  const o = checkOptions(intervals, options, false);
  const lead = leadIntervals(intervals, o).count;
  let calls = lead * intervals[0]!.calls;
  for (const iv of intervals) calls += iv.calls;
  return calls * o.replications;
}

interface CheckedOptions {
  intervalMinutes: number;
  aht: number;
  handle: HandleDistribution;
  handleCv: number;
  patience: number; // Infinity: none
  answerWithin: number;
  shortAbandon: number;
  slVariant: SlVariant;
  replications: number;
  warmupIntervals: number;
  confidence: number;
  start: SimStart;
}

function checkOptions(intervals: SimInterval[], o: SimOptions, checkSize = true): CheckedOptions {
  const fail = (field: string, problem: string): never => {
    throw new InputError(field, problem);
  };
  const pos = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v > 0;
  const nonneg = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
  if (!Array.isArray(intervals) || intervals.length === 0) fail('intervals', 'at least one interval is needed');
  if (!pos(o.intervalMinutes) || o.intervalMinutes > 1440) fail('intervalMinutes', 'must be in (0, 1440] minutes');
  if (!pos(o.aht)) fail('aht', 'must be > 0 seconds');
  const handle = o.handle ?? 'exponential';
  if (handle !== 'exponential' && handle !== 'lognormal') fail('handle', 'must be exponential or lognormal');
  const handleCv = o.handleCv ?? 1;
  if (!pos(handleCv) || handleCv > 10) fail('handleCv', 'must be in (0, 10]');
  if (o.patience !== undefined && !pos(o.patience)) fail('patience', 'must be > 0 seconds');
  if (!nonneg(o.answerWithin)) fail('answerWithin', 'must be ≥ 0 seconds');
  if (o.shortAbandon !== undefined && !nonneg(o.shortAbandon)) fail('shortAbandon', 'must be ≥ 0 seconds');
  if (o.slVariant !== undefined && !SL_VARIANTS.includes(o.slVariant)) fail('slVariant', `must be one of ${SL_VARIANTS.join(', ')}`);
  const replications = o.replications ?? 30;
  if (!Number.isInteger(replications) || replications < 2 || replications > 10_000) fail('replications', 'must be a whole number from 2 to 10000');
  const warmup = o.warmupIntervals ?? 0;
  if (!Number.isInteger(warmup) || warmup < 0 || warmup >= intervals.length) fail('warmupIntervals', 'must be a whole number below the number of intervals');
  const confidence = o.confidence ?? 0.99;
  if (!(confidence > 0 && confidence < 1)) fail('confidence', 'must be in (0, 1)');
  const start = o.start ?? 'steady';
  if (!SIM_STARTS.includes(start)) fail('start', `must be one of ${SIM_STARTS.join(', ')}`);
  let expected = 0;
  intervals.forEach((iv, i) => {
    if (!nonneg(iv.calls)) fail(`intervals.${i}.calls`, 'must be a number ≥ 0');
    if (!Number.isInteger(iv.agents) || iv.agents < 0 || iv.agents > 100_000) fail(`intervals.${i}.agents`, 'must be a whole number from 0 to 100000');
    if (iv.aht !== undefined && !pos(iv.aht)) fail(`intervals.${i}.aht`, 'must be > 0 seconds');
    expected += iv.calls;
  });
  if (o.patience === undefined && intervals[intervals.length - 1]!.agents === 0) {
    fail(`intervals.${intervals.length - 1}.agents`, 'the last interval needs an agent when nobody abandons (the queue could never drain)');
  }
  const checked: CheckedOptions = {
    intervalMinutes: o.intervalMinutes,
    aht: o.aht,
    handle,
    handleCv,
    patience: o.patience ?? Infinity,
    answerWithin: o.answerWithin,
    shortAbandon: o.shortAbandon ?? 0,
    slVariant: o.slVariant ?? 'answered_of_offered_excl_short',
    replications,
    warmupIntervals: warmup,
    confidence,
    start,
  };
  expected += leadIntervals(intervals, checked).count * intervals[0]!.calls;
  if (checkSize && expected * replications > MAX_SIMULATED_CONTACTS) {
    fail('replications', `calls × replications (warm-up included) must stay below ${MAX_SIMULATED_CONTACTS.toLocaleString('en-US')}`);
  }
  return checked;
}

function agentSeconds(intervals: SimInterval[], o: CheckedOptions): number {
  let s = 0;
  for (let i = o.warmupIntervals; i < intervals.length; i++) s += intervals[i]!.agents;
  return s * o.intervalMinutes * 60;
}

function sumRows(stats: Float64Array, from: number, count: number): Float64Array {
  const total = new Float64Array(STATS);
  for (let i = from; i < count; i++) for (let k = 0; k < STATS; k++) total[k]! += stats[i * STATS + k]!;
  return total;
}

function metricsOf(row: Float64Array, agentSecs: number, o: CheckedOptions) {
  const offered = row[OFFERED]!;
  const answered = row[ANSWERED]!;
  const within = row[ANSWERED_WITHIN]!;
  let slDen: number;
  let slNum = within;
  switch (o.slVariant) {
    case 'answered_of_offered_excl_short':
      slDen = offered - row[ABANDONED_SHORT]!;
      break;
    case 'answered_of_answered':
      slDen = answered;
      break;
    case 'answered_or_abandoned_within_of_offered':
      slDen = offered;
      slNum = within + row[ABANDONED_WITHIN]!;
      break;
    case 'answered_of_offered_excl_abandoned_within':
      slDen = offered - row[ABANDONED_WITHIN]!;
      break;
  }
  return {
    serviceLevel: slDen > 0 ? slNum / slDen : null,
    asa: answered > 0 ? row[WAIT_SUM]! / answered : null,
    probAbandon: offered > 0 ? row[ABANDONED]! / offered : null,
    probWait: offered > 0 ? row[QUEUED]! / offered : null,
    occupancy: agentSecs > 0 ? row[BUSY]! / agentSecs : null,
  };
}

/** One replication at a time, reusing its buffers. */
class Engine {
  private heap: Float64Array; // completion times, min-heap
  private heapSize = 0;
  private qArrival: Float64Array; // ring buffer of waiting callers
  private qDeadline: Float64Array;
  private qInterval: Int32Array;
  private qHead = 0;
  private qSize = 0;
  private readonly normal: () => number;
  private readonly lnSigma: number;
  private readonly lnMuShift: number; // ln(mean) − σ²/2 = lnMuShift + ln(mean)
  private readonly length: number; // interval seconds
  private stats!: Float64Array;

  constructor(
    private readonly intervals: SimInterval[],
    private readonly o: CheckedOptions,
    private readonly rng: Rng,
  ) {
    const maxAgents = Math.max(1, ...intervals.map((iv) => iv.agents));
    this.heap = new Float64Array(maxAgents + 1);
    this.qArrival = new Float64Array(1024);
    this.qDeadline = new Float64Array(1024);
    this.qInterval = new Int32Array(1024);
    this.normal = normalSampler(rng);
    const sigma2 = Math.log(1 + o.handleCv * o.handleCv);
    this.lnSigma = Math.sqrt(sigma2);
    this.lnMuShift = -sigma2 / 2;
    this.length = o.intervalMinutes * 60;
  }

  /** Runs one replication into `stats`; returns the number of arrivals. */
  run(stats: Float64Array): number {
    this.stats = stats;
    this.heapSize = 0;
    this.qHead = 0;
    this.qSize = 0;
    const { intervals, length, rng } = this;
    const count = intervals.length;
    const patience = this.o.patience;
    const finitePatience = Number.isFinite(patience);
    let arrivals = 0;

    let capacity = intervals[0]!.agents;
    let busy = 0;
    let nextBoundaryIndex = 1; // staffing of interval k starts at k·length
    let nextArrival = this.firstArrivalFrom(0, 0);
    let tArrival = nextArrival.time;
    let arrivalInterval = nextArrival.interval;

    for (;;) {
      const tCompletion = this.heapSize > 0 ? this.heap[0]! : Infinity;
      const tBoundary = nextBoundaryIndex < count ? nextBoundaryIndex * length : Infinity;
      if (tArrival === Infinity && tCompletion === Infinity && tBoundary === Infinity) break;
      if (tBoundary <= tArrival && tBoundary <= tCompletion) {
        capacity = intervals[nextBoundaryIndex]!.agents;
        nextBoundaryIndex++;
        while (busy < capacity && this.serveNext(tBoundary)) busy++;
      } else if (tCompletion <= tArrival) {
        this.heapPop();
        busy--;
        if (busy < capacity && this.serveNext(tCompletion)) busy++;
      } else {
        const t = tArrival;
        const i = arrivalInterval;
        arrivals++;
        stats[i * STATS + OFFERED]!++;
        if (busy < capacity) {
          // Free agent: nobody live is waiting (free agents always take the queue).
          this.startService(t, t, i);
          busy++;
        } else {
          stats[i * STATS + QUEUED]!++;
          const deadline = finitePatience ? t + exponential(rng, patience) : Infinity;
          this.enqueue(t, deadline, i);
        }
        nextArrival = this.firstArrivalFrom(t, i);
        tArrival = nextArrival.time;
        arrivalInterval = nextArrival.interval;
      }
    }
    // Arrivals over and every agent idle: whoever still waits (only possible when the last
    // interval has no agents) abandons at their deadline.
    this.dropAbandoned(Infinity);
    return arrivals;
  }

  private readonly arrivalOut = { time: 0, interval: 0 };

  /** The next arrival after time `t` (in interval `i`): an exponential gap at interval i's
   * rate; a gap that crosses the boundary restarts there at the next interval's rate. */
  private firstArrivalFrom(t: number, i: number): { time: number; interval: number } {
    const out = this.arrivalOut;
    const { intervals, length, rng } = this;
    let start = t;
    for (let k = i; k < intervals.length; k++) {
      const calls = intervals[k]!.calls;
      if (calls > 0) {
        const next = start + exponential(rng, length / calls);
        if (next < (k + 1) * length) {
          out.time = next;
          out.interval = k;
          return out;
        }
      }
      start = (k + 1) * length;
    }
    out.time = Infinity;
    out.interval = -1;
    return out;
  }

  private handleTime(interval: number): number {
    const mean = this.intervals[interval]!.aht ?? this.o.aht;
    if (this.o.handle === 'exponential') return exponential(this.rng, mean);
    return Math.exp(Math.log(mean) + this.lnMuShift + this.lnSigma * this.normal());
  }

  /** Starts serving a caller who arrived at `arrived` (interval `i`) at time `t`. */
  private startService(t: number, arrived: number, i: number): void {
    const stats = this.stats;
    const wait = t - arrived;
    const base = i * STATS;
    stats[base + ANSWERED]!++;
    stats[base + WAIT_SUM]! += wait;
    if (wait <= this.o.answerWithin) stats[base + ANSWERED_WITHIN]!++;
    const d = this.handleTime(i);
    const end = t + d;
    this.heapPush(end);
    // Busy time, split over the intervals the contact spans (only those inside the horizon).
    const length = this.length;
    const count = this.intervals.length;
    let k = Math.floor(t / length);
    let from = t;
    while (k < count && from < end) {
      const to = Math.min(end, (k + 1) * length);
      stats[k * STATS + BUSY]! += to - from;
      from = to;
      k++;
    }
  }

  /** Serves the first caller still waiting at `t`, recording those who abandoned before. */
  private serveNext(t: number): boolean {
    while (this.qSize > 0) {
      const h = this.qHead;
      const arrived = this.qArrival[h]!;
      const deadline = this.qDeadline[h]!;
      const i = this.qInterval[h]!;
      this.qHead = (h + 1) & (this.qArrival.length - 1);
      this.qSize--;
      if (deadline < t) {
        this.recordAbandon(deadline - arrived, i);
        continue;
      }
      this.startService(t, arrived, i);
      return true;
    }
    return false;
  }

  /** Records as abandoned every queued caller whose deadline is before `t`. */
  private dropAbandoned(t: number): void {
    // Waiting callers are in arrival order, not deadline order: keep the live ones.
    const n = this.qSize;
    const mask = this.qArrival.length - 1;
    let kept = 0;
    for (let j = 0; j < n; j++) {
      const idx = (this.qHead + j) & mask;
      const deadline = this.qDeadline[idx]!;
      if (deadline < t) {
        this.recordAbandon(deadline - this.qArrival[idx]!, this.qInterval[idx]!);
      } else {
        const dst = (this.qHead + kept) & mask;
        this.qArrival[dst] = this.qArrival[idx]!;
        this.qDeadline[dst] = deadline;
        this.qInterval[dst] = this.qInterval[idx]!;
        kept++;
      }
    }
    this.qSize = kept;
  }

  private recordAbandon(wait: number, i: number): void {
    const stats = this.stats;
    const base = i * STATS;
    stats[base + ABANDONED]!++;
    if (wait <= this.o.answerWithin) stats[base + ABANDONED_WITHIN]!++;
    if (wait < this.o.shortAbandon) stats[base + ABANDONED_SHORT]!++;
  }

  private enqueue(arrived: number, deadline: number, i: number): void {
    if (this.qSize === this.qArrival.length) this.growQueue();
    const idx = (this.qHead + this.qSize) & (this.qArrival.length - 1);
    this.qArrival[idx] = arrived;
    this.qDeadline[idx] = deadline;
    this.qInterval[idx] = i;
    this.qSize++;
  }

  private growQueue(): void {
    const old = this.qArrival.length;
    const a = new Float64Array(old * 2);
    const d = new Float64Array(old * 2);
    const iv = new Int32Array(old * 2);
    for (let j = 0; j < this.qSize; j++) {
      const idx = (this.qHead + j) & (old - 1);
      a[j] = this.qArrival[idx]!;
      d[j] = this.qDeadline[idx]!;
      iv[j] = this.qInterval[idx]!;
    }
    this.qArrival = a;
    this.qDeadline = d;
    this.qInterval = iv;
    this.qHead = 0;
  }

  private heapPush(v: number): void {
    if (this.heapSize === this.heap.length) {
      const grown = new Float64Array(this.heap.length * 2);
      grown.set(this.heap);
      this.heap = grown;
    }
    const h = this.heap;
    let i = this.heapSize++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (h[parent]! <= v) break;
      h[i] = h[parent]!;
      i = parent;
    }
    h[i] = v;
  }

  private heapPop(): void {
    const h = this.heap;
    const last = h[--this.heapSize]!;
    const n = this.heapSize;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && h[child + 1]! < h[child]!) child++;
      if (h[child]! >= last) break;
      h[i] = h[child]!;
      i = child;
    }
    if (n > 0) h[i] = last;
  }
}

/** Mean and Student-t confidence interval over replications. */
export function estimate(xs: number[], confidence: number): Estimate {
  const n = xs.length;
  if (n === 0) return { mean: null, low: null, high: null, halfWidth: null, n };
  const m = mean(xs);
  if (n < 2) return { mean: m, low: null, high: null, halfWidth: null, n };
  const sd = sampleStandardDeviation(xs); // √(Σ(x − mean)² / (n − 1))
  const halfWidth = (studentTQuantile(confidence, n - 1) * sd) / Math.sqrt(n);
  return { mean: m, low: m - halfWidth, high: m + halfWidth, halfWidth, n };
}

/**
 * The t with P(|T_ν| ≤ t) = `confidence` for integer ν ≥ 1, by bisection on the exact finite
 * series for the Student t distribution (Abramowitz & Stegun 26.7.3–4). O(ν) per step.
 */
export function studentTQuantile(confidence: number, df: number): number {
  if (!(confidence > 0 && confidence < 1)) throw new InputError('confidence', 'must be in (0, 1)');
  if (!(Number.isInteger(df) && df >= 1)) throw new InputError('df', 'must be a whole number ≥ 1');
  let lo = 0;
  let hi = 1;
  while (twoSidedT(hi, df) < confidence) hi *= 2;
  for (let k = 0; k < 200 && hi - lo > 1e-12 * hi; k++) {
    const mid = (lo + hi) / 2;
    if (twoSidedT(mid, df) < confidence) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** A(t | ν) = P(|T| ≤ t). */
function twoSidedT(t: number, df: number): number {
  const theta = Math.atan(t / Math.sqrt(df));
  const c2 = Math.cos(theta) ** 2;
  const s = Math.sin(theta);
  if (df % 2 === 1) {
    // (2/π)[θ + sinθ·(cosθ + (2/3)cos³θ + … + (2·4…(ν−3))/(1·3…(ν−2))·cos^(ν−2)θ)]
    let sum = 0;
    if (df > 1) {
      let term = Math.cos(theta);
      sum = term;
      for (let k = 3; k <= df - 2; k += 2) {
        term *= (c2 * (k - 1)) / k;
        sum += term;
      }
    }
    return (2 / Math.PI) * (theta + s * sum);
  }
  // sinθ·[1 + (1/2)cos²θ + (1·3)/(2·4)cos⁴θ + … + (1·3…(ν−3))/(2·4…(ν−2))·cos^(ν−2)θ]
  let term = 1;
  let sum = 1;
  for (let k = 2; k <= df - 2; k += 2) {
    term *= (c2 * (k - 1)) / k;
    sum += term;
  }
  return s * sum;
}
