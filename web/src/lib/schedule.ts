/**
 * A schedule a planner uploads: CSV with a header and the columns `period,scheduled` (others
 * ignored), the format `staffcast plan --scheduled FILE.csv` reads.
 *
 * - `period`: the interval's local start as the API and the CLI write it, ISO 8601 with its
 *   offset (`2026-11-16T08:00:00-08:00`), matched by the instant it names, as the CLI matches
 *   it — on the fall-back day the two 01:00 intervals stay apart, and `…T16:00:00Z` is the
 *   same interval. One interval given twice is an error, as in the CLI. The dashboard also takes the local wall clock without an
 *   offset (`2026-11-16 08:00` or `2026-11-16T08:00`), matched on date and time.
 * - `scheduled`: agents on the phones in that interval, a number ≥ 0.
 *
 * `scheduleCsv` writes the same format (the template the Staffing page offers), so a file
 * goes from the dashboard to the CLI and back unchanged.
 */
import { csvCell, parseCsv } from './csv.ts';
import { addDays, isoWeekday, startOfWeek } from './dates.ts';
import { periodDate, periodTime } from './periods.ts';

export interface ScheduleParse {
  /** Exact period (with offset) -> agents. */
  byPeriod: Map<string, number>;
  /** `YYYY-MM-DD HH:MM` (rows given without an offset) -> agents. */
  byInterval: Map<string, number>;
  /** Every period named in the file, as written, for reporting those outside the plan. */
  periods: string[];
  errors: string[];
}

/** The key a period string is matched on when the file gives no offset: local date and wall-clock time. */
export function intervalKey(period: string): string {
  return `${periodDate(period)} ${periodTime(period)}`;
}

const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)$/;
const WALL_CLOCK = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?$/;

export function parseSchedule(text: string): ScheduleParse {
  const rows = parseCsv(text);
  const errors: string[] = [];
  const byPeriod = new Map<string, number>();
  const byInterval = new Map<string, number>();
  const periods: string[] = [];
  if (rows.length === 0) return { byPeriod, byInterval, periods, errors: ['invalid schedule: the file is empty'] };
  const header = rows[0]!.map((h) => h.trim().toLowerCase());
  const pi = header.indexOf('period');
  const si = header.indexOf('scheduled');
  if (pi < 0 || si < 0) return { byPeriod, byInterval, periods, errors: ['invalid schedule: the header needs the columns period,scheduled'] };
  for (let n = 1; n < rows.length; n++) {
    const period = (rows[n]![pi] ?? '').trim();
    const raw = (rows[n]![si] ?? '').trim();
    const agents = raw === '' ? NaN : Number(raw);
    // Lines as the CLI counts them: the header is line 1.
    if (!WITH_OFFSET.test(period) && !WALL_CLOCK.test(period)) {
      errors.push(`invalid period on line ${n + 1}: expected the interval start as 2026-11-16T08:00:00-08:00 (or 2026-11-16 08:00)`);
      continue;
    }
    if (!Number.isFinite(agents) || agents < 0) {
      errors.push(`invalid scheduled on line ${n + 1}: expected a number of agents ≥ 0`);
      continue;
    }
    const key = WITH_OFFSET.test(period) ? normalizePeriod(period) : intervalKey(period.replace(' ', 'T'));
    const map = WITH_OFFSET.test(period) ? byPeriod : byInterval;
    if (map.has(key)) {
      errors.push(`invalid period on line ${n + 1}: the same interval as an earlier line`);
      continue;
    }
    periods.push(period);
    map.set(key, agents);
  }
  return { byPeriod, byInterval, periods, errors };
}

/** The instant a period with an offset names (epoch ms as text): `…T08:00-08:00`, `…T08:00:00-08:00` and `…T16:00:00Z` are one interval. */
function normalizePeriod(p: string): string {
  const withSeconds = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?:[+-]\d{2}:\d{2}|Z)$/.test(p) ? `${p.slice(0, 16)}:00${p.slice(16)}` : p;
  const t = Date.parse(withSeconds);
  return Number.isFinite(t) ? String(t) : withSeconds;
}

/** The scheduled agents the file gives for an interval of the plan, or undefined. */
export function scheduledFor(s: ScheduleParse, period: string): number | undefined {
  return s.byPeriod.get(normalizePeriod(period)) ?? s.byInterval.get(intervalKey(period));
}

/** Periods of the file that are not intervals of the plan (the CLI refuses such a file). */
export function outsidePlan(s: ScheduleParse, planPeriods: readonly string[]): string[] {
  const exact = new Set(planPeriods.map(normalizePeriod));
  const wall = new Set(planPeriods.map(intervalKey));
  return s.periods.filter((p) => (WITH_OFFSET.test(p) ? !exact.has(normalizePeriod(p)) : !wall.has(intervalKey(p.replace(' ', 'T')))));
}

/** A schedule as CSV, `period,scheduled`, one row per interval: what `staffcast plan --scheduled` reads. */
export function scheduleCsv(rows: readonly { period: string; scheduled: number }[]): string {
  return ['period,scheduled', ...rows.map((r) => `${csvCell(r.period)},${csvCell(r.scheduled)}`)].join('\r\n') + '\r\n';
}

/**
 * The first day of the week the staffing plan covers: the Monday on or after the day after
 * the last day of data (weeks start on Monday in every view).
 */
export function planWeekStart(lastDate: string): string {
  const next = addDays(lastDate, 1);
  return isoWeekday(next) === 1 ? next : addDays(startOfWeek(next), 7);
}
