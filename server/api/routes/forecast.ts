import { Router } from 'express';
import type { AppDeps } from '../deps.ts';
import { route } from '../permissions.ts';
import { badRequest, fromZod, HttpError } from '../errors.ts';
import { NoAhtHistoryError, NoHistoryError } from '../../forecast/errors.ts';
import { createEvent, deleteEvent, listEvents } from '../../forecast/events.ts';
import { ForecastQuerySchema } from '../../forecast/query.ts';
import { forecastFromDatabase, listSeries } from '../../forecast/service.ts';
import { StaffingQuerySchema, staffingFromForecast } from '../../forecast/staffing.ts';
import { InputError } from '../../wfm/inputError.ts';
import { sendCachedJson } from '../cachedJson.ts';

/**
 * A forecast-service input error as the HTTP answer: 404 for an unknown series, 422 for an
 * AHT forecast of a series without handle times (the request is valid, the data cannot
 * answer it), else 400.
 */
function toHttp(e: unknown): unknown {
  if (e instanceof NoHistoryError) return new HttpError(404, e.message, e.field);
  if (e instanceof NoAhtHistoryError) return new HttpError(422, e.message, e.field);
  if (e instanceof InputError) return badRequest(e.field, e.problem);
  return e;
}

/**
 * Routes under /api/forecast: the forecast itself, the series that can be forecast, planner
 * events, and staffing from a forecast. Query parameters are validated with zod; an invalid
 * one is a 400 that names it.
 */
export function forecastRouter(deps: AppDeps): Router {
  const router = Router();

  route(router, 'get', '/forecast/queues', 'read:aggregate', async (_req, res) => {
    await sendCachedJson(res, deps.db, ['forecast/queues'], () => listSeries(deps.db));
  });

  route(router, 'get', '/forecast/events', 'read:aggregate', async (_req, res) => {
    res.json(await listEvents(deps.db));
  });

  route(router, 'post', '/forecast/events', 'write:plan', async (req, res) => {
    const event = await createEvent(deps.db, req.body ?? {}, new Date());
    res.status(201).json(event);
  });

  route(router, 'delete', '/forecast/events/:id', 'write:plan', async (req, res) => {
    if (!(await deleteEvent(deps.db, req.params.id))) throw new HttpError(404, 'no such event', 'id');
    res.status(204).end();
  });

  route(router, 'get', '/forecast/staffing', 'read:aggregate', async (req, res) => {
    const parsed = StaffingQuerySchema.safeParse(req.query);
    if (!parsed.success) throw fromZod(parsed.error);
    try {
      res.json(await staffingFromForecast(deps.db, deps.config.timezone, parsed.data));
    } catch (e) {
      throw toHttp(e);
    }
  });

  route(router, 'get', '/forecast', 'read:aggregate', async (req, res) => {
    const parsed = ForecastQuerySchema.safeParse(req.query);
    if (!parsed.success) throw fromZod(parsed.error);
    try {
      // Cached per data version (events and calendar changes bump it too): the Intraday page asks it of every user.
      await sendCachedJson(res, deps.db, ['forecast', deps.config.timezone, parsed.data], () => forecastFromDatabase(deps.db, deps.config.timezone, parsed.data));
    } catch (e) {
      throw toHttp(e);
    }
  });

  return router;
}
