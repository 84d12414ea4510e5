/**
 * Compliance reports and templates (docs/sla.md).
 *
 * GET /api/compliance?template&from&to&where&group → ComplianceReport: per period and group,
 *     each measure's value, threshold, met or missed, margin, penalty exposure and the days
 *     that caused a miss; measures the data cannot carry have value null and the reason.
 * GET /api/compliance/templates → [{ template, source: 'repository' | 'stored', updatedAt, shipped }]
 * GET /api/compliance/templates/:name → one of them
 * PUT /api/compliance/templates/:name (admin) a template → stores an editable copy (400 naming the field)
 * DELETE /api/compliance/templates/:name (admin) → removes the copy (the shipped one applies again)
 */
import { Router } from 'express';
import { deleteStoredTemplate, putStoredTemplate } from '../../db/queries/complianceTemplates.ts';
import { complianceReport } from '../../compliance/service.ts';
import { getTemplate, listTemplates } from '../../compliance/templates.ts';
import { parseSlaParams } from '../../sla/params.ts';
import type { AppDeps } from '../deps.ts';
import { badRequest, HttpError } from '../errors.ts';
import { route } from '../permissions.ts';

export function complianceRouter({ db, config }: AppDeps): Router {
  const router = Router();

  route(router, 'get', '/compliance', 'read:compliance', async (req, res) => {
    const { template, ...rest } = req.query as Record<string, unknown>;
    if (typeof template !== 'string' || template === '') throw badRequest('template', 'required: the name of a template (GET /api/compliance/templates)');
    const q = parseSlaParams(rest, ['from', 'to', 'where', 'group']);
    res.json(await complianceReport(db, config.timezone, { template, from: q.from, to: q.to, where: q.where, group: q.group }));
  });

  route(router, 'get', '/compliance/templates', 'read:compliance', async (_req, res) => {
    res.json(await listTemplates(db));
  });

  route(router, 'get', '/compliance/templates/:name', 'read:compliance', async (req, res) => {
    res.json(await getTemplate(db, req.params.name));
  });

  route(router, 'put', '/compliance/templates/:name', 'admin', async (req, res) => {
    const body = req.body as { name?: unknown } | undefined;
    if (!body || typeof body !== 'object' || body.name !== req.params.name) throw badRequest('name', `must be ${JSON.stringify(req.params.name)}, the name in the path`);
    await putStoredTemplate(db, body);
    res.json(await getTemplate(db, req.params.name));
  });

  route(router, 'delete', '/compliance/templates/:name', 'admin', async (req, res) => {
    if (!(await deleteStoredTemplate(db, req.params.name))) throw new HttpError(404, `no stored copy of template ${req.params.name}`);
    res.json(await getTemplate(db, req.params.name).catch(() => null));
  });

  return router;
}
