/** Number formatting with units: what the tiles, tables and tooltips print. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { durationUnit, durationUnitOf, formatChange, formatDuration, formatSeconds, formatTick, formatValue, NO_DATA } from '../../../web/src/lib/format.ts';

describe('formatValue', () => {
  it('prints each unit', () => {
    expect(formatValue(5967, 'count')).toBe('5,967');
    expect(formatValue(0.78312, 'fraction')).toBe('78.3%');
    expect(formatValue(16.4, 'seconds')).toBe('16 s');
    expect(formatValue(582, 'seconds')).toBe('9.7 min'); // 582 / 60 = 9.7
    // 119.4 s rounds to 119 s; 119.6 s would print as 120 s, which is 2.0 min: the unit steps up where the rounded figure reaches 120.
    expect(formatValue(119.4, 'seconds')).toBe('119 s');
    expect(formatValue(119.6, 'seconds')).toBe('2.0 min');
    expect(formatValue(4.213, 'score')).toBe('4.21');
    expect(formatValue(25.6, 'nps')).toBe('+26');
    expect(formatValue(-3.2, 'nps')).toBe('−3');
    expect(formatValue(0, 'nps')).toBe('0');
    expect(formatValue(46, 'agents')).toBe('46 agents');
    expect(formatValue(65.71, 'fte')).toBe('65.7 FTE');
    expect(formatValue(0.5, 'hours')).toBe('0.5 h');
    expect(formatValue(-12, 'count')).toBe('−12');
  });

  it('shows no data as a dash, never as 0', () => {
    expect(formatValue(null, 'fraction')).toBe(NO_DATA);
    expect(formatValue(undefined, 'count')).toBe(NO_DATA);
    expect(formatValue(Number.NaN, 'seconds')).toBe(NO_DATA);
    expect(formatChange(null, 'fraction')).toBe(NO_DATA);
  });

  it('prints changes in the unit people compare in', () => {
    expect(formatChange(-0.031, 'fraction')).toBe('−3.1 pts');
    expect(formatChange(2.4, 'seconds')).toBe('+2 s');
    expect(formatChange(150, 'seconds')).toBe('+2.5 min');
    // Counts: relative to the previous period, −789 / 6756 = −11.68% -> −11.7%.
    expect(formatChange(-789, 'count', 6756)).toBe('−11.7%');
    expect(formatChange(40, 'count', 0)).toBe('+40');
    expect(formatChange(0, 'fraction')).toBe('±0.0 pts');
    expect(formatChange(2, 'nps')).toBe('+2');
  });

  it('axis ticks', () => {
    expect(formatTick(0.8, 'fraction')).toBe('80%');
    expect(formatTick(25000, 'count')).toBe('25k');
    expect(formatTick(35, 'seconds')).toBe('35 s');
  });

  it('never prints a negative zero', () => {
    expect(formatValue(-0, 'seconds')).toBe('0 s');
    expect(formatValue(-0.3, 'count')).toBe('0');
    expect(formatValue(-0.0004, 'fraction')).toBe('0.0%');
  });

  it('laws: a fraction reads back to within half a tenth of a point; seconds keep their sign', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (f) => {
        const shown = Number(formatValue(f, 'fraction').replace('%', '').replace(/,/g, ''));
        expect(Math.abs(shown - f * 100)).toBeLessThanOrEqual(0.05 + 1e-9);
      }),
      { seed: 121 },
    );
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (s) => {
        const text = formatSeconds(s);
        const shown = Number(text.replace('−', '-').replace(/[^\d.-]/g, ''));
        // A minus sign exactly when the printed number is below zero, and never a flipped sign.
        expect(text.startsWith('−')).toBe(shown < 0);
        expect(shown === 0 || Math.sign(shown) === Math.sign(s)).toBe(true);
      }),
      { seed: 122 },
    );
  });
});

describe('formatDuration: one formatter for every duration, its unit by magnitude', () => {
  it("picks s / min / h / days (the issue's examples)", () => {
    expect(formatDuration(45)).toBe('45 s');
    expect(formatDuration(390)).toBe('6.5 min'); // 390 / 60 = 6.5
    // "698.1 min" was shown before: 41,886 s / 3,600 = 11.635 h -> 11.6 h.
    expect(formatDuration(41_886)).toBe('11.6 h');
    expect(formatValue(41_886, 'seconds')).toBe('11.6 h');
    // "200,000 s" was shown before: 200,000 / 86,400 = 2.3148 days -> 2.3 days.
    expect(formatDuration(200_000)).toBe('2.3 days');
    expect(formatValue(200_000, 'seconds')).toBe('2.3 days');
  });

  it('steps up where the rounded figure reaches 120 of the smaller unit', () => {
    expect(durationUnit(119.4)).toBe('s');
    expect(durationUnit(119.5)).toBe('min');
    expect(durationUnit(7_196)).toBe('min'); // 119.93 min -> 119.9 min
    expect(formatDuration(7_196)).toBe('119.9 min');
    expect(durationUnit(7_197)).toBe('h'); // 119.95 min would print 120.0 min; 7,197 / 3,600 = 2.0 h
    expect(formatDuration(7_197)).toBe('2.0 h');
    expect(durationUnit(172_619)).toBe('h'); // 47.949 h
    expect(durationUnit(172_620)).toBe('days'); // 47.95 h = 1.998 days -> 2.0 days
  });

  it('keeps a column in one unit when asked', () => {
    // AHTs of 90 s and 400 s in one column: the larger (400 s) is in minutes, so both are.
    const unit = durationUnitOf([90, 400, null]);
    expect(unit).toBe('min');
    expect(formatDuration(90, unit)).toBe('1.5 min');
    expect(formatDuration(400, unit)).toBe('6.7 min'); // 400 / 60 = 6.67
    expect(durationUnitOf([])).toBe('s');
  });

  it('minutes and hours values go through the same formatter', () => {
    expect(formatValue(0.5, 'hours')).toBe('0.5 h');
    expect(formatValue(6.25, 'minutes')).toBe('6.3 min');
    expect(formatChange(7_200, 'seconds')).toBe('+2.0 h');
  });
});

describe('formatInstant: times in the site zone, named', () => {
  it('shows the local wall clock with the zone abbreviation, standard and daylight time', async () => {
    const { formatInstant } = await import('../../../web/src/lib/format.ts');
    // 09:37:12 UTC on 3 Dec 2026 is 01:37:12 in Los Angeles (UTC−8, PST).
    expect(formatInstant('2026-12-03T09:37:12.000Z', 'America/Los_Angeles')).toBe('2026-12-03 01:37:12 PST');
    // 19:00 UTC on 1 Jul 2026 is 12:00 noon (UTC−7, PDT).
    expect(formatInstant('2026-07-01T19:00:00Z', 'America/Los_Angeles')).toBe('2026-07-01 12:00:00 PDT');
    // New York, 5 hours behind UTC in December: 04:37:12 EST.
    expect(formatInstant('2026-12-03T09:37:12Z', 'America/New_York')).toBe('2026-12-03 04:37:12 EST');
    expect(formatInstant(null, 'America/Los_Angeles')).toBe('—');
  });
});

describe('dollars (the capacity page)', () => {
  it('whole dollars with separators; ticks in $k and $M', () => {
    expect(formatValue(984_202.78, 'dollars')).toBe('$984,203');
    expect(formatValue(null, 'dollars')).toBe(NO_DATA);
    expect(formatTick(150_000, 'dollars')).toBe('$150k');
    expect(formatTick(2_500_000, 'dollars')).toBe('$2.5M');
    expect(formatTick(5_000, 'dollars')).toBe('$5,000');
  });
});
