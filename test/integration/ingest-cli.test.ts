/**
 * The `staffcast ingest` command as a user runs it (child processes): exit codes 0 / 1 / 2,
 * the summary, the lock message while another process holds the database, and kill-safety:
 * a process killed in the middle of a file's transaction leaves the database as it was.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkIngestArgs } from '../../server/cli/commands/ingest.ts';
import { Database } from '../../server/db/database.ts';
import { csv, row } from '../fixtures/ingest/helpers.ts';
import { writeSyntheticCsv } from '../fixtures/ingest/synthetic.ts';

const BIN = join(import.meta.dirname, '../../bin/staffcast.js');
let dir: string;
const env = (dbPath: string) => ({
  ...process.env,
  STAFFCAST_DB: dbPath,
  STAFFCAST_HMAC_KEY: 'k'.repeat(40),
  STAFFCAST_TIMEZONE: 'America/Los_Angeles',
});

function cli(args: string[], dbPath: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { env: env(dbPath), encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

async function counts(dbPath: string) {
  const db = await Database.open(dbPath);
  try {
    const [r] = await db.query(
      `SELECT (SELECT count(*) FROM contacts)::INTEGER AS contacts, (SELECT count(*) FROM ingest_batches)::INTEGER AS batches,
              (SELECT count(*) FROM ingest_rejects)::INTEGER AS rejects`,
    );
    return r;
  } finally {
    db.close();
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'staffcast-ingest-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Runs test/fixtures/ingest/kill-child.ts on FILE: it prints IN_TRANSACTION from inside the
 * file's transaction and then waits forever, and is SIGKILLed as soon as that line arrives.
 */
async function killOnMarker(dbPath: string, file: string): Promise<{ signal: NodeJS.Signals | null; out: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../fixtures/ingest/kill-child.ts'), dbPath, file], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_c, signal) => resolve(signal)));
  let out = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    if (out.includes('IN_TRANSACTION')) child.kill('SIGKILL');
  });
  const signal = await exited;
  return { signal, out };
}

describe('staffcast ingest', () => {
  it('exits 0 and prints a summary when files commit or are duplicates; 1 when one is refused', async () => {
    const dbPath = join(dir, 'a.duckdb');
    const good = join(dir, 'good.csv');
    writeFileSync(good, csv([row(), row({ contact_id: 'C2', channel: 'fax' })]));
    let r = cli(['ingest', good, '--max-reject-share', '0.5'], dbPath);
    expect(r.code).toBe(0);
    expect(r.out).toContain('good.csv: committed (batch 1)');
    expect(r.out).toContain('rows read 2, accepted 1, rejected 1, already present 0, flagged 0');
    expect(r.out).toContain('1 × invalid channel: not one of voice, chat, email, portal');
    r = cli(['ingest', good, '--json'], dbPath);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject([{ outcome: 'duplicate_file', duplicateOf: 1 }]);
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, '');
    r = cli(['ingest', empty], dbPath);
    expect(r.code).toBe(1);
    expect(r.out).toContain('empty.csv: refused (batch 3)\n  empty file: 0 bytes');
  });

  it('rejects bad arguments with a UsageError naming the flag', () => {
    const good = join(dir, 'good2.csv');
    writeFileSync(good, csv([row()]));
    const cases: [string[], Record<string, unknown>, RegExp][] = [
      [[join(dir, 'nope.csv')], {}, /^invalid FILE: no such file/],
      [[], {}, /^invalid FILE: give at least one file/],
      [[good], { format: 'xlsx' }, /^invalid --format: expected one of csv, parquet, amazon-connect, .*, avaya-cms, interval$/],
      [[good], { timezone: 'Mars/Olympus' }, /^invalid --timezone/],
      [[good], { source: 'a b' }, /^invalid --source/],
      [[good], { mapping: join(dir, 'nomap.json') }, /^invalid --mapping: cannot read/],
      [[good], { maxRejectShare: '2' }, /^invalid --max-reject-share/],
      [[good], { maxRejectShare: 'lots' }, /^invalid --max-reject-share/],
      [[good], { server: 'ftp://x' }, /^invalid --server/],
    ];
    const badMap = join(dir, 'badmap.json');
    writeFileSync(badMap, JSON.stringify({ columns: { caller_id: 'X' } }));
    cases.push([[good], { mapping: badMap }, /^invalid --mapping: "caller_id" is not a canonical column/]);
    for (const [files, flags, message] of cases) {
      expect(() => checkIngestArgs(files, flags), JSON.stringify(flags)).toThrow(message);
      try {
        checkIngestArgs(files, flags);
      } catch (e) {
        expect((e as Error).name).toBe('UsageError');
      }
    }
  });

  it('exits 2 on a usage error, without a stack trace and without touching the database', () => {
    const dbPath = join(dir, 'b.duckdb');
    const good = join(dir, 'good2b.csv');
    writeFileSync(good, csv([row()]));
    const r = cli(['ingest', good, '--format', 'xlsx'], dbPath);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      'staffcast: invalid --format: expected one of csv, parquet, amazon-connect, genesys-cloud, five9, nice-cxone, zendesk-talk, twilio-taskrouter, asterisk-queue-log, avaya-cms, interval\n',
    );
    expect(existsSync(dbPath)).toBe(false);
  });

  it('fails at once with the lock message while another process holds the database', async () => {
    const dbPath = join(dir, 'locked.duckdb');
    const holder = await Database.open(dbPath);
    try {
      const good = join(dir, 'good3.csv');
      writeFileSync(good, csv([row()]));
      const r = cli(['ingest', good], dbPath);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/is in use by another process .*--server http:\/\/127\.0\.0\.1:PORT/);
    } finally {
      holder.close();
    }
  });

  it('leaves the database as it was when killed after writing, before COMMIT (deterministic)', async () => {
    const dbPath = join(dir, 'kill2.duckdb');
    const small = join(dir, 'k2-small.csv');
    writeFileSync(small, csv([row({ contact_id: 'K1' })]));
    expect(cli(['ingest', small], dbPath).code).toBe(0);
    const before = await counts(dbPath);
    const file = join(dir, 'k2.csv');
    writeFileSync(file, csv([...Array.from({ length: 500 }, (_, i) => row({ contact_id: `X${i}` })), row({ contact_id: 'BAD', talk_s: '-1' })]));
    const { signal, out } = await killOnMarker(dbPath, file);
    expect(signal).toBe('SIGKILL');
    expect(out).toBe('IN_TRANSACTION\n');
    // 500 contacts, 1 reject and the batch row were written inside the transaction: none survive.
    expect(await counts(dbPath)).toEqual(before);
  });

  it('leaves the database as it was when killed in the middle of a large file', async () => {
    const dbPath = join(dir, 'kill.duckdb');
    const small = join(dir, 'small.csv');
    writeFileSync(small, csv([row({ contact_id: 'K1' }), row({ contact_id: 'K2' })]));
    expect(cli(['ingest', small], dbPath).code).toBe(0);
    const before = await counts(dbPath);
    expect(before).toEqual({ contacts: 2, batches: 1, rejects: 0 });

    const big = join(dir, 'big.csv');
    writeSyntheticCsv(big, { rows: 100_000, seed: 5, startMs: Date.UTC(2025, 0, 1), days: 60 });
    // The child writes all 100,000 contacts inside the file's transaction, then prints
    // IN_TRANSACTION and waits: it is killed on that marker, never after a delay.
    const { signal, out } = await killOnMarker(dbPath, big);
    expect(signal).toBe('SIGKILL');
    expect(out).toBe('IN_TRANSACTION\n');

    expect(await counts(dbPath)).toEqual(before);
    // The database is usable afterwards.
    const small2 = join(dir, 'small2.csv');
    writeFileSync(small2, csv([row({ contact_id: 'K3' })]));
    expect(cli(['ingest', small2], dbPath).code).toBe(0);
    // Batches: small (committed), big (recorded as failed, interrupted, by this ingest's
    // start: server/ingest/recover.ts), small2 (committed).
    expect(await counts(dbPath)).toEqual({ contacts: 3, batches: 3, rejects: 0 });
  });
});
