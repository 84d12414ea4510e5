/**
 * The audit trail, for admins (docs/security.md).
 *
 * GET /api/audit?from&to&actor&action&outcome&limit&offset → { total, rows }, newest first.
 *     `from`/`to`: UTC dates (YYYY-MM-DD) or instants (ISO 8601), from inclusive, to
 *     exclusive; `action`: a prefix (`sign-in`, `GET /api/kpis`); `outcome`: ok, denied or
 *     failed; `limit` 1–1000 (default 100).
 * GET /api/audit?…&format=csv → every matching row (at most 100,000) as CSV, cells that
 *     a spreadsheet would read as a formula prefixed with `'`.
 */
import { Router } from 'express';
import type { AuditWriter } from '../../auth/auditWriter.ts';
import { auditRows } from '../../db/queries/audit.ts';
import { toCsv } from '../../wfm/csv.ts';
import type { AppDeps } from '../deps.ts';
import { badRequest } from '../errors.ts';
import { route } from '../permissions.ts';

const KNOWN = new Set(['from', 'to', 'actor', 'action', 'outcome', 'limit', 'offset', 'format']);
const CSV_MAX_ROWS = 100_000;
const COLUMNS = ['id', 'at', 'actor', 'role', 'address', 'action', 'method', 'path', 'filters', 'status', 'outcome', 'detail'];

function text(q: Record<string, unknown>, key: string, max = 200): string | undefined {
  const v = q[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v === '' || v.length > max) throw badRequest(key, `must be one non-empty value of at most ${max} characters`);
  return v;
}

function instant(q: Record<string, unknown>, key: string): Date | undefined {
  const v = text(q, key, 40);
  if (v === undefined) return undefined;
  const ok = /^\d{4}-\d{2}-\d{2}$/.test(v) || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v);
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : v);
  if (!ok || Number.isNaN(d.getTime())) throw badRequest(key, 'expected a date YYYY-MM-DD (UTC) or an ISO 8601 instant with its offset');
  return d;
}

function integer(q: Record<string, unknown>, key: string, dflt: number, min: number, max: number): number {
  const v = text(q, key, 10);
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < min || n > max) throw badRequest(key, `expected a whole number from ${min} to ${max}`);
  return n;
}

export function auditRouter(deps: AppDeps, writer: AuditWriter): Router {
  const router = Router();

  route(router, 'get', '/audit', 'admin', async (req, res) => {
    const q = req.query as Record<string, unknown>;
    for (const k of Object.keys(q)) if (!KNOWN.has(k)) throw badRequest(k, 'unknown parameter');
    const outcome = text(q, 'outcome');
    if (outcome !== undefined && !['ok', 'denied', 'failed'].includes(outcome)) throw badRequest('outcome', 'expected ok, denied or failed');
    const format = text(q, 'format') ?? 'json';
    if (format !== 'json' && format !== 'csv') throw badRequest('format', 'expected json or csv');
    const csv = format === 'csv';
    const filter = {
      from: instant(q, 'from'),
      to: instant(q, 'to'),
      actor: text(q, 'actor'),
      action: text(q, 'action'),
      outcome,
      limit: csv ? CSV_MAX_ROWS : integer(q, 'limit', 100, 1, 1000),
      offset: csv ? 0 : integer(q, 'offset', 0, 0, 1_000_000_000),
    };
    await writer.flush(); // every event recorded before this request is in the table
    const { total, rows } = await auditRows(deps.db, filter);
    const out = rows.map((r) => ({ ...r, at: r.at.toISOString() }));
    if (csv) {
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', 'attachment; filename="staffcast-audit.csv"');
      res.send(toCsv(out, COLUMNS));
      return;
    }
    res.json({ total, rows: out });
  });

  return router;
}
