/**
 * Routes under /api for ingest:
 *   POST /api/ingest                          multipart upload (field `file`; optional `source`,
 *                                             `format`, `timezone`, `mapping` as JSON text — a column
 *                                             mapping or a mapping profile —, `profile` (a saved
 *                                             profile's name), `replace`, `maxRejectShare`)
 *   GET  /api/ingest/batches?limit&offset     batches, newest first
 *   GET  /api/ingest/batches/:id              one batch
 *   GET  /api/ingest/batches/:id/rejects?limit&offset   its rejected rows (member_id redacted)
 *   GET  /api/ingest/batches/:id/flagged?limit&offset   its contacts kept with flags, and the flags
 *   POST /api/ingest/batches/:id/undo         removes a committed batch's contacts (ingest/undo.ts):
 *                                             200 UndoResult; 404 no batch; 409 not undoable, why
 *
 * POST answers the batch result (server/ingest/index.ts BatchResult): 201 committed, 200
 * duplicate_file, 422 refused — with `message`, `refusal` {code, rowCount, rows: [{row, line,
 * rule}]} and `read` (see docs/ingest.md); the batch listings carry the same fields.
 *
 * The upload is streamed to a temporary file with busboy's size limit; busboy truncates
 * rather than fails at the limit, so `truncated` is checked and answered with 413. Ingests
 * are serialized (the server process owns the database; see ingest/queue.ts).
 */
import busboy from 'busboy';
import { listFlaggedContacts } from '../../db/queries/flaggedContacts.ts';
import { Router, type Request } from 'express';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { getBatch, listBatches } from '../../db/queries/ingest-batches.ts';
import { listRejects } from '../../db/queries/ingest-rejects.ts';
import { IngestOptionError, ingestFile, type BatchResult } from '../../ingest/index.ts';
import { checkMapping } from '../../ingest/columns.ts';
import { UndoRefused, undoBatch } from '../../ingest/undo.ts';
import { ingestWithProfile } from '../../ingest/mapped.ts';
import { getProfile } from '../../db/queries/mappingProfiles.ts';
import { InputError } from '../../wfm/inputError.ts';
import { type MappingProfile, parseMappingProfile } from '../../wfm/mapping/profile.ts';
import { IngestRefusal } from '../../ingest/refusal.ts';
import { isValidTimeZone } from '../../wfm/timezone.ts';
import type { AppDeps } from '../deps.ts';
import { route } from '../permissions.ts';
import { badRequest, HttpError } from '../errors.ts';

const UploadFields = z.object({
  source: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/, 'use 1-100 letters, digits, ".", "_", ":" or "-"')
    .optional(),
  format: z.enum(['csv', 'parquet']).optional(),
  timezone: z.string().refine(isValidTimeZone, 'not an IANA time zone name').optional(),
  mapping: z.string().optional(),
  profile: z.string().max(60).optional(),
  replace: z.enum(['true', 'false']).optional(),
  maxRejectShare: z.coerce.number().min(0).max(1).optional(),
});

const Paging = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

const BatchId = z.coerce.number().int().positive();

interface Upload {
  path: string;
  fileName: string;
  fields: Record<string, string>;
}

/** Streams the multipart body to a temp file under `dir`; 413 when over `limit` bytes. */
export function receiveUpload(req: Request, dir: string, limit: number): Promise<Upload> {
  return new Promise((resolve, reject) => {
    const type = req.headers['content-type'] ?? '';
    if (!/^multipart\/form-data/i.test(type)) {
      reject(badRequest('body', 'expected multipart/form-data with a "file" field'));
      return;
    }
    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers: req.headers, limits: { fileSize: limit, files: 1, fields: 10, fieldSize: 1 << 20 } });
    } catch {
      reject(badRequest('body', 'malformed multipart/form-data'));
      return;
    }
    const fields: Record<string, string> = {};
    let file: Promise<{ path: string; fileName: string; truncated: boolean }> | null = null;
    let failed: Error | null = null;
    bb.on('field', (name, value) => {
      fields[name] = value;
    });
    bb.on('file', (name, stream, info) => {
      if (name !== 'file' || file) {
        stream.resume();
        return;
      }
      const path = join(dir, 'upload');
      const fileName = safeName(info.filename);
      file = pipeline(stream, createWriteStream(path)).then(() => ({
        path,
        fileName,
        truncated: (stream as unknown as { truncated?: boolean }).truncated === true,
      }));
      file.catch(() => undefined);
    });
    bb.on('filesLimit', () => {
      failed ??= badRequest('file', 'send one file per request');
    });
    bb.on('error', () => reject(badRequest('body', 'malformed multipart/form-data')));
    bb.on('close', () => {
      if (failed) return reject(failed);
      if (!file) return reject(badRequest('file', 'missing: send the contact log as the multipart field "file"'));
      file.then(
        (f) => {
          if (f.truncated) {
            reject(new HttpError(413, `file too large: the upload limit is ${limit} bytes`, 'file'));
          } else resolve({ path: f.path, fileName: f.fileName, fields });
        },
        () => reject(new HttpError(400, 'invalid file: the upload was interrupted', 'file')),
      );
    });
    req.pipe(bb);
  });
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
const CONTROL_CHARACTERS = /[\x00-\x1f\x7f]/g;

/** The client's file name, reduced to a safe base name for the batch record. */
function safeName(name: string | undefined): string {
  const base = (name ?? 'upload').split(/[\\/]/).pop()!.replace(CONTROL_CHARACTERS, '').slice(0, 200);
  return base || 'upload';
}

/**
 * The upload's `mapping` (JSON text) or saved `profile` (a name): a plain column mapping
 * `{"columns": …}` for the canonical reader, or a mapping profile with value rules.
 */
async function mappingOf(
  deps: AppDeps,
  mappingText: string | undefined,
  profileName: string | undefined,
): Promise<{ kind: 'columns'; columns: { columns: Record<string, string> } } | { kind: 'profile'; profile: MappingProfile } | undefined> {
  if (mappingText !== undefined && profileName !== undefined) throw badRequest('profile', 'send a mapping or a profile name, not both');
  if (profileName !== undefined) {
    const stored = await getProfile(deps.db, profileName);
    if (!stored) throw badRequest('profile', `no mapping profile named "${profileName}"`);
    return { kind: 'profile', profile: stored.profile };
  }
  if (mappingText === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(mappingText);
  } catch {
    throw badRequest('mapping', 'not valid JSON');
  }
  if (parsed && typeof parsed === 'object' && Object.keys(parsed).every((k) => k === 'columns')) {
    try {
      return { kind: 'columns', columns: checkMapping(parsed) };
    } catch (e) {
      if (e instanceof IngestRefusal) throw new HttpError(400, e.message, 'mapping');
      throw e;
    }
  }
  try {
    return { kind: 'profile', profile: parseMappingProfile(parsed) };
  } catch (e) {
    if (e instanceof InputError) throw new HttpError(400, `invalid mapping: ${e.message}`, `mapping.${e.field}`);
    throw e;
  }
}

function statusOf(r: BatchResult): number {
  return r.outcome === 'committed' ? 201 : r.outcome === 'duplicate_file' ? 200 : 422;
}

export function ingestRouter(deps: AppDeps): Router {
  const router = Router();

  route(router, 'post', '/ingest', 'write:data', async (req, res) => {
    const dir = mkdtempSync(join(tmpdir(), 'staffcast-upload-'));
    try {
      const upload = await receiveUpload(req, dir, deps.config.uploadLimitBytes);
      const fields = UploadFields.parse(upload.fields);
      const reading = await mappingOf(deps, fields.mapping, fields.profile);
      const options = {
        source: fields.source,
        format: fields.format,
        timezone: fields.timezone,
        replace: fields.replace === 'true',
        maxRejectShare: fields.maxRejectShare,
        siteTimezone: deps.config.timezone,
        hmacKey: deps.hmacKey,
        fileName: upload.fileName,
      };
      const result =
        reading?.kind === 'profile' ? await ingestWithProfile(deps.db, upload.path, reading.profile, options) : await ingestFile(deps.db, upload.path, { ...options, mapping: reading?.columns });
      res.status(statusOf(result)).json(result);
    } catch (e) {
      if (e instanceof IngestOptionError) throw new HttpError(400, e.message, e.field);
      throw e;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  route(router, 'get', '/ingest/batches', 'read:aggregate', async (req, res) => {
    const { limit, offset } = Paging.parse(req.query);
    res.json({ limit, offset, batches: await listBatches(deps.db, limit, offset) });
  });

  route(router, 'get', '/ingest/batches/:id', 'read:aggregate', async (req, res) => {
    const id = parseId(req.params.id);
    const batch = await getBatch(deps.db, id);
    if (!batch) throw new HttpError(404, `no such batch: ${id}`, 'id');
    res.json(batch);
  });

  route(router, 'get', '/ingest/batches/:id/rejects', 'read:rows', async (req, res) => {
    const id = parseId(req.params.id);
    const { limit, offset } = Paging.parse(req.query);
    const batch = await getBatch(deps.db, id);
    if (!batch) throw new HttpError(404, `no such batch: ${id}`, 'id');
    const { total, rejects } = await listRejects(deps.db, id, limit, offset);
    res.json({ batchId: id, total, limit, offset, rejects });
  });

  route(router, 'get', '/ingest/batches/:id/flagged', 'read:rows', async (req, res) => {
    const id = parseId(req.params.id);
    const { limit, offset } = Paging.parse(req.query);
    const batch = await getBatch(deps.db, id);
    if (!batch) throw new HttpError(404, `no such batch: ${id}`, 'id');
    const { total, contacts } = await listFlaggedContacts(deps.db, id, limit, offset);
    res.json({ batchId: id, total, limit, offset, contacts });
  });

  route(router, 'post', '/ingest/batches/:id/undo', 'write:data', async (req, res) => {
    const id = parseId(req.params.id);
    try {
      res.json(await undoBatch(deps.db, id));
    } catch (e) {
      if (e instanceof UndoRefused) throw new HttpError(e.status, e.message, 'id');
      throw e;
    }
  });

  return router;
}

function parseId(raw: string | string[] | undefined): number {
  const r = BatchId.safeParse(raw);
  if (!r.success) throw badRequest('id', 'expected a positive integer batch id');
  return r.data;
}
