/**
 * Case work (appeals, grievances, research) from the case log, as the scenario's `cases`: per
 * case type and tier, arrivals per 1,000 members a month = Σ cases received ÷ Σ members × 1,000
 * over the whole months (cases received on the month's first and last day) that have enrollment
 * stored, and the hours each from the case log's handle time per type (the caller passes it:
 * the case log's own assumptions, server/wfm/cases). Cases on Tier 3 stay on Tier 3; Tier-1,
 * Tier-2 and untiered cases are Tier-2 work (Tier 1 answers the queues). Null without such a
 * month, with the reason. Pure: the rows come from server/db/queries/capacityHistory.ts.
 */
import type { EnrollmentRow } from './enrollment.ts';
import type { CaseWork } from './scenario.ts';

export interface CaseMonthRow {
  /** YYYY-MM, site-local month of receipt. */
  month: string;
  type: string;
  /** 1–3, or null when the case has no tier. */
  tier: number | null;
  cases: number;
  /** First and last local dates with cases received in the month (any type). */
  firstDate: string;
  lastDate: string;
}

export interface CaseWorkFromHistory {
  cases: CaseWork[] | null;
  /** The whole months with enrollment the rates come from, and their member-months. */
  months: string[];
  memberMonths: number;
  note: string;
}

function lastDayOf(month: string): string {
  const days = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
  return `${month}-${String(days).padStart(2, '0')}`;
}

export function caseWorkFromHistory(rows: readonly CaseMonthRow[], enrollment: readonly EnrollmentRow[], hoursEach: (type: string) => number): CaseWorkFromHistory {
  if (rows.length === 0) return { cases: null, months: [], memberMonths: 0, note: 'No case log: case work is entered.' };
  const span = new Map<string, { first: string; last: string }>();
  for (const r of rows) {
    const s = span.get(r.month) ?? { first: r.firstDate, last: r.lastDate };
    if (r.firstDate < s.first) s.first = r.firstDate;
    if (r.lastDate > s.last) s.last = r.lastDate;
    span.set(r.month, s);
  }
  const members = new Map<string, number>();
  for (const e of enrollment) members.set(e.month, (members.get(e.month) ?? 0) + e.members);
  const months = [...span]
    .filter(([month, s]) => s.first === `${month}-01` && s.last === lastDayOf(month) && (members.get(month) ?? 0) > 0)
    .map(([month]) => month)
    .sort();
  if (months.length === 0) {
    return {
      cases: null,
      months,
      memberMonths: 0,
      note:
        members.size === 0
          ? 'No enrollment history is stored, so case arrivals per 1,000 members cannot be estimated: case work is entered.'
          : 'No whole month of the case log has enrollment stored: case work is entered.',
    };
  }
  const used = new Set(months);
  const memberMonths = months.reduce((a, m) => a + members.get(m)!, 0);
  const counts = new Map<string, { type: string; tier: 'tier2' | 'tier3'; cases: number }>();
  for (const r of rows) {
    if (!used.has(r.month)) continue;
    const tier = r.tier === 3 ? 'tier3' : 'tier2';
    const key = `${r.type}|${tier}`;
    const c = counts.get(key) ?? { type: r.type, tier, cases: 0 };
    c.cases += r.cases;
    counts.set(key, c);
  }
  const cases = [...counts.values()]
    .sort((a, b) => a.type.localeCompare(b.type) || a.tier.localeCompare(b.tier))
    .map((c): CaseWork => ({ type: c.type, perThousandMembers: (c.cases / memberMonths) * 1000, hoursEach: hoursEach(c.type), tier: c.tier }));
  return {
    cases,
    months,
    memberMonths,
    note: `Case work from the case log: ${months.length} whole month${months.length === 1 ? '' : 's'} with enrollment (${months[0]} to ${months.at(-1)}).`,
  };
}
