/**
 * KPI endpoints: `GET /api/kpis`, `GET /api/scorecard`, `GET /api/metrics`,
 * `GET /api/dimensions`. Parameters are checked by server/kpi/params.ts (400 naming the field).
 */
import { Router } from 'express';
import { queryDimensions } from '../../db/queries/kpis.ts';
import { deleteTargetOverride, listTargetOverrides, upsertTargetOverride } from '../../db/queries/targets.ts';
import { KPI_PARAM_NAMES, parseKpiParams } from '../../kpi/params.ts';
import { kpiRows, scorecard } from '../../kpi/service.ts';
import { COMPARE_MODES, type CompareMode } from '../../kpi/comparison.ts';
import { TargetKeySchema, TargetOverrideSchema, TIER_DEFAULTS } from '../../kpi/targets.ts';
import { METRICS } from '../../wfm/kpi.ts';
import type { AppDeps } from '../deps.ts';
import { route } from '../permissions.ts';
import { badRequest, HttpError } from '../errors.ts';
import { sendCachedJson } from '../cachedJson.ts';

const SCORECARD_PARAMS = KPI_PARAM_NAMES.filter((n) => n !== 'by' && n !== 'fill' && n !== 'percentiles');

export function kpiRouter({ db, config }: AppDeps): Router {
  const router = Router();

  route(router, 'get', '/kpis', 'read:aggregate', async (req, res) => {
    const params = parseKpiParams(req.query);
    await sendCachedJson(res, db, ['kpis', params, config.timezone], () => kpiRows(db, params, config.timezone));
  });

  // `compare`: previous (default; calendar periods with the previous one of their kind) or
  // year (the same period a year earlier).
  route(router, 'get', '/scorecard', 'read:aggregate', async (req, res) => {
    const { compare: rawCompare, ...rest } = req.query as Record<string, unknown>;
    if (rawCompare !== undefined && !(COMPARE_MODES as readonly unknown[]).includes(rawCompare)) {
      throw badRequest('compare', `expected one of ${COMPARE_MODES.join(', ')}`);
    }
    const params = parseKpiParams(rest, SCORECARD_PARAMS);
    const compare = (rawCompare as CompareMode | undefined) ?? 'previous';
    await sendCachedJson(res, db, ['scorecard', params, config.timezone, compare], () => scorecard(db, params, config.timezone, compare));
  });

  const metricsJson = JSON.stringify(METRICS);
  route(router, 'get', '/metrics', 'read:aggregate', (_req, res) => {
    res.type('application/json').send(metricsJson);
  });

  // Targets: the registry's defaults, the built-in tier defaults, and the overrides keyed
  // by queue, channel and tier ('*' = any; server/kpi/targets.ts says which one applies).
  route(router, 'get', '/targets', 'read:aggregate', async (_req, res) => {
    await sendCachedJson(res, db, ['targets'], async () => ({
      defaults: METRICS.filter((m) => m.target).map((m) => ({ metric: m.name, target: m.target })),
      tierDefaults: TIER_DEFAULTS,
      overrides: await listTargetOverrides(db),
    }));
  });

  route(router, 'put', '/targets', 'admin', async (req, res) => {
    const override = TargetOverrideSchema.parse(req.body ?? {});
    await upsertTargetOverride(db, override);
    res.json(override);
  });

  route(router, 'delete', '/targets', 'admin', async (req, res) => {
    const key = TargetKeySchema.parse(req.query);
    if (!(await deleteTargetOverride(db, key))) {
      throw new HttpError(404, `no target override for ${key.metric} on queue ${key.queue}, channel ${key.channel}, tier ${key.tier}`);
    }
    res.status(204).end();
  });

  // Every page asks for the dimensions (a scan of all contacts): cached per data version.
  route(router, 'get', '/dimensions', 'read:aggregate', async (_req, res) => {
    await sendCachedJson(res, db, ['dimensions'], () => queryDimensions(db));
  });

  return router;
}
