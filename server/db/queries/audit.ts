/**
 * The audit trail. Rows are only inserted here (`appendAudit`) and deleted only by the
 * retention purge (`purgeAuditBefore`), which the caller records as an audit row of its
 * own. Nothing else in the product writes to `audit_log` (test/unit/audit-append-only.test.ts).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { type Database, queryRows } from '../database.ts';

export interface AuditEvent {
  at: Date;
  /** The user name, `os:NAME` for the command line, null when nobody is signed in. */
  actor: string | null;
  role: string | null;
  /** The client's address, or `cli`. */
  address: string | null;
  /** What was done: `GET /api/kpis`, `sign-in`, `sign-in-failed`, `user.add`, `audit.purge`, … */
  action: string;
  method: string | null;
  path: string | null;
  /** The request's query parameters as JSON (the filters of a read). */
  filters: string | null;
  status: number | null;
  /** `ok`, `denied` (401/403/429), `failed` (other 4xx, 5xx). */
  outcome: 'ok' | 'denied' | 'failed';
  detail: string | null;
}

export interface AuditRow extends AuditEvent {
  id: number;
}

export async function appendAudit(db: Database, e: AuditEvent): Promise<void> {
  await db.withConnection((conn) => appendAuditOn(conn, e));
}

/** The same on a connection (inside a transaction that writes several events at once). */
export async function appendAuditOn(conn: DuckDBConnection, e: AuditEvent): Promise<void> {
  await conn.run(
    `INSERT INTO audit_log (occurred_at, actor, role, address, action, method, path, filters, status, outcome, detail)
     VALUES ($at::TIMESTAMPTZ, $actor, $role, $address, $action, $method, $path, $filters, $status, $outcome, $detail)`,
    {
      at: e.at.toISOString(),
      actor: e.actor,
      role: e.role,
      address: e.address,
      action: e.action,
      method: e.method,
      path: e.path,
      filters: e.filters,
      status: e.status,
      outcome: e.outcome,
      detail: e.detail,
    },
  );
}

export interface AuditFilter {
  /** Instants, inclusive from, exclusive to. */
  from?: Date;
  to?: Date;
  actor?: string;
  /** Prefix of the action, e.g. `sign-in` or `GET /api/kpis`. */
  action?: string;
  outcome?: string;
  limit: number;
  offset: number;
}

/** Audit rows newest first, and how many match in all. */
export async function auditRows(db: Database, f: AuditFilter): Promise<{ total: number; rows: AuditRow[] }> {
  const where = [
    '($from::TIMESTAMPTZ IS NULL OR occurred_at >= $from::TIMESTAMPTZ)',
    '($to::TIMESTAMPTZ IS NULL OR occurred_at < $to::TIMESTAMPTZ)',
    '($actor::VARCHAR IS NULL OR actor = $actor)',
    '($action::VARCHAR IS NULL OR starts_with(action, $action))',
    '($outcome::VARCHAR IS NULL OR outcome = $outcome)',
  ].join(' AND ');
  const params = {
    from: f.from?.toISOString() ?? null,
    to: f.to?.toISOString() ?? null,
    actor: f.actor ?? null,
    action: f.action ?? null,
    outcome: f.outcome ?? null,
  };
  const [count] = await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM audit_log WHERE ${where}`, params);
  const rows = await db.query<AuditRow & Record<string, unknown>>(
    `SELECT audit_id::BIGINT AS id, occurred_at AS "at", actor, role, address, action, method, path, filters, status::INTEGER AS status, outcome, detail
     FROM audit_log WHERE ${where} ORDER BY occurred_at DESC, audit_id DESC LIMIT $limit OFFSET $offset`,
    { ...params, limit: f.limit, offset: f.offset },
  );
  return { total: count!.n, rows };
}

/** The retention purge: deletes the rows older than `before` in one transaction; returns how many. */
export async function purgeAuditBefore(db: Database, before: Date): Promise<number> {
  return db.transaction(async (conn) => {
    const params = { before: before.toISOString() };
    const [r] = await queryRows<{ n: number }>(conn, 'SELECT count(*)::INTEGER AS n FROM audit_log WHERE occurred_at < $before::TIMESTAMPTZ', params);
    if (r!.n > 0) await conn.run('DELETE FROM audit_log WHERE occurred_at < $before::TIMESTAMPTZ', params);
    return r!.n;
  });
}
