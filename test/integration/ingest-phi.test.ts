/**
 * Raw member IDs are never stored: not in contacts, not in rejects (raw is redacted), not
 * in batch messages, not anywhere in the database file. Every VARCHAR column of every table
 * is searched, then the checkpointed file's bytes.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Database } from '../../server/db/database.ts';
import { pseudonymizeMemberId } from '../../server/pseudonym.ts';
import { csv, KEY, openTestDb, row } from '../fixtures/ingest/helpers.ts';

const SECRETS = ['PHIZQ00017', 'PHIZQ00018', 'PHIZQ00019'];

describe('member IDs (PHI)', () => {
  it('are stored only as keyed pseudonyms, anywhere in the database', async () => {
    const t = await openTestDb(true);
    try {
      const rows = [
        row({ contact_id: 'A', member_id: SECRETS[0] }),
        row({ contact_id: 'B', member_id: ` ${SECRETS[0]!.toLowerCase()} ` }),
        row({ contact_id: 'C', member_id: SECRETS[1], talk_s: 'bad' }), // rejected
        row({ contact_id: 'D', member_id: SECRETS[2], channel: 'fax' }), // rejected
      ];
      const r = await t.ingest(t.file('phi.csv', csv(rows)));
      expect(r).toMatchObject({ rowsAccepted: 2, rowsRejected: 2 });
      // A refused file with member IDs leaves nothing either.
      const refused = await t.ingest(t.file('phi2.csv', csv([row({ contact_id: 'E', member_id: SECRETS[2], talk_s: '-1' })])), { maxRejectShare: 0 });
      expect(refused.outcome).toBe('refused');
      expect(JSON.stringify([r, refused])).not.toMatch(/PHIZQ/i);

      const keys = await t.db.query<{ member_key: string }>('SELECT DISTINCT member_key FROM contacts');
      expect(keys).toEqual([{ member_key: pseudonymizeMemberId(KEY, SECRETS[0]!) }]);

      const cols = await t.db.query<{ table_name: string; column_name: string; data_type: string }>(
        `SELECT table_name, column_name, data_type FROM information_schema.columns
         WHERE table_schema = 'main' AND (data_type = 'VARCHAR' OR data_type = 'VARCHAR[]')`,
      );
      expect(cols.length).toBeGreaterThan(10);
      for (const c of cols) {
        const expr = c.data_type === 'VARCHAR' ? `"${c.column_name}"` : `array_to_string("${c.column_name}", ',')`;
        const [hit] = await t.db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM "${c.table_name}" WHERE upper(${expr}) LIKE '%PHIZQ%'`);
        expect(hit!.n, `${c.table_name}.${c.column_name}`).toBe(0);
      }
      const dbPath = join(t.dir, 'test.duckdb');
      await t.db.query('CHECKPOINT');
      t.closeDb();
      const bytes = readFileSync(dbPath).toString('latin1').toUpperCase();
      expect(bytes.includes('PHIZQ')).toBe(false);
      // The file still holds the data: reopen and count.
      const again = await Database.open(dbPath);
      expect(await again.query('SELECT count(*)::INTEGER AS n FROM contacts')).toEqual([{ n: 2 }]);
      again.close();
    } finally {
      t.close();
    }
  });

  it('keys printable-ASCII IDs in SQL and others in Node, both exactly as pseudonymizeMemberId (property)', async () => {
    const ascii = fc.stringMatching(/^[ -~]{1,14}$/);
    // biome-ignore lint/suspicious/noMisleadingCharacterClass: a lone combining accent is one of the cases
    const other = fc.stringMatching(/^[a-zé\u0301\u200B\u00df\u0130 ]{1,8}$/);
    const ids = fc.sample(fc.oneof(ascii, ascii, other), { numRuns: 400, seed: 11 });
    const t = await openTestDb();
    try {
      const rows = ids.map((m, i) => row({ contact_id: `K${i}`, member_id: m }));
      const r = await t.ingest(t.file('keys.csv', csv(rows)));
      expect(r.rowsAccepted).toBe(ids.length);
      const got = await t.db.query<{ contact_id: string; member_key: string | null }>('SELECT contact_id, member_key FROM contacts');
      const byId = new Map(got.map((g) => [g.contact_id, g.member_key]));
      // The CSV reader trims values; the key of a trimmed ID is the same (spaces are removed).
      for (const [i, m] of ids.entries()) expect(byId.get(`K${i}`), JSON.stringify(m)).toBe(pseudonymizeMemberId(KEY, m));
    } finally {
      t.close();
    }
  });

  it('(control) a string stored in a table is visible in the checkpointed file bytes', async () => {
    // Shows the byte search above can fail: the same marker, stored as data, is found.
    const t = await openTestDb(true);
    try {
      await t.db.query("INSERT INTO settings VALUES ('probe', 'PHIZQ-CONTROL-0001')");
      await t.db.query('CHECKPOINT');
      t.closeDb();
      const bytes = readFileSync(join(t.dir, 'test.duckdb')).toString('latin1');
      expect(bytes.includes('PHIZQ-CONTROL-0001')).toBe(true);
    } finally {
      t.close();
    }
  });
});
