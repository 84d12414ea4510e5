/** Filters between the page URL, the API's `where`, and the words shown to the user. */
import { describe, expect, it } from 'vitest';
import { apiUrl } from '../../../web/src/api/client.ts';
import { describeFilters, filtersFromSearch, whereParam } from '../../../web/src/lib/filters.ts';
import { changeTone, describeTarget } from '../../../web/src/lib/targets.ts';

describe('filters and targets', () => {
  it('builds where in a fixed order, leaving out empty filters', () => {
    expect(whereParam({ channel: 'voice', queue: 'medicaid-member-services', plan: '' })).toBe('queue=medicaid-member-services,channel=voice');
    expect(whereParam({})).toBe('');
    expect(describeFilters({ channel: 'voice' })).toBe('Channel: Voice');
    // Display names, not identifiers, in the summary line above a page's charts.
    expect(describeFilters({ queue: 'medicare-advantage', plan: 'chip', state: 'CA', tier: '2' })).toBe('Queue: Medicare Advantage · Plan: CHIP · State: California · Tier: Tier 2');
    expect(describeFilters({})).toBe('all contacts');
    const f = filtersFromSearch(new URLSearchParams('queue=a&plan='), ['queue', 'channel', 'plan'], { channel: 'voice' });
    expect(f).toEqual({ queue: 'a', channel: 'voice' });
  });

  it('asks the same URL for the same view whatever the parameter order', () => {
    expect(apiUrl('/api/kpis', { to: '2026-11-16', from: '2026-11-09', where: '', by: 'day' })).toBe('/api/kpis?by=day&from=2026-11-09&to=2026-11-16');
    expect(apiUrl('/api/kpis', { where: 'queue=a,channel=voice' })).toBe('/api/kpis?where=queue%3Da%2Cchannel%3Dvoice');
  });

  it('describes targets from the registry bands', () => {
    expect(describeTarget({ kind: 'higher', green: 0.8, amber: 0.7 }, 'fraction')).toBe('≥ 80.0%');
    expect(describeTarget({ kind: 'lower', green: 30, amber: 60 }, 'seconds')).toBe('≤ 30 s');
    expect(describeTarget({ kind: 'range', low: 360, high: 540, amberLow: 300, amberHigh: 600 }, 'seconds')).toBe('6.0–9.0 min'); // one unit for both ends
    expect(describeTarget(null, 'count')).toBe('');
  });

  it('tells good news from bad by direction', () => {
    expect(changeTone(0.02, 'higher')).toBe('good');
    expect(changeTone(0.02, 'lower')).toBe('bad');
    expect(changeTone(-3, 'lower')).toBe('good');
    expect(changeTone(5, 'range')).toBe('neutral');
    expect(changeTone(5, null)).toBe('neutral');
    expect(changeTone(null, 'higher')).toBe('neutral');
  });
});
