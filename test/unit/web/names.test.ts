/** Display names and units on the scorecard (web/src/lib/names.ts) and its changes (targets.ts). */
import { describe, expect, it } from 'vitest';
import { humanize } from '../../../web/src/components/Field.tsx';
import { displayName, formatMetric, titleCase } from '../../../web/src/lib/names.ts';
import { changeTone, describeChange, describeTarget } from '../../../web/src/lib/targets.ts';

describe('displayName', () => {
  it('writes queues and plans in words with acronyms kept (was "Medicare advantage", "Chip")', () => {
    expect(displayName('queue', 'medicare-advantage')).toBe('Medicare Advantage');
    expect(displayName('plan', 'medicare_advantage')).toBe('Medicare Advantage');
    expect(displayName('plan', 'chip')).toBe('CHIP');
    expect(displayName('queue', 'medicaid-member-services')).toBe('Medicaid Member Services');
    expect(displayName('reason', 'pcp_change')).toBe('PCP Change');
    expect(displayName('reason', 'id_card')).toBe('ID Card');
    expect(humanize('marketplace-small-group')).toBe('Marketplace Small Group');
    expect(titleCase('appeal_and_grievance')).toBe('Appeal and Grievance');
  });
  it('spells out states, writes tiers, and says when a value is missing', () => {
    expect(displayName('state', 'CA')).toBe('California');
    expect(displayName('state', 'WA')).toBe('Washington');
    expect(displayName('state', 'ZZ')).toBe('ZZ');
    expect(displayName('tier', 2)).toBe('Tier 2');
    expect(displayName('plan', null)).toBe('Not recorded');
  });
});

describe('formatMetric: one unit per metric', () => {
  it('shows AHT in minutes whatever its size, waits in seconds', () => {
    expect(formatMetric('aht', 95, 'seconds')).toBe('1.6 min'); // 95 / 60 = 1.58
    expect(formatMetric('aht', 444, 'seconds')).toBe('7.4 min');
    expect(formatMetric('aht', 1800, 'seconds')).toBe('30.0 min');
    expect(formatMetric('asa', 27.4, 'seconds')).toBe('27 s');
    expect(formatMetric('asa', 150, 'seconds')).toBe('2.5 min'); // waits keep the shared format: 150 / 60 = 2.5
    expect(formatMetric('serviceLevel', 0.8123, 'fraction')).toBe('81.2%');
    expect(formatMetric('aht', null, 'seconds')).toBe('—');
  });
  it('describes an AHT band in minutes once', () => {
    expect(describeTarget({ kind: 'range', low: 360, high: 540, amberLow: 300, amberHigh: 600 }, 'seconds', 'aht')).toBe('6.0–9.0 min');
    expect(describeTarget({ kind: 'range', low: 1200, high: 2400, amberLow: 900, amberHigh: 2700 }, 'seconds', 'aht')).toBe('20.0–40.0 min');
    expect(describeTarget({ kind: 'lower', green: 30, amber: 60 }, 'seconds', 'asa')).toBe('≤ 30 s');
  });
});

describe('describeChange', () => {
  it('says "no change", with no arrow and no sign, for a change that rounds to zero (was "▼ −0 s")', () => {
    expect(describeChange('asa', -0.4, 'seconds')).toEqual({ text: 'no change', arrow: '', shown: 0 });
    expect(describeChange('aht', 2.9, 'seconds')).toEqual({ text: 'no change', arrow: '', shown: 0 }); // 2.9 s = 0.048 min → 0.0
    expect(describeChange('serviceLevel', -0.0004, 'fraction')).toEqual({ text: 'no change', arrow: '', shown: 0 }); // −0.04 pts → 0.0
    expect(describeChange('offered', 3, 'count', 10_000)).toEqual({ text: 'no change', arrow: '', shown: 0 }); // 0.03% → 0.0%
    expect(changeTone(describeChange('asa', -0.4, 'seconds').shown, 'lower')).toBe('neutral');
  });
  it('prints real changes in the metric’s display unit, signed, with the arrow', () => {
    expect(describeChange('serviceLevel', 0.072, 'fraction')).toEqual({ text: '+7.2 pts', arrow: '▲', shown: 7.2 });
    expect(describeChange('aht', -18, 'seconds')).toEqual({ text: '−0.3 min', arrow: '▼', shown: -0.3 }); // −18 s = −0.3 min
    expect(describeChange('asa', 12.6, 'seconds')).toEqual({ text: '+13 s', arrow: '▲', shown: 13 });
    expect(describeChange('offered', 450, 'count', 10_000)).toEqual({ text: '+4.5%', arrow: '▲', shown: 4.5 });
    expect(describeChange('nps', -3.4, 'nps')).toEqual({ text: '−3', arrow: '▼', shown: -3 });
    expect(describeChange('asa', null, 'seconds')).toEqual({ text: '—', arrow: '', shown: null });
  });
});

describe('describeChange for long waits', () => {
  it('uses minutes from two minutes up', () => {
    expect(describeChange('asa', 270, 'seconds')).toEqual({ text: '+4.5 min', arrow: '▲', shown: 4.5 }); // 270 / 60 = 4.5
  });
});

describe('describeChange in the unit the value is printed in', () => {
  it('gives a long wait’s change in minutes even when the change is under two minutes', () => {
    // 3,858 s (64.3 min) from 3,884 s: −26 s = −0.43 min → −0.4 min.
    expect(describeChange('asa', -26, 'seconds', 3884)).toEqual({ text: '−0.4 min', arrow: '▼', shown: -0.4 });
    expect(describeChange('asa', -3, 'seconds', 15)).toEqual({ text: '−3 s', arrow: '▼', shown: -3 });
  });
});
