/** Scenario defaults from the contact history (server/wfm/capacity/history.ts), on hand-made rows. */
import { describe, expect, it } from 'vitest';
import { historyDefaults, type MonthHistoryRow } from '../../server/wfm/capacity/history.ts';

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
});
