/**
 * Value rules shared by the adapters (server/ingest/adapters/values.ts): strict ISO 8601
 * instants — the fast path for `…Z` text must answer exactly as the general rule and as
 * `Date.parse`, and impossible times are null, never shifted.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoUtc, parseInstant, secondsFromMs } from '../../server/ingest/adapters/values.ts';

describe('parseInstant', () => {
  it('reads instants with Z or an offset, to the millisecond', () => {
    // 16:00:12 UTC on 2 June 2025 = 1748880012 s since the epoch.
    expect(parseInstant('2025-06-02T16:00:12Z')).toBe(1_748_880_012_000);
    expect(parseInstant('2025-06-02T16:00:12.250Z')).toBe(1_748_880_012_250);
    // 09:00:12 at −07:00 is the same instant; +0530 without a colon too (21:30:12 + 5:30 back).
    expect(parseInstant('2025-06-02T09:00:12-07:00')).toBe(1_748_880_012_000);
    expect(parseInstant('2025-06-02T21:30:12+0530')).toBe(1_748_880_012_000);
  });

  it('refuses what is not a real instant', () => {
    for (const bad of ['2021-04-2T15:30:51.418Z', '2025-06-02T25:00:00Z', '2025-02-29T00:00:00Z', '2025-06-02 16:00:12', '2025-06-02T16:00:12', '', 'x']) {
      expect([bad, parseInstant(bad)]).toEqual([bad, null]);
    }
    expect(parseInstant('2024-02-29T00:00:00Z')).toBe(Date.UTC(2024, 1, 29));
    // A sentinel year is read as what it says (0001), not as 1901.
    expect(parseInstant('0001-01-01T00:00:00Z')).toBe(Date.parse('0001-01-01T00:00:00Z'));
  });

  it('the fast path agrees with Date.parse on every valid …Z instant', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }), fc.boolean(), (d, withMs) => {
        const text = withMs ? d.toISOString() : isoUtc(Math.floor(d.getTime() / 1000) * 1000);
        expect(parseInstant(text)).toBe(Date.parse(text));
      }),
      { seed: 20260821, numRuns: 500 },
    );
  });

  it('the fast path counts days as Date.UTC does over its whole range (years 0100-9999, leap days, month ends)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('0100-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true }), (d) => {
        const text = d.toISOString();
        expect(parseInstant(text)).toBe(d.getTime());
        expect(parseInstant(text.replace(/\.\d{3}Z$/, 'Z'))).toBe(Math.floor(d.getTime() / 1000) * 1000);
      }),
      { seed: 20261203, numRuns: 2000 },
    );
    // 2000-03-01T00:00:00Z is 951,868,800 s after the epoch; 29 Feb 2000 23:59:59.999 is 1 ms before it.
    expect(parseInstant('2000-03-01T00:00:00Z')).toBe(951_868_800_000);
    expect(parseInstant('2000-02-29T23:59:59.999Z')).toBe(951_868_799_999);
    // 1900 and 2100 are not leap years: their 29 February is refused, 1 March is 59 days after 1 January.
    expect(parseInstant('1900-02-29T00:00:00Z')).toBeNull();
    expect(parseInstant('2100-03-01T00:00:00Z')! - parseInstant('2100-01-01T00:00:00Z')!).toBe(59 * 86_400_000);
    // 1969-12-31T23:59:59Z, before the epoch: −1 s.
    expect(parseInstant('1969-12-31T23:59:59Z')).toBe(-1000);
  });

  it('isoUtc writes what toISOString writes, without a zero fraction', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }), (d) => {
        expect(isoUtc(d.getTime())).toBe(d.toISOString().replace('.000Z', 'Z'));
      }),
      { seed: 20261203, numRuns: 1000 },
    );
    expect(isoUtc(Date.UTC(2025, 5, 2, 16, 0, 12))).toBe('2025-06-02T16:00:12Z');
    expect(isoUtc(Date.UTC(1999, 0, 1, 0, 0, 0, 5))).toBe('1999-01-01T00:00:00.005Z');
  });

  it('seconds from milliseconds are exact to the millisecond', () => {
    expect(secondsFromMs(374_561)).toBe('374.561');
    expect(secondsFromMs(45_000)).toBe('45');
  });
});
