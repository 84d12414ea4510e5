import type { DuckDBConnection } from '@duckdb/node-api';

/**
 * The one transaction helper: runs `fn` inside BEGIN … COMMIT on `conn`; any throw rolls
 * back (a failed ROLLBACK is ignored so the first error is the one reported) and rethrows.
 */
export async function transaction<T>(conn: DuckDBConnection, fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
  await conn.run('BEGIN TRANSACTION');
  try {
    const out = await fn(conn);
    await conn.run('COMMIT');
    return out;
  } catch (e) {
    await conn.run('ROLLBACK').catch(() => undefined);
    throw e;
  }
}
