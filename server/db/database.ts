/**
 * The one DuckDB instance of a process and the helpers every query goes through.
 *
 * Values are always bound (`$name` parameters), never spliced into SQL text. Rows come back
 * as plain JSON-safe objects: BIGINT/HUGEINT become numbers, DECIMAL strings become numbers,
 * so callers never see `bigint` (which JSON.stringify cannot serialize). Queries should
 * still cast in SQL (`::INTEGER`, `::DOUBLE`) so the type is decided where the value is made.
 */
import { type DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate, pendingMigrations } from './schema.ts';
import { transaction } from './transaction.ts';

export { transaction };

export type Params = Record<string, DuckDBValue>;

/**
 * Writes no answer depends on: the audit trail, sessions and users (written on every request
 * when signed in; they must not retire the cache each time).
 */
const BOOKKEEPING_WRITE = /^\s*(INSERT\s+(OR\s+REPLACE\s+)?INTO|UPDATE|DELETE\s+FROM)\s+(audit_log|sessions|users)\b/i;

/** Writes to the tables a session lookup reads (bump `authVersion`, before and after). */
const AUTH_WRITE = /^\s*(INSERT\s+(OR\s+REPLACE\s+)?INTO|UPDATE|DELETE\s+FROM)\s+(sessions|users)\b/i;

/** Statements that only read (the rest bump the data version). */
const READ_STATEMENT = /^\s*(\(\s*)*(SELECT|WITH|DESCRIBE|SHOW|EXPLAIN|PRAGMA|SUMMARIZE|FROM)\b/i;
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

/**
 * One connection inside one read transaction, shared by every query of a snapshot. A DuckDB
 * connection runs one statement at a time, so work on it is queued; work started from inside
 * queued work (a helper that queries again) runs at once instead of waiting for itself.
 */
class PinnedConnection {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly inside = new AsyncLocalStorage<true>();
  constructor(readonly conn: DuckDBConnection) {}

  run<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    if (this.inside.getStore()) return fn(this.conn);
    const next = this.tail.then(() => this.inside.run(true, () => fn(this.conn)));
    this.tail = next.catch(() => undefined);
    return next;
  }
}

export class Database {
  /** Bumped by every change of the data (see `changed`); answers are cached per version. */
  private versionCounter = { value: 0 };
  /** Bumped by every write to sessions or users (cached session lookups check it). */
  private authCounter = { value: 0 };

  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    private readonly pinned: PinnedConnection | null = null,
  ) {}

  /**
   * The data version: a number that changes whenever data that answers depend on may have
   * changed (a commit, an undo, a target or calendar change). Shared with snapshots.
   */
  get version(): number {
    return this.versionCounter.value;
  }

  /** Changes whenever a statement writes to `sessions` or `users` (or any transaction runs). */
  get authVersion(): number {
    return this.authCounter.value;
  }

  /** True for the Database a `snapshot` hands its function. */
  get inSnapshot(): boolean {
    return this.pinned !== null;
  }

  /** Records that the data changed (or is about to): cached answers of older versions are stale. */
  changed(): void {
    this.versionCounter.value++;
  }

  /**
   * Runs `fn` against one committed state: every query made through the Database it is
   * given runs on one connection inside one read transaction, so a commit that lands
   * meanwhile is either wholly seen or not at all (DuckDB's MVCC snapshot). Nested calls
   * reuse the outer snapshot. Writes do not belong in a snapshot.
   */
  async snapshot<T>(fn: (db: Database) => Promise<T>): Promise<T> {
    if (this.pinned) return fn(this);
    const conn = await this.instance.connect();
    try {
      await conn.run('BEGIN TRANSACTION');
      const view = new Database(this.path, this.instance, new PinnedConnection(conn));
      view.versionCounter = this.versionCounter;
      view.authCounter = this.authCounter;
      const out = await fn(view);
      await conn.run('COMMIT');
      return out;
    } catch (e) {
      await conn.run('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      conn.closeSync();
    }
  }

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
    // A read-only command on a file made by an older version: upgrade it first (a writable
    // open migrates; it fails as locked only while a server holds the file, and a server
    // has migrated it at its start), then open it read-only again.
    if (options.readOnly && options.migrate !== false && path !== ':memory:' && (await db.withConnection((c) => pendingMigrations(c))).length > 0) {
      db.close();
      (await Database.open(path)).close();
      return Database.open(path, { ...options, migrate: false });
    }
    return db;
  }

  /** A fresh connection; close it with `closeSync()` (or use `withConnection`). Not in a snapshot. */
  connect(): Promise<DuckDBConnection> {
    if (this.pinned) throw new Error('connect() bypasses the snapshot: use withConnection or query');
    return this.instance.connect();
  }

  async withConnection<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    if (this.pinned) return this.pinned.run(fn);
    const conn = await this.connect();
    try {
      return await fn(conn);
    } finally {
      conn.closeSync();
    }
  }

  /** Runs `fn` inside BEGIN … COMMIT on its own connection; any throw rolls back. */
  async transaction<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    if (this.pinned) throw new Error('a write transaction cannot run inside a read snapshot');
    this.authCounter.value++;
    try {
      return await this.withConnection((conn) => transaction(conn, fn));
    } finally {
      this.changed();
      this.authCounter.value++;
    }
  }

  /** Runs one statement and returns its rows as plain objects. */
  async query<T extends Row = Row>(sql: string, params: Params = {}): Promise<T[]> {
    // A statement that is not a read may change data: cached answers retire (answerCache).
    const write = !READ_STATEMENT.test(sql) && !BOOKKEEPING_WRITE.test(sql);
    const authWrite = AUTH_WRITE.test(sql);
    if (authWrite) this.authCounter.value++;
    try {
      return await this.withConnection((conn) => queryRows<T>(conn, sql, params));
    } finally {
      if (write) this.changed();
      if (authWrite) this.authCounter.value++;
    }
  }

  close(): void {
    if (this.pinned) throw new Error('close the Database, not a snapshot of it');
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
