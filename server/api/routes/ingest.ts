/**
 * Routes under /api for ingest:
 *   POST /api/ingest                          multipart upload (field `file`; optional `source`,
 *                                             `format` (csv, parquet, a vendor export's name, or
 *                                             avaya-cms / interval for an interval report), `timezone`,
 *                                             `mapping` as JSON text — a column mapping or a mapping
 *                                             profile —, `profile` (a saved profile's name), `replace`,
 *                                             `maxRejectShare`)
 *   GET  /api/ingest/formats                  the formats an upload can be (`format` field): canonical and vendor exports
 *   GET  /api/ingest/batches?limit&offset     batches, newest first
 *   GET  /api/ingest/batches/:id              one batch
 *   GET  /api/ingest/batches/:id/rejects?limit&offset   its rejected rows (member_id redacted)
 *   GET  /api/ingest/batches/:id/flagged?limit&offset   its contacts kept with flags, and the flags
 *   POST /api/ingest/batches/:id/undo         removes a committed batch's contacts (ingest/undo.ts):
 *                                             200 UndoResult; 404 no batch; 409 not undoable, why;
 *                                             403 unless the user loaded it or is an admin
 *
 * POST answers the batch result (server/ingest/index.ts BatchResult): 201 committed, 200
 * duplicate_file, 422 refused — with `message`, `refusal` {code, rowCount, rows: [{row, line,
 * rule}]} and `read` (see docs/ingest.md); the batch listings carry the same fields.
 *
 * The upload is streamed to a temporary folder (../receiveUpload.ts: 413 over the limit, 400
 * when interrupted, 507 when the temp disk is full), removed whatever happens. A full
 * database disk answers 507 and records the batch as failed. Ingests are serialized (the
 * server process owns the database; see ingest/queue.ts).
 */
import { listFlaggedContacts } from '../../db/queries/flaggedContacts.ts';
import { Router } from 'express';
import { rmSync } from 'node:fs';
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
import { IngestRefusal, IngestStorageError } from '../../ingest/refusal.ts';
import { detectIntervalSample, ingestIntervalReport, isIntervalFormat } from '../../ingest/intervals/index.ts';
import { readSample } from '../../ingest/adapter-ingest.ts';
import { ALL_FORMAT_NAMES, formatList } from '../../ingest/adapters/index.ts';
import { makeTempDir } from '../../ingest/uploadTemp.ts';
import { receiveUpload } from '../receiveUpload.ts';
import { isValidTimeZone } from '../../wfm/timezone.ts';
import type { AppDeps } from '../deps.ts';
import { route } from '../permissions.ts';
import { requestAuth } from '../../auth/middleware.ts';
import { badRequest, HttpError } from '../errors.ts';

const UploadFields = z.object({
  source: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/, 'use 1-100 letters, digits, ".", "_", ":" or "-"')
    .optional(),
  // csv / parquet: contact logs; a vendor export (server/ingest/adapters); avaya-cms / interval:
  // interval reports (server/ingest/intervals).
  format: z
    .string()
    .refine((f) => ALL_FORMAT_NAMES.includes(f), `expected one of ${ALL_FORMAT_NAMES.join(', ')}`)
    .optional(),
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
    const dir = makeTempDir('upload');
    try {
      const upload = await receiveUpload(req, dir, deps.config.uploadLimitBytes);
      const fields = UploadFields.parse(upload.fields);
      const reading = await mappingOf(deps, fields.mapping, fields.profile);
      // An interval report is recognised by its header when no format is given.
      const format = fields.format ?? detectIntervalSample(readSample(upload.path).text) ?? undefined;
      if (isIntervalFormat(format)) {
        if (reading !== undefined || fields.replace === 'true') throw badRequest('format', `${format} takes neither mapping nor replace (a re-delivered interval always replaces)`);
        const result = await ingestIntervalReport(deps.db, upload.path, {
          format,
          source: fields.source,
          timezone: fields.timezone,
          maxRejectShare: fields.maxRejectShare,
          siteTimezone: deps.config.timezone,
          fileName: upload.fileName,
          loadedBy: requestAuth(req)?.session?.user.name,
        });
        res.status(statusOf(result)).json(result);
        return;
      }
      const options = {
        source: fields.source,
        format,
        timezone: fields.timezone,
        replace: fields.replace === 'true',
        maxRejectShare: fields.maxRejectShare,
        siteTimezone: deps.config.timezone,
        hmacKey: deps.hmacKey,
        fileName: upload.fileName,
        loadedBy: requestAuth(req)?.session?.user.name,
      };
      const result =
        reading?.kind === 'profile' ? await ingestWithProfile(deps.db, upload.path, reading.profile, options) : await ingestFile(deps.db, upload.path, { ...options, mapping: reading?.columns });
      res.status(statusOf(result)).json(result);
    } catch (e) {
      if (e instanceof IngestOptionError) throw new HttpError(400, e.message, e.field);
      if (e instanceof IngestStorageError) throw new HttpError(507, e.message, 'file');
      throw e;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  route(router, 'get', '/ingest/formats', 'read:aggregate', async (_req, res) => {
    res.json({ formats: formatList() });
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
    // Only the user who loaded a batch, or an admin, may undo it.
    const user = requestAuth(req)?.session?.user;
    const batch = await getBatch(deps.db, id);
    if (batch && user && user.role !== 'admin' && batch.loadedBy !== user.name) {
      const by = batch.loadedBy === null ? 'before loaders were recorded' : `by ${batch.loadedBy}`;
      throw new HttpError(403, `batch ${id} was loaded ${by}: only the user who loaded it or an admin may undo it`, 'id');
    }
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
