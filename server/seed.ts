/**
 * First start: an empty database is filled with the default generated sample data set, so
 * the dashboard has something real to show. The file is generated to a temporary folder
 * and ingested through the normal ingest path (validation, pseudonyms, derivations).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { ingestFile } from './ingest/index.ts';
import { DEFAULT_SAMPLE_OPTIONS, writeSampleData } from './sample-data/index.ts';
import { ProgressBar, stopwatch } from './progress.ts';

export async function seedIfEmpty(db: Database, config: Config, hmacKey: Buffer, log: (line: string) => void): Promise<void> {
  const [row] = await db.query<{ n: number }>('SELECT (SELECT count(*) FROM contacts) + (SELECT count(*) FROM ingest_batches) AS n');
  if (Number(row!.n) > 0) return;
  const started = stopwatch();
  log(`Empty database ${config.dbPath}: seeding ${config.sampleDays} days of generated sample data (first start only).`);
  const dir = mkdtempSync(join(tmpdir(), 'staffcast-seed-'));
  try {
    const out = join(dir, 'sample-contacts.csv');
    const generating = new ProgressBar('generating', log);
    const generated = await writeSampleData({
      ...DEFAULT_SAMPLE_OPTIONS,
      days: config.sampleDays,
      timezone: config.timezone,
      out,
      onProgress: (done, total) => generating.update(done / total),
    });
    generating.done(`${generated.rows.toLocaleString('en-US')} contacts`);
    const ingesting = new ProgressBar('ingesting', log);
    const result = await ingestFile(db, out, {
      source: 'sample-data',
      fileName: 'sample-contacts.csv',
      siteTimezone: config.timezone,
      hmacKey,
      onProgress: (_rows, bytes, total) => ingesting.update(total ? bytes / total : 0),
    });
    ingesting.done(`${result.rowsAccepted.toLocaleString('en-US')} accepted, ${result.rowsRejected} rejected`);
    if (result.outcome !== 'committed') throw new Error(`seeding failed: ${result.message ?? result.outcome}`);
    log(`Seeded in ${started.seconds()} s.`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
