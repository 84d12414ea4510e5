/**
 * Capacity and budget planning (server/wfm/capacity; docs/capacity.md).
 *
 * POST   /api/capacity/plan[?format=csv]   a scenario (ScenarioInput)     → CapacityPlan (or CSV by month)
 * GET    /api/capacity/history             → HistoryDefaults: AHT by channel and tier, tier shares, seasonal shape,
 *                                           channel shapes, contacts per member (with enrollment history);
 *                                           cached per data version (ETag, 304)
 * POST   /api/capacity/enrollment          CSV month,plan,members (text/csv, or JSON { csv })
 *                                           → { startMonth, months, plans }: the scenario's enrollment
 * GET    /api/capacity/enrollment-history  → { rows: EnrollmentRow[] }
 * PUT    /api/capacity/enrollment-history  CSV month,plan,members → { stored, months, plans }: actual
 *                                           enrollment (replaces a plan's month), for contacts per member
 * GET    /api/scenarios                    → { scenarios: SavedScenario[] }
 * GET    /api/scenarios/:id                → SavedScenario
 * POST   /api/scenarios                    { name, scenario, baselineId? } → 201 SavedScenario
 * POST   /api/scenarios/:id/clone          { name }                         → 201 SavedScenario (baselineId = :id)
 * PUT    /api/scenarios/:id                { name, scenario }               → SavedScenario
 * DELETE /api/scenarios/:id                → 204
 *
 * A scenario is checked by the engine before it is planned or saved: an invalid one is a 400
 * naming the field (`invalid scenario.members: must be ≥ 0` when saved, `invalid members: …`
 * when planned). A scenario with no startMonth plans from the month after today (UTC); it is
 * saved as entered, so it keeps planning from "next month".
 */
import express, { Router } from 'express';
import { z } from 'zod';
import { capacityHistoryDefaults, enrollmentHistory, storeEnrollmentHistory } from '../../db/queries/capacityHistory.ts';
import { deleteScenario, getScenario, insertScenario, listScenarios, scenarioIdByName, updateScenario } from '../../db/queries/scenarios.ts';
import { capacityToCsv } from '../../wfm/capacity/csv.ts';
import { monthAfter } from '../../wfm/capacity/demand.ts';
import { enrollmentHorizon, enrollmentRowsFromCsv } from '../../wfm/capacity/enrollment.ts';
import { planCapacity } from '../../wfm/capacity/plan.ts';
import { parseScenario } from '../../wfm/capacity/scenario.ts';
import { InputError } from '../../wfm/inputError.ts';
import type { AppDeps } from '../deps.ts';
import { route } from '../permissions.ts';
import { sendCachedJson } from '../cachedJson.ts';
import { badRequest, HttpError } from '../errors.ts';

const name = z.string({ error: 'must be a text' }).trim().min(1, 'must not be empty').max(200, 'at most 200 characters');
const SaveSchema = z
  .object({
    name,
    scenario: z.record(z.string(), z.unknown(), { error: 'must be an object' }),
    baselineId: z.number({ error: 'must be a number' }).int('must be a whole number').nullable().optional(),
  })
  .strict();
const CloneSchema = z.object({ name }).strict();

function parseId(raw: string): number {
  const id = Number(raw);
  if (!Number.isInteger(id) || id < 1) throw badRequest('id', 'must be a positive whole number');
  return id;
}

/** Checks a scenario with the engine, naming the field under `prefix`. */
function checkScenario(scenario: unknown, prefix: string): void {
  try {
    parseScenario(scenario, monthAfter(new Date()));
  } catch (e) {
    if (e instanceof InputError) throw badRequest(`${prefix}${e.field}`, e.problem);
    throw e;
  }
}

/** The CSV text of an enrollment upload: a text/csv body, or JSON `{ csv }`. */
function enrollmentCsv(body: unknown): string {
  if (typeof body === 'string') return body;
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    const extra = Object.keys(body).find((k) => k !== 'csv');
    if (extra) throw badRequest(extra, 'unknown field');
    const csv = (body as { csv?: unknown }).csv;
    if (typeof csv === 'string') return csv;
  }
  throw badRequest('csv', 'must be the CSV text month,plan,members (a text/csv body, or JSON { "csv": "…" })');
}

const csvText = express.text({ type: ['text/csv', 'text/plain'], limit: '5mb' });

export function capacityRouter(deps: AppDeps): Router {
  const router = Router();
  const { db } = deps;

  route(router, 'post', '/capacity/plan', 'write:plan', (req, res) => {
    const format = req.query.format;
    if (format !== undefined && format !== 'json' && format !== 'csv') throw badRequest('format', 'must be json or csv');
    const plan = planCapacity(req.body ?? {}, monthAfter(new Date()));
    if (format === 'csv') {
      res.type('text/csv').attachment(`capacity-${plan.scenario.startMonth}.csv`).send(capacityToCsv(plan));
      return;
    }
    res.json(plan);
  });

  route(router, 'get', '/capacity/history', 'read:aggregate', async (_req, res) => {
    // Cached per data version (an ingest, an undo, an enrollment or case-log load retires it).
    await sendCachedJson(res, db, ['capacity/history', deps.config.timezone], () => capacityHistoryDefaults(db, deps.config.timezone));
  });

  route(router, 'post', '/capacity/enrollment', 'write:plan', csvText, (req, res) => {
    res.json(enrollmentHorizon(enrollmentRowsFromCsv(enrollmentCsv(req.body))));
  });

  route(router, 'get', '/capacity/enrollment-history', 'read:aggregate', async (_req, res) => {
    res.json({ rows: await enrollmentHistory(db) });
  });

  route(router, 'put', '/capacity/enrollment-history', 'write:data', csvText, async (req, res) => {
    const rows = enrollmentRowsFromCsv(enrollmentCsv(req.body));
    await storeEnrollmentHistory(db, rows);
    res.json({ stored: rows.length, months: new Set(rows.map((r) => r.month)).size, plans: [...new Set(rows.map((r) => r.plan))] });
  });

  route(router, 'get', '/scenarios', 'read:aggregate', async (_req, res) => {
    res.json({ scenarios: await listScenarios(db) });
  });

  route(router, 'get', '/scenarios/:id', 'read:aggregate', async (req, res) => {
    const s = await getScenario(db, parseId(req.params.id));
    if (!s) throw new HttpError(404, 'no such scenario', 'id');
    res.json(s);
  });

  route(router, 'post', '/scenarios', 'write:plan', async (req, res) => {
    const b = SaveSchema.parse(req.body ?? {});
    checkScenario(b.scenario, 'scenario.');
    if (await scenarioIdByName(db, b.name)) throw new HttpError(409, `a scenario named "${b.name}" exists`, 'name');
    if (b.baselineId != null && !(await getScenario(db, b.baselineId))) throw badRequest('baselineId', 'no such scenario');
    res.status(201).json(await insertScenario(db, { name: b.name, scenario: b.scenario, baselineId: b.baselineId ?? null }));
  });

  route(router, 'post', '/scenarios/:id/clone', 'write:plan', async (req, res) => {
    const id = parseId(req.params.id);
    const b = CloneSchema.parse(req.body ?? {});
    const base = await getScenario(db, id);
    if (!base) throw new HttpError(404, 'no such scenario', 'id');
    if (await scenarioIdByName(db, b.name)) throw new HttpError(409, `a scenario named "${b.name}" exists`, 'name');
    res.status(201).json(await insertScenario(db, { name: b.name, scenario: base.scenario, baselineId: id }));
  });

  route(router, 'put', '/scenarios/:id', 'write:plan', async (req, res) => {
    const id = parseId(req.params.id);
    const b = SaveSchema.omit({ baselineId: true }).parse(req.body ?? {});
    checkScenario(b.scenario, 'scenario.');
    if (await scenarioIdByName(db, b.name, id)) throw new HttpError(409, `a scenario named "${b.name}" exists`, 'name');
    const s = await updateScenario(db, id, b);
    if (!s) throw new HttpError(404, 'no such scenario', 'id');
    res.json(s);
  });

  route(router, 'delete', '/scenarios/:id', 'write:plan', async (req, res) => {
    if (!(await deleteScenario(db, parseId(req.params.id)))) throw new HttpError(404, 'no such scenario', 'id');
    res.status(204).end();
  });

  return router;
}
