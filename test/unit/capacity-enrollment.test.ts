/** Enrollment from CSV for the capacity planner (server/wfm/capacity/enrollment.ts). */
import { describe, expect, it } from 'vitest';
import { enrollmentFromCsv } from '../../server/wfm/capacity/enrollment.ts';
import { planCapacity } from '../../server/wfm/capacity/plan.ts';

describe('enrollmentFromCsv', () => {
  it('plans with members per month, the first month and the span from the file', () => {
    const e = enrollmentFromCsv('Plan,Month,Members,note\nmcd,2027-02,12500,\nmcd,2027-01,12000,x\ndsnp,2027-01,2500\ndsnp,2027-02,2600\n');
    expect(e).toEqual({
      startMonth: '2027-01',
      months: 2,
      plans: [
        { id: 'mcd', members: [12_000, 12_500] },
        { id: 'dsnp', members: [2500, 2600] },
      ],
    });
    // Members per month = Σ plans: 14,500 then 15,100.
    expect(planCapacity(e).months.map((m) => m.members)).toEqual([14_500, 15_100]);
  });

  it.each([
    ['month,plan\n2027-01,mcd\n', 'invalid enrollment: missing column "members" (expected month,plan,members)'],
    ['month,plan,members\n2027-1,mcd,5\n', 'invalid enrollment: line 2: month "2027-1" must be YYYY-MM'],
    ['month,plan,members\n2027-01,mcd,-3\n', 'invalid enrollment: line 2: members "-3" must be a number ≥ 0'],
    ['month,plan,members\n2027-01,mcd,3\n2027-01,mcd,4\n', 'invalid enrollment: line 3: a second figure for plan "mcd" in 2027-01'],
    ['month,plan,members\n2027-01,mcd,3\n2027-03,mcd,4\n', 'invalid enrollment: plan "mcd" has no figure for 2027-02'],
    ['month,plan,members\n', 'invalid enrollment: no rows'],
  ])('%j → %s', (csv, message) => {
    expect(() => enrollmentFromCsv(csv)).toThrow(message);
  });
});
