/**
 * How commands open the database: the path from the global `--db` flag or STAFFCAST_DB,
 * the configuration from the environment. A database held by a running server cannot be
 * opened here (DuckDB allows one process per file): the error says so.
 */
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';

export async function openForCli(program: Command, opts: { readOnly?: boolean } = {}): Promise<{ db: Database; config: Config }> {
  // Imported here so that commands which never open the database start without loading DuckDB.
  const [{ loadConfig }, { Database }] = await Promise.all([import('../config.ts'), import('../db/database.ts')]);
  const config = loadConfig(process.env, cliOverrides(program));
  if (opts.readOnly && config.dbPath !== ':memory:' && !existsSync(config.dbPath)) {
    throw new Error(`no database at ${config.dbPath}: start the service (npm start) or ingest a file first`);
  }
  const db = await Database.open(config.dbPath, { readOnly: opts.readOnly });
  return { db, config };
}

/** Overrides from the global options (`--db`). */
export function cliOverrides(program: Command): Partial<Config> {
  const db = program.opts().db as string | undefined;
  return db ? { dbPath: db } : {};
}
