/** Which period a scorecard compares with, and whether the data covers it (server/kpi/comparison.ts). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, comparisonRange, coverage, periodKind } from '../../server/kpi/comparison.ts';
import { addDays, daysBetween } from '../../server/wfm/timezone.ts';

describe('comparisonRange, previous period', () => {
  it('compares a calendar quarter with the previous quarter (was 31 Mar–30 Jun: 92 days back)', () => {
    // Jul–Sep is 92 days; the previous calendar quarter Apr–Jun is 91: 1 Apr to 1 Jul.
    expect(comparisonRange({ from: '2025-07-01', to: '2025-10-01' }, 'previous')).toEqual({ from: '2025-04-01', to: '2025-07-01', kind: 'quarter' });
  });
  it('compares a year with the previous year (was 2 Jan–31 Dec 2024: 365 days back from a leap year)', () => {
    expect(comparisonRange({ from: '2025-01-01', to: '2026-01-01' }, 'previous')).toEqual({ from: '2024-01-01', to: '2025-01-01', kind: 'year' });
  });
  it('compares a month with the previous month, whatever their lengths', () => {
    // March (31 days) with February 2024 (29 days): 1 Feb to 1 Mar.
    expect(comparisonRange({ from: '2024-03-01', to: '2024-04-01' }, 'previous')).toEqual({ from: '2024-02-01', to: '2024-03-01', kind: 'month' });
  });
  it('compares weeks and other ranges with the same number of days just before', () => {
    // Mon 2 Jun – Sun 8 Jun 2025 → Mon 26 May – Sun 1 Jun.
    expect(comparisonRange({ from: '2025-06-02', to: '2025-06-09' }, 'previous')).toEqual({ from: '2025-05-26', to: '2025-06-02', kind: 'weeks' });
    // Thu 5 – Wed 11 Jun (7 days, not Monday-start) → 29 May – 4 Jun.
    expect(comparisonRange({ from: '2025-06-05', to: '2025-06-12' }, 'previous')).toEqual({ from: '2025-05-29', to: '2025-06-05', kind: 'days' });
  });
});

describe('comparisonRange, year over year', () => {
  it('takes the same calendar period a year earlier', () => {
    expect(comparisonRange({ from: '2025-07-01', to: '2025-10-01' }, 'year')).toEqual({ from: '2024-07-01', to: '2024-10-01', kind: 'quarter' });
    expect(comparisonRange({ from: '2025-01-01', to: '2026-01-01' }, 'year')).toEqual({ from: '2024-01-01', to: '2025-01-01', kind: 'year' });
  });
  it('takes whole weeks 52 weeks (364 days) earlier, so weekdays line up', () => {
    // Mon 2 Jun 2025 − 364 days = Mon 3 Jun 2024.
    expect(comparisonRange({ from: '2025-06-02', to: '2025-06-09' }, 'year')).toEqual({ from: '2024-06-03', to: '2024-06-10', kind: 'weeks' });
  });
  it('clamps 29 February to the 28th', () => {
    expect(addMonths('2024-02-29', -12)).toBe('2023-02-28');
    expect(comparisonRange({ from: '2024-02-29', to: '2024-03-02' }, 'year')).toEqual({ from: '2023-02-28', to: '2023-03-02', kind: 'days' });
  });
});

describe('periodKind', () => {
  it('recognises calendar periods only when they are whole', () => {
    expect(periodKind({ from: '2025-04-01', to: '2025-07-01' })).toBe('quarter');
    expect(periodKind({ from: '2025-05-01', to: '2025-08-01' })).toBe('days'); // three months, not a quarter
    expect(periodKind({ from: '2025-02-01', to: '2025-03-01' })).toBe('month');
    expect(periodKind({ from: '2025-01-01', to: '2025-02-01' })).toBe('month');
  });
});

describe('the previous period always ends where the period starts', () => {
  it('for any range (fast-check)', () => {
    const date = fc.integer({ min: 0, max: 3000 }).map((n) => addDays('2020-01-01', n));
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 400 }), (from, len) => {
        const to = addDays(from, len);
        const prev = comparisonRange({ from, to }, 'previous');
        expect(prev.to).toBe(from);
        expect(daysBetween(prev.from, prev.to)).toBeGreaterThan(0);
        if (prev.kind === 'days' || prev.kind === 'weeks') expect(daysBetween(prev.from, prev.to)).toBe(len);
      }),
      { seed: 20261203, numRuns: 300 },
    );
  });
});

describe('coverage', () => {
  const data = { minDate: '2024-09-03', maxDate: '2026-11-30' };
  it('is none, partial or full against the first and last dates with data', () => {
    // 2024 (1 Jan – 31 Dec) starts before the data (3 Sep 2024): partial.
    expect(coverage({ from: '2024-01-01', to: '2025-01-01' }, data)).toBe('partial');
    expect(coverage({ from: '2023-01-01', to: '2024-01-01' }, data)).toBe('none');
    expect(coverage({ from: '2025-01-01', to: '2026-01-01' }, data)).toBe('full');
    // The last day of data is 30 Nov: a range through 30 Nov is full, through 1 Dec partial.
    expect(coverage({ from: '2026-11-01', to: '2026-12-01' }, data)).toBe('full');
    expect(coverage({ from: '2026-11-01', to: '2026-12-02' }, data)).toBe('partial');
    expect(coverage({ from: '2026-12-01', to: '2026-12-02' }, data)).toBe('none');
    expect(coverage({ from: '2025-01-01', to: '2025-01-02' }, { minDate: null, maxDate: null })).toBe('none');
  });
});
