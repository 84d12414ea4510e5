/**
 * The site calendar under /api/calendar (docs/calendar.md).
 *
 * GET /api/calendar  → { calendar: SiteCalendar, source: 'stored' | 'default', updatedAt: string | null }
 * PUT /api/calendar  SiteCalendar → the same answer, source 'stored'; an invalid calendar is
 *                    a 400 naming the field (`invalid hours[0].weekly.1[0].start: …`).
 *
 * The calendar's zone must be the site zone (STAFFCAST_TIMEZONE): the local dates of the
 * contacts are stored in it.
 */
import { Router } from 'express';
import type { AppDeps } from '../deps.ts';
import { badRequest } from '../errors.ts';
import { getSiteCalendar, putSiteCalendar } from '../../db/queries/calendar.ts';
import { defaultCalendar } from '../../wfm/siteCalendar.ts';

export function calendarRouter(deps: AppDeps): Router {
  const router = Router();

  router.get('/calendar', async (_req, res) => {
    const stored = await getSiteCalendar(deps.db);
    res.json(stored ? { calendar: stored.calendar, source: 'stored', updatedAt: stored.updatedAt } : { calendar: defaultCalendar(deps.config.timezone), source: 'default', updatedAt: null });
  });

  router.put('/calendar', async (req, res) => {
    const body: unknown = req.body;
    const zone = typeof body === 'object' && body !== null ? (body as { timeZone?: unknown }).timeZone : undefined;
    if (typeof zone === 'string' && zone !== deps.config.timezone) {
      throw badRequest('timeZone', `${zone} is not the site time zone ${deps.config.timezone} (STAFFCAST_TIMEZONE)`);
    }
    await putSiteCalendar(deps.db, body);
    const stored = (await getSiteCalendar(deps.db))!;
    res.json({ calendar: stored.calendar, source: 'stored', updatedAt: stored.updatedAt });
  });

  return router;
}
