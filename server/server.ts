/**
 * Starts the service: opens the database (migrating it), seeds an empty one with generated
 * sample data, and serves the API and the built dashboard from one process.
 */
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { createApp } from './api/app.ts';
import type { Config } from './config.ts';
import { Database } from './db/database.ts';
import { ensureDailyRollup } from './db/queries/dailyRollup.ts';
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
  // Upload and ingest temp folders left by a killed process (docs/reliability.md).
  for (const name of sweepStaleTempDirs()) log(`removed a stale temporary folder: ${name}`);
  const db = await Database.open(config.dbPath);
  try {
    await ensureSiteTimezone(db, config.timezone);
    for (const name of await recoverInterruptedIngests(db)) log(`an ingest of ${name} was interrupted (process killed); recorded as a failed batch`);
    const hmacKey = loadOrCreateHmacKey(config);
    if (config.seedOnEmpty) await seedIfEmpty(db, config, hmacKey, log);
    await db.withConnection(ensureDailyRollup);
    const app = createApp({ db, config, hmacKey }, { staticDir: options.staticDir === null ? undefined : (options.staticDir ?? DEFAULT_STATIC_DIR) });
    const server = await listen(app, config.port, config.host);
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const host = config.host.includes(':') ? `[${config.host}]` : config.host;
    return {
      url: `http://${host}:${port}`,
      port,
      db,
      async close() {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections?.();
        db.close();
      },
    };
  } catch (e) {
    db.close();
    throw e;
  }
}

function listen(app: ReturnType<typeof createApp>, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host);
    server.once('listening', () => resolve(server));
    server.once('error', reject);
  });
}
