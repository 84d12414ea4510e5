/**
 * Case timeliness per period and group: for each milestone (acknowledge, resolve), the cases
 * whose deadline falls in the period, how many met it, missed it, or are still pending, the
 * percent timely, and the median and 90th percentile of the time it took. Pure
 * (docs/cases.md defines every figure).
 *
 * - A milestone counts in the period holding its due date (local), one period per milestone.
 * - met: done before the due instant. missed: done at or after it, or not done and the due
 *   instant is at or before `asOf`. pending: not done, due after `asOf`.
 * - percentTimely = met / (met + missed); null when both are 0 (nothing has come due).
 * - time to acknowledge / resolve: hours from receipt to the milestone, over the cases
 *   counted (met or missed) that have it; median and p90 by linear interpolation.
 * - Cases with no rule for a milestone are counted in `noRule` of that milestone and nowhere else.
 */
import { periodStartDate } from '../periods.ts';
import type { SiteCalendar } from '../siteCalendar.ts';
import type { CaseFacts } from './caseRecord.ts';
import type { DeadlineRule, Milestone } from './deadlineRules.ts';
import { ruleFor } from './deadlineRules.ts';
import { dueFor, onTime, type Due } from './dueDates.ts';
import { quantileLinear } from './quantile.ts';

export const CASE_GROUPS = ['type', 'program', 'priority', 'plan', 'state', 'tier'] as const;
export type CaseGroup = (typeof CASE_GROUPS)[number];
export const TIMELINESS_PERIODS = ['day', 'week', 'month', 'quarter'] as const;
export type TimelinessPeriod = (typeof TIMELINESS_PERIODS)[number];

export type MilestoneStatus = 'met' | 'missed' | 'pending';

/** One case's milestone under the rules: its rule, due date and status, or null without a rule. */
export interface MilestoneTiming {
  ruleId: string;
  due: Due;
  status: MilestoneStatus;
  /** Hours from receipt to the milestone; null when not done. */
  hours: number | null;
}

export function timeMilestone(c: CaseFacts, milestone: Milestone, rules: readonly DeadlineRule[], cal: SiteCalendar, asOf: number): MilestoneTiming | null {
  const rule = ruleFor(rules, milestone, c);
  if (!rule) return null;
  const due = dueFor(rule, c.receivedAt, c.extended, cal);
  const doneAt = milestone === 'acknowledge' ? c.acknowledgedAt : c.resolvedAt;
  // A milestone done after asOf is not known at asOf: treated as not done.
  const done = doneAt !== null && doneAt <= asOf ? doneAt : null;
  const status: MilestoneStatus = done !== null ? (onTime(done, due) ? 'met' : 'missed') : due.dueMs <= asOf ? 'missed' : 'pending';
  return { ruleId: rule.id, due, status, hours: done === null ? null : (done - c.receivedAt) / 3_600_000 };
}

export interface MilestoneFigures {
  due: number;
  met: number;
  missed: number;
  pending: number;
  /** met / (met + missed), 0..1; null when nothing has come due. */
  percentTimely: number | null;
  /** Hours from receipt, over the met and missed cases that reached the milestone. */
  medianHours: number | null;
  p90Hours: number | null;
}

export interface TimelinessRow {
  /** First local date of the period. */
  period: string;
  group: Partial<Record<CaseGroup, string | null>>;
  acknowledge: MilestoneFigures;
  resolve: MilestoneFigures;
}

export interface TimelinessOptions {
  /** Local dates: periods whose due date d has from ≤ d < to. */
  from: string;
  to: string;
  by: TimelinessPeriod;
  group: readonly CaseGroup[];
  /** The instant the statuses are judged at (the data's latest instant, never the clock). */
  asOf: number;
}

function groupValue(c: CaseFacts, g: CaseGroup): string | null {
  const v = c[g];
  return v === null ? null : String(v);
}

interface Acc {
  met: number;
  missed: number;
  pending: number;
  hours: number[];
}
const emptyAcc = (): Acc => ({ met: 0, missed: 0, pending: 0, hours: [] });

function figures(a: Acc): MilestoneFigures {
  const decided = a.met + a.missed;
  return {
    due: decided + a.pending,
    met: a.met,
    missed: a.missed,
    pending: a.pending,
    percentTimely: decided === 0 ? null : a.met / decided,
    medianHours: quantileLinear(a.hours, 0.5),
    p90Hours: quantileLinear(a.hours, 0.9),
  };
}

/** Timeliness rows, ordered by period then group values; only periods × groups with a case due. */
export function caseTimeliness(cases: readonly CaseFacts[], rules: readonly DeadlineRule[], cal: SiteCalendar, o: TimelinessOptions): TimelinessRow[] {
  const rows = new Map<string, { period: string; group: Partial<Record<CaseGroup, string | null>>; acc: Record<Milestone, Acc> }>();
  for (const c of cases) {
    for (const m of ['acknowledge', 'resolve'] as const) {
      const t = timeMilestone(c, m, rules, cal, o.asOf);
      if (!t || t.due.dueDate < o.from || t.due.dueDate >= o.to) continue;
      const period = periodStartDate(o.by, t.due.dueDate);
      const group = Object.fromEntries(o.group.map((g) => [g, groupValue(c, g)]));
      const key = JSON.stringify([period, ...o.group.map((g) => group[g])]);
      let row = rows.get(key);
      if (!row) rows.set(key, (row = { period, group, acc: { acknowledge: emptyAcc(), resolve: emptyAcc() } }));
      const a = row.acc[m];
      a[t.status] += 1;
      if (t.status !== 'pending' && t.hours !== null) a.hours.push(t.hours);
    }
  }
  const cmp = (x: string | null | undefined, y: string | null | undefined) => (x ?? '').localeCompare(y ?? '');
  return [...rows.values()]
    .sort((x, y) => x.period.localeCompare(y.period) || o.group.reduce((r, g) => r || cmp(x.group[g], y.group[g]), 0))
    .map((r) => ({ period: r.period, group: r.group, acknowledge: figures(r.acc.acknowledge), resolve: figures(r.acc.resolve) }));
}
