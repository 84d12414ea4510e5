/**
 * KPI query times on generated contacts (10 M; `--quick`: 1 M), in a database file on disk
 * built once through the real ingest and kept in bench-data/ between runs.
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Database } from '../../server/db/database.ts';
import { ingestFile } from '../../server/ingest/index.ts';
import { parseKpiParams } from '../../server/kpi/params.ts';
import { kpiRows, scorecard } from '../../server/kpi/service.ts';
import { DEFAULT_SAMPLE_OPTIONS, writeSampleData } from '../../server/sample-data/index.ts';
import { timeBest, timeOnce, type Bench } from './harness.ts';
import { ensureDailyRollup } from '../../server/db/queries/dailyRollup.ts';

export const TZ = 'America/Los_Angeles';

/**
 * The bench database of generated contacts (10 M; `--quick`: 1 M), made once through the
 * real ingest and kept in bench-data/; its path. Shared with the capacity bench.
 */
export async function kpisDatabase(b: Bench): Promise<string> {
  const scale = b.quick ? 1 : 10;
  const dbPath = join(b.workDir, `kpis-x${scale}.duckdb`);
  if (!existsSync(dbPath)) {
    const csv = join(b.workDir, `ingest-sample-x${scale}.csv`); // shared with the ingest bench
    if (!existsSync(csv)) await writeSampleData({ ...DEFAULT_SAMPLE_OPTIONS, scale, out: csv });
    const db = await Database.open(dbPath + '.tmp');
    const result = await ingestFile(db, csv, { siteTimezone: TZ, hmacKey: Buffer.alloc(32, 3), source: 'bench' });
    db.close();
    if (result.outcome !== 'committed') throw new Error(`bench ingest failed: ${result.message}`);
    rmSync(dbPath, { force: true });
    (await import('node:fs')).renameSync(dbPath + '.tmp', dbPath);
  }
  return dbPath;
}

export default async function kpis(b: Bench): Promise<void> {
  const dbPath = await kpisDatabase(b);
  const db = await Database.open(dbPath); // migrates an older bench database
  try {
    const rebuilt = await timeOnce(() => db.withConnection(ensureDailyRollup));
    if (rebuilt > 50) b.record('daily rollup, full rebuild', rebuilt, 'ms', 'first open of a database without it');
    const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::DOUBLE AS n FROM contacts');
    const note = `${(n / 1e6).toFixed(1)} M contacts`;
    const [{ last }] = await db.query<{ last: string }>("SELECT strftime(max(local_date), '%Y-%m-%d') AS last FROM contacts");
    // The last full calendar month of the data.
    const monthTo = `${last.slice(0, 7)}-01`;
    const prev = new Date(Date.UTC(Number(last.slice(0, 4)), Number(last.slice(5, 7)) - 2, 1));
    const monthFrom = prev.toISOString().slice(0, 10);
    const run =
      (raw: Record<string, string>, percentiles = true) =>
      () =>
        kpiRows(db, parseKpiParams(raw), TZ, { percentiles });

    const contactsOnly = { 'sl-seconds': '20.5' }; // a non-default threshold: the rollup cannot serve it
    b.record('day × queue, full history, from contacts only', await timeBest(run({ by: 'day', group: 'queue', ...contactsOnly }, false), 3), 'ms', 'the same query without the rollup');
    b.record('day × queue, full history, no percentiles', await timeBest(run({ by: 'day', group: 'queue' }, false), 3), 'ms', note);
    b.record('day × queue, full history, with wait p50/p90', await timeBest(run({ by: 'day', group: 'queue' }), 3), 'ms', note);
    b.record('scorecard (28 days + previous 28, by queue)', await timeBest(() => scorecard(db, parseKpiParams({ group: 'queue' }), TZ), 3), 'ms', note);
    b.record('interval30 × queue, one month', await timeBest(run({ by: 'interval30', group: 'queue', from: monthFrom, to: monthTo }), 3), 'ms', `${monthFrom} to ${monthTo} (exclusive)`);
    b.record('interval30 × queue, one month, no percentiles', await timeBest(run({ by: 'interval30', group: 'queue', from: monthFrom, to: monthTo }, false), 3), 'ms');
    b.record('interval15 × queue, one month', await timeBest(run({ by: 'interval15', group: 'queue', from: monthFrom, to: monthTo }), 3), 'ms');
  } finally {
    db.close();
  }
}
