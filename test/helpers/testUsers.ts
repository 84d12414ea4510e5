/**
 * Users for tests, inserted straight into the database with one scrypt hash computed once
 * per test process (hashing costs about 0.4 s): `test-admin`, `test-planner`, … all with
 * TEST_PASSWORD.
 */
import { hashPassword } from '../../server/auth/password.ts';
import type { Role } from '../../server/auth/roles.ts';
import type { Database } from '../../server/db/database.ts';
import { insertUser, userByName } from '../../server/db/queries/users.ts';

export const TEST_PASSWORD = 'correct horse battery staple';
let hash: Promise<string> | undefined;

/** Creates `test-<role>` (or `name`) unless it exists; its name. */
export async function ensureTestUser(db: Database, role: Role, name = `test-${role}`): Promise<string> {
  hash ??= hashPassword(TEST_PASSWORD);
  if (!(await userByName(db, name))) await insertUser(db, { name, role, passwordHash: await hash, mustChangePassword: false, now: new Date() });
  return name;
}
