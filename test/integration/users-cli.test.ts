/**
 * `staffcast users …` on a database file, as the operating-system user that owns it:
 * add with the password from standard input, list, disable/enable, unlock, role, and
 * reset-password; each change audited as `os:<user>` from `cli`; errors name the field.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../server/auth/password.ts';
import { Database } from '../../server/db/database.ts';
import { BIN, type CliRun } from '../helpers/cli.ts';

let dir: string;
let dbPath: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'staffcast-users-cli-'));
  dbPath = join(dir, 'u.duckdb');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function users(args: string[], stdin = ''): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, '--db', dbPath, 'users', ...args], { env: { ...process.env, STAFFCAST_KEY_FILE: join(dir, 'k.key') } }, (err, stdout, stderr) => {
      const code = err ? (err as { code?: unknown }).code : 0;
      resolve({ code: typeof code === 'number' ? code : 1, stdout, stderr });
    });
    child.stdin!.end(stdin);
  });
}

async function inDb<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await Database.open(dbPath);
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}

describe('staffcast users', () => {
  it('adds a user with the password from standard input, hashed, and lists it', async () => {
    const add = await users(['add', 'dana', '--role', 'planner'], 'a long enough password\n');
    expect(add).toMatchObject({ code: 0, stdout: 'users add dana: done\n' });
    const hash = await inDb(async (db) => (await db.query<{ h: string }>("SELECT password_hash AS h FROM users WHERE name = 'dana'"))[0]!.h);
    expect(hash.startsWith('scrypt$')).toBe(true);
    expect(await verifyPassword('a long enough password', hash)).toBe(true);
    const list = await users(['list', '--json']);
    expect(JSON.parse(list.stdout)).toMatchObject([{ name: 'dana', role: 'planner', disabled: false, mustChangePassword: false, lockedUntil: null }]);
  });

  it('refuses a missing role, a short password and a duplicate, naming the field, exit 2', async () => {
    expect(await users(['add', 'eve'], 'a long enough password')).toMatchObject({ code: 2, stderr: expect.stringContaining('invalid --role') });
    expect(await users(['add', 'eve', '--role', 'boss'], 'a long enough password')).toMatchObject({ code: 2, stderr: 'staffcast: invalid role: expected one of admin, planner, executive, viewer\n' });
    expect(await users(['add', 'eve', '--role', 'viewer'], 'short')).toMatchObject({ code: 2, stderr: 'staffcast: invalid password: too short: at least 12 characters\n' });
    expect(await users(['add', 'dana', '--role', 'viewer'], 'a long enough password')).toMatchObject({ code: 2, stderr: 'staffcast: invalid name: a user named dana already exists\n' });
  });

  it('disables, enables, changes the role, unlocks and resets a password; each change audited as the OS user', async () => {
    expect((await users(['disable', 'dana'])).code).toBe(0);
    expect(JSON.parse((await users(['list', '--json'])).stdout)[0].disabled).toBe(true);
    expect((await users(['enable', 'dana'])).code).toBe(0);
    expect((await users(['role', 'dana', 'executive'])).code).toBe(0);
    expect((await users(['unlock', 'dana'])).code).toBe(0);
    const reset = await users(['reset-password', 'dana'], '');
    expect(reset.code).toBe(0);
    expect(reset.stdout).toMatch(/^One-time password for dana \(to be replaced at the next sign-in\): [A-Za-z0-9_-]{24}\n/);
    const [user] = JSON.parse((await users(['list', '--json'])).stdout);
    expect(user).toMatchObject({ role: 'executive', disabled: false, mustChangePassword: true });
    const audit = await inDb((db) => db.query<{ actor: string; address: string; action: string; path: string }>('SELECT actor, address, action, path FROM audit_log ORDER BY audit_id'));
    expect(audit.map((a) => a.action)).toEqual(['user.add', 'user.disable', 'user.enable', 'user.role', 'user.unlock', 'user.reset-password']);
    expect(new Set(audit.map((a) => `${a.actor.startsWith('os:')} ${a.address} ${a.path}`))).toEqual(new Set(['true cli dana']));
  }, 180_000); // eight CLI starts, each loading DuckDB

  it('will not disable the last admin', async () => {
    expect((await users(['add', 'root', '--role', 'admin'], 'another long password')).code).toBe(0);
    expect(await users(['disable', 'root'])).toMatchObject({ code: 2, stderr: 'staffcast: invalid name: root is the last enabled admin: add another admin first\n' });
  });
});
