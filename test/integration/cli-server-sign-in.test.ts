/**
 * `staffcast ingest --server URL` signs in as STAFFCAST_USER: a planner's upload commits; no
 * user, a wrong password or a role without write:data is refused with a message that says
 * what to do.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../server/db/database.ts';
import { csv, row } from '../fixtures/ingest/helpers.ts';
import { runCli } from '../helpers/cli.ts';
import { serveForTest, type TestServer } from '../helpers/server.ts';
import { ensureTestUser, TEST_PASSWORD } from '../helpers/testUsers.ts';

let dir: string;
let db: Database;
let api: TestServer;
let file: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'staffcast-cli-sign-in-'));
  db = await Database.open(join(dir, 's.duckdb'));
  api = await serveForTest(db);
  await ensureTestUser(db, 'planner');
  await ensureTestUser(db, 'viewer');
  file = join(dir, 'log.csv');
  writeFileSync(file, csv([row({ contact_id: 'S1' })]));
});

afterAll(async () => {
  await api.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const ingest = (env: Record<string, string>) => runCli(['ingest', file, '--server', api.directUrl, '--json'], { STAFFCAST_USER: '', STAFFCAST_PASSWORD: '', ...env });

describe('ingest --server signs in', () => {
  it('commits as a planner', async () => {
    const run = await ingest({ STAFFCAST_USER: 'test-planner', STAFFCAST_PASSWORD: TEST_PASSWORD });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject([{ outcome: 'committed', rowsAccepted: 1 }]);
  });

  it('says how to sign in without a user, and why not with a wrong password or role', async () => {
    const none = await ingest({});
    expect(none.code).toBe(1);
    expect(none.stderr).toBe(
      'staffcast: log.csv: the server needs a signed-in user: set STAFFCAST_USER and STAFFCAST_PASSWORD (or STAFFCAST_PASSWORD_FILE) to a user of that server with the right role\n',
    );
    const wrong = await ingest({ STAFFCAST_USER: 'test-planner', STAFFCAST_PASSWORD: 'not it at all' });
    expect(wrong.stderr).toBe(`staffcast: cannot sign in to ${api.directUrl} as test-planner: wrong user name or password\n`);
    const viewer = await ingest({ STAFFCAST_USER: 'test-viewer', STAFFCAST_PASSWORD: TEST_PASSWORD });
    expect(viewer.stderr).toBe('staffcast: log.csv: the server answered 403: the viewer role may not do this (it needs the write:data permission)\n');
  });
});
