/**
 * Intraday profiles: how a weekday's volume spreads over its intervals, and how AHT varies
 * across the day, from recent weeks of interval history. Recent weeks weigh more (weights
 * halve every `halfLifeWeeks`); holidays, the days either side of them and daylight-saving
 * days are left out (their shape is not an ordinary day's), as are days with no volume.
 *
 * Shares are ratios of weighted sums (Σ w·interval / Σ w·day), so a busy day counts for more
 * than a quiet one and an absent interval is a zero; a day with intervals known to be lost
 * (`missing`) is left out.
 */
import { federalHolidayOn } from '../calendar.ts';
import { addDays, isoWeekday } from '../timezone.ts';
import type { DayGrid } from './dayGrid.ts';

/** Interval history of one series. Maps are keyed by interval start (epoch ms); absent = 0. */
export interface IntervalHistory {
  volume: ReadonlyMap<number, number>;
  /** Sum of handle seconds and count of handled contacts per interval (for AHT). */
  handleSum?: ReadonlyMap<number, number>;
  handled?: ReadonlyMap<number, number>;
  /** Interval starts whose value is unknown (lost from the log), not 0: absentPeriods.ts. */
  missing?: ReadonlySet<number>;
  /** First and last local dates the interval history covers. */
  firstDate: string;
  lastDate: string;
}

export interface ProfileOptions {
  /** Weeks of history before `until` to learn from (default 8). */
  weeks?: number;
  /** Weeks after which a day's weight halves (default 3). */
  halfLifeWeeks?: number;
}

/** Share (or ratio) per wall-clock slot for each ISO weekday 1..7, and pooled over all. */
export interface Profile {
  byWeekday: (Map<number, number> | null)[];
  pooled: Map<number, number> | null;
  /** Days the profile was learned from. */
  days: number;
}

/** True for a holiday, the day before or after one. */
export function nearHoliday(date: string): boolean {
  return federalHolidayOn(date) !== null || federalHolidayOn(addDays(date, -1)) !== null || federalHolidayOn(addDays(date, 1)) !== null;
}

interface Accumulator {
  num: Map<number, number>;
  den: Map<number, number>;
  dayNum: number;
  dayDen: number;
}

const newAcc = (): Accumulator => ({ num: new Map(), den: new Map(), dayNum: 0, dayDen: 0 });

/** The usable days before `until` (exclusive) with their weights, most recent first. */
function profileDays(history: IntervalHistory, grid: DayGrid, until: string, options: ProfileOptions) {
  const weeks = options.weeks ?? 8;
  const half = options.halfLifeWeeks ?? 3;
  const out: { date: string; weight: number; weekday: number }[] = [];
  for (let k = 1; k <= weeks * 7; k++) {
    const date = addDays(until, -k);
    if (date < history.firstDate) break;
    if (date > history.lastDate) continue;
    if (nearHoliday(date) || grid.day(date).dst) continue;
    out.push({ date, weight: 0.5 ** (Math.floor((k - 1) / 7) / half), weekday: isoWeekday(date) });
  }
  return out;
}

function finish(acc: Accumulator[], pooled: Accumulator, ratio: boolean, days: number): Profile {
  const toShares = (a: Accumulator): Map<number, number> | null => {
    if (!(a.dayDen > 0) || !(a.dayNum > 0)) return null;
    const out = new Map<number, number>();
    if (!ratio) {
      for (const [slot, v] of a.num) out.set(slot, v / a.dayNum);
    } else {
      const dayRatio = a.dayNum / a.dayDen;
      for (const [slot, v] of a.num) {
        const d = a.den.get(slot) ?? 0;
        if (d > 0) out.set(slot, v / d / dayRatio);
      }
    }
    return out;
  };
  return { byWeekday: [null, ...acc.slice(1).map(toShares)], pooled: toShares(pooled), days };
}

/**
 * The volume profile before `until`: for weekday w and slot s, Σ w·volume(s) / Σ w·day volume
 * over the usable days of that weekday. O(weeks · 7 · slots).
 */
export function volumeProfile(history: IntervalHistory, grid: DayGrid, until: string, options: ProfileOptions = {}): Profile {
  const acc = Array.from({ length: 8 }, newAcc);
  const pooled = newAcc();
  let days = 0;
  for (const { date, weight, weekday } of profileDays(history, grid, until, options)) {
    const g = grid.day(date);
    // A day with lost intervals would teach their slots a share of 0.
    if (history.missing?.size && g.starts.some((t) => history.missing!.has(t))) continue;
    let total = 0;
    for (const t of g.starts) total += history.volume.get(t) ?? 0;
    if (!(total > 0)) continue;
    days++;
    for (const a of [acc[weekday]!, pooled]) {
      a.dayNum += weight * total;
      a.dayDen += weight;
      g.starts.forEach((t, i) => {
        const v = history.volume.get(t) ?? 0;
        if (v) a.num.set(g.slots[i]!, (a.num.get(g.slots[i]!) ?? 0) + weight * v);
      });
    }
  }
  return finish(acc, pooled, false, days);
}

/**
 * The AHT profile before `until`: for weekday w and slot s, the slot's AHT (Σ w·handle /
 * Σ w·handled) over the weekday's AHT. Slots that never had a handled contact are absent.
 */
export function ahtProfile(history: IntervalHistory, grid: DayGrid, until: string, options: ProfileOptions = {}): Profile {
  const sums = history.handleSum;
  const counts = history.handled;
  const acc = Array.from({ length: 8 }, newAcc);
  const pooled = newAcc();
  let days = 0;
  if (!sums || !counts) return finish(acc, pooled, true, 0);
  for (const { date, weight, weekday } of profileDays(history, grid, until, options)) {
    const g = grid.day(date);
    let handled = 0;
    for (const t of g.starts) handled += counts.get(t) ?? 0;
    if (!(handled > 0)) continue;
    days++;
    for (const a of [acc[weekday]!, pooled]) {
      g.starts.forEach((t, i) => {
        const c = counts.get(t) ?? 0;
        if (!c) return;
        const s = sums.get(t) ?? 0;
        const slot = g.slots[i]!;
        a.num.set(slot, (a.num.get(slot) ?? 0) + weight * s);
        a.den.set(slot, (a.den.get(slot) ?? 0) + weight * c);
        a.dayNum += weight * s;
        a.dayDen += weight * c;
      });
    }
  }
  return finish(acc, pooled, true, days);
}

/**
 * Spreads a day's total over its intervals by the weekday's profile (the pooled profile when
 * that weekday has none, evenly when there is no profile at all), renormalized over the
 * slots the day really has, so the intervals add up to the day: the last open interval takes
 * the remainder. Returns one value per interval of `grid.day(date)`.
 */
export function spreadVolume(date: string, total: number, profile: Profile, grid: DayGrid): number[] {
  const g = grid.day(date);
  const out = new Array<number>(g.starts.length).fill(0);
  if (!(total > 0)) return out;
  const shares = pickShares(profile, isoWeekday(date), g.slots);
  let sum = 0;
  for (const s of shares) sum += s;
  if (!(sum > 0)) {
    out.fill(total / out.length);
    return out;
  }
  let acc = 0;
  let last = -1;
  for (let i = 0; i < out.length; i++) {
    if (shares[i]! > 0) {
      out[i] = (total * shares[i]!) / sum;
      acc += out[i]!;
      last = i;
    }
  }
  out[last] = Math.max(0, total - (acc - out[last]!));
  return out;
}

function pickShares(profile: Profile, weekday: number, slots: readonly number[]): number[] {
  for (const p of [profile.byWeekday[weekday], profile.pooled]) {
    if (!p) continue;
    const shares = slots.map((s) => p.get(s) ?? 0);
    if (shares.some((s) => s > 0)) return shares;
  }
  return slots.map(() => 0);
}

/**
 * A day's AHT per interval: the day's AHT times the slot's ratio; NaN where the slot has never
 * had a handled contact (or the day has no AHT).
 */
export function spreadRatio(date: string, dayValue: number, profile: Profile, grid: DayGrid): number[] {
  const g = grid.day(date);
  if (!Number.isFinite(dayValue)) return g.starts.map(() => Number.NaN);
  const p = profile.byWeekday[isoWeekday(date)] ?? profile.pooled;
  if (!p) return g.starts.map(() => dayValue);
  return g.slots.map((s) => {
    const r = p.get(s) ?? profile.pooled?.get(s);
    return r === undefined ? Number.NaN : dayValue * r;
  });
}
