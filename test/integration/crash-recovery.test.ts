/**
 * Crash safety kept, and the interrupted batch on record (issue 13): a process SIGKILLed
 * inside a file's transaction (test/fixtures/ingest/kill-child.ts prints IN_TRANSACTION
 * there and waits) leaves exactly the committed batches; at the next open the interrupted
 * ingest is recorded as a failed batch, and the same file then loads.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../server/db/database.ts';
import { ingestFile } from '../../server/ingest/index.ts';
import { INTERRUPTED_MESSAGE, recoverInterruptedIngests } from '../../server/ingest/recover.ts';
import { csv, row } from '../fixtures/ingest/helpers.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'staffcast-crash-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs kill-child.ts on FILE and SIGKILLs it as soon as it prints IN_TRANSACTION. */
function killInTransaction(dbPath: string, file: string): Promise<NodeJS.Signals | null> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../fixtures/ingest/kill-child.ts'), dbPath, file], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_c, signal) => resolve(signal)));
  let out = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    if (out.includes('IN_TRANSACTION')) child.kill('SIGKILL');
  });
  return exited;
}

const options = { siteTimezone: 'America/Los_Angeles', hmacKey: Buffer.alloc(32, 9), maxRejectShare: 1 };

describe('kill -9 mid-ingest', () => {
  it('keeps exactly the committed batches, records the interrupted one as failed, and the same file loads again', async () => {
    const dbPath = join(dir, 'crash.duckdb');
    const first = join(dir, 'first.csv');
    const second = join(dir, 'second.csv');
    writeFileSync(first, csv([row({ contact_id: 'K1' }), row({ contact_id: 'K2' })]));
    writeFileSync(second, csv([row({ contact_id: 'K3' }), row({ contact_id: 'K4' }), row({ contact_id: 'K5' })]));
    let db = await Database.open(dbPath);
    expect((await ingestFile(db, first, options)).outcome).toBe('committed');
    db.close();

    expect(await killInTransaction(dbPath, second)).toBe('SIGKILL');

    db = await Database.open(dbPath);
    try {
      // Before recovery: the committed batch only, and the interrupted ingest on record.
      expect(await db.query('SELECT count(*)::INTEGER AS n FROM contacts')).toEqual([{ n: 2 }]);
      expect(await db.query('SELECT file_name FROM ingest_running')).toEqual([{ file_name: 'second.csv' }]);
      expect(await recoverInterruptedIngests(db)).toEqual(['second.csv']);
      expect(await db.query('SELECT file_name, outcome, message FROM ingest_batches ORDER BY batch_id')).toEqual([
        { file_name: 'first.csv', outcome: 'committed', message: null },
        { file_name: 'second.csv', outcome: 'failed', message: INTERRUPTED_MESSAGE },
      ]);
      expect(await db.query('SELECT count(*)::INTEGER AS n FROM ingest_running')).toEqual([{ n: 0 }]);
      // Recovery is done once.
      expect(await recoverInterruptedIngests(db)).toEqual([]);
      // The same file loads: 2 + 3 = 5 contacts.
      expect((await ingestFile(db, second, options)).outcome).toBe('committed');
      expect(await db.query('SELECT count(*)::INTEGER AS n FROM contacts')).toEqual([{ n: 5 }]);
    } finally {
      db.close();
    }
  });
});
