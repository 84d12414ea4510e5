/**
 * Local time on daylight-saving days in America/Los_Angeles (2025-03-09: 02:00 PST jumps to
 * 03:00 PDT; 2025-11-02: 02:00 PDT falls back to 01:00 PST), periods, and the holiday and
 * enrollment calendar.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { federalHolidays, seasonsOn } from '../../server/wfm/calendar.ts';
import { periodGrid, periodLabel, periodStartDate } from '../../server/wfm/periods.ts';
import { formatLocalIso, localDateOf, localDayIntervals, localToUtc, startOfLocalDay } from '../../server/wfm/timezone.ts';

const LA = 'America/Los_Angeles';

describe('local days and intervals', () => {
  it('has 92, 96 and 100 quarter-hours on the spring, normal and fall days', () => {
    expect(localDayIntervals('2025-03-09', LA, 15)).toHaveLength(92); // 23 h × 4
    expect(localDayIntervals('2025-06-02', LA, 15)).toHaveLength(96);
    expect(localDayIntervals('2025-11-02', LA, 15)).toHaveLength(100); // 25 h × 4
    expect(localDayIntervals('2025-11-02', LA, 30)).toHaveLength(50);
  });

  it('labels the repeated fall-back hour with both offsets', () => {
    const labels = localDayIntervals('2025-11-02', LA, 30).map((t) => formatLocalIso(t, LA));
    expect(labels.slice(2, 6)).toEqual(['2025-11-02T01:00:00-07:00', '2025-11-02T01:30:00-07:00', '2025-11-02T01:00:00-08:00', '2025-11-02T01:30:00-08:00']);
    expect(labels.at(-1)).toBe('2025-11-02T23:30:00-08:00');
  });

  it('skips the spring-forward gap', () => {
    const labels = localDayIntervals('2025-03-09', LA, 60).map((t) => formatLocalIso(t, LA));
    expect(labels.slice(1, 3)).toEqual(['2025-03-09T01:00:00-08:00', '2025-03-09T03:00:00-07:00']);
  });

  it('resolves wall-clock times: gap, ambiguous, ordinary', () => {
    expect(localToUtc({ year: 2025, month: 3, day: 9, hour: 2, minute: 30, second: 0 }, LA)).toEqual({ status: 'gap' });
    // 01:30 PDT = 08:30Z; 01:30 PST = 09:30Z
    expect(localToUtc({ year: 2025, month: 11, day: 2, hour: 1, minute: 30, second: 0 }, LA)).toEqual({
      status: 'ambiguous',
      utcMs: Date.parse('2025-11-02T08:30:00Z'),
      laterUtcMs: Date.parse('2025-11-02T09:30:00Z'),
    });
    expect(localToUtc({ year: 2025, month: 6, day: 2, hour: 9, minute: 0, second: 0 }, LA)).toEqual({
      status: 'ok',
      utcMs: Date.parse('2025-06-02T16:00:00Z'),
    });
  });

  it('round-trips every instant of two DST years through its local wall time (property)', () => {
    const from = Date.parse('2024-01-01T00:00:00Z');
    const to = Date.parse('2026-01-01T00:00:00Z');
    fc.assert(
      fc.property(fc.integer({ min: from / 1000, max: to / 1000 }), (sec) => {
        const t = sec * 1000;
        const iso = formatLocalIso(t, LA);
        expect(Date.parse(iso)).toBe(t);
        expect(localDateOf(t, LA)).toBe(iso.slice(0, 10));
        const day = iso.slice(0, 10);
        const grid = localDayIntervals(day, LA, 15);
        // the instant falls inside exactly one quarter-hour of its local day
        expect(grid.filter((s) => s <= t && t < s + 900_000)).toHaveLength(1);
      }),
      { seed: 117, numRuns: 300 },
    );
  });
});

describe('periods', () => {
  it('weeks start on Monday; months and quarters on their first day', () => {
    expect(periodStartDate('week', '2025-11-02')).toBe('2025-10-27'); // a Sunday → Monday before
    expect(periodStartDate('week', '2025-11-03')).toBe('2025-11-03');
    expect(periodStartDate('month', '2025-11-30')).toBe('2025-11-01');
    expect(periodStartDate('quarter', '2025-11-30')).toBe('2025-10-01');
  });

  it('grids cover the range and label local midnights with the offset of that day', () => {
    expect(periodGrid('day', '2025-11-01', '2025-11-04', LA).map((k) => periodLabel(k, LA))).toEqual([
      '2025-11-01T00:00:00-07:00',
      '2025-11-02T00:00:00-07:00', // midnight comes before the 02:00 change
      '2025-11-03T00:00:00-08:00',
    ]);
    expect(periodGrid('hour', '2025-03-09', '2025-03-10', LA)).toHaveLength(23);
    expect(periodGrid('month', '2025-01-15', '2025-04-01', LA)).toEqual(['2025-01-01', '2025-02-01', '2025-03-01']);
    expect(periodGrid('quarter', '2025-11-15', '2026-02-01', LA)).toEqual(['2025-10-01', '2026-01-01']);
    expect(startOfLocalDay('2025-03-09', LA)).toBe(Date.parse('2025-03-09T08:00:00Z'));
  });
});

describe('calendar', () => {
  it('lists the 2026 federal holidays as observed (5 U.S.C. 6103)', () => {
    // July 4 2026 is a Saturday: observed Friday July 3.
    expect(federalHolidays(2026).map((h) => h.date)).toEqual([
      '2026-01-01',
      '2026-01-19',
      '2026-02-16',
      '2026-05-25',
      '2026-06-19',
      '2026-07-03',
      '2026-09-07',
      '2026-10-12',
      '2026-11-11',
      '2026-11-26',
      '2026-12-25',
    ]);
  });

  it('observes a Saturday New Year on the Friday before, in the earlier year', () => {
    // Jan 1 2022 was a Saturday: observed Dec 31 2021.
    expect(federalHolidays(2021).at(-1)).toEqual({ date: '2021-12-31', name: "New Year's Day" });
    expect(federalHolidays(2022)[0]!.date).toBe('2022-01-17'); // MLK; no New Year's in 2022
    expect(federalHolidays(2022).map((h) => h.date)).toContain('2022-12-26'); // Christmas on a Sunday
  });

  it('knows the enrollment seasons', () => {
    expect(seasonsOn('2025-10-14')).toEqual([]);
    expect(seasonsOn('2025-10-15')).toEqual(['medicare_aep']);
    expect(seasonsOn('2025-11-20').sort()).toEqual(['marketplace_oe', 'medicare_aep']);
    expect(seasonsOn('2025-12-08')).toEqual(['marketplace_oe']);
    expect(seasonsOn('2026-01-10').sort()).toEqual(['january_id_cards', 'marketplace_oe']);
    expect(seasonsOn('2026-01-16')).toEqual(['january_id_cards']);
  });
});
