/**
 * The site calendar under /api/calendar (docs/calendar.md).
 *
 * GET /api/calendar  → { calendar: SiteCalendar, source: 'stored' | 'default', updatedAt: string | null }
 * PUT /api/calendar  SiteCalendar → the same answer, source 'stored'; an invalid calendar is
 *                    a 400 naming the field (`invalid hours[0].weekly.1[0].start: …`). The
 *                    calendar's zone must be the site zone (STAFFCAST_TIMEZONE).
 * GET /api/calendar/proposals?queue&channel → closed days learned from the daily offered
 *                    contacts (site-wide without queue/channel), beside the calendar:
 *                    { queue, channel, from, to, weekdays, holidays, differences }
 * GET /api/calendar/holidays?year → { year, holidays: [{ id, name, kind, dates, closed }] }:
 *                    the holidays a site can choose, with their observed dates in `year`
 */
import { Router } from 'express';
import type { AppDeps } from '../deps.ts';
import { route } from '../permissions.ts';
import { badRequest } from '../errors.ts';
import { calendarProposals, holidayChoices, loadSiteCalendar, saveSiteCalendar } from '../../calendar/service.ts';

function optionalParam(value: unknown, field: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') throw badRequest(field, 'must be one non-empty value');
  return value;
}

export function calendarRouter(deps: AppDeps): Router {
  const router = Router();

  route(router, 'get', '/calendar', 'read:aggregate', async (_req, res) => {
    res.json(await loadSiteCalendar(deps.db, deps.config.timezone));
  });

  route(router, 'get', '/calendar/proposals', 'read:aggregate', async (req, res) => {
    for (const k of Object.keys(req.query)) if (k !== 'queue' && k !== 'channel') throw badRequest(k, 'unknown parameter');
    const filter = { queue: optionalParam(req.query.queue, 'queue'), channel: optionalParam(req.query.channel, 'channel') };
    res.json(await calendarProposals(deps.db, deps.config.timezone, filter));
  });

  route(router, 'get', '/calendar/holidays', 'read:aggregate', async (req, res) => {
    for (const k of Object.keys(req.query)) if (k !== 'year') throw badRequest(k, 'unknown parameter');
    const raw = optionalParam(req.query.year, 'year');
    const year = raw === undefined ? Number(new Date().toISOString().slice(0, 4)) : Number(raw);
    if (!/^\d{4}$/.test(raw ?? String(year)) || year < 1900 || year > 2200) throw badRequest('year', 'must be a year from 1900 to 2200');
    res.json({ year, holidays: await holidayChoices(deps.db, deps.config.timezone, year) });
  });

  route(router, 'put', '/calendar', 'admin', async (req, res) => {
    res.json(await saveSiteCalendar(deps.db, deps.config.timezone, req.body));
  });

  return router;
}
