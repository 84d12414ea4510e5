/**
 * The pre-scan and DuckDB's reader must agree on what the rows are: for random RFC 4180
 * files (quoted commas, quotes, CR/LF/CRLF inside quotes, LF or CRLF terminators, BOM), the
 * scan's row count equals the rows DuckDB reads with the ingest's exact options
 * (csvReaderSql), and every staged value is the field the generator wrote.
 */
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database, queryRows } from '../../server/db/database.ts';
import { csvReaderSql } from '../../server/db/queries/ingest-read.ts';
import { CsvScanner } from '../../server/ingest/csv-scan.ts';

let db: Database;
let dir: string;
beforeAll(async () => {
  db = await Database.open(':memory:');
  dir = mkdtempSync(join(tmpdir(), 'staffcast-dialect-'));
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const enc = (v: string, quote: boolean) => (quote || /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

describe('pre-scan and DuckDB agree', () => {
  it('on rows and values of random well-formed files (property)', async () => {
    const value = fc.stringMatching(/^[a-zé€ ,"\r\n]{1,6}$/);
    const rowArb = fc.tuple(value, value, value, fc.boolean());
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(rowArb, { minLength: 1, maxLength: 12 }), fc.constantFrom('\n', '\r\n'), fc.boolean(), async (rows, eol, bom) => {
        const text = (bom ? '\uFEFF' : '') + ['contact_id,queue,offered_at', ...rows.map(([a, b, c, q]) => [enc(a, q), enc(b, false), enc(c, q)].join(','))].join(eol) + eol;
        const path = join(dir, `f${n++}.csv`);
        writeFileSync(path, text);
        const s = new CsvScanner();
        s.push(Buffer.from(text));
        const scan = s.end();
        expect(scan.rows).toBe(rows.length);
        expect(scan.badRows).toEqual([]);
        await db.withConnection(async (conn) => {
          const reader = csvReaderSql({
            fileColumns: 3,
            position: new Map([
              ['contact_id', 0],
              ['queue', 1],
              ['offered_at', 2],
            ]),
            newLine: eol === '\r\n' ? '\r\n' : '\n',
            repaired: false,
            maxLineBytes: 1 << 20,
          });
          await conn.run(`CREATE OR REPLACE TEMP TABLE staged AS SELECT * FROM ${reader}`, { path });
          const got = await queryRows<{ a: string | null; b: string | null; c: string | null }>(conn, 'SELECT contact_id AS a, queue AS b, offered_at AS c FROM staged ORDER BY rowid');
          expect(got.length).toBe(rows.length);
          expect(got.map((r) => [r.a ?? '', r.b ?? '', r.c ?? ''])).toEqual(rows.map(([a, b, c]) => [a, b, c]));
        });
      }),
      { seed: 101, numRuns: 60 },
    );
  });
});
