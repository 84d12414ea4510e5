/**
 * Crash safety under kill -9 (issue 13, Proof), against real processes:
 *
 * 1. The server (`staffcast serve`) killed in the middle of a large upload — once with half
 *    the body sent (still receiving), once with all of it sent (receiving or ingesting) —
 *    and restarted: the database holds exactly the committed batches (contacts = the sum of
 *    their accepted rows), an ingest that had begun is recorded as failed ("interrupted"),
 *    the upload's temp folder is swept at start, and the same file then loads.
 * 2. The CLI's ingest killed inside the file's transaction (the child prints IN_TRANSACTION
 *    there; never a timer), ROUNDS times: the same checks, through `staffcast ingest`.
 *
 * Every kill waits for an event (bytes handed to the socket, a marker line), not for time.
 */
import { spawn } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess } from '../../scripts/stress/serverProcess.ts';
import { ensureStressUser, type Session, signIn } from '../../scripts/stress/stressUser.ts';
import { Database } from '../../server/db/database.ts';
import { INTERRUPTED_MESSAGE } from '../../server/ingest/recover.ts';
import { csv, row } from '../fixtures/ingest/helpers.ts';
import { writeSyntheticCsv } from '../fixtures/ingest/synthetic.ts';

const ROWS = Number(process.env.STAFFCAST_STRESS_CRASH_ROWS ?? 200_000);
const ROUNDS = Number(process.env.STAFFCAST_STRESS_CRASH_ROUNDS ?? 3);

let dir: string;
let big: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'staffcast-crash-stress-'));
  big = join(dir, 'big.csv');
  writeSyntheticCsv(big, { rows: ROWS, seed: 13, startMs: Date.UTC(2025, 0, 1), days: 90 });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface DbState {
  contacts: number;
  committedAccepted: number;
  running: number;
  batches: { file_name: string; outcome: string; message: string | null }[];
}

async function stateOf(dbPath: string): Promise<DbState> {
  const db = await Database.open(dbPath);
  try {
    const [c] = await db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM contacts');
    const [a] = await db.query<{ n: number }>("SELECT coalesce(sum(rows_accepted), 0)::INTEGER AS n FROM ingest_batches WHERE outcome = 'committed'");
    const [r] = await db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM ingest_running');
    const batches = await db.query<{ file_name: string; outcome: string; message: string | null }>('SELECT file_name, outcome, message FROM ingest_batches ORDER BY batch_id');
    return { contacts: c!.n, committedAccepted: a!.n, running: r!.n, batches };
  } finally {
    db.close();
  }
}

/**
 * Streams `file` as a multipart upload and calls `onSent(fraction)` as bytes go out; the
 * returned promise settles when the connection ends (answered, or the server died).
 */
function streamUpload(url: string, session: Session, file: string, onSent: (fraction: number) => void): Promise<number | null> {
  const boundary = 'crashBoundary';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const size = statSync(file).size;
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const req = request(
      {
        host: hostname,
        port,
        method: 'POST',
        path: '/api/ingest',
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(head.length + size + tail.length), cookie: session.cookie, 'x-csrf-token': session.csrf },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? null));
      },
    );
    req.on('error', () => resolve(null));
    req.write(head);
    let sent = 0;
    const stream = createReadStream(file, { highWaterMark: 1 << 20 });
    stream.on('data', (chunk) => {
      sent += chunk.length;
      if (!req.write(chunk)) stream.pause();
      onSent(sent / size);
    });
    req.on('drain', () => stream.resume());
    stream.on('end', () => req.end(tail, () => onSent(1.000001)));
  });
}

const uploadDirsOf = (pid: number) => readdirSync(tmpdir()).filter((n) => n.startsWith(`staffcast-upload-${pid}-`));

describe('kill -9', () => {
  it('the server in the middle of a large upload: exactly the committed batches, the interrupted one failed, the file loads again', async () => {
    const dbPath = join(dir, 'server.duckdb');
    const keyFile = join(dir, 'server.key');
    await ensureStressUser(dbPath, 'stress-planner', 'planner');

    // A committed batch first (2 contacts).
    let server = await startServerProcess({ db: dbPath, keyFile, port: 0, seed: false });
    let session = await signIn(server.url, 'stress-planner');
    const form = new FormData();
    form.set('file', new Blob([csv([row({ contact_id: 'S1' }), row({ contact_id: 'S2' })])]), 'small.csv');
    const first = await fetch(`${server.url}/api/ingest`, { method: 'POST', body: form, headers: { cookie: session.cookie, 'x-csrf-token': session.csrf } });
    expect(first.status).toBe(201);

    for (const killAt of [0.5, 1.000001]) {
      const pid = server.child.pid!;
      let killed: Promise<void> | null = null;
      await streamUpload(server.url, session, big, (fraction) => {
        if (!killed && fraction >= killAt) killed = server.kill9();
      });
      await killed;
      server = await startServerProcess({ db: dbPath, keyFile, port: 0, seed: false });
      // The dead server's upload folder was swept at start.
      expect(uploadDirsOf(pid)).toEqual([]);
      await server.stop();
      const s = await stateOf(dbPath);
      expect(s.contacts).toBe(s.committedAccepted);
      expect(s.running).toBe(0);
      const last = s.batches.at(-1)!;
      // Killed while receiving: no batch began; killed in the ingest: a failed, interrupted batch.
      if (last.file_name === 'big.csv') expect(last).toEqual({ file_name: 'big.csv', outcome: 'failed', message: INTERRUPTED_MESSAGE });
      console.log(`server killed at ${Math.min(killAt, 1) * 100}% sent: batches ${JSON.stringify(s.batches.map((b) => `${b.file_name}:${b.outcome}`))}`);
      server = await startServerProcess({ db: dbPath, keyFile, port: 0, seed: false });
      session = await signIn(server.url, 'stress-planner');
    }
    // The same file loads in full.
    const status = await streamUpload(server.url, session, big, () => undefined);
    expect(status).toBe(201);
    await server.stop();
    const s = await stateOf(dbPath);
    expect(s.contacts).toBe(2 + ROWS);
    expect(s.contacts).toBe(s.committedAccepted);
  });

  it(`the CLI inside a file's transaction, ${ROUNDS} times: exactly the committed batches, each interrupted one failed, the file loads again`, async () => {
    const dbPath = join(dir, 'cli.duckdb');
    // A database made and closed cleanly first, as in use. (Killing the very first ingest of a
    // brand-new file, before its first checkpoint, left a WAL that DuckDB failed to replay in
    // one run: "INTERNAL Error: Failure while replaying WAL … GetDefaultDatabase with no default
    // database set" — an open finding in docs/reliability.md.)
    (await Database.open(dbPath)).close();
    for (let i = 0; i < ROUNDS; i++) {
      const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../fixtures/ingest/kill-child.ts'), dbPath, big], { stdio: ['ignore', 'pipe', 'inherit'] });
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_c, signal) => resolve(signal)));
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('IN_TRANSACTION')) child.kill('SIGKILL');
      });
      expect(await exited).toBe('SIGKILL');
      const s = await stateOf(dbPath);
      expect(s.contacts).toBe(0);
      // kill-child does not recover (serve and staffcast ingest do): one interrupted ingest on record per round.
      expect(s.running).toBe(i + 1);
    }
    // `staffcast ingest` records every interrupted one as failed, then loads the file.
    const cli = spawn(process.execPath, [join(import.meta.dirname, '../../bin/staffcast.js'), '--db', dbPath, 'ingest', big], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, STAFFCAST_KEY_FILE: join(dir, 'cli.key') },
    });
    let text = '';
    cli.stdout.on('data', (d: Buffer) => (text += d.toString()));
    cli.stderr.on('data', (d: Buffer) => (text += d.toString()));
    const code = await new Promise<number | null>((resolve) => cli.on('exit', (c) => resolve(c)));
    expect(code, text).toBe(0);
    const s = await stateOf(dbPath);
    expect(s.running).toBe(0);
    expect(s.batches.map((b) => b.outcome)).toEqual([...Array(ROUNDS).fill('failed'), 'committed']);
    expect(s.contacts).toBe(ROWS);
    expect(existsSync(dbPath)).toBe(true);
  });
});
