/** Axis ticks, the room their labels take and where a reference-line label goes (web/src/charts/ticks.ts). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { axisRoom, axisTicks, labelWidth, refLabelBaseline } from '../../../web/src/charts/ticks.ts';
import type { Unit } from '../../../web/src/lib/format.ts';

const labels = (d: [number, number], unit: Unit, n = 5) => axisTicks(d, unit, n).ticks.map((t) => t.label);

describe('axisTicks', () => {
  it('never repeats a label at extreme inputs', () => {
    // An ASA axis from 0 to 1 s used to read "0 s, 0 s, 0 s, 1 s, 1 s, 1 s" (ticks every 0.2 s at no decimals).
    expect(labels([0, 1], 'seconds')).toEqual(['0.0 s', '0.2 s', '0.4 s', '0.6 s', '0.8 s', '1.0 s']);
    // A count axis over 0..1 (an empty day) has whole ticks only: 0 and 1.
    expect(labels([0, 1], 'count')).toEqual(['0', '1']);
    expect(labels([0, 3], 'agents')).toEqual(['0', '1', '2', '3']);
  });

  it('puts a duration axis in the unit of its largest value, every tick in that unit', () => {
    // 100,000 s = 27.8 h (under 2 days): hours, ticks every 5 h over 0..27.8.
    const t = axisTicks([0, 100_000], 'seconds');
    expect(t.unitLabel).toBe('h');
    expect(t.ticks.map((x) => x.label)).toEqual(['0 h', '5 h', '10 h', '15 h', '20 h', '25 h']);
    expect(t.ticks[1]!.value).toBe(18_000); // 5 h in seconds, for the scale
    // 0..700 s: minutes (700 s = 11.7 min), ticks every 2 min.
    expect(labels([0, 700], 'seconds')).toEqual(['0 min', '2 min', '4 min', '6 min', '8 min', '10 min']);
    // 0..60 s stays in seconds.
    expect(labels([0, 60], 'seconds')).toEqual(['0 s', '10 s', '20 s', '30 s', '40 s', '50 s', '60 s']);
    // 0..300,000 s = 300,000 / 86,400 = 3.47 days: ticks every half day up to 3.0.
    expect(labels([0, 300_000], 'seconds')).toEqual(['0.0 days', '0.5 days', '1.0 days', '1.5 days', '2.0 days', '2.5 days', '3.0 days']);
  });

  it('percent and thousands', () => {
    expect(labels([0, 1], 'fraction')).toEqual(['0%', '20%', '40%', '60%', '80%', '100%']);
    expect(labels([0, 25_000], 'count')).toEqual(['0k', '5k', '10k', '15k', '20k', '25k']);
    // 10,000..12,500: steps of 500 need one decimal in thousands.
    expect(labels([10_000, 12_500], 'count')).toEqual(['10.0k', '10.5k', '11.0k', '11.5k', '12.0k', '12.5k']);
  });

  it('law: labels are distinct and increasing for any domain and unit', () => {
    const units: Unit[] = ['seconds', 'count', 'agents', 'fraction', 'fte', 'score'];
    fc.assert(
      fc.property(fc.double({ min: -1e7, max: 1e7, noNaN: true }), fc.double({ min: 1e-6, max: 1e7, noNaN: true }), fc.constantFrom(...units), fc.integer({ min: 2, max: 10 }), (lo, span, unit, n) => {
        const t = axisTicks([lo, lo + span], unit, n).ticks;
        expect(t.length).toBeGreaterThanOrEqual(1);
        expect(new Set(t.map((x) => x.label)).size).toBe(t.length);
        for (let i = 1; i < t.length; i++) expect(t[i]!.value).toBeGreaterThan(t[i - 1]!.value);
      }),
      { seed: 20261203, numRuns: 400 },
    );
  });
});

describe('axisRoom', () => {
  it('puts the title beyond the widest tick label', () => {
    // "100,000 s": 7 digits/letters at 0.64 em + "," and " " at 0.34 em = 4.48 + 0.68 = 5.16 em × 11 px = 56.76 -> 57 px.
    expect(labelWidth('100,000 s')).toBe(57);
    const room = axisRoom(['0 s', '50,000 s', '100,000 s'], true);
    expect(room.labelWidth).toBe(57);
    // title centre = 6 (tick gap) + 57 + 8 (gap) + 7.5 (half the 15 px title) = 78.5; margin = 78.5 + 7.5 + 4 = 90.
    expect(room.titleOffset).toBe(78.5);
    expect(room.margin).toBe(90);
    // The title's near edge (78.5 − 7.5 = 71) is clear of the label's far edge (6 + 57 = 63).
    expect(room.titleOffset - 7.5).toBeGreaterThan(6 + room.labelWidth);
    // The old fixed 46 px offset would have put the title inside "100,000 s".
    expect(46 - 7.5).toBeLessThan(6 + room.labelWidth);
  });
});

describe('refLabelBaseline', () => {
  // A 0..100% axis 200 px high: ticks every 20% at y = 200, 160, 120, 80, 40, 0.
  const ticks = [200, 160, 120, 80, 40, 0];
  it('sits above the line when nothing is there', () => {
    // Target 80% at y = 40: the box above is [26, 38], clear of the ticks at 0 and 40 (its own level).
    expect(refLabelBaseline(40, ticks, 200)).toBe(36);
  });
  it('moves below when the 100% tick is in the way', () => {
    // Target 95% at y = 10: above would span [−4, 8], across the 100% gridline at 0 and out of the plot;
    // below spans [12, 24], clear (the next tick is at 40), so the baseline is 10 + 12 = 22.
    expect(refLabelBaseline(10, ticks, 200)).toBe(22);
  });
  it('moves below when a gridline would cut it', () => {
    // Target 85% at y = 30: above spans [16, 28], clear of 0 and 40 -> above, baseline 26.
    expect(refLabelBaseline(30, ticks, 200)).toBe(26);
    // Target 82% at y = 36: above [22, 34] is clear; at y = 50 (75%): above [36, 48] holds the 40 tick -> below [52, 64], baseline 62.
    expect(refLabelBaseline(50, ticks, 200)).toBe(62);
  });
});

describe('labelEvery', () => {
  it('labels every column when they are wide, every few when narrow', async () => {
    const { labelEvery } = await import('../../../web/src/charts/ticks.ts');
    // Two half-hour columns across 900 px: 450 px each, every one labelled (was: only the first).
    expect(labelEvery(450)).toBe(1);
    // 24 half hours across 840 px = 35 px: 2 × 35 = 70 ≥ 44, every hour.
    expect(labelEvery(35)).toBe(2);
    // 48 quarter hours across 840 px = 17.5 px: 4 × 17.5 = 70, every hour (2 × 17.5 = 35 < 44).
    expect(labelEvery(17.5)).toBe(4);
  });
});

describe('dollar axes', () => {
  it('thousands as k with the unit $ in the title', () => {
    // d3 ticks over [0, 175,000] at 5: 0, 50k, 100k, 150k.
    const t = axisTicks([0, 175_000], 'dollars', 5);
    expect(t.ticks.map((x) => x.label)).toEqual(['0k', '50k', '100k', '150k']);
    expect(t.unitLabel).toBe('$');
  });
});
