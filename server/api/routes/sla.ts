/**
 * SLA readings and definitions (docs/sla.md).
 *
 * GET /api/sla?from&to&group&where&period → SlaReport: per period and group, each SLA's value,
 *     target, amber band, status, margin and the counts behind it (numerator, denominator,
 *     excluded short abandons and arrivals outside the window). from/to required (local dates,
 *     to exclusive); period day|week|month|quarter|total (default: each SLA's own).
 * GET /api/sla/definitions → { definitions, source: 'stored' | 'default', updatedAt }
 * PUT /api/sla/definitions [SlaDefinition…] → the same (admin); 400 naming the field.
 * DELETE /api/sla/definitions → back to the defaults (admin).
 */
import { Router } from 'express';
import { deleteSlaDefinitions, putSlaDefinitions } from '../../db/queries/slaDefinitions.ts';
import { parseSlaParams } from '../../sla/params.ts';
import { loadSlaDefinitions, slaReport } from '../../sla/service.ts';
import type { AppDeps } from '../deps.ts';
import { route } from '../permissions.ts';

export function slaRouter({ db, config }: AppDeps): Router {
  const router = Router();

  route(router, 'get', '/sla', 'read:compliance', async (req, res) => {
    res.json(await slaReport(db, config.timezone, parseSlaParams(req.query as Record<string, unknown>)));
  });

  route(router, 'get', '/sla/definitions', 'read:compliance', async (_req, res) => {
    res.json(await loadSlaDefinitions(db));
  });

  route(router, 'put', '/sla/definitions', 'admin', async (req, res) => {
    await putSlaDefinitions(db, req.body);
    res.json(await loadSlaDefinitions(db));
  });

  route(router, 'delete', '/sla/definitions', 'admin', async (_req, res) => {
    await deleteSlaDefinitions(db);
    res.json(await loadSlaDefinitions(db));
  });

  return router;
}
