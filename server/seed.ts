/**
 * First start: an empty database is filled with the default generated sample data set, so
 * the dashboard has something real to show. The file is generated to a temporary folder
 * and ingested through the normal ingest path (validation, pseudonyms, derivations). The
 * sample case log follows the same way (server/cases/ingest.ts); a database seeded before
 * cases existed gets its sample case log at the next start, as long as its contacts are the
 * sample ones and it holds no case log yet.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { ingestCaseFile } from './cases/ingest.ts';
import { ingestFile } from './ingest/index.ts';
import { writeSampleCases } from './sample-data/cases.ts';
import { DEFAULT_SAMPLE_OPTIONS, writeSampleData } from './sample-data/index.ts';
import { ProgressBar, stopwatch } from './progress.ts';

export async function seedIfEmpty(db: Database, config: Config, hmacKey: Buffer, log: (line: string) => void): Promise<void> {
  const [row] = await db.query<{ n: number }>('SELECT (SELECT count(*) FROM contacts) + (SELECT count(*) FROM ingest_batches) AS n');
  if (Number(row!.n) > 0) {
    await seedSampleCasesIfMissing(db, config, hmacKey, log);
    return;
  }
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
      loadedBy: 'sample-data',
      siteTimezone: config.timezone,
      hmacKey,
      onProgress: (_rows, bytes, total) => ingesting.update(total ? bytes / total : 0),
    });
    ingesting.done(`${result.rowsAccepted.toLocaleString('en-US')} accepted, ${result.rowsRejected} rejected`);
    if (result.outcome !== 'committed') throw new Error(`seeding failed: ${result.message ?? result.outcome}`);
    await seedSampleCases(db, config, hmacKey, log, dir);
    log(`Seeded in ${started.seconds()} s.`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The sample case log for a database whose contacts are the sample ones and which has no case log. */
async function seedSampleCasesIfMissing(db: Database, config: Config, hmacKey: Buffer, log: (line: string) => void): Promise<void> {
  const [r] = await db.query<{ sample: boolean; cases: number }>(
    "SELECT EXISTS (SELECT 1 FROM ingest_batches WHERE source = 'sample-data' AND outcome = 'committed') AS sample, (SELECT count(*) FROM case_batches)::INTEGER AS cases",
  );
  if (!r!.sample || r!.cases > 0) return;
  const dir = mkdtempSync(join(tmpdir(), 'staffcast-seed-'));
  try {
    await seedSampleCases(db, config, hmacKey, log, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function seedSampleCases(db: Database, config: Config, hmacKey: Buffer, log: (line: string) => void, dir: string): Promise<void> {
  const out = join(dir, 'sample-cases.csv');
  const generated = writeSampleCases({ ...DEFAULT_SAMPLE_OPTIONS, days: config.sampleDays, timezone: config.timezone, out });
  const result = await ingestCaseFile(db, out, { source: 'sample-data', fileName: 'sample-cases.csv', hmacKey });
  if (result.outcome !== 'committed') throw new Error(`seeding the case log failed: ${result.message ?? result.outcome}`);
  log(`Case log: ${generated.rows.toLocaleString('en-US')} sample cases (appeals, grievances, claim research, escalations) ingested.`);
}
