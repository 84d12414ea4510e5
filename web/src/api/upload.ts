/**
 * File upload to `POST /api/ingest` through XMLHttpRequest, because fetch cannot report
 * upload progress. The answer is parsed whatever its status: 201 committed, 200 duplicate,
 * 422 refused and 413 too large all carry a message worth showing.
 */
import { ApiError, csrfHeaders } from './client.ts';
import type { BatchResult, BatchSummary } from './types.ts';

export interface UploadOptions {
  source?: string;
  timezone?: string;
  format?: string;
  /** A mapping profile (server/wfm/mapping/profile.ts), sent as JSON text. */
  mapping?: object;
  /** Refuse the whole file when more than this fraction of its rows are bad (server default 0.01). */
  maxRejectShare?: number;
  /** Called with the fraction 0..1 of bytes sent. */
  onProgress?: (fraction: number) => void;
}

export function uploadContacts(file: File, options: UploadOptions = {}): Promise<BatchResult> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    // Text fields first, so the server knows them before the file streams in.
    if (options.source) form.append('source', options.source);
    if (options.timezone) form.append('timezone', options.timezone);
    if (options.format) form.append('format', options.format);
    if (options.mapping) form.append('mapping', JSON.stringify(options.mapping));
    if (options.maxRejectShare !== undefined) form.append('maxRejectShare', String(options.maxRejectShare));
    form.append('file', file, file.name);

    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/ingest');
    xhr.setRequestHeader('accept', 'application/json');
    for (const [k, v] of Object.entries(csrfHeaders())) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) options.onProgress?.(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'cannot reach the Staffcast server'));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null;
      }
      const b = body as { outcome?: unknown; error?: string; field?: string } | null;
      if (b && typeof b === 'object' && typeof b.outcome === 'string') {
        resolve(b as unknown as BatchResult);
        return;
      }
      if (xhr.status === 413) {
        reject(new ApiError(413, b?.error ?? 'invalid file: larger than the upload limit', 'file'));
        return;
      }
      reject(new ApiError(xhr.status, b?.error ?? `upload failed (${xhr.status})`, b?.field));
    };
    xhr.send(form);
  });
}

/*
 * How the Data page states a batch: what was loaded, whether its rows were read at all,
 * and the refusal's reason and rows. The server (server/ingest) says `read` and carries a
 * `refusal` with the rows that caused it; an older server sends neither, and then a refused
 * batch whose counts do not add up is treated as not read. A refused batch never reads as
 * "Rejected 0": either its rows were read (read = passed + rejected + already present, and
 * none was loaded) or it says it was not read.
 */

export interface RefusalRowView {
  row: number;
  line: number | null;
  rule: string;
}

export interface RefusalView {
  code: string;
  rowCount: number;
  rows: RefusalRowView[];
}

/** The fields of a batch this view reads, present on an upload's answer and a history row. */
export type BatchLike = Pick<BatchResult | BatchSummary, 'outcome' | 'rowsRead' | 'rowsAccepted' | 'rowsRejected' | 'rowsAlreadyPresent'> & {
  read?: boolean;
  refusal?: { code: string; rowCount?: number; rows?: RefusalRowView[] } | null;
  message?: string | null;
};

export interface BatchView {
  /** Rows were committed to the database. */
  loaded: boolean;
  /** Every row was read and classified, so read = accepted + rejected + already present. */
  read: boolean;
  /** One line for the outcome. */
  headline: string;
  refusal: RefusalView | null;
}

export function batchView(b: BatchLike): BatchView {
  const addsUp = b.rowsRead === b.rowsAccepted + b.rowsRejected + b.rowsAlreadyPresent;
  const read = b.outcome === 'duplicate_file' ? false : (b.read ?? (b.outcome === 'committed' || (addsUp && b.rowsRead > 0)));
  const refusal = b.refusal ? { code: b.refusal.code, rows: b.refusal.rows ?? [], rowCount: b.refusal.rowCount ?? (b.refusal.rows ?? []).length } : null;
  switch (b.outcome) {
    case 'committed':
      return { loaded: true, read: true, headline: 'Loaded', refusal: null };
    case 'duplicate_file':
      return { loaded: false, read: false, headline: 'Already loaded: this file was not read again and nothing was committed', refusal: null };
    case 'refused':
      return {
        loaded: false,
        read,
        headline: read ? 'Refused: the rows were read and checked, but nothing was committed' : 'Refused: the rows were not read and nothing was committed',
        refusal,
      };
    default:
      return { loaded: false, read, headline: `${b.outcome[0]!.toUpperCase()}${b.outcome.slice(1)}: nothing was committed`, refusal };
  }
}

/**
 * Server messages written for the command line can name its flags; the browser names the
 * box on the page instead (the browser never tells a user about CLI flags).
 */
export function browserMessage(message: string): string {
  return message
    .replace(/--timezone(?:[ =][A-Za-z_]+\/[A-Za-z_/+-]+)?/g, 'the “Time zone” box')
    .replace(/\(use --format parquet\)/g, '(give the file a name ending in .parquet)')
    .replace(/--max-reject-share(?:[ =][0-9.]+)?/g, 'the “Refuse the file above” box')
    .replace(/--source(?:[ =]\S+)?/g, 'the “Source name” box')
    .replace(/\s*\(?(?:use |with |see )?--[a-z][a-z-]*(?:[ =]\S+)?\)?/g, '');
}
