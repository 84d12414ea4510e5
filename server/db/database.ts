/**
 * The one DuckDB instance of a process and the helpers every query goes through.
 *
 * Values are always bound (`$name` parameters), never spliced into SQL text. Rows come back
 * as plain JSON-safe objects: BIGINT/HUGEINT become numbers, DECIMAL strings become numbers,
 * so callers never see `bigint` (which JSON.stringify cannot serialize). Queries should
 * still cast in SQL (`::INTEGER`, `::DOUBLE`) so the type is decided where the value is made.
 */
import { type DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate } from './schema.ts';
import { transaction } from './transaction.ts';

export { transaction };

export type Params = Record<string, DuckDBValue>;
export type Row = Record<string, unknown>;

export interface OpenOptions {
  readOnly?: boolean;
  /** Run forward migrations on open (default true for writable databases). */
  migrate?: boolean;
}

export class DatabaseLockedError extends Error {
  constructor(path: string) {
    super(
      `the database ${path} is in use by another process (a running \`staffcast serve\`?). ` +
        'DuckDB allows one writer per file: stop the server, or send the work through its API ' +
        '(for ingest: --server http://127.0.0.1:PORT).',
    );
    this.name = 'DatabaseLockedError';
  }
}

export class Database {
  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
  ) {}

  static async open(path: string, options: OpenOptions = {}): Promise<Database> {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(path, options.readOnly ? { access_mode: 'READ_ONLY' } : {});
    } catch (e) {
      if (/lock/i.test(String(e))) throw new DatabaseLockedError(path);
      throw e;
    }
    const db = new Database(path, instance);
    if (!options.readOnly && options.migrate !== false) await db.withConnection((c) => migrate(c));
    return db;
  }

  /** A fresh connection; close it with `closeSync()` (or use `withConnection`). */
  connect(): Promise<DuckDBConnection> {
    return this.instance.connect();
  }

  async withConnection<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    const conn = await this.connect();
    try {
      return await fn(conn);
    } finally {
      conn.closeSync();
    }
  }

  /** Runs `fn` inside BEGIN … COMMIT on its own connection; any throw rolls back. */
  transaction<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    return this.withConnection((conn) => transaction(conn, fn));
  }

  /** Runs one statement and returns its rows as plain objects. */
  query<T extends Row = Row>(sql: string, params: Params = {}): Promise<T[]> {
    return this.withConnection((conn) => queryRows<T>(conn, sql, params));
  }

  close(): void {
    this.instance.closeSync();
  }
}

/** Runs one statement on `conn` and returns its rows as plain JSON-safe objects. */
export async function queryRows<T extends Row = Row>(conn: DuckDBConnection, sql: string, params: Params = {}): Promise<T[]> {
  const reader = await conn.runAndReadAll(sql, params);
  // Rows as arrays plus the column names: several times faster than getRowObjectsJS().
  const names = reader.columnNames();
  return reader.getRowsJS().map((values) => {
    const row: Row = {};
    for (let i = 0; i < names.length; i++) row[names[i]!] = plainValue(values[i]);
    return row as T;
  });
}

function plainValue(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(plainValue);
  return v;
}
