/**
 * The daily forecast end to end on series with known answers: weekly pattern, linear trend,
 * holiday and season multipliers recovered from history, closed days, gaps, fallbacks.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyDays, DAY_AFTER_HOLIDAY, DAY_HOLIDAY, DAY_MONTH_START, DAY_NONE } from '../../server/wfm/forecast/calendarEffects.ts';
import { calendarEvents } from '../../server/wfm/forecast/calendarEvents.ts';
import { closedWeekdays } from '../../server/wfm/forecast/closedDays.ts';
import { calendarInPlay, forecastDaily } from '../../server/wfm/forecast/dailyForecast.ts';
import { dayCalendar } from '../../server/wfm/forecast/dayCalendar.ts';
import { daysBetween } from '../../server/wfm/timezone.ts';

/** Mon..Sun; Sunday closed. */
const PATTERN = [120, 100, 95, 90, 85, 40, 0];

/** A daily series from `start` to `end` (inclusive) with value `f(date info)`. */
function series(start: string, end: string, f: (d: ReturnType<typeof dayCalendar>[number], i: number) => number | null) {
  const cal = dayCalendar(start, daysBetween(start, end) + 1);
  return { start, values: cal.map((d, i) => f(d, i)) };
}

const at = (r: ReturnType<typeof forecastDaily>, date: string) => r.points.find((p) => p.period === date)!.forecast;

describe('dayCalendar', () => {
  it('places days in the enrollment window Oct 15 – Jan 31 and its segments', () => {
    const cal = dayCalendar('2024-10-14', 110);
    expect(cal[0]).toMatchObject({ date: '2024-10-14', weekday: 0, seasonYear: null, holiday: 'Columbus Day' });
    expect(cal[1]).toMatchObject({ date: '2024-10-15', seasonYear: 2024, seasonOffset: 0, seasonSegment: 0 });
    expect(cal[18]).toMatchObject({ date: '2024-11-01', seasonOffset: 17, seasonSegment: 1 });
    expect(cal[55]).toMatchObject({ date: '2024-12-08', seasonOffset: 54, seasonSegment: 2 });
    expect(cal[80]).toMatchObject({ date: '2025-01-02', seasonYear: 2024, seasonOffset: 79, seasonSegment: 3 });
    expect(cal[109]).toMatchObject({ date: '2025-01-31', seasonOffset: 108, seasonSegment: 4 });
  });
});

describe('day classes and closed weekdays', () => {
  it('marks holidays, the first open day after them and the first two open days of a month', () => {
    // Sept 2024 with weekends closed: Mon 2 Labor Day; Tue 3 is the day after (and the first
    // open day of the month, so it counts as one of the two); Wed 4 is the second.
    const cal = dayCalendar('2024-09-01', 45);
    const closed = [false, false, false, false, false, true, true];
    const cls = classifyDays(cal, closed);
    const of = (date: string) => cls[cal.findIndex((d) => d.date === date)];
    expect([of('2024-09-02'), of('2024-09-03'), of('2024-09-04'), of('2024-09-05')]).toEqual([DAY_HOLIDAY, DAY_AFTER_HOLIDAY, DAY_MONTH_START, DAY_NONE]);
    // Oct 1–2 (Tue, Wed) open the month; Columbus Day Mon Oct 14, then Tue Oct 15.
    expect([of('2024-10-01'), of('2024-10-02'), of('2024-10-03'), of('2024-10-14'), of('2024-10-15')]).toEqual([DAY_MONTH_START, DAY_MONTH_START, DAY_NONE, DAY_HOLIDAY, DAY_AFTER_HOLIDAY]);
  });

  it('finds weekdays that were closed over the last eight weeks', () => {
    const s = series('2024-03-04', '2024-05-12', (d) => PATTERN[d.weekday]!);
    const cal = dayCalendar(s.start, s.values.length);
    expect(closedWeekdays(cal, s.values, 'count')).toEqual([false, false, false, false, false, false, true]);
    const aht = s.values.map((v) => (v === 0 ? null : 300));
    expect(closedWeekdays(cal, aht, 'ratio')).toEqual([false, false, false, false, false, false, true]);
    // One Sunday seen is not enough to call it closed.
    expect(closedWeekdays(cal.slice(0, 7), s.values.slice(0, 7), 'count')[6]).toBe(false);
  });
});

describe('forecastDaily on known answers', () => {
  it('forecasts a pure weekly pattern exactly, closed Sundays at 0', () => {
    const s = series('2024-03-04', '2024-05-12', (d) => PATTERN[d.weekday]!);
    const r = forecastDaily({ series: s, horizon: 14 });
    expect(r.dates[0]).toBe('2024-05-13');
    r.points.forEach((p, j) => expect(p.forecast).toBeCloseTo(PATTERN[j % 7]!, 9));
    expect(r.points[6]).toMatchObject({ forecast: 0, lower80: 0, upper80: 0 });
    expect(r.backtest.wmape).toBeCloseTo(0, 9);
    expect(r.backtest.origins).toBe(4);
    expect(r.candidates.map((c) => c.model).sort()).toEqual(['holt-winters-additive', 'holt-winters-multiplicative', 'moving-average', 'regression', 'seasonal-naive'].sort());
  });

  it('extrapolates a linear trend', () => {
    // y = 200 + 3t from Mon 2024-06-03 for 70 days; Juneteenth and July 4 sit on the trend
    // (multiplier 1), so the calendar-aware models forecast 200 + 3(70 + j) exactly.
    const s = series('2024-06-03', '2024-08-11', (_, t) => 200 + 3 * t);
    const r = forecastDaily({ series: s, horizon: 14 });
    expect(['regression', 'holt-winters-additive', 'holt-winters-multiplicative']).toContain(r.model);
    r.points.forEach((p, j) => expect(p.forecast).toBeCloseTo(200 + 3 * (70 + j), 6));
    // The yardsticks miss it: the seasonal naive lags a week behind (21 per day).
    const naive = r.candidates.find((c) => c.model === 'seasonal-naive')!;
    expect(naive.bias).toBeLessThan(0);
  });

  it('recovers a holiday multiplier from the previous year', () => {
    // Every holiday runs at 40% of its weekday; a year later Veterans Day (Mon 2024-11-11)
    // is forecast at 0.4 × 120 = 48 and Thanksgiving (Thu 11-28) at 0.4 × 90 = 36; the days
    // after them are ordinary (100 and 85).
    const s = series('2023-01-02', '2024-10-31', (d) => PATTERN[d.weekday]! * (d.holiday ? 0.4 : 1));
    const r = forecastDaily({ series: s, horizon: 42 });
    expect(at(r, '2024-11-11')).toBeCloseTo(48, 6);
    expect(at(r, '2024-11-12')).toBeCloseTo(100, 6);
    expect(at(r, '2024-11-28')).toBeCloseTo(36, 6);
    expect(at(r, '2024-11-29')).toBeCloseTo(85, 6);
    expect(at(r, '2024-11-10')).toBe(0);
    const holidays = r.estimates.find((e) => e.effect === 'federal holidays (pooled)')!;
    expect(holidays.multiplier).toBeCloseTo(0.4, 12);
  });

  it('forecasts a closed holiday as 0', () => {
    const s = series('2023-01-02', '2024-10-31', (d) => (d.holiday ? 0 : PATTERN[d.weekday]!));
    const r = forecastDaily({ series: s, horizon: 42 });
    expect(at(r, '2024-11-11')).toBe(0);
    expect(at(r, '2024-11-28')).toBe(0);
    expect(at(r, '2024-11-27')).toBeCloseTo(95, 6);
  });

  it('recovers the enrollment-season lift from earlier seasons, holidays inside it included', () => {
    // ×1.4 on every day of Oct 15 – Jan 31 in 2022/23 and 2023/24; the 2024 season is
    // forecast at 1.4 × the weekday, the days before it at the weekday. Veterans Day inside
    // the window runs at 60% of its (season-lifted) level: 0.6 × 1.4 × 120 = 100.8.
    const s = series('2022-09-05', '2024-10-10', (d) => PATTERN[d.weekday]! * (d.seasonYear !== null ? 1.4 : 1) * (d.holiday === 'Veterans Day' ? 0.6 : 1));
    const r = forecastDaily({ series: s, horizon: 60 });
    expect(at(r, '2024-10-11')).toBeCloseTo(85, 6); // a Friday before the window
    expect(at(r, '2024-10-15')).toBeCloseTo(1.4 * 100, 6); // Tue, but the day after Columbus Day: ordinary here
    expect(at(r, '2024-11-20')).toBeCloseTo(1.4 * 95, 6);
    expect(at(r, '2024-11-11')).toBeCloseTo(0.6 * 1.4 * 120, 6);
    expect(r.notes.join(' ')).not.toMatch(/no complete earlier enrollment season/);
  });

  it('says so when no earlier season covers the forecast', () => {
    const s = series('2024-03-04', '2024-09-30', (d) => PATTERN[d.weekday]!);
    const r = forecastDaily({ series: s, horizon: 30 });
    expect(r.notes.join(' ')).toMatch(/no complete earlier enrollment season/);
    expect(at(r, '2024-10-16')).toBeCloseTo(95, 6); // no lift applied
  });

  it('falls back to a simpler model on a short series and says so', () => {
    const short = series('2024-03-04', '2024-03-13', (d) => PATTERN[d.weekday]!); // 10 days
    const r = forecastDaily({ series: short, horizon: 7 });
    expect(['seasonal-naive', 'moving-average']).toContain(r.model);
    expect(r.notes.join(' ')).toMatch(/the history has 10 days, too short for holt-winters \(needs 28\), regression \(needs 14\)/);
    const asked = forecastDaily({ series: series('2024-03-04', '2024-03-23', (d) => PATTERN[d.weekday]!), horizon: 7, model: 'holt-winters' });
    expect(asked.model).toBe('regression');
    expect(asked.notes).toContain('holt-winters-additive needs at least 28 days of history and the series has 20: used regression');
    const tiny = forecastDaily({ series: { start: '2024-03-04', values: [5, 7] }, horizon: 3 });
    expect(tiny.model).toBe('moving-average');
    expect(tiny.points.map((p) => p.forecast)).toEqual([6, 6, 6]);
    expect(tiny.notes.join(' ')).toMatch(/too short to backtest/);
  });

  it('refuses an empty series and a bad horizon', () => {
    expect(() => forecastDaily({ series: { start: '2024-03-04', values: [null, null] }, horizon: 3 })).toThrow('invalid series: no observations');
    expect(() => forecastDaily({ series: { start: '2024-03-04', values: [1] }, horizon: 0 })).toThrow(/^invalid horizon: /);
  });

  it('fits through missing days and zeros (law)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 7, maxLength: 7 }), fc.uniqueArray(fc.integer({ min: 0, max: 69 }), { maxLength: 20 }), (pattern, gaps) => {
        // A Sunday gap-free, so the series is never entirely missing.
        const s = series('2024-03-04', '2024-05-12', (d, i) => (gaps.includes(i) && i !== 69 ? null : pattern[d.weekday]!));
        const r = forecastDaily({ series: s, horizon: 14 });
        for (const p of r.points) {
          expect(Number.isFinite(p.forecast)).toBe(true);
          expect(p.forecast!).toBeGreaterThanOrEqual(0);
        }
        // A weekday that is 0 in every week is closed: it forecasts 0.
        r.points.forEach((p, j) => {
          if (pattern[j % 7] === 0) expect(p.forecast).toBe(0);
        });
      }),
      { seed: 102, numRuns: 15 },
    );
  });

  it('gives a ratio (AHT) no value on closed days', () => {
    const s = series('2024-03-04', '2024-05-12', (d) => (d.weekday === 6 ? null : 300 + 10 * d.weekday));
    const r = forecastDaily({ series: s, horizon: 7, kind: 'ratio' });
    expect(r.points[6]).toEqual({ period: '2024-05-19', forecast: null, lower80: null, upper80: null, lower95: null, upper95: null });
    expect(r.points[0]!.forecast).toBeCloseTo(300, 6);
    expect(r.points[5]!.forecast).toBeCloseTo(350, 6);
  });

  it('falls back when too few days were observed for a model', () => {
    // 30 days of AHT with only three observed: the regression has nothing to fit, the
    // moving average (of the filled series) still answers.
    const values: (number | null)[] = new Array(30).fill(null);
    values[3] = 300;
    values[10] = 310;
    values[17] = 320;
    const r = forecastDaily({ series: { start: '2024-03-04', values }, horizon: 7, kind: 'ratio', model: 'regression' });
    expect(r.model).toBe('moving-average');
    expect(r.notes.join(' ')).toMatch(/regression .*used moving-average/);
  });

  it('applies planner events: divided out of the history, multiplied onto the forecast', () => {
    // A mailing doubled Tue–Thu 2024-04-16..18; a planned one lifts 2024-05-14..15 by 50%.
    const s = series('2024-03-04', '2024-05-12', (d) => PATTERN[d.weekday]! * (d.date >= '2024-04-16' && d.date <= '2024-04-18' ? 2 : 1));
    const events = [
      { name: 'April mailing', start: '2024-04-16', end: '2024-04-18', lift: 2 },
      { name: 'May mailing', start: '2024-05-14', end: '2024-05-15', lift: 1.5 },
    ];
    const r = forecastDaily({ series: s, horizon: 7, events, model: 'regression' });
    expect(r.points.map((p) => p.forecast)).toEqual([120, 150, 142.5, 90, 85, 40, 0].map((v) => expect.closeTo(v, 6)));
  });

  it('keeps prediction bands ordered and wider at 95% than 80%', () => {
    const s = series('2023-01-02', '2024-10-31', (d, i) => PATTERN[d.weekday]! * 10 * (1 + 0.05 * Math.sin(i * 1.7)));
    const r = forecastDaily({ series: s, horizon: 56 });
    for (const p of r.points) {
      expect(p.lower95!).toBeLessThanOrEqual(p.lower80!);
      expect(p.lower80!).toBeLessThanOrEqual(p.forecast!);
      expect(p.upper80!).toBeLessThanOrEqual(p.upper95!);
    }
    expect(r.sigma[55]!).toBeGreaterThanOrEqual(r.sigma[0]!);
  });
});

describe('calendarEvents', () => {
  it('lists holidays, seasons and user events overlapping a range', () => {
    const ev = calendarEvents('2024-11-01', '2024-11-30', [{ name: 'mailing', start: '2024-11-05', end: '2024-11-06', lift: 1.2 }]);
    expect(ev.filter((e) => e.kind === 'holiday').map((e) => e.start)).toEqual(['2024-11-11', '2024-11-28']);
    expect(ev.filter((e) => e.kind === 'season').map((e) => e.label)).toEqual(['Medicare annual enrollment', 'Marketplace open enrollment']);
    expect(ev.find((e) => e.kind === 'user')).toEqual({ start: '2024-11-05', end: '2024-11-06', label: 'mailing', kind: 'user' });
  });
});

describe('when auto may use the naive yardsticks', () => {
  it('not when last week (which seasonal naive copies) or the horizon has a calendar effect', () => {
    // 14 days of history, 7 ahead. A holiday (×0) on day 10 is in the week naive copies;
    // on day 3 it is not; a season (×1.4) on day 15 is in the horizon.
    const ones = () => new Array(21).fill(1);
    const withAt = (i: number, m: number) => Object.assign(ones(), { [i]: m });
    expect(calendarInPlay(ones(), 14)).toBe(false);
    expect(calendarInPlay(withAt(10, 0), 14)).toBe(true);
    expect(calendarInPlay(withAt(3, 0), 14)).toBe(false);
    expect(calendarInPlay(withAt(15, 1.4), 14)).toBe(true);
    expect(calendarInPlay(withAt(15, 1.04), 14)).toBe(false); // within 5%: ordinary noise
  });
});
