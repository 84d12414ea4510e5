/**
 * The open-case backlog at the end of a local date, by case type: age buckets, cases due
 * within 1, 3 and 7 days, overdue, and cases with no resolve rule. Pure (docs/cases.md).
 *
 * - As of the end of local date D: the instant T = local midnight that starts D + 1.
 * - Open: received before T, and not resolved before T.
 * - Age: whole local days from the date of receipt to D (received on D: 0 days).
 * - Due within N days: the resolve deadline is after T and at or before the end of D + N
 *   (cumulative: due within 3 includes due within 1). Overdue: the deadline is at or before T.
 */
import type { SiteCalendar } from '../siteCalendar.ts';
import { addDays, daysBetween, startOfLocalDay } from '../timezone.ts';
import type { CaseFacts } from './caseRecord.ts';
import { type DeadlineRule, ruleFor } from './deadlineRules.ts';
import { dueFor, localDateMemo } from './dueDates.ts';

/** Age buckets in whole days: [min, max] inclusive, max null = no upper bound. */
export const AGE_BUCKETS: readonly { label: string; min: number; max: number | null }[] = [
  { label: '0-2', min: 0, max: 2 },
  { label: '3-7', min: 3, max: 7 },
  { label: '8-14', min: 8, max: 14 },
  { label: '15-30', min: 15, max: 30 },
  { label: '31+', min: 31, max: null },
];

export interface BacklogRow {
  type: string;
  open: number;
  /** Open cases per AGE_BUCKETS label. */
  ages: Record<string, number>;
  dueWithin1Day: number;
  dueWithin3Days: number;
  dueWithin7Days: number;
  overdue: number;
  /** Open cases no resolve rule applies to (neither due nor overdue). */
  noRule: number;
}

export interface OpenCase {
  caseId: string;
  type: string;
  ageDays: number;
  /** Resolve due date and instant; null without a rule. */
  dueDate: string | null;
  dueMs: number | null;
  overdue: boolean;
}

/** The open cases at the end of `asOfDate`, each with its age and resolve deadline. */
export function openCasesAt(cases: readonly CaseFacts[], rules: readonly DeadlineRule[], cal: SiteCalendar, asOfDate: string): OpenCase[] {
  const t = startOfLocalDay(addDays(asOfDate, 1), cal.timeZone);
  const out: OpenCase[] = [];
  for (const c of cases) {
    if (c.receivedAt >= t || (c.resolvedAt !== null && c.resolvedAt < t)) continue;
    const rule = ruleFor(rules, 'resolve', c);
    const due = rule ? dueFor(rule, c.receivedAt, c.extended, cal) : null;
    out.push({
      caseId: c.caseId,
      type: c.type,
      ageDays: daysBetween(localDateMemo(c.receivedAt, cal.timeZone), asOfDate),
      dueDate: due?.dueDate ?? null,
      dueMs: due?.dueMs ?? null,
      overdue: due !== null && due.dueMs <= t,
    });
  }
  return out;
}

/** The backlog by type (sorted by type), and a total row with type '*'. */
export function caseBacklog(cases: readonly CaseFacts[], rules: readonly DeadlineRule[], cal: SiteCalendar, asOfDate: string): { rows: BacklogRow[]; total: BacklogRow } {
  const endOf = (n: number) => startOfLocalDay(addDays(asOfDate, n + 1), cal.timeZone);
  const limits = { 1: endOf(1), 3: endOf(3), 7: endOf(7) };
  const blank = (type: string): BacklogRow => ({
    type,
    open: 0,
    ages: Object.fromEntries(AGE_BUCKETS.map((b) => [b.label, 0])),
    dueWithin1Day: 0,
    dueWithin3Days: 0,
    dueWithin7Days: 0,
    overdue: 0,
    noRule: 0,
  });
  const byType = new Map<string, BacklogRow>();
  const total = blank('*');
  for (const o of openCasesAt(cases, rules, cal, asOfDate)) {
    let row = byType.get(o.type);
    if (!row) byType.set(o.type, (row = blank(o.type)));
    for (const r of [row, total]) {
      r.open += 1;
      const bucket = AGE_BUCKETS.find((b) => o.ageDays >= b.min && (b.max === null || o.ageDays <= b.max))!;
      r.ages[bucket.label]! += 1;
      if (o.dueMs === null) r.noRule += 1;
      else if (o.overdue) r.overdue += 1;
      else {
        if (o.dueMs <= limits[1]) r.dueWithin1Day += 1;
        if (o.dueMs <= limits[3]) r.dueWithin3Days += 1;
        if (o.dueMs <= limits[7]) r.dueWithin7Days += 1;
      }
    }
  }
  return { rows: [...byType.values()].sort((a, b) => a.type.localeCompare(b.type)), total };
}
