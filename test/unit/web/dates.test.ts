/**
 * Calendar arithmetic the dashboard's default ranges and trends rest on. Dates checked
 * against a wall calendar: 2026-11-15 is a Sunday, 2026-11-13 a Friday, 2024 is a leap year.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  lastFullYear,
  addDays,
  addMonths,
  daysBetween,
  formatRange,
  isIsoDate,
  isoWeekday,
  lastFullMonth,
  lastFullQuarter,
  lastFullWeek,
  lastWeekday,
  periodLabel,
  startOfWeek,
  trendGrain,
  trendRange,
} from '../../../web/src/lib/dates.ts';

const dateArb = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2090-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

describe('dates', () => {
  it('validates real calendar dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-1-01')).toBe(false);
    expect(() => addDays('nope', 1)).toThrow('invalid date: expected YYYY-MM-DD');
  });

  it('knows weekdays and week starts (Monday)', () => {
    expect(isoWeekday('2026-11-15')).toBe(7); // Sunday
    expect(isoWeekday('2026-11-09')).toBe(1); // Monday
    expect(startOfWeek('2026-11-15')).toBe('2026-11-09');
    expect(startOfWeek('2026-11-09')).toBe('2026-11-09');
  });

  it('last full week ending at the data’s last day', () => {
    // maxDate is a Sunday: the week Mon 9 – Sun 15 Nov is complete.
    expect(lastFullWeek('2026-11-15')).toEqual({ from: '2026-11-09', to: '2026-11-16' });
    // maxDate is a Saturday: that week is not complete, the one before is.
    expect(lastFullWeek('2026-11-14')).toEqual({ from: '2026-11-02', to: '2026-11-09' });
  });

  it('last full month and quarter', () => {
    expect(lastFullMonth('2026-11-15')).toEqual({ from: '2026-10-01', to: '2026-11-01' });
    expect(lastFullMonth('2026-11-30')).toEqual({ from: '2026-11-01', to: '2026-12-01' });
    expect(lastFullQuarter('2026-11-15')).toEqual({ from: '2026-07-01', to: '2026-10-01' });
  });

  it('clamps month arithmetic to the end of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-03-15', -3)).toBe('2025-12-15');
  });

  it('the latest weekday on or before a date', () => {
    expect(lastWeekday('2026-11-15')).toBe('2026-11-13'); // Sunday -> Friday
    expect(lastWeekday('2026-11-14')).toBe('2026-11-13'); // Saturday -> Friday
    expect(lastWeekday('2026-11-12')).toBe('2026-11-12');
  });

  it('reads a trend in the grain of the range, 13 whole periods back', () => {
    expect(trendGrain({ from: '2026-11-09', to: '2026-11-16' })).toBe('week');
    expect(trendGrain({ from: '2026-10-01', to: '2026-11-01' })).toBe('month');
    expect(trendGrain({ from: '2026-07-01', to: '2026-10-01' })).toBe('quarter');
    expect(trendGrain({ from: '2026-11-13', to: '2026-11-14' })).toBe('day');
    // 13 weeks ending with the week of 9 Nov: starts 12 weeks (84 days) before 9 Nov.
    expect(trendRange({ from: '2026-11-09', to: '2026-11-16' }, 'week', 13)).toEqual({ from: '2026-08-17', to: '2026-11-16' });
    // A range inside a month: the whole month is the last period, Nov 2025 the first.
    expect(trendRange({ from: '2026-11-01', to: '2026-11-10' }, 'month', 13)).toEqual({ from: '2025-11-01', to: '2026-12-01' });
  });

  it('formats ranges with their inclusive last day', () => {
    expect(formatRange({ from: '2026-11-09', to: '2026-11-16' })).toBe('9–15 Nov 2026');
    expect(formatRange({ from: '2026-10-26', to: '2026-11-02' })).toBe('26 Oct – 1 Nov 2026');
    expect(formatRange({ from: '2026-12-28', to: '2027-01-04' })).toBe('28 Dec 2026 – 3 Jan 2027');
    expect(formatRange({ from: '2026-11-13', to: '2026-11-14' })).toBe('Fri 13 Nov 2026');
    expect(periodLabel('2026-10-01', 'quarter')).toBe('Q4 2026');
  });

  it('laws: addDays inverts, daysBetween measures, last full week is 7 days ending by maxDate', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -5000, max: 5000 }), (d, n) => {
        expect(addDays(addDays(d, n), -n)).toBe(d);
        expect(daysBetween(d, addDays(d, n))).toBe(n);
      }),
      { seed: 119 },
    );
    fc.assert(
      fc.property(dateArb, (max) => {
        const w = lastFullWeek(max);
        expect(daysBetween(w.from, w.to)).toBe(7);
        expect(isoWeekday(w.from)).toBe(1);
        expect(addDays(w.to, -1) <= max).toBe(true);
        // And it is the latest such week: the next one would end after maxDate.
        expect(addDays(w.to, 6) > max).toBe(true);
      }),
      { seed: 120 },
    );
  });
});

describe('lastFullYear', () => {
  it('is the last whole calendar year on or before the last date with data', () => {
    expect(lastFullYear('2026-11-30')).toEqual({ from: '2025-01-01', to: '2026-01-01' });
    expect(lastFullYear('2025-12-31')).toEqual({ from: '2025-01-01', to: '2026-01-01' });
  });
});
