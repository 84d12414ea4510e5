/**
 * Managing users: add, change role, disable, unlock, reset a password, change one's own.
 * Shared by the command line (which acts as the operating-system user that can open the
 * database file) and the admin API. Each change is audited by the caller's `audit`.
 */
import type { Database } from '../db/database.ts';
import { allUsers, insertUser, setDisabled, setPassword, setRole, unlockUser, userByName, userCount, type UserRow } from '../db/queries/users.ts';
import { deleteUserSessions } from '../db/queries/sessions.ts';
import { InputError } from '../wfm/inputError.ts';
import { hashPassword, oneTimePassword, passwordProblem } from './password.ts';
import { isRole, ROLES, type Role } from './roles.ts';

export const USER_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** What is shown of a user: never the hash. */
export interface UserView {
  name: string;
  role: Role;
  disabled: boolean;
  mustChangePassword: boolean;
  failedSignIns: number;
  lockedUntil: string | null;
  lastSignInAt: string | null;
  createdAt: string;
}

export function userView(u: UserRow, now: Date): UserView {
  const locked = u.lockedUntil && u.lockedUntil.getTime() > now.getTime() ? u.lockedUntil.toISOString() : null;
  return {
    name: u.name,
    role: u.role as Role,
    disabled: u.disabled,
    mustChangePassword: u.mustChangePassword,
    failedSignIns: u.failedSignIns,
    lockedUntil: locked,
    lastSignInAt: u.lastSignInAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
  };
}

export function checkUserName(name: unknown): string {
  if (typeof name !== 'string' || !USER_NAME.test(name)) {
    throw new InputError('name', 'expected 1 to 64 lower-case letters, digits, dots, dashes or underscores, starting with a letter or digit');
  }
  return name;
}

export function checkRole(role: unknown): Role {
  if (!isRole(role)) throw new InputError('role', `expected one of ${ROLES.join(', ')}`);
  return role;
}

export function checkPassword(password: unknown, field = 'password'): string {
  const problem = passwordProblem(password);
  if (problem) throw new InputError(field, problem);
  return password as string;
}

async function existing(db: Database, name: string): Promise<UserRow> {
  const u = await userByName(db, checkUserName(name));
  if (!u) throw new InputError('name', `no user named ${name}`);
  return u;
}

export async function addUser(db: Database, name: unknown, role: unknown, password: unknown, now: Date, options: { mustChangePassword?: boolean } = {}): Promise<void> {
  const n = checkUserName(name);
  const r = checkRole(role);
  const p = checkPassword(password);
  if (await userByName(db, n)) throw new InputError('name', `a user named ${n} already exists`);
  await insertUser(db, { name: n, role: r, passwordHash: await hashPassword(p), mustChangePassword: options.mustChangePassword ?? false, now });
}

export async function listUsers(db: Database, now: Date): Promise<UserView[]> {
  return (await allUsers(db)).map((u) => userView(u, now));
}

export async function changeRole(db: Database, name: string, role: unknown, now: Date): Promise<void> {
  const u = await existing(db, name);
  const r = checkRole(role);
  if (u.role === 'admin' && r !== 'admin') await keepOneAdmin(db, u);
  await setRole(db, u.userId, r, now);
  await deleteUserSessions(db, u.userId);
}

export async function disableUser(db: Database, name: string, disabled: boolean, now: Date): Promise<void> {
  const u = await existing(db, name);
  if (disabled && u.role === 'admin') await keepOneAdmin(db, u);
  await setDisabled(db, u.userId, disabled, now);
  if (disabled) await deleteUserSessions(db, u.userId);
}

export async function unlock(db: Database, name: string, now: Date): Promise<void> {
  const u = await existing(db, name);
  await unlockUser(db, u.userId, now);
}

/**
 * Sets a password chosen by an administrator (or a one-time one when none is given), which
 * the user must replace at the next sign-in; ends the user's sessions. Returns the password
 * when it was generated here.
 */
export async function resetPassword(db: Database, name: string, password: unknown, now: Date): Promise<string | null> {
  const u = await existing(db, name);
  const generated = password === undefined ? oneTimePassword() : null;
  const p = generated ?? checkPassword(password);
  await setPassword(db, u.userId, await hashPassword(p), true, now);
  await deleteUserSessions(db, u.userId);
  return generated;
}

/** A user's own new password (which must differ from the old one); ends their other sessions by the caller. */
export async function setOwnPassword(db: Database, u: UserRow, password: unknown, now: Date): Promise<void> {
  const p = checkPassword(password, 'newPassword');
  await setPassword(db, u.userId, await hashPassword(p), false, now);
}

/** Refuses to demote or disable the last enabled admin: nobody could manage users then. */
async function keepOneAdmin(db: Database, u: UserRow): Promise<void> {
  const others = (await allUsers(db)).filter((x) => x.role === 'admin' && !x.disabled && x.userId !== u.userId);
  if (others.length === 0) throw new InputError('name', `${u.name} is the last enabled admin: add another admin first`);
}

/**
 * First start: when no user exists, creates `admin` with a one-time password that must be
 * replaced at the first sign-in, and returns it (to be printed to the console, never
 * logged). Returns null when users exist.
 */
export async function ensureFirstAdmin(db: Database, now: Date): Promise<string | null> {
  if ((await userCount(db)) > 0) return null;
  const password = oneTimePassword();
  await insertUser(db, { name: 'admin', role: 'admin', passwordHash: await hashPassword(password), mustChangePassword: true, now });
  return password;
}
