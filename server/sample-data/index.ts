/**
 * The sample-data generator's public face: options, validation, the contacts as an
 * iterable, and the writer the CLI, the server's first-start seeding and the benchmarks
 * call. See docs/sample-data.md for what is modelled.
 */
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { extname } from 'node:path';
import { isValidTimeZone, parseDate } from '../wfm/timezone.ts';
import { intervalIso, type DayCalendar } from './days.ts';
import { CONTACT_COLUMNS, ContactSimulator, type SampleContact } from './generate.ts';
import { CHANNELS, QUEUES } from './model.ts';

export type { SampleContact } from './generate.ts';
export { CONTACT_COLUMNS } from './generate.ts';

export interface SampleDataOptions {
  /** Days of history, ending on `endDate` inclusive. */
  days: number;
  seed: number;
  /** Last day of data, inclusive, `YYYY-MM-DD` (fixed, never the clock). */
  endDate: string;
  /** Site time zone: opening hours and intervals are local to it. */
  timezone: string;
  /** Volume multiplier: 1 ≈ 1M contacts for 800 days; benchmarks use 10 for 10M rows. */
  scale?: number;
}

export const DEFAULT_SAMPLE_OPTIONS: SampleDataOptions = {
  days: 800,
  seed: 42,
  endDate: '2026-11-15',
  timezone: 'America/Los_Angeles',
  scale: 1,
};

export const MAX_DAYS = 10_000;
export const MAX_SCALE = 100;

/** The first thing wrong with the options, naming the option, or null when they are usable. */
export function sampleOptionsProblem(o: SampleDataOptions): { field: keyof SampleDataOptions; problem: string } | null {
  if (!Number.isInteger(o.days) || o.days < 1 || o.days > MAX_DAYS) {
    return { field: 'days', problem: `${o.days} is not a whole number from 1 to ${MAX_DAYS}` };
  }
  if (!Number.isSafeInteger(o.seed) || o.seed < 0) {
    return { field: 'seed', problem: `${o.seed} is not a whole number ≥ 0` };
  }
  if (typeof o.endDate !== 'string' || !parseDate(o.endDate)) {
    return { field: 'endDate', problem: `${o.endDate} is not a date YYYY-MM-DD` };
  }
  if (typeof o.timezone !== 'string' || !isValidTimeZone(o.timezone)) {
    return { field: 'timezone', problem: `${o.timezone} is not an IANA time zone` };
  }
  const scale = o.scale ?? 1;
  if (!Number.isFinite(scale) || scale <= 0 || scale > MAX_SCALE) {
    return { field: 'scale', problem: `${scale} is not a number above 0 and at most ${MAX_SCALE}` };
  }
  return null;
}

function assertOptions(o: SampleDataOptions): void {
  const p = sampleOptionsProblem(o);
  if (p) throw new Error(`invalid ${p.field}: ${p.problem}`);
}

/**
 * The contacts themselves, day by day, in offered order (deterministic for a seed). The
 * options are checked at once; the contacts are made lazily as the iterable is consumed.
 */
export function generateContacts(options: SampleDataOptions): Iterable<SampleContact> {
  assertOptions(options);
  return contactsOf(options);
}

function* contactsOf(options: SampleDataOptions): Generator<SampleContact> {
  for (const day of new ContactSimulator(options).run()) yield* day.contacts;
}

const opt = (v: string | number | boolean | null) => (v === null ? '' : String(v));

/**
 * One CSV line of a generated contact. No field can need quoting: the text values come
 * from the model's fixed vocabularies (checked in model.test) or are generated ids.
 */
export function contactLine(c: SampleContact): string {
  return (
    c.contact_id +
    ',' +
    c.queue +
    ',' +
    c.channel +
    ',' +
    c.plan +
    ',' +
    c.state +
    ',' +
    c.tier +
    ',' +
    c.reason +
    ',' +
    c.offered_at +
    ',' +
    opt(c.answered_at) +
    ',' +
    opt(c.ended_at) +
    ',' +
    opt(c.talk_s) +
    ',' +
    opt(c.hold_s) +
    ',' +
    opt(c.acw_s) +
    ',' +
    opt(c.agent_id) +
    ',' +
    opt(c.member_id) +
    ',' +
    opt(c.transferred) +
    ',' +
    c.ivr_contained +
    ',' +
    opt(c.resolved) +
    ',' +
    opt(c.csat) +
    ',' +
    opt(c.nps) +
    '\n'
  );
}

export type OutputFormat = 'csv' | 'parquet';

/** The format implied by a file name, or null. */
export function formatOf(path: string): OutputFormat | null {
  const ext = extname(path).toLowerCase();
  return ext === '.csv' ? 'csv' : ext === '.parquet' ? 'parquet' : null;
}

/**
 * Writes the contacts to `out` (CSV or Parquet by extension) and optionally the expected
 * arrival rates per queue x channel x local 30-min interval to `expectedOut` (CSV:
 * queue,channel,period,expected_arrivals; intervals with a zero rate are left out).
 * Streams day by day, so memory stays flat at any scale.
 */
export async function writeSampleData(
  options: SampleDataOptions & {
    out: string;
    expectedOut?: string;
    onProgress?: (doneDays: number, totalDays: number) => void;
  },
): Promise<{ rows: number; out: string }> {
  assertOptions(options);
  const format = formatOf(options.out);
  if (!format) throw new Error(`invalid out: ${options.out} does not end in .csv or .parquet`);
  const csvPath = format === 'csv' ? options.out : `${options.out}.tmp-${process.pid}.csv`;
  const fd = openSync(csvPath, 'w');
  const efd = options.expectedOut ? openSync(options.expectedOut, 'w') : null;
  let rows = 0;
  try {
    writeSync(fd, CONTACT_COLUMNS.join(',') + '\n');
    if (efd !== null) writeSync(efd, 'queue,channel,period,expected_arrivals\n');
    const sim = new ContactSimulator(options);
    const buffer = Buffer.allocUnsafe(1 << 22);
    let done = 0;
    for (const day of sim.run()) {
      // Lines are ASCII: copied into one reused buffer as latin1 and written once a day,
      // which avoids building and re-encoding a day-long string.
      let used = 0;
      for (const c of day.contacts) {
        const line = contactLine(c);
        if (used + line.length > buffer.length) {
          writeSync(fd, buffer, 0, used);
          used = 0;
        }
        used += buffer.write(line, used, 'latin1');
      }
      writeSync(fd, buffer, 0, used);
      rows += day.contacts.length;
      if (efd !== null) writeSync(efd, expectedLines(day.calendar, day.rates));
      options.onProgress?.(++done, sim.dates.length);
    }
  } catch (e) {
    if (format === 'parquet') rmSync(csvPath, { force: true });
    throw e;
  } finally {
    closeSync(fd);
    if (efd !== null) closeSync(efd);
  }
  if (format === 'parquet') {
    // DuckDB is loaded only for Parquet, so `staffcast sample-data --help` starts fast.
    const { csvToParquet } = await import('./parquet.ts');
    await csvToParquet(csvPath, options.out); // removes the temporary CSV
  }
  return { rows, out: options.out };
}

function expectedLines(cal: DayCalendar, rates: Float64Array[][]): string {
  let out = '';
  for (let i = 0; i < cal.starts.length; i++) {
    let period: string | null = null;
    for (let q = 0; q < QUEUES.length; q++) {
      for (let c = 0; c < CHANNELS.length; c++) {
        const r = rates[q]![c]![i]!;
        if (r <= 0) continue;
        period ??= intervalIso(cal, i);
        out += `${QUEUES[q]!.name},${CHANNELS[c]},${period},${r.toFixed(4)}\n`;
      }
    }
  }
  return out;
}
