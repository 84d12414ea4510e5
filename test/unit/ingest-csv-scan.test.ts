/**
 * The CSV pre-scan: records, fields, line endings, quotes, encoding, and the repaired copy.
 * The law that matters most: the result does not depend on how the bytes are split into
 * chunks (fast-check), since files arrive in 1 MiB reads that cut records, CRLFs and
 * multi-byte characters anywhere.
 */
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CsvScanner, lineOfRow, parseHeader, type CsvScanResult } from '../../server/ingest/csv-scan.ts';

function scan(text: string | Buffer, cuts: number[] = [], options = {}): CsvScanResult {
  const buf = Buffer.isBuffer(text) ? text : Buffer.from(text);
  const s = new CsvScanner(options);
  let at = 0;
  for (const c of [...cuts].sort((a, b) => a - b)) {
    if (c > at && c < buf.length) {
      s.push(buf.subarray(at, c));
      at = c;
    }
  }
  s.push(buf.subarray(at));
  return s.end();
}

function repair(text: string, skip: number[] = [], cuts: number[] = []): string {
  const out: Buffer[] = [];
  const buf = Buffer.from(text);
  const s = new CsvScanner({ sink: (b) => out.push(Buffer.from(b)), skipRows: new Set(skip) });
  let at = 0;
  for (const c of [...cuts].sort((a, b) => a - b)) {
    if (c > at && c < buf.length) {
      s.push(buf.subarray(at, c));
      at = c;
    }
  }
  s.push(buf.subarray(at));
  s.end();
  return Buffer.concat(out).toString();
}

describe('CsvScanner', () => {
  it('counts rows, fields and line endings; header parsed with quotes', () => {
    const r = scan('a,"b,1","c""x"\n1,2,3\n4,5,6\n');
    expect(r).toMatchObject({ header: ['a', 'b,1', 'c"x'], rows: 2, lineEndings: { lf: 3, crlf: 0, cr: 0 }, badRows: [], bom: false, quotedNewlines: 0 });
    expect(r.sha256).toBe(createHash('sha256').update('a,"b,1","c""x"\n1,2,3\n4,5,6\n').digest('hex'));
  });

  it('strips a BOM, reads CRLF, a last row without terminator, and skips blank lines like DuckDB', () => {
    const r = scan('\uFEFFa,b\r\n1,2\r\n\r\n3,4');
    expect(r).toMatchObject({ bom: true, header: ['a', 'b'], rows: 2, lineEndings: { lf: 0, crlf: 3, cr: 0 } });
  });

  it('keeps quoted newlines inside a row and numbers lines physically', () => {
    const r = scan('a,b\n1,"x\ny"\n2\n');
    expect(r.rows).toBe(2);
    expect(r.quotedNewlines).toBe(1);
    // Row 2 starts on line 4 (the header is line 1, row 1 spans lines 2-3).
    expect(r.badRows).toEqual([{ row: 2, line: 4, problem: 'too few fields' }]);
  });

  it('reports mixed endings and lone CRs', () => {
    expect(scan('a,b\r\n1,2\n3,4\r5,6\n').lineEndings).toEqual({ lf: 2, crlf: 1, cr: 1 });
  });

  it('refuses an unterminated quote, a stray quote, an over-long row and invalid UTF-8', () => {
    expect(() => scan('a,b\n1,"open\n2,3\n')).toThrow(/^unterminated quote: the quoted field of the row starting at line 2 never closes$/);
    expect(() => scan('a,b\n1,"x"y\n')).toThrow(/^malformed CSV: a closing quote is followed by other characters on line 2 \(row 1\)$/);
    expect(() => scan('a,b\n1,' + 'x'.repeat(100) + '\n', [], { maxRecordBytes: 50 })).toThrow(/longer than 50 bytes/);
    expect(() => scan(Buffer.concat([Buffer.from('a,b\n1,2\n3,'), Buffer.from([0xc3, 0x28]), Buffer.from('\n')]))).toThrow(/^invalid encoding: the file is not valid UTF-8 \(near line 3\)/);
    // A truncated multi-byte character at the very end.
    expect(() => scan(Buffer.concat([Buffer.from('a,b\n1,'), Buffer.from([0xe2, 0x82])]))).toThrow(/invalid encoding/);
  });

  it('accepts a literal quote inside an unquoted field (as DuckDB strict mode does)', () => {
    expect(scan('a,b\n1,ab"c\n')).toMatchObject({ rows: 1, badRows: [] });
  });

  it('gives the same result however the bytes are chunked (property)', () => {
    const field = fc.oneof(
      fc.stringMatching(/^[a-z0-9 é€]{0,6}$/),
      fc.stringMatching(/^[a-z,\r\n"é]{0,6}$/).map((s) => `"${s.replace(/"/g, '""')}"`),
    );
    const record = fc.array(field, { minLength: 1, maxLength: 4 }).map((fs) => fs.join(','));
    const eol = fc.constantFrom('\n', '\r\n', '\r');
    const file = fc.tuple(fc.array(fc.tuple(record, eol), { minLength: 1, maxLength: 8 }), fc.boolean()).map(([recs, bom]) => (bom ? '\uFEFF' : '') + recs.map(([r, e]) => r + e).join(''));
    fc.assert(
      fc.property(file, fc.array(fc.nat(200), { maxLength: 6 }), (text, cuts) => {
        const whole = scan(text);
        const chunked = scan(text, cuts);
        expect(chunked).toEqual(whole);
        expect(repair(text, [], cuts)).toBe(repair(text));
      }),
      { seed: 107, numRuns: Number(process.env.FC_RUNS ?? 200) },
    );
  });

  it('repairs: LF endings, bad rows left out, data row numbers appended', () => {
    const text = 'a,b\r\n1,2\n3\r\n"x\r\ny",4\r5,6';
    const r = scan(text);
    expect(r.badRows).toEqual([{ row: 2, line: 3, problem: 'too few fields' }]);
    // Quoted CRLF stays data; record terminators become LF; row 2 is dropped.
    expect(repair(text, [2])).toBe('a,b,__rn\n1,2,1\n"x\r\ny",4,3\n5,6,4\n');
  });
});

describe('parseHeader', () => {
  it('splits names with RFC 4180 quoting', () => {
    expect(parseHeader(Buffer.from('a,"b,c",,"d""e"'), 44)).toEqual(['a', 'b,c', '', 'd"e']);
    expect(parseHeader(Buffer.from(''), 44)).toEqual(['']);
  });
});

describe('lineOfRow', () => {
  it('gives the physical line where each data row starts, after quoted line breaks, blank lines and CRLF', () => {
    // Line 1 header; row 1 lines 2-4 (two quoted breaks, one CRLF); line 5 blank; row 2
    // line 6; row 3 line 7.
    const r = scan('a,b\r\n1,"x\r\ny\nz"\r\n\r\n2,3\r\n4,5\r\n');
    expect(r.rows).toBe(3);
    expect([1, 2, 3].map((row) => lineOfRow(r.lines, row))).toEqual([2, 6, 7]);
    // Sparse: only the rows where the offset changes are kept.
    expect(r.lines).toEqual({ rows: [1, 2], deltas: [1, 4], knownBefore: Infinity });
  });

  it('knows no line for a row it was not told about', () => {
    const r = scan('a\n1\n');
    expect(lineOfRow(r.lines, 0)).toBeNull();
    expect(lineOfRow({ rows: [1, 5], deltas: [1, 2], knownBefore: 9 }, 7)).toBe(9);
    expect(lineOfRow({ rows: [1, 5], deltas: [1, 2], knownBefore: 9 }, 9)).toBeNull();
  });
});
