/** Sessions: keyed by the SHA-256 of the session id (the id itself is only in the cookie). */
import type { Database } from '../database.ts';

export async function insertSession(db: Database, s: { idHash: string; userId: number; address: string | null; now: Date; expiresAt: Date }): Promise<void> {
  await db.query(`INSERT INTO sessions VALUES ($idHash, $userId, $address, $now::TIMESTAMPTZ, $now::TIMESTAMPTZ, $expires::TIMESTAMPTZ)`, {
    idHash: s.idHash,
    userId: s.userId,
    address: s.address,
    now: s.now.toISOString(),
    expires: s.expiresAt.toISOString(),
  });
}

export async function touchSession(db: Database, idHash: string, now: Date): Promise<void> {
  await db.query('UPDATE sessions SET last_seen_at = $now::TIMESTAMPTZ WHERE id_hash = $idHash', { idHash, now: now.toISOString() });
}

export async function deleteSession(db: Database, idHash: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE id_hash = $idHash', { idHash });
}

/** Ends every session of a user (password change, disable, role change). */
export async function deleteUserSessions(db: Database, userId: number): Promise<void> {
  await db.query('DELETE FROM sessions WHERE user_id = $userId', { userId });
}

/** Removes sessions past their absolute lifetime or idle longer than `idleMs`. */
export async function deleteExpiredSessions(db: Database, now: Date, idleMs: number): Promise<void> {
  await db.query(`DELETE FROM sessions WHERE expires_at <= $now::TIMESTAMPTZ OR last_seen_at <= $idleBefore::TIMESTAMPTZ`, {
    now: now.toISOString(),
    idleBefore: new Date(now.getTime() - idleMs).toISOString(),
  });
}
