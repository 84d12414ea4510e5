/** The users table: who may sign in, with which role, and the state of their lockout. */
import type { Database } from '../database.ts';

export interface UserRow {
  userId: number;
  name: string;
  role: string;
  passwordHash: string;
  mustChangePassword: boolean;
  disabled: boolean;
  failedSignIns: number;
  lockedUntil: Date | null;
  lastSignInAt: Date | null;
  createdAt: Date;
}

const COLUMNS = `user_id::INTEGER AS "userId", name, role, password_hash AS "passwordHash",
  must_change_password AS "mustChangePassword", disabled, failed_sign_ins::INTEGER AS "failedSignIns",
  locked_until AS "lockedUntil", last_sign_in_at AS "lastSignInAt", created_at AS "createdAt"`;

/** A session's user, by the session's id hash, in one query (every API request asks this). */
export async function userBySessionHash(db: Database, idHash: string): Promise<(UserRow & { lastSeenAt: Date; expiresAt: Date }) | null> {
  const rows = await db.query<UserRow & { lastSeenAt: Date; expiresAt: Date } & Record<string, unknown>>(
    `SELECT u.user_id::INTEGER AS "userId", u.name, u.role, u.password_hash AS "passwordHash",
       u.must_change_password AS "mustChangePassword", u.disabled, u.failed_sign_ins::INTEGER AS "failedSignIns",
       u.locked_until AS "lockedUntil", u.last_sign_in_at AS "lastSignInAt", u.created_at AS "createdAt",
       s.last_seen_at AS "sessionLastSeenAt", s.expires_at AS "expiresAt"
     FROM sessions s JOIN users u ON u.user_id = s.user_id WHERE s.id_hash = $idHash`,
    { idHash },
  );
  const r = rows[0];
  if (!r) return null;
  const { sessionLastSeenAt, ...user } = r as typeof r & { sessionLastSeenAt: Date };
  return { ...user, lastSeenAt: sessionLastSeenAt };
}

export async function userCount(db: Database): Promise<number> {
  const [r] = await db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM users');
  return r!.n;
}

export async function userByName(db: Database, name: string): Promise<UserRow | null> {
  const rows = await db.query<UserRow & Record<string, unknown>>(`SELECT ${COLUMNS} FROM users WHERE name = $name`, { name });
  return rows[0] ?? null;
}

export async function userById(db: Database, userId: number): Promise<UserRow | null> {
  const rows = await db.query<UserRow & Record<string, unknown>>(`SELECT ${COLUMNS} FROM users WHERE user_id = $userId`, { userId });
  return rows[0] ?? null;
}

export async function allUsers(db: Database): Promise<UserRow[]> {
  return db.query<UserRow & Record<string, unknown>>(`SELECT ${COLUMNS} FROM users ORDER BY name`);
}

export async function insertUser(db: Database, u: { name: string; role: string; passwordHash: string; mustChangePassword: boolean; now: Date }): Promise<void> {
  await db.query(
    `INSERT INTO users (name, role, password_hash, must_change_password, created_at, updated_at)
     VALUES ($name, $role, $hash, $must, $now::TIMESTAMPTZ, $now::TIMESTAMPTZ)`,
    { name: u.name, role: u.role, hash: u.passwordHash, must: u.mustChangePassword, now: u.now.toISOString() },
  );
}

export async function setPassword(db: Database, userId: number, passwordHash: string, mustChangePassword: boolean, now: Date): Promise<void> {
  await db.query(
    `UPDATE users SET password_hash = $hash, must_change_password = $must, failed_sign_ins = 0, locked_until = NULL,
       updated_at = $now::TIMESTAMPTZ WHERE user_id = $userId`,
    { userId, hash: passwordHash, must: mustChangePassword, now: now.toISOString() },
  );
}

export async function setRole(db: Database, userId: number, role: string, now: Date): Promise<void> {
  await db.query('UPDATE users SET role = $role, updated_at = $now::TIMESTAMPTZ WHERE user_id = $userId', { userId, role, now: now.toISOString() });
}

export async function setDisabled(db: Database, userId: number, disabled: boolean, now: Date): Promise<void> {
  await db.query('UPDATE users SET disabled = $disabled, updated_at = $now::TIMESTAMPTZ WHERE user_id = $userId', { userId, disabled, now: now.toISOString() });
}

/** Clears the failure count and any lockout. */
export async function unlockUser(db: Database, userId: number, now: Date): Promise<void> {
  await db.query('UPDATE users SET failed_sign_ins = 0, locked_until = NULL, updated_at = $now::TIMESTAMPTZ WHERE user_id = $userId', { userId, now: now.toISOString() });
}

/** Records a failed sign-in; locks the account until `lockUntil` when the count reaches `limit`. Returns the new count. */
export async function recordFailedSignIn(db: Database, userId: number, limit: number, lockUntil: Date): Promise<number> {
  const rows = await db.query<{ n: number }>(
    `UPDATE users SET failed_sign_ins = failed_sign_ins + 1,
       locked_until = CASE WHEN failed_sign_ins + 1 >= $limit THEN $until::TIMESTAMPTZ ELSE locked_until END
     WHERE user_id = $userId RETURNING failed_sign_ins::INTEGER AS n`,
    { userId, limit, until: lockUntil.toISOString() },
  );
  return rows[0]?.n ?? 0;
}

export async function recordSignIn(db: Database, userId: number, now: Date): Promise<void> {
  await db.query('UPDATE users SET failed_sign_ins = 0, locked_until = NULL, last_sign_in_at = $now::TIMESTAMPTZ WHERE user_id = $userId', { userId, now: now.toISOString() });
}
