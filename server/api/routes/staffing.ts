import { Router } from 'express';
import type { AppDeps } from '../deps.ts';

/** Routes under /api for staffing (placeholder until that area lands). */
export function staffingRouter(_deps: AppDeps): Router {
  const router = Router();
  return router;
}
