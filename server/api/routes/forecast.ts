import { Router } from 'express';
import type { AppDeps } from '../deps.ts';

/** Routes under /api for forecast (placeholder until that area lands). */
export function forecastRouter(_deps: AppDeps): Router {
  const router = Router();
  return router;
}
