/** Number formatting with units: what the tiles, tables and tooltips print. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatChange, formatSeconds, formatTick, formatValue, NO_DATA } from '../../../web/src/lib/format.ts';

describe('formatValue', () => {
  it('prints each unit', () => {
    expect(formatValue(5967, 'count')).toBe('5,967');
    expect(formatValue(0.78312, 'fraction')).toBe('78.3%');
    expect(formatValue(16.4, 'seconds')).toBe('16 s');
    expect(formatValue(582, 'seconds')).toBe('9.7 min'); // 582 / 60 = 9.7
    expect(formatValue(119.6, 'seconds')).toBe('120 s'); // under two minutes stays in seconds
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
