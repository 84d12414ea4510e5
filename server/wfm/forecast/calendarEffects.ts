/**
 * Calendar effects as multipliers estimated from the history itself: holidays (closed,
 * reduced or open, as the site's holiday rule in DayInfo.holidayClosed and their own earlier
 * dates say: docs/forecast.md, "Holidays"), the first open day after a holiday (catch-up), the first two open
 * days of a month, and the enrollment window Oct 15 – Jan 31 (Medicare annual enrollment,
 * Marketplace open enrollment and the January ID-card spike, which overlap, so they are
 * estimated together as one profile by calendar date).
 *
 * Why ratios to a local baseline: a holiday's ratio to the same weekday in the weeks around
 * it is the same whatever the level or trend of the series, so one past occurrence is enough
 * to forecast the next. The season profile is measured against the weeks before it (or
 * after it, when the history starts inside it) and only a complete earlier season is used to
 * forecast a later one; without one, no season effect is applied and a note says so.
 *
 * The forecast pipeline divides these multipliers out of the history, fits a model on the
 * "ordinary-day" series, and multiplies them back onto the forecast.
 */
import { mean } from 'simple-statistics';
import { SEASON_SEGMENTS, SEASON_WINDOW_DAYS, type DayInfo } from './dayCalendar.ts';
import type { SeriesKind } from './types.ts';

const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export const DAY_NONE = 0;
export const DAY_HOLIDAY = 1;
export const DAY_AFTER_HOLIDAY = 2;
export const DAY_MONTH_START = 3;

/** A multiplier below this is a closure: the day forecasts 0 (or no value for a ratio). */
export const CLOSED_BELOW = 0.02;

export interface EffectEstimate {
  effect: string;
  multiplier: number;
  /** Past occurrences the multiplier was estimated from (0: not estimated, 1 applied). */
  occurrences: number;
}

export interface CalendarEffects {
  /** One multiplier per calendar day (history and horizon); 1 = no effect, 0 = closed. */
  multipliers: Float64Array;
  /** Day classes (DAY_*) per calendar day. */
  classes: Uint8Array;
  estimates: EffectEstimate[];
  notes: string[];
}

/**
 * Day classes over the whole calendar. Holidays first; then the first open non-holiday day
 * within four days after a holiday; then the first two open non-holiday days of each month.
 * "Open" means the weekday is not closed. O(n).
 */
export function classifyDays(cal: readonly DayInfo[], closed: readonly boolean[]): Uint8Array {
  const n = cal.length;
  const cls = new Uint8Array(n);
  const open = (i: number) => !closed[cal[i]!.weekday] && !cal[i]!.holiday;
  for (let i = 0; i < n; i++) if (cal[i]!.holiday) cls[i] = DAY_HOLIDAY;
  for (let i = 0; i < n; i++) {
    if (cls[i] !== DAY_HOLIDAY) continue;
    for (let j = i + 1; j < Math.min(n, i + 5); j++) {
      if (open(j)) {
        if (cls[j] === DAY_NONE) cls[j] = DAY_AFTER_HOLIDAY;
        break;
      }
    }
  }
  let monthKey = -1;
  let counted = 0;
  for (let i = 0; i < n; i++) {
    const d = cal[i]!;
    const key = d.year * 12 + d.month;
    if (key !== monthKey) {
      monthKey = key;
      counted = d.day <= 7 ? 0 : 2; // a calendar that starts mid-month has no month start
    }
    if (counted < 2 && open(i)) {
      counted++;
      if (cls[i] === DAY_NONE) cls[i] = DAY_MONTH_START;
    }
  }
  return cls;
}

/** Shrinks an estimated multiplier toward 1 when it rests on few occurrences. */
function shrink(mean: number, n: number, prior: number): number {
  return 1 + ((mean - 1) * n) / (n + prior);
}

/**
 * Estimates every effect from `values` (the history: the first values.length days of `cal`)
 * and returns multipliers for all of `cal`. `closed[w]` marks closed weekdays. O(n).
 */
export function estimateCalendarEffects(cal: readonly DayInfo[], values: readonly (number | null)[], closed: readonly boolean[], kind: SeriesKind): CalendarEffects {
  const n = values.length;
  const total = cal.length;
  const cls = classifyDays(cal, closed);
  const notes: string[] = [];
  const estimates: EffectEstimate[] = [];
  const isOpenWeekday = (i: number) => !closed[cal[i]!.weekday];
  const clean = (i: number) => i >= 0 && i < n && cls[i] === DAY_NONE && isOpenWeekday(i) && values[i] !== null;

  // The season first: the other effects are measured on season-adjusted values, so a
  // holiday inside the enrollment window is compared with its neighbours' ordinary level.
  const season = new Float64Array(total).fill(1);
  applySeason(cal, values, cls, isOpenWeekday, season, estimates, notes);
  const adjusted = (j: number) => values[j]! / season[j]!;

  /**
   * The ordinary level of day i: the mean of the same weekday on clean days k = 1..4 weeks
   * either side, taking only pairs that are clean on both sides (exact under a linear
   * trend); at the ends of the history, where no pair exists, the clean days on one side
   * when `oneSided` (for holidays, whose effect dwarfs a trend's bias; the small effects
   * would be mostly bias). Null with fewer than two donors.
   */
  const localBaseline = (i: number, oneSided: boolean): number | null => {
    let s = 0;
    let c = 0;
    for (let k = 1; k <= 4; k++) {
      if (clean(i - 7 * k) && clean(i + 7 * k)) {
        s += adjusted(i - 7 * k) + adjusted(i + 7 * k);
        c += 2;
      }
    }
    if (c === 0 && oneSided) {
      for (let k = 1; k <= 4; k++) {
        for (const j of [i - 7 * k, i + 7 * k]) {
          if (clean(j)) {
            s += adjusted(j);
            c++;
          }
        }
      }
    }
    return c >= 2 && s > 0 ? s / c : null;
  };

  /** Ratio of day i to its baseline; a ratio series with no value on a holiday was closed. */
  const ratioAt = (i: number): number | null => {
    const v = values[i];
    if (v === null || v === undefined) return kind === 'ratio' && cls[i] === DAY_HOLIDAY ? 0 : null;
    const b = localBaseline(i, cls[i] === DAY_HOLIDAY);
    return b === null ? null : v / season[i]! / b;
  };

  // Holidays, by name, pooled as a fallback.
  const byName = new Map<string, number[]>();
  const after: number[] = [];
  const monthStart: number[] = [];
  for (let i = 0; i < n; i++) {
    if (cls[i] === DAY_NONE) continue;
    const r = ratioAt(i);
    if (r === null) continue;
    if (cls[i] === DAY_HOLIDAY) {
      const name = cal[i]!.holiday!;
      if (!byName.has(name)) byName.set(name, []);
      byName.get(name)!.push(r);
    } else if (cls[i] === DAY_AFTER_HOLIDAY) after.push(r);
    else monthStart.push(r);
  }
  const allHolidays = [...byName.values()].flat();
  const pooled = allHolidays.length ? mean(allHolidays) : null;
  const holidayMultiplier = new Map<string, number>();
  for (const [name, rs] of byName) holidayMultiplier.set(name, mean(rs));
  if (allHolidays.length) {
    estimates.push({ effect: 'federal holidays (pooled)', multiplier: pooled!, occurrences: allHolidays.length });
  }
  const afterM = after.length >= 3 ? shrink(mean(after), after.length, 2) : 1;
  const monthM = monthStart.length >= 4 ? shrink(mean(monthStart), monthStart.length, 3) : 1;
  estimates.push({ effect: 'first open day after a holiday', multiplier: afterM, occurrences: after.length >= 3 ? after.length : 0 });
  estimates.push({ effect: 'first two open days of a month', multiplier: monthM, occurrences: monthStart.length >= 4 ? monthStart.length : 0 });

  // Holidays in the horizon follow the site's rule (DayInfo.holidayClosed), never "the
  // average of the other holidays": closed by the calendar → 0; open by the calendar → its
  // own earlier open occurrences, else an ordinary day of its weekday; not said → learned
  // from its own occurrences (no contacts on every one → closed), else, never seen, an
  // ordinary day. Each holiday of the horizon gets a note saying which.
  const multipliers = Float64Array.from(season);
  const ordinaryHoliday = new Uint8Array(total);
  for (let i = 0; i < total; i++) {
    const c = cls[i];
    if (c === DAY_HOLIDAY) {
      const d = cal[i]!;
      const name = d.holiday!;
      const own = holidayMultiplier.get(name);
      if (i < n) {
        // History: divide out what was measured; a day the calendar closes is left out.
        const m = d.holidayClosed === true ? 0 : (own ?? (d.holidayClosed === false ? 1 : pooled));
        if (m !== null) multipliers[i] = m < CLOSED_BELOW ? 0 : m * season[i]!;
        continue;
      }
      const seen = byName.get(name)?.length ?? 0;
      const what = `${name} ${d.date}`;
      if (d.holidayClosed === true) {
        multipliers[i] = 0;
        notes.push(`${what}: closed by the site calendar: forecast 0`);
      } else if (own !== undefined && own >= CLOSED_BELOW) {
        multipliers[i] = own * season[i]!;
        notes.push(
          `${what}: ${d.holidayClosed === false ? 'open by the site calendar; ' : ''}open in the history: ×${own.toFixed(2)} an ordinary ${WEEKDAY_NAMES[d.weekday]} (${seen} earlier ${seen === 1 ? 'date' : 'dates'})`,
        );
      } else if (own !== undefined && d.holidayClosed === null) {
        multipliers[i] = 0;
        notes.push(`${what}: no contacts on its ${seen} earlier ${seen === 1 ? 'date' : 'dates'} in the history and the calendar does not say: forecast closed (0)`);
      } else {
        ordinaryHoliday[i] = 1;
        const why =
          d.holidayClosed === false
            ? own !== undefined
              ? 'open by the site calendar, though closed on its earlier dates in the history'
              : 'open by the site calendar, not seen in the history'
            : 'never seen in the history and not closed by a calendar: assumed open';
        notes.push(`${what}: ${why}: forecast as an ordinary ${WEEKDAY_NAMES[d.weekday]}`);
      }
    } else if (c === DAY_AFTER_HOLIDAY) {
      // No catch-up after a holiday forecast as an ordinary open day.
      let k = i - 1;
      while (k > i - 5 && k >= 0 && cls[k] !== DAY_HOLIDAY) k--;
      if (!(k >= 0 && cls[k] === DAY_HOLIDAY && ordinaryHoliday[k])) multipliers[i] *= afterM;
    } else if (c === DAY_MONTH_START) multipliers[i] *= monthM;
  }

  return { multipliers, classes: cls, estimates, notes };
}

/** Start offset (days from Oct 15) of each season segment, then the window length. */
const SEGMENT_STARTS = [0, 17, 54, 79, 93, SEASON_WINDOW_DAYS];

function segmentOf(offset: number): number {
  let s = 0;
  while (offset >= SEGMENT_STARTS[s + 1]!) s++;
  return s;
}

/**
 * The enrollment-window profile: for each complete season in the history, the ratio of each
 * clean day to its weekday's ordinary level (interpolated between the five weeks before
 * Oct 15 and the five weeks after Jan 31), smoothed over ±3 days within a segment (the set of active seasons changes
 * only at segment boundaries). A complete season is flattened by its own profile; any other
 * season day (the current season, the forecast) gets the mean profile of complete seasons.
 */
function applySeason(
  cal: readonly DayInfo[],
  values: readonly (number | null)[],
  cls: Uint8Array,
  isOpenWeekday: (i: number) => boolean,
  multipliers: Float64Array,
  estimates: EffectEstimate[],
  notes: string[],
): void {
  const n = values.length;
  const total = cal.length;
  // Index of Oct 15 of each season year that touches the calendar.
  const firstIndex = new Map<number, number>();
  for (let i = 0; i < total; i++) {
    const y = cal[i]!.seasonYear;
    if (y !== null && !firstIndex.has(y)) firstIndex.set(y, i - cal[i]!.seasonOffset);
  }
  if (firstIndex.size === 0) return;
  const clean = (i: number) => i >= 0 && i < n && cls[i] === DAY_NONE && isOpenWeekday(i) && values[i] !== null;

  const profiles = new Map<number, (number | null)[]>();
  const complete: number[] = [];
  for (const [year, i0] of firstIndex) {
    if (i0 >= n) continue;
    const before = weekdayLevels(cal, values, clean, i0 - 35, i0);
    const afterLevels = weekdayLevels(cal, values, clean, i0 + SEASON_WINDOW_DAYS, i0 + SEASON_WINDOW_DAYS + 35);
    // The weekday's ordinary level at offset k: a straight line from the weeks before the
    // window (centred 18 days before Oct 15) to the weeks after it (centred 18 days after
    // Jan 31), so an underlying trend is not mistaken for season; one side when the other
    // is outside the history.
    const levelAt = (w: number, k: number): number | null => {
      const b = before[w] ?? null;
      const a = afterLevels[w] ?? null;
      if (b !== null && a !== null) return b + ((a - b) * (k + 18)) / (SEASON_WINDOW_DAYS + 36);
      return b ?? a;
    };
    const raw: (number | null)[] = new Array(SEASON_WINDOW_DAYS).fill(null);
    let covered = 0;
    for (let k = 0; k < SEASON_WINDOW_DAYS; k++) {
      const i = i0 + k;
      if (!clean(i)) continue;
      const b = levelAt(cal[i]!.weekday, k);
      if (b === null || b <= 0) continue;
      raw[k] = values[i]! / b;
      covered++;
    }
    const smooth: (number | null)[] = new Array(SEASON_WINDOW_DAYS).fill(null);
    for (let k = 0; k < SEASON_WINDOW_DAYS; k++) {
      const seg = segmentOf(k);
      let s = 0;
      let c = 0;
      for (let j = Math.max(SEGMENT_STARTS[seg]!, k - 3); j <= Math.min(SEGMENT_STARTS[seg + 1]! - 1, k + 3); j++) {
        const r = raw[j];
        if (r !== null && r !== undefined) {
          s += r;
          c++;
        }
      }
      smooth[k] = c ? s / c : null;
    }
    profiles.set(year, smooth);
    const isComplete = i0 + SEASON_WINDOW_DAYS - 1 < n && covered >= SEASON_WINDOW_DAYS / 2;
    if (isComplete) complete.push(year);
  }

  const averaged = (k: number, except: number): number | null => {
    let s = 0;
    let c = 0;
    for (const y of complete) {
      if (y === except) continue;
      const v = profiles.get(y)![k];
      if (v !== null && v !== undefined) {
        s += v;
        c++;
      }
    }
    return c ? s / c : null;
  };

  let forecastNeedsSeason = false;
  for (let i = 0; i < total; i++) {
    const d = cal[i]!;
    if (d.seasonYear === null) continue;
    const k = d.seasonOffset;
    const own = complete.includes(d.seasonYear) ? profiles.get(d.seasonYear)![k] : null;
    const m = own ?? averaged(k, d.seasonYear);
    if (m === null) {
      if (i >= n) forecastNeedsSeason = true;
      continue;
    }
    multipliers[i] *= m;
  }
  if (forecastNeedsSeason) {
    notes.push('the history holds no complete earlier enrollment season (Oct 15 – Jan 31): no season effect is applied to the forecast');
  }
  for (let seg = 0; seg < SEASON_SEGMENTS.length; seg++) {
    const vals: number[] = [];
    for (let k = SEGMENT_STARTS[seg]!; k < SEGMENT_STARTS[seg + 1]!; k++) {
      const v = averaged(k, Number.NaN);
      if (v !== null) vals.push(v);
    }
    if (vals.length) estimates.push({ effect: SEASON_SEGMENTS[seg]!, multiplier: mean(vals), occurrences: complete.length });
  }
}

/** Mean clean value per weekday over indices [from, to); null for a weekday with none. */
function weekdayLevels(cal: readonly DayInfo[], values: readonly (number | null)[], clean: (i: number) => boolean, from: number, to: number): (number | null)[] {
  const sum = new Array<number>(7).fill(0);
  const cnt = new Array<number>(7).fill(0);
  for (let i = Math.max(0, from); i < to; i++) {
    if (!clean(i)) continue;
    const w = cal[i]!.weekday;
    sum[w]! += values[i]!;
    cnt[w]!++;
  }
  return sum.map((s, w) => (cnt[w] ? s / cnt[w]! : null));
}

/** Product of the lifts of the user events covering each calendar day. O(n · events). */
export function eventMultipliers(cal: readonly DayInfo[], events: readonly { start: string; end: string; lift: number }[]): Float64Array {
  const out = new Float64Array(cal.length).fill(1);
  for (const e of events) {
    for (let i = 0; i < cal.length; i++) {
      const d = cal[i]!.date;
      if (d >= e.start && d <= e.end) out[i] *= e.lift;
    }
  }
  return out;
}

/**
 * One sentence on the effects that were estimated and matter (more than 2% either way), e.g.
 * `calendar effects from history: federal holidays (pooled) ×0.00 (33 past days), …`; null
 * when none does.
 */
export function describeEffects(estimates: readonly EffectEstimate[]): string | null {
  const parts = estimates
    .filter((e) => e.occurrences > 0 && Math.abs(e.multiplier - 1) > 0.02)
    .map(
      (e) =>
        `${e.effect} ×${e.multiplier.toFixed(2)} (${e.occurrences} past ${e.effect.startsWith('federal') || e.effect.startsWith('first') ? 'days' : e.effect.startsWith('level') ? 'years' : 'seasons'})`,
    );
  return parts.length ? `calendar effects from history: ${parts.join('; ')}` : null;
}
