/** Scenario defaults from the contact history (server/wfm/capacity/history.ts), on hand-made rows. */
import { describe, expect, it } from 'vitest';
import { historyDefaults, type MonthHistoryRow, type ShapeHistoryRow } from '../../server/wfm/capacity/history.ts';
import { planCapacity } from '../../server/wfm/capacity/plan.ts';

const row = (month: string, channel: string, tier: number | null, offered: number, handled: number, aht: number, firstDate: string, lastDate: string): MonthHistoryRow => ({
  month,
  channel,
  tier,
  offered,
  handled,
  handleSum: handled * aht,
  firstDate,
  lastDate,
});

describe('historyDefaults', () => {
  it('AHT as ratios of sums, tier shares, whole months only', () => {
    const h = historyDefaults([
      row('2025-03', 'voice', 1, 10, 8, 400, '2025-03-01', '2025-03-31'),
      row('2025-03', 'voice', 2, 2, 2, 900, '2025-03-01', '2025-03-31'),
      row('2025-03', 'chat', null, 4, 4, 500, '2025-03-01', '2025-03-31'),
      row('2025-04', 'voice', 1, 5, 5, 300, '2025-04-01', '2025-04-10'),
    ]);
    // Voice, Tier 1: (8 × 400 + 5 × 300) ÷ (8 + 5) = 4,700 ÷ 13 = 361.54 s (not the mean of 400 and 300).
    expect(h.aht.voice).toBeCloseTo(4700 / 13, 12);
    expect(h.aht.chat).toBe(500); // untiered contacts count as Tier 1
    expect(h.aht.email).toBeNull();
    expect(h.tier2AhtSeconds).toBe(900);
    expect(h.tier3AhtSeconds).toBeNull();
    // Tier 2 share: 2 of the 10 + 2 + 5 = 17 tiered contacts.
    expect(h.tier2Share).toBeCloseTo(2 / 17, 12);
    expect(h.tier3Share).toBeNull();
    // April has contacts only from the 1st to the 10th: not whole.
    expect(h).toMatchObject({ enrollmentHistory: false, months: 2, wholeMonths: 1, contacts: 21, seasonality: null });
    expect(h.note).toContain('contact rates are entered');
    expect(h.note).toContain('12 whole months of contacts (1 here)');
  });

  it('the seasonal shape from 12 whole months keeps the annual total', () => {
    // 100 contacts a month, 200 in November: mean (11 × 100 + 200) ÷ 12 = 108.33; November
    // 200 ÷ 108.33 = 1.8462, the others 100 ÷ 108.33 = 0.9231; the indexes sum to 12.
    const rows = Array.from({ length: 12 }, (_, i) => {
      const month = `2025-${String(i + 1).padStart(2, '0')}`;
      const last = new Date(Date.UTC(2025, i + 1, 0)).getUTCDate();
      return row(month, 'voice', 1, i === 10 ? 200 : 100, 0, 0, `${month}-01`, `${month}-${last}`);
    });
    const h = historyDefaults(rows);
    expect(h.wholeMonths).toBe(12);
    expect(h.seasonality![10]).toBeCloseTo(200 / (1300 / 12), 12);
    expect(h.seasonality![0]).toBeCloseTo(100 / (1300 / 12), 12);
    expect(h.seasonality!.reduce((a, b) => a + b, 0)).toBeCloseTo(12, 12);
    expect(h.aht.voice).toBeNull(); // nothing handled
  });

  it('contacts per member from whole months with enrollment, deseasonalised: the annual total is kept', () => {
    // Twelve whole months of 2025, 100 voice contacts each and 200 in November; 1,000 members
    // every month. The history's shape: November 200 ÷ 108.33 = 1.8462, the others 0.9231.
    const rows = Array.from({ length: 12 }, (_, i) => {
      const month = `2025-${String(i + 1).padStart(2, '0')}`;
      const last = new Date(Date.UTC(2025, i + 1, 0)).getUTCDate();
      return row(month, 'voice', 1, i === 10 ? 200 : 100, 0, 0, `${month}-01`, `${month}-${last}`);
    });
    const all = rows.map((r) => ({ month: r.month, plan: 'mcd', members: 1000 }));
    const h = historyDefaults(rows, all);
    // Σ contacts ÷ Σ members × index = 1,300 ÷ (1,000 × 12) = 0.108333 a member a month.
    expect(h.enrollmentHistory).toBe(true);
    expect(h.contactRates!.voice).toBeCloseTo(1300 / 12_000, 12);
    expect(h.contactRates!.chat).toBe(0);
    expect(h.rateMonths).toHaveLength(12);
    expect(h.rateMemberMonths).toBe(12_000);
    // Only November enrolled: 200 ÷ (1,000 × 1.8462) = 0.108333 again — the seasonal index takes
    // the surge out, so a part year does not inflate the year's rate.
    const nov = historyDefaults(rows, [{ month: '2025-11', plan: 'mcd', members: 1000 }]);
    expect(nov.contactRates!.voice).toBeCloseTo(1300 / 12_000, 12);
    expect(nov.note).toContain("from 1 whole month with enrollment (2025-11 to 2025-11), on the history's seasonal shape");
    // The plan on these figures gives back the history's contacts: 1,000 × 0.108333 × 1.8462 = 200 in November.
    const plan = planCapacity({ members: 1000, startMonth: '2026-01', contactRates: { ...h.contactRates! }, seasonality: h.seasonality! });
    expect(plan.months[10]!.contacts.voice).toBeCloseTo(200, 9);
    expect(plan.totals.contacts).toBeCloseTo(1300, 9);
  });

  it('enrollment only for months that are not whole: no rates, and it says why', () => {
    const h = historyDefaults([row('2025-04', 'voice', 1, 5, 5, 300, '2025-04-01', '2025-04-10')], [{ month: '2025-04', plan: 'mcd', members: 10 }]);
    expect(h.enrollmentHistory).toBe(false);
    expect(h.contactRates).toBeNull();
    expect(h.note).toContain('Enrollment is stored for 1 month, but none is a whole month of contacts');
  });

  it("each queued channel's weekly and intraday shape, from 500 contacts up", () => {
    const shape = (channel: string, weekday: number, time: string, contacts: number): ShapeHistoryRow => ({ channel, weekday, time, contacts });
    const h = historyDefaults([], [], [shape('voice', 1, '08:00', 200), shape('voice', 1, '09:00', 100), shape('voice', 2, '08:30', 300), shape('chat', 3, '10:00', 499)]);
    // Voice, 600 contacts: Monday 300, Tuesday 300 → [0.5, 0.5, 0, 0, 0, 0, 0]; intervals from
    // 08:00 (the first with contacts) to 09:00: 200, 300, 100 of 600.
    expect(h.shapes.voice).toEqual({
      weekdayShares: [0.5, 0.5, 0, 0, 0, 0, 0],
      openingTime: '08:00',
      intervalMinutes: 30,
      intradayProfile: [200 / 600, 300 / 600, 100 / 600],
      contacts: 600,
    });
    expect(h.shapes.chat).toBeNull(); // 499 < 500
    expect(h.note).toContain('Voice: weekly and intraday shape from 600 contacts; chat: default weekly and intraday shape (fewer than 500 contacts).');
  });
});
