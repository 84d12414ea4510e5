/**
 * A read-only command (kpis, calendar show, …) on a database made by an older version: the
 * file is upgraded first, so the command does not fail on a table a newer migration adds
 * ("Table interval_aggregates does not exist" was the symptom).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Database } from '../../server/db/database.ts';

const dir = mkdtempSync(join(tmpdir(), 'staffcast-ro-upgrade-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('read-only open of an older database', () => {
  it('runs the missing migrations, then opens read-only', async () => {
    const path = join(dir, 'old.duckdb');
    const db = await Database.open(path);
    // Make it look older: migration 19 (mapping profiles) not run.
    await db.query('DROP TABLE mapping_profiles');
    await db.query('DELETE FROM schema_version WHERE version = 19');
    db.close();

    const ro = await Database.open(path, { readOnly: true });
    try {
      expect(await ro.query('SELECT count(*)::INTEGER AS n FROM mapping_profiles')).toEqual([{ n: 0 }]);
      expect(await ro.query('SELECT count(*)::INTEGER AS n FROM schema_version WHERE version = 19')).toEqual([{ n: 1 }]);
      // Still read-only.
      await expect(ro.query("INSERT INTO settings VALUES ('x', 'y')")).rejects.toThrow(/read-only/i);
    } finally {
      ro.close();
    }
  });
});
