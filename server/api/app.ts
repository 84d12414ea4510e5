/**
 * `createApp(deps)` builds the Express app without listening, so tests can mount it on an
 * ephemeral port. Each area of the API is one router in ./routes.
 */
import express from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AppDeps } from './deps.ts';
import { errorHandler, HttpError } from './errors.ts';
import { calendarRouter } from './routes/calendar.ts';
import { casesRouter } from './routes/cases.ts';
import { siteGuard } from './siteGuard.ts';
import { capacityRouter } from './routes/capacity.ts';
import { forecastRouter } from './routes/forecast.ts';
import { ingestRouter } from './routes/ingest.ts';
import { kpiRouter } from './routes/kpis.ts';
import { mappingProfilesRouter } from './routes/mappingProfiles.ts';
import { staffingRouter } from './routes/staffing.ts';

export interface AppOptions {
  /** Folder of the built dashboard to serve at `/` (web/dist); omitted: API only. */
  staticDir?: string;
}

export function createApp(deps: AppDeps, options: AppOptions = {}): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // Host (DNS rebinding), cross-origin writes and framing, before anything else runs.
  app.use(siteGuard(deps.config.host));
  app.use(express.json({ limit: '5mb' }));

  app.get('/api/health', (_req, res) => {
    res.json({ ok: true, timezone: deps.config.timezone });
  });
  app.use('/api', kpiRouter(deps));
  app.use('/api', ingestRouter(deps));
  app.use('/api', mappingProfilesRouter(deps));
  app.use('/api', staffingRouter(deps));
  app.use('/api', forecastRouter(deps));
  app.use('/api', calendarRouter(deps));
  app.use('/api', capacityRouter(deps));
  app.use('/api', casesRouter(deps));
  app.use('/api', (req, _res, next) => next(new HttpError(404, `no such endpoint: ${req.method} ${req.path}`)));

  if (options.staticDir && existsSync(options.staticDir)) {
    const dir = options.staticDir;
    app.use(express.static(dir, { index: 'index.html', maxAge: '1h' }));
    // Client-side routes fall back to the app shell.
    app.get(/^\/(?!api\/).*/, (_req, res) => res.sendFile(join(dir, 'index.html')));
  }

  app.use(errorHandler);
  return app;
}
