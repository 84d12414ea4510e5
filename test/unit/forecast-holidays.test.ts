/**
 * The forecast's holiday rule (issue 10): a holiday the site calendar closes forecasts 0; one
 * it keeps open, or one never seen in the history and not declared closed, forecasts as an
 * ordinary day of its weekday — never "the average of the other holidays" — and a holiday
 * seen closed on every earlier date stays closed. Each horizon holiday gets a note.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { forecastDaily } from '../../server/wfm/forecast/dailyForecast.ts';
import { type HolidayRule, learnedFederalHolidays } from '../../server/wfm/forecast/dayCalendar.ts';
import { holidayRuleFromCalendar } from '../../server/wfm/forecast/holidayRules.ts';
import { parseSeriesCsv } from '../../server/wfm/forecast/parseSeries.ts';
import { forecastSeries } from '../../server/wfm/forecast/seriesForecast.ts';
import { defaultCalendar } from '../../server/wfm/siteCalendar.ts';
import { addDays, daysBetween, isoWeekday } from '../../server/wfm/timezone.ts';
import { requirePresent, sharedFile } from '../helpers/shared.ts';

/** The federal holidays as learned from the history, with Columbus Day's closure set to `closed`. */
const columbus =
  (closed: boolean | null): HolidayRule =>
  (date) => {
    const h = learnedFederalHolidays(date);
    return h && h.name === 'Columbus Day' ? { ...h, closed } : h;
  };
/** No holiday on Columbus Day 2003-10-13 at all: the forecast of an ordinary Monday. */
const noColumbus: HolidayRule = (date) => (date === '2003-10-13' ? null : learnedFederalHolidays(date));

const bank = sharedFile('datasets/us-bank-calls-2003-5min.csv');

describe.skipIf(bank.skip)('US bank 2003: Columbus Day 2003-10-13 (open, 35,300 calls)', () => {
  // 5-minute counts, weekdays 07:00–21:00, wall clock written with a Z suffix: read in UTC so
  // the local day is the written one, and aggregate to days (absent weekends are 0).
  if (!bank.present) {
    // Reached only under CI (elsewhere the block is skipped): fail naming the missing file.
    it('needs the US bank series', () => requirePresent(bank));
    return;
  }
  const text = readFileSync(bank.path, 'utf8');
  const parsed = parseSeriesCsv(text.replace(/^[^\n]*\n/, 'rownames,timestamp,value\n'), 'UTC');
  const daily = parsed.daily;
  // Origin 2003-10-06 (Mon): history 2003-03-03 … 2003-10-05, 217 days; forecast 14 days
  // 10-06 … 10-19, Columbus Day is index 7.
  const n = daysBetween(daily.start, '2003-10-06');
  const series = { start: daily.start, values: daily.values.slice(0, n) };
  const run = (holidayOn?: HolidayRule) => forecastDaily({ series, horizon: 14, holidayOn });
  const at = (r: ReturnType<typeof run>) => r.forecast[r.dates.indexOf('2003-10-13')]!;

  it('reads the history as it is: Memorial Day, July 4 and Labor Day closed, Columbus Day 35,300', () => {
    expect(daily.start).toBe('2003-03-03');
    expect(n).toBe(217); // 29 days of March + 30 + 31 + 30 + 31 + 31 + 30 + 5 of October
    const v = (d: string) => daily.values[daysBetween(daily.start, d)];
    expect([v('2003-05-26'), v('2003-07-04'), v('2003-09-01')]).toEqual([0, 0, 0]);
    expect(v('2003-10-13')).toBe(35300);
  });

  it('no calendar: never seen in the history and not declared closed → an ordinary Monday (was 0)', () => {
    const r = run();
    const ordinary = run(noColumbus);
    // Before the fix: 0, "no earlier Columbus Day in the history: the average of the other
    // holidays is used" (the three seen were closed, ×0.00). Now the forecast of an ordinary
    // Monday: 36,228 with regression, 2.6% above the actual 35,300 (35,940 while the file's
    // absent Fri 04-04 and Mon 04-07 were read as zero days; they are unknown now).
    expect(at(r)).toBe(at(ordinary));
    expect(at(r)).toBeGreaterThan(35_000);
    expect(at(r)).toBeLessThan(37_000);
    expect(r.notes).toContain('Columbus Day 2003-10-13: never seen in the history and not closed by a calendar: assumed open: forecast as an ordinary Monday');
    expect(r.notes.join(' ')).not.toMatch(/average of the other holidays/);
  });

  it('calendar keeps it open → the same ordinary Monday; calendar closes it → 0', () => {
    const open = run(columbus(false));
    expect(at(open)).toBe(at(run(noColumbus)));
    expect(open.notes).toContain('Columbus Day 2003-10-13: open by the site calendar, not seen in the history: forecast as an ordinary Monday');
    const closed = run(columbus(true));
    expect(at(closed)).toBe(0);
    expect(closed.notes).toContain('Columbus Day 2003-10-13: closed by the site calendar: forecast 0');
  });

  it('forecast --series on the 5-minute file learns the same: Columbus Day open', () => {
    const cut = parseSeriesCsv(text.replace(/^[^\n]*\n/, 'rownames,timestamp,value\n').replace(/\n[^\n]*,2003-10-06T[\s\S]*$/, '\n'), 'UTC');
    // The file cut after Fri 10-03: the forecast starts at midnight Sat 10-04. H counts open
    // five-minute periods, 169 a day (07:00 … 21:00): 7 open days, Mon 10-06 … Tue 10-14,
    // cover the whole of Mon 10-13, closed periods included (288).
    const r = forecastSeries(cut, { horizon: 7 * 169, timeZone: 'UTC' });
    const day = r.points.filter((p) => p.period.startsWith('2003-10-13'));
    expect(day).toHaveLength(288);
    const total = day.reduce((s, p) => s + p.forecast!, 0);
    // 36,228 (the daily forecast spread by the intraday profile): 2.6% above the actual 35,300.
    expect(total).toBeGreaterThan(35_000);
    expect(total).toBeLessThan(37_000);
    expect(r.notes.join(' ')).toMatch(/Columbus Day 2003-10-13: never seen in the history/);
  });
});

describe('a synthetic history', () => {
  /** Weekdays `level`, weekends 0, federal holidays `holiday(date)` from Mon 2020-01-06 to `end`. */
  function history(end: string, holiday: (date: string) => number) {
    const start = '2020-01-06';
    const values: number[] = [];
    for (let d = start; d <= end; d = addDays(d, 1)) {
      values.push(learnedFederalHolidays(d) ? holiday(d) : isoWeekday(d) >= 6 ? 0 : 100);
    }
    return { start, values };
  }

  it('a holiday closed on every earlier date (2020-10-12, 2021-10-11) stays closed: Columbus Day 2022-10-10 → 0', () => {
    // History to Fri 2022-10-07; horizon Sat 10-08 … Fri 10-21: Mon 10-10 is index 2.
    const r = forecastDaily({ series: history('2022-10-07', () => 0), horizon: 14 });
    expect(r.dates[2]).toBe('2022-10-10');
    expect(r.forecast[2]).toBe(0);
    // Every ordinary weekday is 100 and the models fit a flat level: Tue 10-11 is 100 (±1:
    // the first open day after a closed holiday measured ×1.00 in the history).
    expect(r.forecast[3]).toBeCloseTo(100, 0);
    expect(r.notes).toContain('Columbus Day 2022-10-10: no contacts on its 2 earlier dates in the history and the calendar does not say: forecast closed (0)');
  });

  it('a calendar that opens a holiday closed in the history forecasts an ordinary day: 100', () => {
    const r = forecastDaily({ series: history('2022-10-07', () => 0), horizon: 14, holidayOn: columbus(false) });
    expect(r.forecast[2]).toBeCloseTo(100, 6);
    expect(r.notes).toContain('Columbus Day 2022-10-10: open by the site calendar, though closed on its earlier dates in the history: forecast as an ordinary Monday');
  });

  it('a holiday open at 60% on its earlier dates keeps its own ratio: 100 × 0.60 = 60', () => {
    const r = forecastDaily({ series: history('2022-10-07', (d) => (learnedFederalHolidays(d)!.name === 'Columbus Day' ? 60 : 0)), horizon: 14 });
    expect(r.forecast[2]).toBeCloseTo(60, 6);
    expect(r.notes).toContain('Columbus Day 2022-10-10: open in the history: ×0.60 an ordinary Monday (2 earlier dates)');
  });
});

describe('holidayRuleFromCalendar', () => {
  const cal = defaultCalendar('America/New_York');
  it('the default calendar closes the federal holidays; other dates and unobserved additions are no holiday', () => {
    const rule = holidayRuleFromCalendar(cal, 'Billing', 'voice');
    expect(rule('2026-10-12')).toEqual({ name: 'Columbus Day', closed: true });
    expect(rule('2026-10-13')).toBeNull();
    expect(rule('2026-12-24')).toBeNull(); // Christmas Eve: not observed by the default
  });
  it('a federal holiday the site does not observe is open; an exception opens one queue; an observed addition closes', () => {
    const site = {
      ...cal,
      holidays: cal.holidays.filter((h) => h !== 'labor_day').concat('christmas_eve'),
      exceptions: [{ date: '2026-10-12', queue: 'Billing', channel: '*', name: 'Open on Columbus Day', open: [{ start: '09:00', end: '13:00' }] }],
    };
    expect(holidayRuleFromCalendar(site, 'Claims', 'voice')('2026-09-07')).toEqual({ name: 'Labor Day', closed: false });
    expect(holidayRuleFromCalendar(site, 'Billing', 'voice')('2026-10-12')).toEqual({ name: 'Columbus Day', closed: false });
    expect(holidayRuleFromCalendar(site, 'Claims', 'voice')('2026-10-12')).toEqual({ name: 'Columbus Day', closed: true });
    expect(holidayRuleFromCalendar(site, 'Claims', 'chat')('2026-12-24')).toEqual({ name: 'Christmas Eve', closed: true });
  });
  it('for email, portal and all channels together, names the holiday but leaves closed to the history (messages arrive on closed days)', () => {
    expect(holidayRuleFromCalendar(cal, 'Billing', 'email')('2026-10-12')).toEqual({ name: 'Columbus Day', closed: null });
    expect(holidayRuleFromCalendar(cal, 'Billing', 'portal')('2026-12-25')).toEqual({ name: 'Christmas Day', closed: null });
    expect(holidayRuleFromCalendar(cal, 'Billing', null)('2026-10-12')).toEqual({ name: 'Columbus Day', closed: null });
  });
});
