/**
 * Named mapping profiles (docs/ingest.md, "Mapping profiles"):
 *   GET    /api/ingest/profiles         → { profiles: [{ name, profile, updatedAt }] }
 *   GET    /api/ingest/profiles/:name   → one, or 404
 *   PUT    /api/ingest/profiles/:name   MappingProfile → the stored one; 400 naming the field
 *   DELETE /api/ingest/profiles/:name   → 204, or 404
 */
import { Router } from 'express';
import type { AppDeps } from '../deps.ts';
import { badRequest, HttpError } from '../errors.ts';
import { route } from '../permissions.ts';
import { deleteProfile, getProfile, listProfiles, putProfile } from '../../db/queries/mappingProfiles.ts';

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

  return router;
}
