/**
 * File upload to `POST /api/ingest` through XMLHttpRequest, because fetch cannot report
 * upload progress. The answer is parsed whatever its status: 201 committed, 200 duplicate,
 * 422 refused and 413 too large all carry a message worth showing.
 */
import { ApiError } from './client.ts';
import type { BatchResult } from './types.ts';

export interface UploadOptions {
  source?: string;
  timezone?: string;
  format?: string;
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
    if (options.maxRejectShare !== undefined) form.append('maxRejectShare', String(options.maxRejectShare));
    form.append('file', file, file.name);

    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/ingest');
    xhr.setRequestHeader('accept', 'application/json');
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
