/**
 * CSV -> Parquet through an in-memory DuckDB, with every column typed explicitly (never
 * sniffed): TIMESTAMPTZ for instants, DOUBLE for seconds, TINYINT for tier and scores,
 * BOOLEAN for flags. One thread and insertion order kept, so the same CSV gives the same
 * Parquet bytes. The temporary CSV is removed afterwards, also on failure.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { rmSync } from 'node:fs';

const COLUMN_TYPES: [string, string][] = [
  ['contact_id', 'VARCHAR'],
  ['queue', 'VARCHAR'],
  ['channel', 'VARCHAR'],
  ['plan', 'VARCHAR'],
  ['state', 'VARCHAR'],
  ['tier', 'TINYINT'],
  ['reason', 'VARCHAR'],
  ['offered_at', 'TIMESTAMPTZ'],
  ['answered_at', 'TIMESTAMPTZ'],
  ['ended_at', 'TIMESTAMPTZ'],
  ['talk_s', 'DOUBLE'],
  ['hold_s', 'DOUBLE'],
  ['acw_s', 'DOUBLE'],
  ['agent_id', 'VARCHAR'],
  ['member_id', 'VARCHAR'],
  ['transferred', 'BOOLEAN'],
  ['ivr_contained', 'BOOLEAN'],
  ['resolved', 'BOOLEAN'],
  ['csat', 'TINYINT'],
  ['nps', 'TINYINT'],
];

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

export async function csvToParquet(csvPath: string, parquetPath: string): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  try {
    const conn = await instance.connect();
    try {
      // The file is ours: header and column order are known, so reading every column as
      // text and casting here leaves nothing to DuckDB's sniffer.
      const columns = COLUMN_TYPES.map(([n]) => `${sqlString(n)}: 'VARCHAR'`).join(', ');
      const select = COLUMN_TYPES.map(([n, t]) => `NULLIF(${n}, '')::${t} AS ${n}`).join(', ');
      await conn.run(
        `COPY (SELECT ${select} FROM read_csv(${sqlString(csvPath)}, header = true, auto_detect = false, ` +
          `delim = ',', quote = '"', escape = '"', new_line = '\\n', columns = {${columns}})) ` +
          `TO ${sqlString(parquetPath)} (FORMAT parquet, COMPRESSION zstd)`,
      );
    } finally {
      conn.closeSync();
    }
  } finally {
    instance.closeSync();
    rmSync(csvPath, { force: true });
  }
}
