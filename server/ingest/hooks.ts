/**
 * Work that must commit or roll back together with a file's contacts, e.g. interval
 * rollups kept current at ingest. A hook runs inside the ingest transaction after the
 * batch's contacts are written (`contacts.batch_id = batchId`); a throw rolls back the file.
 */
import type { DuckDBConnection } from '@duckdb/node-api';

export interface IngestHookContext {
  batchId: number;
  source: string;
}

export type IngestHook = (conn: DuckDBConnection, batch: IngestHookContext) => Promise<void>;

const hooks: IngestHook[] = [];

/** Registers a hook; returns a function that removes it. */
export function registerIngestHook(hook: IngestHook): () => void {
  hooks.push(hook);
  return () => {
    const i = hooks.indexOf(hook);
    if (i >= 0) hooks.splice(i, 1);
  };
}

export async function runIngestHooks(conn: DuckDBConnection, batch: IngestHookContext): Promise<void> {
  for (const h of [...hooks]) await h(conn, batch);
}
