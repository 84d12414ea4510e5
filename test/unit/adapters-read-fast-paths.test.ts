/**
 * The reading fast paths of the adapters (server/ingest/adapters/read.ts): a JSON line that
 * holds one object is cut with one `indexOf` instead of the character walk, and an ASCII
 * chunk is taken without the UTF-8 decoder. Both must give exactly what the slow paths give.
 *
 * The walk is the reference: text pushed one character at a time never holds a whole line
 * (only empty ones), so every record goes through the walk; the same text pushed whole, or
 * cut at random places, takes the fast path for each complete line.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { endsInsideCharacter, InvalidJson, JsonCutter, readRecords } from '../../server/ingest/adapters/read.ts';
import type { VendorRecord } from '../../server/ingest/adapters/types.ts';

type Cut = { records: { n: number; line: number; value: unknown }[]; error: string | null; line: number };

/** The records (InvalidJson shown as a marker) and the refusal, if any, of `chunks` pushed in order. */
function cut(chunks: string[], unwrap?: (v: unknown) => unknown[] | null): Cut {
  const records: Cut['records'] = [];
  const cutter = new JsonCutter((r: VendorRecord) => records.push({ n: r.n, line: r.line, value: r.value instanceof InvalidJson ? '<invalid JSON>' : r.value }), unwrap);
  let error: string | null = null;
  try {
    for (const c of chunks) cutter.push(c);
    cutter.end();
  } catch (e) {
    error = (e as Error).message;
  }
  return { records, error, line: cutter.line };
}

const oneByOne = (text: string) => [...text];

/** Pieces of a JSON-records file: objects, pretty-printed objects, broken text, arrays, blank lines. */
const piece = fc.oneof(
  fc
    .record({
      ContactId: fc.string(),
      n: fc.integer(),
      ok: fc.boolean(),
      nested: fc.record({ a: fc.array(fc.oneof(fc.string(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(null))) }),
    })
    .map((o) => JSON.stringify(o)),
  fc.record({ s: fc.string({ unit: 'binary' }) }).map((o) => JSON.stringify(o)), // any text: escapes, quotes, braces, non-ASCII
  fc.record({ ContactId: fc.string() }).map((o) => JSON.stringify(o, null, 2)), // over several lines
  fc.constantFrom('{"a":1,}', '{"a": tru}', '{"a":"}"', '{"a":"\\"}', '{"a":1}}', '{}', '{ }', '{"a":{"b":[1,{"c":"]"}]}}', '{"x":"a\\\\"}', '{"q":"\\u00e9"}'),
  fc.array(fc.record({ id: fc.string() }), { maxLength: 3 }).map((a) => JSON.stringify(a)), // a top-level array: its elements are records
  fc.constantFrom('', ' ', '\t', '\r'),
);
const separator = fc.constantFrom('\n', '\r\n', '\n', '', ' ', '\n\n');
const fileText = fc.array(fc.tuple(piece, separator), { maxLength: 12 }).map((ps) => ps.map(([p, s]) => p + s).join(''));

describe('JSON records: the line fast path gives what the walk gives', () => {
  it('whole, or cut anywhere, the same records with the same numbers and lines, and the same refusal', () => {
    fc.assert(
      fc.property(fileText, fc.array(fc.nat(), { maxLength: 6 }), (text, cuts) => {
        const reference = cut(oneByOne(text));
        expect(cut([text])).toEqual(reference);
        const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const chunks = [0, ...at].map((from, k) => text.slice(from, k < at.length ? at[k] : text.length));
        expect(cut(chunks)).toEqual(reference);
      }),
      { seed: 20261203, numRuns: 2000 },
    );
  });

  it('hand-checked: JSON lines, CRLF, a blank line, two objects on one line, a broken line, a record over two lines', () => {
    const text = '{"a":1}\r\n\n{"b":2}{"c":3}\n{"d":\n4}\n{"e":1,}\n';
    for (const chunks of [[text], oneByOne(text)]) {
      expect(cut(chunks)).toEqual({
        records: [
          { n: 1, line: 1, value: { a: 1 } },
          // line 2 is blank; line 3 holds two records, the second found by the walk
          { n: 2, line: 3, value: { b: 2 } },
          { n: 3, line: 3, value: { c: 3 } },
          { n: 4, line: 4, value: { d: 4 } }, // starts on line 4, ends on line 5
          { n: 5, line: 6, value: '<invalid JSON>' },
        ],
        error: null,
        line: 7, // six line breaks read
      });
    }
  });

  it('an envelope is unwrapped on either path', () => {
    const unwrap = (v: unknown) => (v as { page?: unknown[] }).page ?? null;
    const text = '{"page":[{"id":1},{"id":2}]}\n{"id":3}\n';
    expect(cut([text], unwrap)).toEqual(cut(oneByOne(text), unwrap));
    expect(cut([text], unwrap).records.map((r) => [r.n, r.line, r.value])).toEqual([
      [1, 1, { id: 1 }],
      [2, 1, { id: 2 }],
      [3, 2, { id: 3 }],
    ]);
  });
});

describe('UTF-8 across chunks: ASCII chunks skip the decoder, a character cut at a chunk end is still joined or refused', () => {
  const dir = mkdtempSync(join(tmpdir(), 'staffcast-read-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const CHUNK = 1 << 20; // readRecords reads 1 MiB at a time

  /** The file `bytes`, read as JSON records: the values and the refusal, if any. */
  async function read(name: string, bytes: Buffer): Promise<{ values: unknown[]; error: string | null }> {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    const values: unknown[] = [];
    try {
      await readRecords(path, { syntax: 'json' }, (r) => values.push(r.value));
      return { values, error: null };
    } catch (e) {
      return { values, error: (e as Error).message };
    }
  }

  /** A first line of ASCII padding that ends `before` bytes before the first chunk's end, then `tail`. */
  function straddling(before: number, tail: Buffer): Buffer {
    const head = Buffer.from(`{"pad":"${'x'.repeat(CHUNK - before - 11)}"}\n`); // 11 = {"pad":""} and \n
    expect(head.length).toBe(CHUNK - before);
    return Buffer.concat([head, tail]);
  }

  it('a two-byte and a four-byte character split by the chunk boundary are read whole', async () => {
    // {"q":"é"}: é = C3 A9 at bytes 6–7 of the line; the boundary falls between them when the line starts 7 bytes before it.
    const e = await read('e.jsonl', straddling(7, Buffer.from('{"q":"é"}\n{"r":"ok"}\n')));
    expect(e.error).toBeNull();
    expect(e.values.slice(1)).toEqual([{ q: 'é' }, { r: 'ok' }]);
    // 😀 = F0 9F 98 80: split after its second byte.
    const g = await read('g.jsonl', straddling(8, Buffer.from('{"q":"😀"}\n{"r":"ok"}\n')));
    expect(g.error).toBeNull();
    expect(g.values.slice(1)).toEqual([{ q: '😀' }, { r: 'ok' }]);
  });

  it('a lead byte at a chunk end followed by ASCII, an invalid byte in an ASCII file, and a cut last character are refused', async () => {
    const lead = await read('lead.jsonl', straddling(1, Buffer.concat([Buffer.from([0xc3]), Buffer.from('{"r":"ok"}\n')])));
    expect(lead.error).toMatch(/^invalid encoding: the file is not UTF-8/);
    const latin1 = await read('latin1.jsonl', Buffer.concat([Buffer.from('{"a":"caf'), Buffer.from([0xe9]), Buffer.from('"}\n')]));
    expect(latin1.error).toMatch(/^invalid encoding: the file is not UTF-8/);
    const end = await read('end.jsonl', Buffer.concat([Buffer.from('{"a":1}\n'), Buffer.from([0xe2, 0x82])]));
    expect(end.error).toBe('invalid encoding: the file ends inside a UTF-8 character');
  });

  it('endsInsideCharacter: a cut sequence, a whole one, ASCII; unsure (true) after three continuation bytes', () => {
    expect(endsInsideCharacter(Buffer.from('abc'))).toBe(false);
    expect(endsInsideCharacter(Buffer.from('é'))).toBe(false); // C3 A9: whole
    expect(endsInsideCharacter(Buffer.from([0x61, 0xc3]))).toBe(true); // a 2-byte lead, nothing after it
    expect(endsInsideCharacter(Buffer.from([0xe2, 0x82]))).toBe(true); // a 3-byte lead, 1 of 2 after it
    expect(endsInsideCharacter(Buffer.from('€'))).toBe(false); // E2 82 AC: whole
    expect(endsInsideCharacter(Buffer.from([0xf0, 0x9f, 0x98]))).toBe(true); // a 4-byte lead, 2 of 3 after it
    expect(endsInsideCharacter(Buffer.from('😀'))).toBe(true); // F0 9F 98 80: three continuation bytes, unsure
    expect(endsInsideCharacter(Buffer.alloc(0))).toBe(true);
  });
});
