/**
 * The daily rollup gives the same KPI sums as the contact rows wherever the KPI query uses
 * it: on the hand-made fixture, and on generated data ingested in several overlapping
 * batches (each ingest refreshes only the days it touched).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Database, type Row } from '../../server/db/database.ts';
import { dailyRollupIsCurrent, ensureDailyRollup } from '../../server/db/queries/dailyRollup.ts';
import { ANSWERED, SUM_NAMES, SUMS, type SumDef } from '../../server/db/queries/kpiSums.ts';
import { buildKpiSumsSql, queryKpiSums, queryLatestOfferedUs, rollupFor, type KpiSumsQuery } from '../../server/db/queries/kpis.ts';
import { ingestFile } from '../../server/ingest/index.ts';
import { parseKpiParams } from '../../server/kpi/params.ts';
import { writeSampleData } from '../../server/sample-data/index.ts';
import { loadContactsDirect } from '../helpers/loadContactsDirect.ts';

const TZ = 'America/Los_Angeles';
const FIXTURE = new URL('../fixtures/kpi-fixture.csv', import.meta.url).pathname;

const QUERIES: Record<string, string>[] = [
  {},
  { group: 'queue' },
  { by: 'day', group: 'queue,channel' },
  { by: 'week', group: 'plan,state,tier' },
  { by: 'month', where: 'channel=voice|chat' },
  { by: 'quarter', group: 'channel', where: 'tier=1' },
  { by: 'day', 'fcr-same-reason': 'true', 'sl-variant': 'answered_of_answered' },
  { from: '2025-06-03', to: '2025-06-11', by: 'day', group: 'queue' },
  { by: 'interval30', group: 'queue' },
  { from: '2025-06-02', to: '2025-06-07', by: 'interval15', group: 'channel', where: 'queue=medicaid' },
];

async function query(db: Database, raw: Record<string, string>): Promise<KpiSumsQuery> {
  return { ...parseKpiParams(raw), timezone: TZ, percentiles: false, latestOfferedUs: await queryLatestOfferedUs(db) };
}

/** Sums straight from the contacts, bypassing the rollup. */
async function fromContacts(db: Database, q: KpiSumsQuery): Promise<Row[]> {
  const { sql, params } = buildKpiSumsSql(q);
  return db.query(sql, params);
}

/** Counts equal; sums of seconds equal to 1e-9 relative (they add in another order). */
function expectSameSums(actualRows: object[], expected: Row[]): void {
  const actual = actualRows as Row[];
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, i) => {
    for (const [k, v] of Object.entries(expected[i]!)) {
      if (typeof v === 'number' && !Number.isInteger(v)) expect(row[k] as number).toBeCloseTo(v, 6);
      else expect([k, row[k]]).toEqual([k, v]);
    }
  });
}

describe('which queries the rollup serves', () => {
  it('days up to the latest offered_at minus the FCR window, default thresholds only', async () => {
    const db = await Database.open(':memory:');
    await loadContactsDirect(db, FIXTURE, TZ);
    // latest offered_at: 2025-06-12 12:00 PDT; minus 7 days: 2025-06-05 12:00 → cutoff day 06-05
    expect(rollupFor(await query(db, { by: 'day' }))).toEqual({ rollup: 'daily', cutoff: '2025-06-05' });
    expect(rollupFor(await query(db, { by: 'interval15', where: 'queue=medicaid' }))).toEqual({ rollup: 'interval', cutoff: '2025-06-05' });
    const needContacts: Record<string, string>[] = [{ by: 'hour' }, { by: 'interval30', group: 'plan' }, { 'sl-seconds': '30' }, { 'fcr-days': '3' }, { group: 'reason' }, { where: 'reason=claims' }];
    for (const raw of needContacts) {
      expect(rollupFor(await query(db, raw))).toBeNull();
    }
    expect(rollupFor({ ...(await query(db, {})), percentiles: true })).toBeNull();
    db.close();
  });
});

describe('rollup sums equal contact sums', () => {
  it('on the hand-made fixture', async () => {
    const db = await Database.open(':memory:');
    await loadContactsDirect(db, FIXTURE, TZ);
    await db.withConnection(ensureDailyRollup);
    const [{ n }] = (await db.query('SELECT count(*)::INTEGER AS n FROM daily_rollup')) as { n: number }[];
    expect(n).toBeGreaterThan(0);
    for (const raw of QUERIES) {
      const q = await query(db, raw);
      expectSameSums(await queryKpiSums(db, q), await fromContacts(db, q));
    }
    db.close();
  });

  it('on generated data ingested in overlapping batches, refreshed per batch', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'staffcast-rollup-'));
    const all = join(dir, 'all.csv');
    await writeSampleData({ days: 28, seed: 7, endDate: '2026-11-15', timezone: TZ, scale: 0.1, out: all });
    // Three files: days 1–16, days 12–28 (overlapping: repeats are skipped), and the whole.
    const [header, ...lines] = readFileSync(all, 'utf8').trimEnd().split('\n');
    const day = (l: string) => l.split(',')[7]!.slice(0, 10); // offered_at (UTC date is enough to split)
    const dates = [...new Set(lines.map(day))].sort();
    const part = (from: string, to: string, name: string) => {
      const f = join(dir, name);
      writeFileSync(f, [header, ...lines.filter((l) => day(l) >= from && day(l) <= to)].join('\n') + '\n');
      return f;
    };
    const files = [part(dates[0]!, dates[15]!, 'a.csv'), part(dates[11]!, dates.at(-1)!, 'b.csv'), all];
    const db = await Database.open(':memory:');
    await db.withConnection(ensureDailyRollup);
    for (const f of files) {
      const r = await ingestFile(db, f, { siteTimezone: TZ, hmacKey: Buffer.alloc(32, 9), source: 'gen' });
      expect(r.outcome).toBe('committed');
      for (const raw of [{ by: 'day', group: 'queue,channel' }, { by: 'week', group: 'plan,tier' }, {}, { by: 'interval30', group: 'queue,channel' }] as Record<string, string>[]) {
        const q = await query(db, raw);
        expect(rollupFor(q)).not.toBeNull();
        expectSameSums(await queryKpiSums(db, q), await fromContacts(db, q));
      }
    }
    db.close();
  });

  it('after a batch that replaced a contact with one on another day (full rebuild)', async () => {
    const db = await Database.open(':memory:');
    await db.withConnection(ensureDailyRollup);
    const key = { siteTimezone: TZ, hmacKey: Buffer.alloc(32, 9) };
    expect((await ingestFile(db, FIXTURE, key)).outcome).toBe('committed');
    // A10 (member M5, whose other contact is on 06-12) moves from Monday 06-02 to Wednesday
    // 06-04: no day of the batch's members is 06-02, yet the rollup's 06-02 must lose it.
    const dir = mkdtempSync(join(tmpdir(), 'staffcast-rollup-'));
    const moved = join(dir, 'moved.csv');
    const [header, ...rows] = readFileSync(FIXTURE, 'utf8').trimEnd().split('\n');
    writeFileSync(moved, [header, ...rows.filter((r) => r.startsWith('A10,')).map((r) => r.replaceAll('2025-06-02T10:31', '2025-06-04T10:31'))].join('\n') + '\n');
    const r = await ingestFile(db, moved, { ...key, replace: true });
    expect([r.outcome, r.rowsAccepted]).toEqual(['committed', 1]);
    for (const raw of QUERIES) {
      const q = await query(db, raw);
      expectSameSums(await queryKpiSums(db, q), await fromContacts(db, q));
    }
    db.close();
  });
});

describe('a sum added to the list of KPI sums', () => {
  it('is built into the rollups and read back from them, agreeing with the contacts', async () => {
    const list = SUMS as unknown as Record<string, SumDef>;
    list.testHoldSum = { of: 'hold of answered contacts, s', sql: () => `sum(hold_s) FILTER (WHERE ${ANSWERED})` };
    const db = await Database.open(':memory:');
    try {
      await loadContactsDirect(db, FIXTURE, TZ);
      await db.withConnection(ensureDailyRollup);
      for (const raw of QUERIES) {
        const q = await query(db, raw);
        expectSameSums(await queryKpiSums(db, q), await fromContacts(db, q));
      }
      // hold of the answered fixture contacts: A01 30 + A07 60 + A10 10 + B01 100 = 200 s;
      // the query takes days up to 06-05 from the rollup and the rest from the contacts
      const q = await query(db, {});
      expect(rollupFor(q)).not.toBeNull();
      const [row] = (await queryKpiSums(db, q)) as unknown as Record<string, number>[];
      expect(row!.testHoldSum).toBe(200);
      const [rolled] = await db.query<{ h: number }>('SELECT sum("testHoldSum")::DOUBLE AS h FROM daily_rollup');
      expect(rolled!.h).toBe(200);
    } finally {
      delete list.testHoldSum;
      db.close();
    }
  });
});

describe('a rollup built by an older definition', () => {
  it('is made anew at start with the current columns, and serves queries again', async () => {
    const db = await Database.open(':memory:');
    await loadContactsDirect(db, FIXTURE, TZ);
    // What a database of the fixed definition holds: a table without today's columns and
    // the old version number ('2').
    await db.query(`CREATE TABLE daily_rollup AS SELECT local_date, queue, count(*)::DOUBLE AS offered FROM contacts GROUP BY ALL`);
    await db.query(`CREATE TABLE interval_rollup AS SELECT local_date, interval15, interval30, queue, channel FROM contacts LIMIT 0`);
    await db.query(`INSERT OR REPLACE INTO settings VALUES ('daily_rollup_version', '2')`);
    const q = await query(db, { by: 'day', group: 'queue' });
    expect(await db.withConnection(dailyRollupIsCurrent)).toBe(false); // so queries read the contacts
    await db.withConnection(ensureDailyRollup);
    expect(await db.withConnection(dailyRollupIsCurrent)).toBe(true);
    const columns = (await db.query<{ name: string }>(`SELECT column_name AS name FROM information_schema.columns WHERE table_name = 'daily_rollup'`)).map((r) => r.name);
    expect(columns).toEqual(expect.arrayContaining(['plan', 'tier', ...SUM_NAMES.filter((n) => !n.startsWith('fcr')), 'fcr_member_repeat_same_reason']));
    expectSameSums(await queryKpiSums(db, q), await fromContacts(db, q));
    db.close();
  });
});
