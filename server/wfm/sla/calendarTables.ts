/**
 * The site calendar laid out as rows the database can join contacts against, so business
 * waits over many contacts are computed in SQL (server/db/queries/slaCounts.ts), not contact
 * by contact. Pure.
 *
 * - Open intervals per queue and channel, each with `before`: the open milliseconds of the
 *   same queue and channel before it. The business time up to an instant t is
 *   B(t) = before + min(t − start, end − start) of the last interval starting at or before t
 *   (0 before the first), and the business time between t0 and t1 is B(t1) − B(t0): the same
 *   as `businessSecondsBetween` (the union of open intervals within [t0, t1)).
 * - Business days per queue and channel, numbered 1, 2, … in date order, with the instant
 *   each closes: the n-th business day after a date d is number (count of business days
 *   ≤ d) + n, as `businessDaysDeadline` counts.
 */
import { addDays, startOfLocalDay } from '../timezone.ts';
import { ANY, businessDaysDeadline, isBusinessDay, openIntervals, type SiteCalendar } from '../siteCalendar.ts';

export interface QueueChannel {
  queue: string;
  channel: string;
}

export interface OpenIntervalRow extends QueueChannel {
  /** epoch ms, [start, end) */
  start: number;
  end: number;
  /** Open milliseconds of this queue and channel from `from` up to `start`. */
  before: number;
}

/**
 * What decides the hours of a queue and channel: the weekly rule chosen (most specific first:
 * queue and channel, queue, channel, neither) and the exceptions that can apply to it. Two
 * pairs with the same signature have the same open intervals (holidays are site-wide).
 */
function hoursSignature(cal: SiteCalendar, queue: string, channel: string): string {
  const match = (q: string, c: string) => cal.hours.find((h) => h.queue === q && h.channel === c);
  const rule = match(queue, channel) ?? match(queue, ANY) ?? match(ANY, channel) ?? match(ANY, ANY) ?? null;
  const exceptions = cal.exceptions.filter((e) => (e.queue === queue || e.queue === ANY) && (e.channel === channel || e.channel === ANY));
  return JSON.stringify([rule?.weekly ?? null, exceptions.map((e) => [e.date, e.queue === ANY, e.channel === ANY, e.open])]);
}

/** Every open interval of each queue and channel within [fromMs, toMs), with the open time before it. */
export function openIntervalRows(cal: SiteCalendar, pairs: readonly QueueChannel[], fromMs: number, toMs: number): OpenIntervalRow[] {
  const rows: OpenIntervalRow[] = [];
  const bySignature = new Map<string, [number, number][]>();
  for (const { queue, channel } of pairs) {
    const sig = hoursSignature(cal, queue, channel);
    let intervals = bySignature.get(sig);
    if (!intervals) bySignature.set(sig, (intervals = openIntervals(cal, queue, channel, fromMs, toMs)));
    let before = 0;
    for (const [start, end] of intervals) {
      rows.push({ queue, channel, start, end, before });
      before += end - start;
    }
  }
  return rows;
}

export interface BusinessDayRow extends QueueChannel {
  date: string;
  /** 1 for the first business day on or after `from`, then 2, 3, … */
  n: number;
  /** epoch ms the day closes (the end of its last open span). */
  closeMs: number;
}

/** Business days of each queue and channel among the local dates [from, to). */
export function businessDayRows(cal: SiteCalendar, pairs: readonly QueueChannel[], from: string, to: string): BusinessDayRow[] {
  const rows: BusinessDayRow[] = [];
  for (const { queue, channel } of pairs) {
    let n = 0;
    for (let d = from; d < to; d = addDays(d, 1)) {
      if (!isBusinessDay(cal, queue, channel, d)) continue;
      // The close of day d: the deadline of 1 business day counted from the last instant of the day before.
      const { dueMs } = businessDaysDeadline(cal, queue, channel, startOfLocalDay(d, cal.timeZone) - 1, 1);
      rows.push({ queue, channel, date: d, n: ++n, closeMs: dueMs });
    }
  }
  return rows;
}
