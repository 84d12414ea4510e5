/**
 * `staffcast cases ingest FILE --server URL`: the case log sent to a running server's
 * `POST /api/cases/ingest` (the route the Cases page uses), signed in as STAFFCAST_USER
 * (server/cli/serverSession.ts). DuckDB allows one writing process per database file, so
 * while `staffcast serve` holds it this is how the command line loads a case log.
 *
 * The server answers the batch result the direct path prints (201 committed, 200
 * duplicate_file, 422 refused). Any other answer is an error with the server's message:
 * 401 says how to sign in, a 400 about a flag's field names the flag (exit 2, as the direct
 * path's usage errors do), the rest exit 1.
 */
import { openAsBlob } from 'node:fs';
import { basename } from 'node:path';
import type { CaseBatchResult } from '../cases/ingest.ts';
import { UsageError } from './errors.ts';
import { SIGN_IN_HINT, serverSessionHeaders } from './serverSession.ts';

export interface CaseUploadFields {
  source: string;
  format?: 'csv' | 'parquet';
  timezone?: string;
  maxRejectShare: number;
}

/** The API's upload fields as the command's flags. */
const FLAG_OF_FIELD: Record<string, string> = { source: '--source', format: '--format', timezone: '--timezone', maxRejectShare: '--max-reject-share' };

const OUTCOMES: readonly string[] = ['committed', 'duplicate_file', 'refused'];

export async function uploadCaseLog(server: URL, file: string, fields: CaseUploadFields): Promise<CaseBatchResult> {
  const name = basename(file);
  const form = new FormData();
  form.set('file', await openAsBlob(file), name);
  form.set('source', fields.source);
  if (fields.format) form.set('format', fields.format);
  if (fields.timezone) form.set('timezone', fields.timezone);
  form.set('maxRejectShare', String(fields.maxRejectShare));
  const headers = await serverSessionHeaders(server);
  let res: Response;
  try {
    res = await fetch(new URL('/api/cases/ingest', server), { method: 'POST', body: form, headers: { accept: 'application/json', ...headers } });
  } catch {
    throw new Error(`cannot reach the server at ${server.origin}`);
  }
  const body = (await res.json().catch(() => ({}))) as Partial<CaseBatchResult> & { error?: string; field?: string };
  if ((res.status === 201 || res.status === 200 || res.status === 422) && OUTCOMES.includes(String(body.outcome))) return body as CaseBatchResult;
  if (res.status === 401) throw new Error(`${name}: the server needs a signed-in user: ${SIGN_IN_HINT}`);
  const flag = res.status === 400 && body.field ? FLAG_OF_FIELD[body.field] : undefined;
  if (flag && body.error) throw new UsageError(body.error.replace(/^invalid [^:]+:/, `invalid ${flag}:`));
  throw new Error(`${name}: the server answered ${res.status}: ${body.error ?? 'no message'}`);
}
