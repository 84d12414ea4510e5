/**
 * Cases (appeals, grievances, claim research, escalations) under /api/cases (docs/cases.md):
 *
 *   POST   /api/cases/ingest             multipart `file` (+ source, format, timezone, maxRejectShare): a case log;
 *                                        201 committed, 200 duplicate_file, 422 refused        write:data
 *   GET    /api/cases/batches?limit      case-log batches, newest first                         read:aggregate
 *   GET    /api/cases/batches/:id/rejects?limit&offset   rejected rows, member_id redacted       read:rows
 *   GET    /api/cases/rules              built-in rules, stored overrides, rules in force        read:aggregate
 *   PUT    /api/cases/rules              a plan's own rule (stored override)                     admin
 *   DELETE /api/cases/rules?milestone&type&program&priority&plan                                admin
 *   GET    /api/cases/timeliness?from&to&by&group&as-of                                         read:compliance
 *   GET    /api/cases/backlog?as-of                                                             read:compliance
 *   GET    /api/cases/workload?as-of&weeks&clear-within-hours&handle-minutes&productivity&shrinkage   read:aggregate
 *   GET    /api/cases?from&to&type&program&priority&status&as-of&due-within&limit&offset         read:rows
 *          (pseudonymized member keys only)
 */
import { makeTempDir } from '../../ingest/uploadTemp.ts';
import { Router } from 'express';
import { rmSync } from 'node:fs';
import { z } from 'zod';
import { ingestCaseFile } from '../../cases/ingest.ts';
import { onlyParams, parseListParams, parseTimelinessParams, parseWorkloadParams, dateParam, numberParam } from '../../cases/params.ts';
import { backlogAnswer, caseListAnswer, caseRules, removeCaseRule, saveCaseRule, timelinessAnswer, workloadAnswer } from '../../cases/service.ts';
import { listCaseBatches, listCaseRejects } from '../../db/queries/casesIngest.ts';
import { isValidTimeZone } from '../../wfm/timezone.ts';
import type { AppDeps } from '../deps.ts';
import { badRequest } from '../errors.ts';
import { route } from '../permissions.ts';
import { receiveUpload } from '../receiveUpload.ts';

const UploadFields = z.object({
  source: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/, 'use 1-100 letters, digits, ".", "_", ":" or "-"')
    .optional(),
  format: z.enum(['csv', 'parquet']).optional(),
  timezone: z.string().refine(isValidTimeZone, 'not an IANA time zone name').optional(),
  maxRejectShare: z.coerce.number().min(0).max(1).optional(),
});

export function casesRouter(deps: AppDeps): Router {
  const router = Router();
  const tz = deps.config.timezone;

  route(router, 'post', '/cases/ingest', 'write:data', async (req, res) => {
    const dir = makeTempDir('upload');
    try {
      const upload = await receiveUpload(req, dir, deps.config.uploadLimitBytes);
      const fields = UploadFields.parse(upload.fields);
      const result = await ingestCaseFile(deps.db, upload.path, { ...fields, hmacKey: deps.hmacKey, fileName: upload.fileName });
      res.status(result.outcome === 'committed' ? 201 : result.outcome === 'duplicate_file' ? 200 : 422).json(result);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  route(router, 'get', '/cases/batches', 'read:aggregate', async (req, res) => {
    onlyParams(req.query, ['limit']);
    const limit = numberParam(req.query, 'limit', 1, 1000, true) ?? 100;
    res.json({ batches: await deps.db.withConnection((c) => listCaseBatches(c, limit)) });
  });

  route(router, 'get', '/cases/batches/:id/rejects', 'read:rows', async (req, res) => {
    onlyParams(req.query, ['limit', 'offset']);
    const id = Number(req.params.id);
    if (!Number.isInteger(id) || id < 1) throw badRequest('id', 'expected a positive integer batch id');
    const limit = numberParam(req.query, 'limit', 1, 1000, true) ?? 100;
    const offset = numberParam(req.query, 'offset', 0, 10_000_000, true) ?? 0;
    res.json({ batchId: id, rejects: await deps.db.withConnection((c) => listCaseRejects(c, id, limit, offset)) });
  });

  route(router, 'get', '/cases/rules', 'read:aggregate', async (req, res) => {
    onlyParams(req.query, []);
    res.json(await caseRules(deps.db));
  });

  route(router, 'put', '/cases/rules', 'admin', async (req, res) => {
    res.json(await saveCaseRule(deps.db, req.body));
  });

  route(router, 'delete', '/cases/rules', 'admin', async (req, res) => {
    onlyParams(req.query, ['milestone', 'type', 'program', 'priority', 'plan']);
    res.json(await removeCaseRule(deps.db, req.query as Record<string, string>));
  });

  route(router, 'get', '/cases/timeliness', 'read:compliance', async (req, res) => {
    res.json(await timelinessAnswer(deps.db, tz, parseTimelinessParams(req.query)));
  });

  route(router, 'get', '/cases/backlog', 'read:compliance', async (req, res) => {
    onlyParams(req.query, ['as-of']);
    res.json(await backlogAnswer(deps.db, tz, dateParam(req.query, 'as-of')));
  });

  route(router, 'get', '/cases/workload', 'read:aggregate', async (req, res) => {
    res.json(await workloadAnswer(deps.db, tz, parseWorkloadParams(req.query)));
  });

  route(router, 'get', '/cases', 'read:rows', async (req, res) => {
    res.json(await caseListAnswer(deps.db, tz, parseListParams(req.query)));
  });

  return router;
}
