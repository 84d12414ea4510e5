/**
 * KPI endpoints: `GET /api/kpis`, `GET /api/scorecard`, `GET /api/metrics`,
 * `GET /api/dimensions`. Parameters are checked by server/kpi/params.ts (400 naming the field).
 */
import { Router } from 'express';
import { queryDimensions } from '../../db/queries/kpis.ts';
import { KPI_PARAM_NAMES, parseKpiParams } from '../../kpi/params.ts';
import { kpiRows, scorecard } from '../../kpi/service.ts';
import { METRICS } from '../../wfm/kpi.ts';
import type { AppDeps } from '../deps.ts';

const SCORECARD_PARAMS = KPI_PARAM_NAMES.filter((n) => n !== 'by' && n !== 'fill');

export function kpiRouter({ db, config }: AppDeps): Router {
  const router = Router();

  router.get('/kpis', async (req, res) => {
    const params = parseKpiParams(req.query);
    res.json(await kpiRows(db, params, config.timezone));
  });

  router.get('/scorecard', async (req, res) => {
    const params = parseKpiParams(req.query, SCORECARD_PARAMS);
    res.json(await scorecard(db, params, config.timezone));
  });

  router.get('/metrics', (_req, res) => {
    res.json(METRICS);
  });

  router.get('/dimensions', async (_req, res) => {
    res.json(await queryDimensions(db));
  });

  return router;
}
