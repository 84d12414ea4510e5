/**
 * Reading one file into the staging table `ingest_parsed`: the reader subquery of a CSV or
 * Parquet file (every value as text, an explicit dialect), the one statement that reads and
 * parses it (./ingest-parse.ts), the rows that need a declared time zone, and dropping the
 * ingest's staging tables. Identifiers are canonical column names or generated positions
 * (`c0`, `c1`, …), never text from the file.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../database.ts';
import { buildParseSql, NAIVE_ROWS_SQL } from './ingest-parse.ts';

const q = (name: string) => `"${name}"`;

export interface CsvStageOptions {
  /** Number of columns in the file's header. */
  fileColumns: number;
  /** canonical name -> 0-based column position */
  position: ReadonlyMap<string, number>;
  newLine: '\n' | '\r\n';
  /** A repaired copy (csv-scan.ts) carries the original row number as an extra last column. */
  repaired: boolean;
  maxLineBytes: number;
}

/**
 * The reader subquery of a CSV file: every value as text (`__rn` plus one VARCHAR per
 * canonical column), with an explicit dialect — never sniffed.
 */
export function csvReaderSql(o: CsvStageOptions): string {
  const n = o.fileColumns + (o.repaired ? 1 : 0);
  const cols = Array.from({ length: n }, (_, i) => `'c${i}': 'VARCHAR'`).join(', ');
  const pick = [...o.position].map(([name, at]) => `c${at} AS ${q(name)}`);
  // Row numbers: the repaired copy carries them; otherwise the parsed table's insertion
  // order gives them (rnSql).
  const rn = o.repaired ? `CAST(c${o.fileColumns} AS BIGINT)` : 'NULL::BIGINT';
  // DuckDB 1.5.6 reads 0 rows from a CRLF file when told new_line = '\r\n' (measured), so
  // CRLF is left to its detection; the caller checks the row count against its own scan.
  const newLine = o.newLine === '\r\n' ? '' : String.raw`new_line = '\n',`;
  return `(SELECT ${rn} AS __rn, ${pick.join(', ')}
     FROM read_csv($path, header = true, delim = ',', quote = '"', escape = '"', ${newLine}
       auto_detect = false, strict_mode = true, all_varchar = true, null_padding = false,
       max_line_size = ${Math.floor(o.maxLineBytes)}, encoding = 'utf-8', columns = {${cols}}))`;
}

/**
 * The reader subquery of a Parquet file. Every column is read: the unused ones are hashed
 * into `__check` (kept in the result), since a projection would skip corrupt pages in them.
 */
export function parquetReaderSql(fileColumns: number, position: ReadonlyMap<string, number>): { sql: string; carry: string[] } {
  const pick = [...position].map(([name, at]) => `CAST(#${at + 1} AS VARCHAR) AS ${q(name)}`);
  const used = new Set(position.values());
  const unused = Array.from({ length: fileColumns }, (_, i) => i).filter((i) => !used.has(i));
  const check = unused.length ? `, hash(${unused.map((i) => `#${i + 1}`).join(', ')}) AS __check` : '';
  return {
    sql: `(SELECT NULL::BIGINT AS __rn, ${pick.join(', ')}${check} FROM read_parquet($path))`,
    carry: unused.length ? ['__check'] : [],
  };
}

/** Column names of a Parquet file, in order (from the reader's own schema). */
/** The columns of a Parquet file with DuckDB's name of their type (`VARCHAR`, `BIGINT[]`, `STRUCT(a INTEGER)`). */
export async function parquetSchema(conn: DuckDBConnection, path: string): Promise<{ name: string; type: string }[]> {
  const reader = await conn.runAndReadAll('SELECT * FROM read_parquet($path) LIMIT 0', { path });
  const types = reader.columnTypes();
  return reader.columnNames().map((name, i) => ({ name, type: types[i]!.toString() }));
}

export interface ParseParams {
  /** Declared zone of offset-less timestamps, or null. */
  tz: string | null;
  latest: string;
}

/**
 * Reads and parses a file in one statement into TEMP `ingest_parsed` (see ingest-parse.ts);
 * returns the number of rows read.
 */
export async function readAndParse(conn: DuckDBConnection, path: string, reader: { sql: string; carry?: string[] }, present: ReadonlySet<string>, p: ParseParams): Promise<number> {
  await conn.run(buildParseSql(present, reader.sql, reader.carry ?? []), {
    path,
    tz: p.tz,
    latest: p.latest,
  });
  const [r] = await queryRows<{ n: number }>(conn, 'SELECT count(*)::INTEGER AS n FROM ingest_parsed');
  return r!.n;
}

/**
 * Rows that need a declared time zone (a valid time without UTC offset; rows rejected for
 * another problem first, such as an impossible time, do not count): the count, and the
 * first 20 in file order with their rule.
 */
export async function naiveRows(conn: DuckDBConnection): Promise<{ count: number; first: { row: number; rule: string }[] }> {
  const [r] = await queryRows<{ n: number; rows: number[]; rules: string[] }>(conn, NAIVE_ROWS_SQL);
  return { count: r!.n, first: r!.rows.map((row, i) => ({ row, rule: r!.rules[i]! })) };
}

/** Drops every staging table of the ingest (they are TEMP: only this connection sees them). */
export async function dropStaging(conn: DuckDBConnection): Promise<void> {
  for (const t of ['ingest_parsed', 'ingest_member_raw', 'ingest_members', 'ingest_plan', 'ingest_new_rows', 'ingest_touched', 'ingest_new', 'ingest_local', 'ingest_structural']) {
    await conn.run(`DROP TABLE IF EXISTS temp.main.${t}`);
  }
}
