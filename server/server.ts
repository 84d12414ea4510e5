/**
 * Starts the service: opens the database (migrating it), seeds an empty one with generated
 * sample data, creates the first admin when there is no user (its one-time password printed
 * to the console only), purges audit rows past their retention, and serves the API and the
 * built dashboard from one process: over https with a certificate, and never on an address
 * other than loopback without TLS (a certificate, or a TLS-terminating proxy in front).
 */
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { fileURLToPath } from 'node:url';
import { createApp } from './api/app.ts';
import { purgeExpiredAudit, recordAudit } from './auth/audit.ts';
import { ensureFirstAdmin } from './auth/users.ts';
import { type Config, ConfigError } from './config.ts';
import { Database } from './db/database.ts';
import { ensureDailyRollup } from './db/queries/dailyRollup.ts';
import { deleteExpiredSessions } from './db/queries/sessions.ts';
import { ensureSiteTimezone } from './db/queries/settings.ts';
import { loadOrCreateHmacKey } from './pseudonym.ts';
import { seedIfEmpty } from './seed.ts';
import { sweepStaleTempDirs } from './ingest/uploadTemp.ts';
import { recoverInterruptedIngests } from './ingest/recover.ts';

export const DEFAULT_STATIC_DIR = fileURLToPath(new URL('../web/dist', import.meta.url));

export interface StartOptions {
  config: Config;
  /** Built dashboard to serve; default web/dist. `null`: API only. */
  staticDir?: string | null;
  /** Progress and status lines (default: stderr). */
  log?: (line: string) => void;
  /**
   * Shows the first admin's one-time password (default: written to the console's standard
   * output, and nowhere else: not to the log, not to the audit trail).
   */
  showFirstPassword?: (name: string, password: string) => void;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);
const DAY_MS = 86_400_000;

/** Refuses a host other than loopback without TLS or a TLS proxy, and half a certificate. */
export function checkTransport(config: Config): void {
  if (Boolean(config.tlsCert) !== Boolean(config.tlsKey)) throw new ConfigError('invalid --tls-cert/--tls-key: give both the certificate and its key');
  if (!LOOPBACK_HOSTS.has(config.host.toLowerCase()) && !config.tlsCert && !config.behindTlsProxy) {
    throw new ConfigError(
      `refusing to serve on ${config.host} without TLS: passwords and health-plan data would cross the network in clear. ` +
        'Give --tls-cert FILE --tls-key FILE (STAFFCAST_TLS_CERT/STAFFCAST_TLS_KEY), or --behind-tls-proxy (STAFFCAST_BEHIND_TLS_PROXY=true) when a TLS-terminating proxy is in front',
    );
  }
}

function printFirstPassword(name: string, password: string): void {
  process.stdout.write(
    `\nNo user existed, so Staffcast created "${name}" with this one-time password:\n\n    ${password}\n\n` +
      'Sign in with it in the dashboard; it asks for a new password at once. It is shown only here, once.\n\n',
  );
}

export interface RunningServer {
  url: string;
  port: number;
  db: Database;
  close(): Promise<void>;
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const { config } = options;
  const log = options.log ?? ((line: string) => process.stderr.write(line + '\n'));
  checkTransport(config);
  // Upload and ingest temp folders left by a killed process (docs/reliability.md).
  for (const name of sweepStaleTempDirs()) log(`removed a stale temporary folder: ${name}`);
  const db = await Database.open(config.dbPath);
  let purgeTimer: NodeJS.Timeout | undefined;
  try {
    await ensureSiteTimezone(db, config.timezone);
    for (const name of await recoverInterruptedIngests(db)) log(`an ingest of ${name} was interrupted (process killed); recorded as a failed batch`);
    const hmacKey = loadOrCreateHmacKey(config);
    if (config.seedOnEmpty) await seedIfEmpty(db, config, hmacKey, log);
    await db.withConnection(ensureDailyRollup);
    const firstPassword = await ensureFirstAdmin(db, new Date());
    if (firstPassword) {
      await recordAudit(db, {
        at: new Date(),
        actor: 'system',
        action: 'user.first-admin',
        path: 'admin',
        outcome: 'ok',
        detail: 'first start: admin created with a one-time password shown on the console',
      });
      (options.showFirstPassword ?? printFirstPassword)('admin', firstPassword);
    }
    const housekeeping = async () => {
      await purgeExpiredAudit(db, config.auditRetentionDays, new Date());
      await deleteExpiredSessions(db, new Date(), config.sessionIdleMinutes * 60_000);
    };
    await housekeeping();
    purgeTimer = setInterval(() => {
      housekeeping().catch(() => log('[staffcast] audit retention purge or session clean-up failed'));
    }, DAY_MS);
    purgeTimer.unref();
    const app = createApp({ db, config, hmacKey }, { staticDir: options.staticDir === null ? undefined : (options.staticDir ?? DEFAULT_STATIC_DIR) });
    const server = await listen(app, config);
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const host = config.host.includes(':') ? `[${config.host}]` : config.host;
    return {
      url: `${config.tlsCert ? 'https' : 'http'}://${host}:${port}`,
      port,
      db,
      async close() {
        clearInterval(purgeTimer);
        await new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections?.();
        await app.flushAudit();
        db.close();
      },
    };
  } catch (e) {
    clearInterval(purgeTimer);
    db.close();
    throw e;
  }
}

function listen(app: ReturnType<typeof createApp>, config: Config): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = config.tlsCert ? createHttpsServer({ cert: readFileSync(config.tlsCert), key: readFileSync(config.tlsKey!) }, app) : createHttpServer(app);
    server.listen(config.port, config.host);
    server.once('listening', () => resolve(server));
    server.once('error', reject);
  });
}
