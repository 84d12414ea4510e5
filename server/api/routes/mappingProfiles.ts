/**
 * Named mapping profiles (docs/ingest.md, "Mapping profiles"):
 *   GET    /api/ingest/profiles         → { profiles: [{ name, profile, updatedAt }] }
 *   GET    /api/ingest/profiles/:name   → one, or 404
 *   PUT    /api/ingest/profiles/:name   MappingProfile → the stored one; 400 naming the field
 *   DELETE /api/ingest/profiles/:name   → 204, or 404
 *   POST   /api/ingest/preview          { text, partial?, format?, mapping?, delimiter?, timezone? } → Preview
 *          (server/ingest/preview/): the format the file is read as (declared, or detected as
 *          the load detects it) and its first rows as the ingest will read them, each accepted
 *          or rejected with the reason; nothing stored. `text` is the file's first bytes (at
 *          most 512 KiB; the Data page sends 256 KiB). A mapping or delimiter reads contact
 *          columns by hand (the mapping editor).
 */
import { Router } from 'express';
import type { AppDeps } from '../deps.ts';
import { badRequest, HttpError } from '../errors.ts';
import { route } from '../permissions.ts';
import { deleteProfile, getProfile, listProfiles, putProfile } from '../../db/queries/mappingProfiles.ts';
import { PREVIEW_BYTES, previewText } from '../../ingest/preview/index.ts';
import { ALL_FORMAT_NAMES } from '../../ingest/adapters/index.ts';
import { DELIMITERS } from '../../wfm/mapping/profile.ts';
import { isValidTimeZone } from '../../wfm/timezone.ts';

/** A profile name: 1–60 letters, digits, spaces, `.`, `_` or `-`. */
export function checkProfileName(raw: unknown): string {
  if (typeof raw !== 'string' || !/^[\w .-]{1,60}$/.test(raw) || raw.trim() !== raw)
    throw badRequest('name', 'expected 1–60 letters, digits, spaces, ".", "_" or "-", without leading or trailing spaces');
  return raw;
}

export function mappingProfilesRouter(deps: AppDeps): Router {
  const router = Router();

  route(router, 'get', '/ingest/profiles', 'read:aggregate', async (_req, res) => {
    res.json({ profiles: await listProfiles(deps.db) });
  });

  route(router, 'get', '/ingest/profiles/:name', 'read:aggregate', async (req, res) => {
    const name = checkProfileName(req.params.name);
    const p = await getProfile(deps.db, name);
    if (!p) throw new HttpError(404, `no mapping profile named "${name}"`, 'name');
    res.json(p);
  });

  route(router, 'put', '/ingest/profiles/:name', 'write:data', async (req, res) => {
    res.json(await putProfile(deps.db, checkProfileName(req.params.name), req.body));
  });

  route(router, 'delete', '/ingest/profiles/:name', 'write:data', async (req, res) => {
    const name = checkProfileName(req.params.name);
    if (!(await deleteProfile(deps.db, name))) throw new HttpError(404, `no mapping profile named "${name}"`, 'name');
    res.status(204).end();
  });

  route(router, 'post', '/ingest/preview', 'write:data', async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    for (const k of Object.keys(body)) if (!['text', 'partial', 'mapping', 'delimiter', 'timezone', 'format'].includes(k)) throw badRequest(k, 'unknown field');
    if (typeof body.text !== 'string') throw badRequest('text', 'send the first bytes of the file as text');
    if (body.text.length > PREVIEW_BYTES) throw badRequest('text', `at most ${PREVIEW_BYTES} characters`);
    if (body.partial !== undefined && typeof body.partial !== 'boolean') throw badRequest('partial', 'expected true or false');
    if (body.timezone !== undefined && (typeof body.timezone !== 'string' || !isValidTimeZone(body.timezone))) throw badRequest('timezone', 'not an IANA time zone name');
    if (body.delimiter !== undefined && !(typeof body.delimiter === 'string' && body.delimiter in DELIMITERS)) throw badRequest('delimiter', `expected one of ${Object.keys(DELIMITERS).join(', ')}`);
    const previewable = ALL_FORMAT_NAMES.filter((f) => f !== 'parquet');
    if (body.format !== undefined && !(typeof body.format === 'string' && previewable.includes(body.format)))
      throw badRequest('format', `expected one of ${previewable.join(', ')} (a Parquet file is checked when it is loaded)`);
    if (body.format !== undefined && (body.mapping !== undefined || body.delimiter !== undefined))
      throw badRequest('format', 'give a format, or a mapping/delimiter to read contact columns by hand, not both');
    res.json(
      await previewText(body.text, {
        format: body.format as string | undefined,
        mapping: body.mapping,
        delimiter: body.delimiter as keyof typeof DELIMITERS | undefined,
        partial: body.partial as boolean | undefined,
        timezone: body.timezone as string | undefined,
        siteTimezone: deps.config.timezone,
      }),
    );
  });

  return router;
}
