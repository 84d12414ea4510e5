/**
 * `createApp(deps)` builds the Express app without listening, so tests can mount it on an
 * ephemeral port. Each area of the API is one router in ./routes. Every request to /api
 * passes the site guard, then `authenticate` (the session cookie), then the permission of
 * its route (./permissions.ts); a router holding a route without a declared permission
 * makes createApp throw (deny by default).
 */
import express from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AuditWriter } from '../auth/auditWriter.ts';
import { systemClock } from '../auth/clock.ts';
import { authenticate } from '../auth/middleware.ts';
import { RateLimiter } from '../auth/rateLimit.ts';
import type { AppDeps } from './deps.ts';
import { errorHandler, HttpError } from './errors.ts';
import { assertEveryRouteDeclared, type DeclaredRoute, declaredRoutes, route } from './permissions.ts';
import { auditRouter } from './routes/audit.ts';
import { authRouter } from './routes/auth.ts';
import { calendarRouter } from './routes/calendar.ts';
import { casesRouter } from './routes/cases.ts';
import { complianceRouter } from './routes/compliance.ts';
import { siteGuard } from './siteGuard.ts';
import { JSON_BODY_LIMIT } from './limits.ts';
import { jsonLimits, requestLimits } from './requestLimits.ts';
import { bumpDataVersionOnWrites } from './dataVersion.ts';
import { capacityRouter } from './routes/capacity.ts';
import { forecastRouter } from './routes/forecast.ts';
import { ingestRouter } from './routes/ingest.ts';
import { kpiRouter } from './routes/kpis.ts';
import { mappingProfilesRouter } from './routes/mappingProfiles.ts';
import { slaRouter } from './routes/sla.ts';
import { staffingRouter } from './routes/staffing.ts';
import { usersRouter } from './routes/users.ts';

export interface AppOptions {
  /** Folder of the built dashboard to serve at `/` (web/dist); omitted: API only. */
  staticDir?: string;
}

/** Sign-in and password attempts allowed per client address in any 5 minutes. */
export const SIGN_IN_ATTEMPTS_PER_5_MINUTES = 10;

export interface StaffcastApp extends express.Express {
  /** Waits until every audit event recorded so far is in the table (tests, shutdown). */
  flushAudit(): Promise<void>;
  /** Every API route with its permission (`/api/...` paths), for the router-enumeration test. */
  apiRoutes: DeclaredRoute[];
}

export function createApp(deps: AppDeps, options: AppOptions = {}): StaffcastApp {
  const app = express() as StaffcastApp;
  app.disable('x-powered-by');
  const clock = deps.clock ?? systemClock;
  const audit = new AuditWriter(deps.db);
  app.flushAudit = () => audit.flush();
  const behindProxy = deps.config.behindTlsProxy;
  // Behind a TLS proxy on this machine, the client's address is the proxy's X-Forwarded-For.
  if (behindProxy) app.set('trust proxy', 'loopback');
  const secureCookies = Boolean(deps.config.tlsCert) || behindProxy;
  const limiter = new RateLimiter(SIGN_IN_ATTEMPTS_PER_5_MINUTES, 5 * 60_000, clock);
  // Host (DNS rebinding), cross-origin writes and framing, before anything else runs.
  app.use(siteGuard(deps.config.host));
  // Query parameters, the body's encoding and the JSON values bounded (requestLimits.ts).
  app.use(requestLimits());
  app.use(express.json({ limit: JSON_BODY_LIMIT }));
  app.use(jsonLimits());
  app.use('/api', authenticate({ db: deps.db, settings: deps.config, clock, audit, secureCookies }));
  // Cached answers retire with every state-changing request (dataVersion.ts).
  app.use(bumpDataVersionOnWrites(deps.db));

  const health = express.Router();
  route(health, 'get', '/health', 'public', (_req, res) => {
    res.json({ ok: true, timezone: deps.config.timezone });
  });
  const routers = [
    health,
    authRouter(limiter),
    usersRouter(deps, clock),
    auditRouter(deps, audit),
    kpiRouter(deps),
    ingestRouter(deps),
    mappingProfilesRouter(deps),
    staffingRouter(deps),
    forecastRouter(deps),
    calendarRouter(deps),
    capacityRouter(deps),
    casesRouter(deps),
    slaRouter(deps),
    complianceRouter(deps),
  ];
  app.apiRoutes = [];
  for (const router of routers) {
    assertEveryRouteDeclared(router);
    app.apiRoutes.push(...declaredRoutes(router).map((r) => ({ ...r, path: `/api${r.path}` })));
    app.use('/api', router);
  }
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
