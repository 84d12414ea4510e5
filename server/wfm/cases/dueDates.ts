/**
 * When a case milestone is due: a deadline rule applied to the instant of receipt, in the
 * site calendar (server/wfm/siteCalendar.ts). Pure.
 *
 * - `hours`: receipt + N hours, an instant (72 hours is 72 elapsed hours, across a DST change too).
 * - `calendar_days`: the whole local day N days after the day of receipt (the day of receipt
 *   is day 0): due before the local midnight that ends it.
 * - `business_days`: the N-th business day after the day of receipt, from
 *   `businessDaysDeadline` (weekends, observed holidays and closures skipped), and like
 *   calendar days the whole of that local day: work done on the deadline day, even after
 *   closing, is on time.
 * - Extension: a case marked extended, under a rule that allows one, gets `extensionDays`
 *   calendar days more (hours rules: 24 h per day). A rule without one ignores the mark.
 *
 * Business days are those of the queue `cases`, channel `case` in the calendar: a site
 * whose case unit keeps other hours than its phones adds an hours rule for queue `cases`.
 */
import { businessDaysDeadline, CASE_CHANNEL, CASE_QUEUE, type SiteCalendar } from '../siteCalendar.ts';
import { addDays, localDateOf, startOfLocalDay } from '../timezone.ts';
import type { DeadlineRule } from './deadlineRules.ts';

export { CASE_CHANNEL, CASE_QUEUE };

export interface Due {
  /** The instant the milestone is late from: done at or after it is late. */
  dueMs: number;
  /** The local date the deadline falls on (for an instant deadline, its local date). */
  dueDate: string;
  /** True when the extension was applied. */
  extended: boolean;
}

// Memos (pure: same arguments, same answer). Every zone's offsets and changes fall on whole
// quarter-hours, so the instants of one UTC quarter-hour share one local date.
const QUARTER_HOUR = 900_000;
const dateMemo = new Map<string, string>();
const dayDueMemo = new WeakMap<SiteCalendar, Map<string, Due>>();

/** localDateOf, memoized by UTC quarter-hour. */
export function localDateMemo(ms: number, timeZone: string): string {
  const bucket = Math.floor(ms / QUARTER_HOUR);
  const key = `${timeZone}|${bucket}`;
  let d = dateMemo.get(key);
  if (d === undefined) {
    if (dateMemo.size > 200_000) dateMemo.clear();
    d = localDateOf(bucket * QUARTER_HOUR, timeZone);
    dateMemo.set(key, d);
  }
  return d;
}

/** The due instant and date of a milestone under `rule` for a case received at `receivedAt`. */
export function dueFor(rule: Pick<DeadlineRule, 'amount' | 'unit' | 'extensionDays'>, receivedAt: number, extended: boolean, cal: SiteCalendar): Due {
  const extend = extended && rule.extensionDays > 0;
  const extra = extend ? rule.extensionDays : 0;
  if (rule.unit === 'hours') {
    const dueMs = receivedAt + (rule.amount + 24 * extra) * 3_600_000;
    // The last instant still on time is dueMs itself minus a millisecond; its local date.
    return { dueMs, dueDate: localDateMemo(dueMs - 1, cal.timeZone), extended: extend };
  }
  // Day rules depend only on the local date of receipt (calendars are immutable once built).
  const received = localDateMemo(receivedAt, cal.timeZone);
  let memo = dayDueMemo.get(cal);
  if (!memo) dayDueMemo.set(cal, (memo = new Map()));
  const key = `${rule.unit}|${rule.amount}|${extra}|${received}`;
  const hit = memo.get(key);
  if (hit) return hit;
  const base = rule.unit === 'calendar_days' ? addDays(received, rule.amount) : businessDaysDeadline(cal, CASE_QUEUE, CASE_CHANNEL, receivedAt, rule.amount).date;
  const dueDate = addDays(base, extra);
  const due: Due = { dueMs: startOfLocalDay(addDays(dueDate, 1), cal.timeZone), dueDate, extended: extend };
  if (memo.size > 200_000) memo.clear();
  memo.set(key, due);
  return due;
}

/** On time: done before the due instant (on the deadline day for day rules). */
export function onTime(doneAt: number, due: Due): boolean {
  return doneAt < due.dueMs;
}
