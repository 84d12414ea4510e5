import type { RefusalCode, RefusalRow } from '../db/queries/ingest-batches.ts';

/**
 * A whole file refused: nothing from it is committed. The message is shown to the user (in
 * the browser too: it names no command-line flag) and stored on the batch row with the
 * code and the rows that caused it, so it names the problem (rule, line or row number,
 * column name) and never quotes a value from the file (values may be PHI).
 */
export class IngestRefusal extends Error {
  constructor(
    readonly code: RefusalCode,
    message: string,
    /** The first rows that caused the refusal (row number, line, rule), if any. */
    readonly rows: readonly RefusalRow[] = [],
    /** How many rows caused it in all (rows lists at most the first few). */
    readonly rowCount: number = rows.length,
  ) {
    super(message);
    this.name = 'IngestRefusal';
  }
}

/**
 * DuckDB's error messages quote the offending line ("Original Line: …"), which is PHI. Keep
 * only the error class and, when present, the line number; drop everything else.
 */
export function sanitizeEngineError(e: unknown): string {
  if (e instanceof IngestInvariantError) return e.message;
  const text = e instanceof Error ? e.message : String(e);
  const kind = /^([A-Za-z ]+ Error)/.exec(text)?.[1] ?? 'error';
  const line = /(?:on Line|line)[: ]+(\d+)/i.exec(text)?.[1];
  return `${kind.toLowerCase()}${line ? ` at line ${line}` : ''}`;
}

/** A broken invariant of our own (counts that do not add up): its message holds no data. */
export class IngestInvariantError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IngestInvariantError';
  }
}

/**
 * The database's disk is full (or its quota reached): nothing was committed, the batch is
 * recorded as failed when there is room for that row, and the user is told to free space.
 */
export class IngestStorageError extends Error {
  constructor(fileName: string) {
    super(`the database disk is full (no space left on device): nothing from ${fileName} was loaded and the batch is recorded as failed; free space on the database's disk and send the file again`);
    this.name = 'IngestStorageError';
  }
}
