import { Router } from 'express';
import type { AppDeps } from '../deps.ts';

/** Routes under /api for ingest (placeholder until that area lands). */
export function ingestRouter(_deps: AppDeps): Router {
  const router = Router();
  return router;
}
