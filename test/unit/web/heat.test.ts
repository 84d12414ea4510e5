/** Opening hours of a day chart (web/src/lib/heat.ts). */
import { describe, expect, it } from 'vitest';
import { openingSpan } from '../../../web/src/lib/heat.ts';

const day = (offered: number[]) => offered.map((o, i) => ({ period: `2026-11-13T${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}:00-08:00`, offered: o }));

describe('openingSpan', () => {
  it('keeps the first to the last interval with contacts offered, lulls inside included', () => {
    // 48 half hours; contacts at 08:00 (index 16), none at 12:00 (24), last at 19:30 (39).
    const offered = new Array(48).fill(0);
    offered[16] = 5;
    offered[20] = 12;
    offered[39] = 1;
    const span = openingSpan(day(offered), (r) => r.offered > 0);
    expect(span.length).toBe(24); // 39 − 16 + 1
    expect(span[0]!.period.slice(11, 16)).toBe('08:00');
    expect(span[span.length - 1]!.period.slice(11, 16)).toBe('19:30');
    expect(span.map((r) => r.period.slice(11, 16))).toContain('12:00');
  });

  it('returns the whole day when nothing was offered', () => {
    expect(openingSpan(day(new Array(48).fill(0)), (r) => r.offered > 0).length).toBe(48);
  });
});
