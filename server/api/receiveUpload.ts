/**
 * Receives a multipart upload into a temporary folder: the field `file` streamed to disk
 * with busboy's size limit, the other fields as text. Every way it can end settles the
 * promise exactly once and leaves no open descriptor:
 *
 * - over the size limit → 413 (busboy truncates rather than fails: `truncated` is checked);
 * - the client goes away mid-upload → 400 "interrupted" at once (the write stream is
 *   destroyed; the caller removes the folder);
 * - the temp disk is full (ENOSPC) → 507 naming it, the rest of the body read and dropped;
 * - malformed multipart, a missing or second file → 400 naming the field.
 */
import busboy from 'busboy';
import type { Request } from 'express';
import { extname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { isDiskFull, uploadWriteStream } from '../ingest/uploadTemp.ts';
import { badRequest, HttpError } from './errors.ts';

export interface Upload {
  path: string;
  fileName: string;
  fields: Record<string, string>;
}

/** Extensions that say what a file is; the temp copy keeps one so the ingest checks it against the content. */
const KNOWN_EXTENSIONS = new Set(['.csv', '.txt', '.parquet', '.pq']);

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
const CONTROL_CHARACTERS = /[\x00-\x1f\x7f]/g;

/** The client's file name, reduced to a safe base name for the batch record. */
export function safeName(name: string | undefined): string {
  const base = (name ?? 'upload').split(/[\\/]/).pop()!.replace(CONTROL_CHARACTERS, '').slice(0, 200);
  return base || 'upload';
}

export const INTERRUPTED = 'invalid file: the upload was interrupted';
export const TEMP_DISK_FULL = "the server's temporary disk is full: the upload could not be stored and nothing was loaded; try again once space is freed";

/** Streams the multipart body to a file under `dir`; see the module comment. */
export function receiveUpload(req: Request, dir: string, limit: number): Promise<Upload> {
  return new Promise((resolve, reject) => {
    const type = req.headers['content-type'] ?? '';
    if (!/^multipart\/form-data/i.test(type)) {
      reject(badRequest('body', 'expected multipart/form-data with a "file" field'));
      return;
    }
    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers: req.headers, limits: { fileSize: limit, files: 1, fields: 10, fieldSize: 1 << 20, parts: 20 } });
    } catch {
      reject(badRequest('body', 'malformed multipart/form-data'));
      return;
    }
    const fields: Record<string, string> = {};
    let file: Promise<{ path: string; fileName: string; truncated: boolean }> | null = null;
    let fileStream: Readable | null = null;
    let out: ReturnType<typeof uploadWriteStream> | null = null;
    let failed: Error | null = null;
    let settled = false;

    const stop = () => {
      req.unpipe(bb);
      out?.destroy();
      fileStream?.resume();
      // Read and drop whatever the client still sends, so the answer can go out.
      if (!req.destroyed) req.resume();
    };
    const fail = (e: Error) => {
      if (settled) return;
      settled = true;
      stop();
      reject(e);
    };
    const succeed = (u: Upload) => {
      if (settled) return;
      settled = true;
      resolve(u);
    };
    const onGone = () => {
      if (!req.complete) fail(new HttpError(400, INTERRUPTED, 'file'));
    };
    req.once('aborted', onGone);
    req.once('close', onGone);

    bb.on('field', (name, value) => {
      fields[name] = value;
    });
    bb.on('file', (name, stream, info) => {
      if (name !== 'file' || file) {
        stream.resume();
        return;
      }
      const fileName = safeName(info.filename);
      const ext = extname(fileName).toLowerCase();
      const path = join(dir, `upload${KNOWN_EXTENSIONS.has(ext) ? ext : ''}`);
      fileStream = stream;
      out = uploadWriteStream(path);
      file = pipeline(stream, out).then(() => ({
        path,
        fileName,
        truncated: (stream as unknown as { truncated?: boolean }).truncated === true,
      }));
      file.catch((e) => fail(isDiskFull(e) ? new HttpError(507, TEMP_DISK_FULL, 'file') : new HttpError(400, INTERRUPTED, 'file')));
    });
    bb.on('filesLimit', () => {
      failed ??= badRequest('file', 'send one file per request');
    });
    bb.on('partsLimit', () => {
      failed ??= badRequest('body', 'too many parts: send the file and at most 10 fields');
    });
    bb.on('error', () => fail(badRequest('body', 'malformed multipart/form-data')));
    bb.on('close', () => {
      if (failed) return fail(failed);
      if (!file) return fail(badRequest('file', 'missing: send the contact log as the multipart field "file"'));
      file.then(
        (f) => {
          if (f.truncated) fail(new HttpError(413, `file too large: the upload limit is ${limit} bytes`, 'file'));
          else succeed({ path: f.path, fileName: f.fileName, fields });
        },
        () => undefined, // answered by file.catch above
      );
    });
    req.pipe(bb);
  });
}
