/**
 * `staffcast cases ingest FILE --server URL` (the compiled CLI, as a user runs it) against a
 * running server (serveForTest): it signs in as STAFFCAST_USER, posts to POST
 * /api/cases/ingest, and prints exactly what the direct path prints for the same file on an
 * equally fresh database (text and --json), with the same exit codes: 0 committed or
 * duplicate, 1 refused, 2 a usage error naming the flag. Without a user it says to set
 * STAFFCAST_USER; a viewer is refused (403). The direct path, while a process holds the
 * database, names `cases ingest --server`; its ingests are in the audit trail as `os:<user>`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../server/db/database.ts';
import { runCli } from '../helpers/cli.ts';
import { CLI_ACTOR, cliAuditRows } from '../helpers/cliAudit.ts';
import { serveForTest, type TestServer } from '../helpers/server.ts';
import { ensureTestUser, TEST_PASSWORD } from '../helpers/testUsers.ts';

const HEADER = 'case_id,member_id,type,priority,program,plan,state,tier,received_at,acknowledged_at,resolved_at,extended,outcome';
const LOG = [
  HEADER,
  'A1,M-1,appeal,standard,medicaid,p,CA,2,2026-03-02T10:00:00-05:00,2026-03-03T10:00:00-05:00,2026-03-20T10:00:00-04:00,,upheld',
  'E1,M-2,escalation,,commercial,,WA,1,2026-03-02T10:00:00-05:00,,2026-03-05T10:00:00-05:00,,done',
  'C1,,claim_research,,marketplace,,OR,1,2026-03-27T09:00:00-04:00,,,,',
].join('\n');
// Times without a UTC offset and no --timezone: the whole file is refused.
const NAIVE = [HEADER, 'N1,M-9,appeal,standard,medicaid,p,CA,2,2026-03-02 10:00,,,,'].join('\n');

let dir: string;
let db: Database;
let api: TestServer;
let logFile: string;
let naiveFile: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'staffcast-cases-cli-server-'));
  db = await Database.open(join(dir, 'served.duckdb'));
  api = await serveForTest(db);
  await ensureTestUser(db, 'planner');
  await ensureTestUser(db, 'viewer');
  logFile = join(dir, 'cases.csv');
  naiveFile = join(dir, 'naive.csv');
  writeFileSync(logFile, `${LOG}\n`);
  writeFileSync(naiveFile, `${NAIVE}\n`);
});

afterAll(async () => {
  await api.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const noUser = { STAFFCAST_USER: '', STAFFCAST_PASSWORD: '', STAFFCAST_PASSWORD_FILE: '' };
const asUser = (name: string) => ({ ...noUser, STAFFCAST_USER: name, STAFFCAST_PASSWORD: TEST_PASSWORD });
/** Through the server, as `env`'s user. */
const viaServer = (args: string[], env: Record<string, string> = asUser('test-planner')) => runCli(['cases', 'ingest', ...args, '--server', api.directUrl], env);
/** The direct path, on its own fresh database file. */
const directDb = () => join(dir, 'direct.duckdb');
const direct = (args: string[]) => runCli(['cases', 'ingest', ...args], { ...noUser, STAFFCAST_DB: directDb(), STAFFCAST_KEY_FILE: join(dir, 'key') });

describe('cases ingest --server', () => {
  it('prints what the direct path prints: committed, duplicate (text and --json), refused; exit 0, 0, 1', async () => {
    // 1. Committed: 3 rows read, all new (3 inserted, 0 updated), none rejected: case batch 1
    //    on each fresh database.
    const served = await viaServer([logFile]);
    const local = await direct([logFile]);
    expect(served).toEqual({ code: 0, stderr: '', stdout: 'cases.csv: committed (case batch 1): 3 read, 3 accepted (0 updated), 0 rejected, 0 already present\n' });
    expect(served).toEqual(local);

    // 2. The same bytes again: a duplicate of batch 1, recorded as batch 2, nothing read.
    const servedJson = await viaServer([logFile, '--json']);
    const localJson = await direct([logFile, '--json']);
    expect(servedJson.code).toBe(0);
    expect(JSON.parse(servedJson.stdout)).toEqual({
      batchId: 2,
      outcome: 'duplicate_file',
      message: 'the same file (sha256) was already ingested as case batch 1; nothing was loaded',
      refusal: null,
      fileName: 'cases.csv',
      rowsRead: 0,
      rowsAccepted: 0,
      rowsUpdated: 0,
      rowsRejected: 0,
      rowsAlreadyPresent: 0,
      unknownColumns: [],
      rejectReasons: [],
      duplicateOf: 1,
    });
    expect(servedJson).toEqual(localJson);

    // 3. Refused (no UTC offset, no --timezone): batch 3, exit 1, the same words.
    const servedRefused = await viaServer([naiveFile]);
    const localRefused = await direct([naiveFile]);
    expect(servedRefused.code).toBe(1);
    // Refused before its rows were classified: no counts, and the flag that answers it.
    expect(servedRefused.stdout).toMatch(/^naive\.csv: refused \(case batch 3\): nothing was loaded\n {2}time zone required: 1 of 1 row.* \(on the command line: --timezone ZONE\)\n$/);
    expect(servedRefused).toEqual(localRefused);
    // The same file with its zone declared commits: 1 row read and inserted.
    const zoned = await viaServer([naiveFile, '--timezone', 'America/New_York', '--source', 'zoned']);
    expect(zoned.code).toBe(0);
    expect(zoned.stdout).toBe('naive.csv: committed (case batch 4): 1 read, 1 accepted (0 updated), 0 rejected, 0 already present\n');
  });

  it('the direct path records its ingests in the audit trail as the operating-system user, from cli', async () => {
    const os = CLI_ACTOR;
    // The three direct runs of the first test: batch 1 committed (3 inserted), 2 duplicate, 3 refused.
    expect(await cliAuditRows(directDb())).toEqual([
      { actor: os, action: 'cases.ingest', path: 'cases.csv', outcome: 'ok', detail: 'case batch 1: committed, 3 accepted, 0 rejected' },
      { actor: os, action: 'cases.ingest', path: 'cases.csv', outcome: 'ok', detail: 'case batch 2: duplicate_file, 0 accepted, 0 rejected' },
      { actor: os, action: 'cases.ingest', path: 'naive.csv', outcome: 'failed', detail: 'case batch 3: refused, 0 accepted, 0 rejected' },
    ]);
  });

  it('says to set STAFFCAST_USER when not signed in, and why not as a viewer (exit 1)', async () => {
    const none = await viaServer([logFile], noUser);
    expect(none.code).toBe(1);
    expect(none.stdout).toBe('');
    expect(none.stderr).toBe(
      'staffcast: cases.csv: the server needs a signed-in user: set STAFFCAST_USER and STAFFCAST_PASSWORD (or STAFFCAST_PASSWORD_FILE) to a user of that server with the right role\n',
    );
    const viewer = await viaServer([logFile], asUser('test-viewer'));
    expect(viewer.code).toBe(1);
    expect(viewer.stderr).toBe('staffcast: cases.csv: the server answered 403: the viewer role may not do this (it needs the write:data permission)\n');
    const wrong = await viaServer([logFile], { ...asUser('test-planner'), STAFFCAST_PASSWORD: 'not it at all' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toBe(`staffcast: cannot sign in to ${api.directUrl} as test-planner: wrong user name or password\n`);
  });

  it('usage errors name the flag and exit 2, before anything is sent', async () => {
    const cases: [string[], string][] = [
      [[join(dir, 'missing.csv')], `invalid FILE: no such file: ${join(dir, 'missing.csv')}`],
      [[logFile, '--timezone', 'Mars/Olympus'], 'invalid --timezone: not an IANA time zone name (e.g. America/New_York)'],
      [[logFile, '--source', 'two words'], 'invalid --source: use 1-100 letters, digits, ".", "_", ":" or "-"'],
      [[logFile, '--format', 'xlsx'], 'invalid --format: expected csv or parquet'],
      [[logFile, '--max-reject-share', '1.5'], 'invalid --max-reject-share: expected a fraction between 0 and 1, e.g. 0.01'],
    ];
    for (const [args, message] of cases) {
      const r = await viaServer(args);
      expect({ args, code: r.code, stderr: r.stderr }).toEqual({ args, code: 2, stderr: `staffcast: ${message}\n` });
    }
    const url = await runCli(['cases', 'ingest', logFile, '--server', 'ftp://x'], asUser('test-planner'));
    expect(url).toMatchObject({ code: 2, stderr: 'staffcast: invalid --server: expected a URL such as http://127.0.0.1:3000\n' });
    // Nothing reached the server: its case batches are still the four of the first test.
    const batches = await api.get('/api/cases/batches');
    expect(batches.body.batches).toHaveLength(4);
  });

  it('the direct path, while the server holds the database, names cases ingest --server (exit 1)', async () => {
    const r = await runCli(['cases', 'ingest', logFile], { ...noUser, STAFFCAST_DB: db.path, STAFFCAST_KEY_FILE: join(dir, 'key') });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/is in use by another process .* For a case log: staffcast cases ingest FILE --server http:\/\/127\.0\.0\.1:PORT \(signed in as STAFFCAST_USER\)\.\n$/);
  });
});
