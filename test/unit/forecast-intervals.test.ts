/**
 * Interval forecasts: intraday profiles (recency weights, holidays left out), spreading a
 * day over its own intervals (daylight-saving days included) so the intervals sum to the day,
 * and the interval-level backtest.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forecastDaily } from '../../server/wfm/forecast/dailyForecast.ts';
import { DayGrid } from '../../server/wfm/forecast/dayGrid.ts';
import { forecastIntervals } from '../../server/wfm/forecast/intervalForecast.ts';
import { nearHoliday, spreadRatio, spreadVolume, volumeProfile, type IntervalHistory, type Profile } from '../../server/wfm/forecast/intradayProfile.ts';
import { addDays, daysBetween, formatLocalIso, isoWeekday } from '../../server/wfm/timezone.ts';

const TZ = 'America/Los_Angeles';
const grid30 = new DayGrid(TZ, 30);

/** Interval history from a per-day function of (date, wall-clock slot) → volume. */
function history(from: string, to: string, f: (date: string, slot: number) => number): IntervalHistory {
  const volume = new Map<number, number>();
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const g = grid30.day(d);
    g.starts.forEach((t, i) => {
      const v = f(d, g.slots[i]!);
      if (v) volume.set(t, (volume.get(t) ?? 0) + v);
    });
  }
  return { volume, firstDate: from, lastDate: to };
}

describe('the local-day interval grid', () => {
  it('has 92 and 100 quarter-hours on the daylight-saving days of 2025', () => {
    const g15 = new DayGrid(TZ, 15);
    expect(g15.day('2025-03-09').starts).toHaveLength(92);
    expect(g15.day('2025-11-02').starts).toHaveLength(100);
    expect(g15.day('2025-11-03').starts).toHaveLength(96);
    // Fall back: 01:00 and 01:30 happen twice; spring forward: 02:00 and 02:30 never.
    expect(grid30.day('2025-11-02').slots.slice(0, 6)).toEqual([0, 30, 60, 90, 60, 90]);
    expect(grid30.day('2025-03-09').slots.slice(0, 5)).toEqual([0, 30, 60, 90, 180]);
    expect(grid30.day('2025-11-02').dst).toBe(true);
    expect(() => new DayGrid(TZ, 7)).toThrow(/^invalid minutes: /);
  });
});

describe('intraday profiles', () => {
  it('weights recent weeks more: weights halve every three weeks', () => {
    // Two usable Mondays before Mon 2025-06-16: 06-09 (this week, weight 1) with 30 at 09:00
    // and 10 at 09:30; 06-02 (a week older, weight 2^(−1/3)) with 10 and 30. Share of 09:00
    // = (30 + 10w) / (40 + 40w).
    const h = history('2025-06-02', '2025-06-15', (d, slot) => {
      if (d === '2025-06-09') return slot === 540 ? 30 : slot === 570 ? 10 : 0;
      if (d === '2025-06-02') return slot === 540 ? 10 : slot === 570 ? 30 : 0;
      return 0;
    });
    const p = volumeProfile(h, grid30, '2025-06-16');
    const w = 2 ** (-1 / 3);
    expect(p.byWeekday[1]!.get(540)).toBeCloseTo((30 + 10 * w) / (40 + 40 * w), 12);
    expect(p.byWeekday[1]!.get(570)).toBeCloseTo((10 + 30 * w) / (40 + 40 * w), 12);
    expect(p.byWeekday[2]).toBeNull(); // no Tuesday with volume
    expect(p.days).toBe(2);
  });

  it('leaves out holidays and the days either side of them', () => {
    expect([nearHoliday('2025-05-25'), nearHoliday('2025-05-26'), nearHoliday('2025-05-27'), nearHoliday('2025-05-28')]).toEqual([true, true, true, false]);
    // Memorial Day (Mon 05-26) has all its volume at 12:00; the Monday before at 09:00.
    const h = history('2025-05-19', '2025-06-01', (d, slot) => (d === '2025-05-26' ? (slot === 720 ? 50 : 0) : d === '2025-05-19' && slot === 540 ? 20 : 0));
    const p = volumeProfile(h, grid30, '2025-06-02');
    expect([...p.byWeekday[1]!.entries()]).toEqual([[540, 1]]);
  });
});

describe('spreading a day over its intervals', () => {
  const profile: Profile = {
    byWeekday: [null, null, null, null, null, null, null, null],
    pooled: new Map([
      [60, 0.1],
      [90, 0.1],
      [120, 0.5],
      [600, 0.3],
    ]),
    days: 1,
  };

  it('sums to the day on a 25-hour day, the repeated hour counted twice', () => {
    // 2025-11-02: slots 60 and 90 occur twice → shares .1 .1 .1 .1 .5 .3 = 1.2; a day of 120
    // gives 10 to each 01:xx interval, 50 to 02:00 and 30 to 10:00.
    const v = spreadVolume('2025-11-02', 120, profile, grid30);
    expect(v).toHaveLength(50);
    expect(v.slice(2, 7).map((x) => Math.round(x * 1e9) / 1e9)).toEqual([10, 10, 10, 10, 50]);
    expect(v.reduce((a, b) => a + b, 0)).toBeCloseTo(120, 12);
  });

  it('sums to the day on a 23-hour day, the missing hour left out', () => {
    // 2025-03-09 has no 02:00: shares .1 .1 .3 = .5 → 24, 24, 72.
    const v = spreadVolume('2025-03-09', 120, profile, grid30);
    expect(v).toHaveLength(46);
    expect(v.filter((x) => x > 0).map((x) => Math.round(x * 1e9) / 1e9)).toEqual([24, 24, 72]);
  });

  it('adds up to the daily total for any profile and total (law)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 48, maxLength: 48 }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.constantFrom('2025-03-09', '2025-06-10', '2025-11-02'),
        (shares, total, date) => {
          const p: Profile = { byWeekday: new Array(8).fill(null), pooled: new Map(shares.map((s, i) => [i * 30, s])), days: 1 };
          const v = spreadVolume(date, total, p, grid30);
          expect(v).toHaveLength(grid30.day(date).starts.length);
          expect(v.every((x) => x >= 0)).toBe(true);
          expect(v.reduce((a, b) => a + b, 0)).toBeCloseTo(total, 6);
        },
      ),
      { seed: 103 },
    );
  });

  it('spreads evenly when there is no profile, and scales AHT by its slot ratio', () => {
    const none: Profile = { byWeekday: new Array(8).fill(null), pooled: null, days: 0 };
    expect(spreadVolume('2025-06-10', 96, none, grid30)).toEqual(new Array(48).fill(2));
    const aht: Profile = { byWeekday: new Array(8).fill(null), pooled: new Map([[540, 1.2]]), days: 1 };
    const r = spreadRatio('2025-06-10', 300, aht, grid30);
    expect(r[18]).toBeCloseTo(360, 12); // 09:00 is interval 18
    expect(Number.isNaN(r[0]!)).toBe(true);
  });
});

describe('forecastIntervals', () => {
  // Weekdays 08:00–16:00, busiest at 10:00; weekday levels Mon 120 … Fri 80; weekends closed.
  const LEVEL = [0, 120, 100, 95, 90, 80, 0, 0];
  const SHAPE = (slot: number) => (slot >= 480 && slot < 960 ? (slot === 600 ? 3 : 1) : 0);
  const shapeSum = 15 + 3; // 16 open half-hours, one of them weighted 3
  const vol = (date: string, slot: number) => (LEVEL[isoWeekday(date)]! * SHAPE(slot)) / shapeSum;
  const from = '2025-08-25';
  const to = '2025-10-26';
  const ih = history(from, to, vol);
  const n = daysBetween(from, to) + 1;
  const daily = forecastDaily({
    series: { start: from, values: Array.from({ length: n }, (_, i) => LEVEL[isoWeekday(addDays(from, i))]!) },
    horizon: 14,
    backtestHorizon: 7,
  });
  const iv = forecastIntervals({ daily, history: ih, grid: grid30, kind: 'count', formatPeriod: (t) => formatLocalIso(t, TZ) });

  it('gives each day its own intervals, summing to the daily forecast', () => {
    expect(iv.points.filter((p) => p.date === '2025-11-02')).toHaveLength(50);
    expect(iv.points.filter((p) => p.date === '2025-11-03')).toHaveLength(48);
    daily.dates.forEach((date, j) => {
      const sum = iv.points.filter((p) => p.date === date).reduce((a, p) => a + p.forecast!, 0);
      expect(sum).toBeCloseTo(daily.forecast[j]!, 9);
    });
    const monday = iv.points.filter((p) => p.date === '2025-10-27');
    expect(monday[0]!.period).toBe('2025-10-27T00:00:00-07:00');
    expect(monday[20]!.forecast).toBeCloseTo((120 * 3) / 18, 9); // 10:00
    expect(monday[16]!.forecast).toBeCloseTo(120 / 18, 9); // 08:00
    expect(monday[0]).toMatchObject({ forecast: 0, upper95: 0 }); // closed at night
  });

  it('scores the backtest at interval level', () => {
    expect(iv.backtest.origins).toBe(4);
    expect(iv.backtest.wmape).toBeCloseTo(0, 9);
    expect(iv.candidates.length).toBeGreaterThanOrEqual(4);
  });

  it('keeps the interval bands around the forecast, with Poisson noise where the day is exact', () => {
    const p = iv.points.find((x) => x.period === '2025-10-27T10:00:00-07:00')!;
    // σ of the day is 0 here, so sd = √20 and the 80% band is 20 ± 1.2816·√20.
    expect(p.upper80! - p.forecast!).toBeCloseTo(1.2815515655446004 * Math.sqrt(20), 6);
  });
});
