/**
 * Every request that may change data bumps the data version (Database.changed) when it
 * starts and again when it ends, so no cached answer (server/kpi/answerCache.ts) outlives a
 * commit, undo, target, calendar or template change: an answer computed while the change
 * runs is stored under the version bumped at its start, and the bump at its end retires it.
 * Reads (GET, HEAD, OPTIONS) leave the version alone.
 */
import type { NextFunction, Request, Response } from 'express';
import type { Database } from '../db/database.ts';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function bumpDataVersionOnWrites(db: Database) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!READS.has(req.method)) {
      db.changed();
      res.once('close', () => db.changed());
    }
    next();
  };
}
