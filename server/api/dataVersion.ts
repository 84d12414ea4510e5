/**
 * Every request that may change data bumps the data version (Database.changed) when it
 * starts and again when it ends, so no cached answer (server/kpi/answerCache.ts) outlives a
 * commit, undo, target, calendar or template change: an answer computed while the change
 * runs is stored under the version bumped at its start, and the bump at its end retires it.
 * Reads (GET, HEAD, OPTIONS) leave the version alone, and so do requests that cannot change
 * data: those without a session (refused before any handler runs, so a flood of them cannot
 * empty the cache) and the writes that store no data (a preview's throwaway ingest, an
 * export's audit row, signing in and out).
 */
import type { NextFunction, Request, Response } from 'express';
import { requestAuth } from '../auth/middleware.ts';
import type { Database } from '../db/database.ts';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
const NO_DATA_WRITTEN = new Set(['/api/ingest/preview', '/api/audit/exports', '/api/auth/sign-in', '/api/auth/sign-out', '/api/auth/password']);

export function bumpDataVersionOnWrites(db: Database) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!READS.has(req.method) && requestAuth(req)?.session && !NO_DATA_WRITTEN.has(req.path)) {
      db.changed();
      res.once('close', () => db.changed());
    }
    next();
  };
}
