/** closeJsonSlice: the leading complete records of a JSON text cut anywhere, as valid JSON. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closeJsonSlice } from '../../server/ingest/preview/jsonSlice.ts';

describe('closeJsonSlice', () => {
  it('JSON lines lose only the cut last record', () => {
    expect(closeJsonSlice('{"a":1}\n{"b":[1,2]}\n{"c":"x')).toBe('{"a":1}\n{"b":[1,2]}');
    // A nested array inside the cut record is not a record boundary.
    expect(closeJsonSlice('{"a":1}\n{"p":[{"s":1},{"s"')).toBe('{"a":1}');
  });
  it('a top-level array keeps its complete elements and is closed', () => {
    expect(closeJsonSlice('[{"a":1},{"b":2},{"c":')).toBe('[{"a":1},{"b":2}]');
  });
  it('an envelope keeps its complete records, closing its array and object', () => {
    expect(closeJsonSlice('{"conversations":[{"id":"1","p":[{"x":1}]},{"id":"2","p":[{"x"')).toBe('{"conversations":[{"id":"1","p":[{"x":1}]}]}');
  });
  it('brackets and escaped quotes inside strings are text', () => {
    expect(closeJsonSlice('{"a":"}]\\"{"}\n{"b":"[')).toBe('{"a":"}]\\"{"}');
  });
  it('a complete text is unchanged; no complete record gives nothing', () => {
    expect(closeJsonSlice('{"a":1}\n{"b":2}\n')).toBe('{"a":1}\n{"b":2}\n');
    expect(closeJsonSlice('{"conversations":[{"id":"1"')).toBe('');
  });
  it('property: any cut of an envelope or array of records parses, holding a prefix of the records', () => {
    const records = fc.array(fc.record({ id: fc.string(), n: fc.array(fc.integer(), { maxLength: 3 }), s: fc.string() }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(records, fc.boolean(), fc.nat(), (rs, envelope, at) => {
        const full = JSON.stringify(envelope ? { conversations: rs } : rs);
        const cut = closeJsonSlice(full.slice(0, at % (full.length + 1)));
        if (cut === '') return;
        const parsed = JSON.parse(cut) as unknown;
        const got = (envelope ? (parsed as { conversations: unknown[] }).conversations : parsed) as unknown[];
        expect(got).toEqual(rs.slice(0, got.length));
      }),
      { seed: 9, numRuns: 100 },
    );
  });
});
