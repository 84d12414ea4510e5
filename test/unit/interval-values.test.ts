/**
 * The value parsers of interval reports (server/ingest/intervals/values.ts), and the one
 * place a percentage becomes a count: only when exactly one count fits.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countFromPercent, parseCount, parsePercent, parseReportDate, parseSeconds, parseTimeOfDay, sumFromAverage } from '../../server/ingest/intervals/values.ts';

/** Half-up rounding at `decimals`, as a report shows a percentage. */
const shown = (a: number, n: number, decimals: number) => Math.floor(((100 * a) / n) * 10 ** decimals + 0.5 + 1e-9) / 10 ** decimals;

describe('countFromPercent', () => {
  it('worked examples', () => {
    // 75 % of 40: 30 → 75.0; 29 → 72.5 → 73; 31 → 77.5 → 78. Only 30.
    expect(countFromPercent(75, 0, 40)).toBe(30);
    // 87 % of 250: 217 → 86.8 → 87 and 218 → 87.2 → 87: two fit, unknown.
    expect(countFromPercent(87, 0, 250)).toBeNull();
    // With one decimal 86.8 % of 250 is 217 only.
    expect(countFromPercent(86.8, 1, 250)).toBe(217);
    // No count of 3 shows as 50 % (33.3, 66.7): none fits.
    expect(countFromPercent(50, 0, 3)).toBeNull();
    expect(countFromPercent(0, 0, 0)).toBe(0);
    expect(countFromPercent(100, 0, 0)).toBeNull();
  });

  it('recovers every count of up to 100 from a whole percentage (steps of at least 1 point)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n }))),
        ([n, a]) => countFromPercent(shown(a, n, 0), 0, n) === a,
      ),
      { seed: 9001, numRuns: 500 },
    );
  });

  it('never answers a count that does not show as the percentage, and answers the true one when it answers', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n }), fc.integer({ min: 0, max: 2 }))),
        ([n, a, d]) => {
          const r = countFromPercent(shown(a, n, d), d, n);
          return r === null || r === a;
        },
      ),
      { seed: 9002, numRuns: 1000 },
    );
  });
});

describe('value parsers', () => {
  it('counts, seconds, percentages', () => {
    expect([parseCount('12'), parseCount('1,234'), parseCount(' '), parseCount('-1'), parseCount('1.5')]).toEqual([12, 1234, undefined, null, null]);
    // 0:25 = 25 s; 4:10 = 250 s; 1:02:03 = 3,723 s; 12.5 s with one decimal.
    expect([parseSeconds('0:25'), parseSeconds('4:10'), parseSeconds('1:02:03'), parseSeconds('12.5')]).toEqual([
      { value: 25, decimals: 0 },
      { value: 250, decimals: 0 },
      { value: 3723, decimals: 0 },
      { value: 12.5, decimals: 1 },
    ]);
    expect([parseSeconds('-3'), parseSeconds('1:75')]).toEqual([null, null]);
    expect([parsePercent('85%'), parsePercent('85.25'), parsePercent('101')]).toEqual([{ value: 85, decimals: 0 }, { value: 85.25, decimals: 2 }, null]);
    // An average of 0:15 over 36 calls: 540 s, within ± 0.5 × 36 = 18 s of the true sum.
    expect(sumFromAverage({ value: 15, decimals: 0 }, 36)).toEqual({ value: 540, maxError: 18 });
  });

  it('dates and times of day as CMS writes them', () => {
    expect(parseReportDate('2025-06-02')).toEqual({ year: 2025, month: 6, day: 2 });
    expect(parseReportDate('20250602')).toEqual({ year: 2025, month: 6, day: 2 });
    expect([parseReportDate('06/02/2025'), parseReportDate('2025-02-30')]).toEqual([null, null]);
    // HHMM: 830 = 08:30, 0 = 00:00, 2330 = 23:30; a range gives the end (24:00 for 00:00).
    expect([parseTimeOfDay('830'), parseTimeOfDay('0'), parseTimeOfDay('2330')]).toEqual([
      { minutes: 510, endMinutes: null },
      { minutes: 0, endMinutes: null },
      { minutes: 1410, endMinutes: null },
    ]);
    expect(parseTimeOfDay('08:00-08:30')).toEqual({ minutes: 480, endMinutes: 510 });
    expect(parseTimeOfDay('11:30 PM - 12:00 AM')).toEqual({ minutes: 1410, endMinutes: 1440 });
    expect([parseTimeOfDay('2460'), parseTimeOfDay('25:00'), parseTimeOfDay('13:00 PM')]).toEqual([null, null, null]);
  });
});
