/** Case work from the case log (server/wfm/capacity/caseHistory.ts), on hand-made rows. */
import { describe, expect, it } from 'vitest';
import { type CaseMonthRow, caseWorkFromHistory } from '../../server/wfm/capacity/caseHistory.ts';
import { planCapacity } from '../../server/wfm/capacity/plan.ts';

const row = (month: string, type: string, tier: number | null, cases: number, firstDate = `${month}-01`, lastDate = `${month}-31`): CaseMonthRow => ({ month, type, tier, cases, firstDate, lastDate });
const HOURS: Record<string, number> = { appeal: 2, grievance: 1 };
const hours = (type: string) => HOURS[type] ?? 0.5;

describe('caseWorkFromHistory', () => {
  it('arrivals per 1,000 members over the whole months with enrollment, by type and tier', () => {
    const rows = [
      row('2025-03', 'appeal', 2, 30),
      row('2025-03', 'appeal', null, 6),
      row('2025-03', 'grievance', 3, 9),
      row('2025-05', 'appeal', 2, 24),
      row('2025-05', 'grievance', 3, 3),
      row('2025-06', 'appeal', 2, 99, '2025-06-01', '2025-06-12'), // not whole: left out
      row('2025-07', 'appeal', 2, 50), // no enrollment: left out
    ];
    const enrollment = [
      { month: '2025-03', plan: 'mcd', members: 10_000 },
      { month: '2025-03', plan: 'chip', members: 2_000 },
      { month: '2025-05', plan: 'mcd', members: 12_000 },
      { month: '2025-06', plan: 'mcd', members: 12_000 },
    ];
    const h = caseWorkFromHistory(rows, enrollment, hours);
    // March (12,000 members) and May (12,000): 24,000 member-months. Appeals on Tier 2 (Tier-2
    // and untiered): 30 + 6 + 24 = 60 → 60 ÷ 24,000 × 1,000 = 2.5 per 1,000 a month, 2 h each;
    // grievances on Tier 3: 9 + 3 = 12 → 0.5 per 1,000, 1 h each.
    expect(h.months).toEqual(['2025-03', '2025-05']);
    expect(h.memberMonths).toBe(24_000);
    expect(h.cases).toEqual([
      { type: 'appeal', perThousandMembers: 2.5, hoursEach: 2, tier: 'tier2' },
      { type: 'grievance', perThousandMembers: 0.5, hoursEach: 1, tier: 'tier3' },
    ]);
    expect(h.note).toBe('Case work from the case log: 2 whole months with enrollment (2025-03 to 2025-05).');
    // In a plan of 15,000 members: Tier-2 case hours 15 × 2.5 × 2 = 75 h; Tier-3 15 × 0.5 × 1 = 7.5 h.
    const m = planCapacity({ members: 15_000, startMonth: '2027-02', months: 1, cases: h.cases! }).months[0]!;
    expect(m.caseHours).toEqual({ tier2: 75, tier3: 7.5 });
  });

  it('without enrollment or a case log: null, and why', () => {
    expect(caseWorkFromHistory([], [], hours)).toMatchObject({ cases: null, note: 'No case log: case work is entered.' });
    expect(caseWorkFromHistory([row('2025-03', 'appeal', 2, 3)], [], hours).note).toBe(
      'No enrollment history is stored, so case arrivals per 1,000 members cannot be estimated: case work is entered.',
    );
    expect(caseWorkFromHistory([row('2025-03', 'appeal', 2, 3, '2025-03-02')], [{ month: '2025-03', plan: 'mcd', members: 5 }], hours).note).toBe(
      'No whole month of the case log has enrollment stored: case work is entered.',
    );
  });
});
