/**
 * Ingest throughput: our `ingestFile` (pre-scan, text staging, per-row validation with
 * reasons, HMAC of member IDs, dedupe anti-join, next-contact links, one transaction) against
 * DuckDB's bare `CREATE TABLE AS SELECT * FROM read_csv/read_parquet` of the same file, each
 * into a fresh database file on disk. 10M generated contacts (`--quick`: ~1M, the default
 * first-start seed). Inputs are cached in bench-data/.
 */
import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { Database } from '../../server/db/database.ts';
import { ingestFile } from '../../server/ingest/index.ts';
import { DEFAULT_SAMPLE_OPTIONS, writeSampleData } from '../../server/sample-data/index.ts';
import { stopwatch } from '../../server/progress.ts';
import { timeOnce, type Bench } from './harness.ts';

const KEY = Buffer.alloc(32, 1);

function fresh(path: string): string {
  for (const p of [path, `${path}.wal`]) rmSync(p, { force: true });
  return path;
}

async function bareLoad(dbPath: string, reader: string, file: string): Promise<number> {
  const instance = await DuckDBInstance.create(fresh(dbPath));
  const conn = await instance.connect();
  try {
    return await timeOnce(async () => {
      await conn.run(`CREATE TABLE t AS SELECT * FROM ${reader}($path)`, { path: file });
      await conn.run('CHECKPOINT');
    });
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

async function ourIngest(dbPath: string, file: string): Promise<{ ms: number; rows: number }> {
  const db = await Database.open(fresh(dbPath));
  try {
    const t = stopwatch();
    const r = await ingestFile(db, file, { siteTimezone: DEFAULT_SAMPLE_OPTIONS.timezone, hmacKey: KEY });
    await db.query('CHECKPOINT');
    const ms = t.ms();
    if (r.outcome !== 'committed') throw new Error(`bench ingest ${r.outcome}: ${r.message}`);
    return { ms, rows: r.rowsAccepted };
  } finally {
    db.close();
  }
}

export default async function (b: Bench): Promise<void> {
  const scale = b.quick ? 1 : 10;
  const label = b.quick ? '~1M rows' : '~10M rows';
  for (const format of ['csv', 'parquet'] as const) {
    const file = join(b.workDir, `ingest-sample-x${scale}.${format}`);
    if (!existsSync(file)) {
      console.error(`  generating ${file}…`);
      await writeSampleData({ ...DEFAULT_SAMPLE_OPTIONS, scale, out: file });
    }
    const mb = statSync(file).size / 1e6;
    const reader = format === 'csv' ? 'read_csv' : 'read_parquet';
    const bareMs = await bareLoad(join(b.workDir, 'ingest-bare.duckdb'), reader, file);
    const ours = await ourIngest(join(b.workDir, 'ingest-ours.duckdb'), file);
    const name = format.toUpperCase();
    b.record(`bare DuckDB load ${name}`, ours.rows / (bareMs / 1000), 'rows/s', `${label}, ${mb.toFixed(0)} MB, CTAS ${reader}`);
    b.record(`ingest ${name}`, ours.rows / (ours.ms / 1000), 'rows/s', `${label}, all validation, one transaction`);
    b.record(`ingest ${name} time`, ours.ms / 1000, 's', label);
    b.record(`ingest ${name} / bare load`, ours.ms / bareMs, '×', 'aim ≤ 2');
  }
  for (const p of ['ingest-bare.duckdb', 'ingest-ours.duckdb']) fresh(join(b.workDir, p));
}
