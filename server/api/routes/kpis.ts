import { Router } from 'express';
import type { AppDeps } from '../deps.ts';

/** Routes under /api for kpis, scorecard and metric definitions. */
export function kpiRouter(_deps: AppDeps): Router {
  const router = Router();
  return router;
}
