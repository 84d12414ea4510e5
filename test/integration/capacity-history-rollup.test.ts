/**
 * The capacity planner's contact history (GET /api/capacity/history) read from the KPI
 * rollups gives the same rows, and so the same answer, as read from the contact rows
 * (server/db/queries/capacityHistoryRollup.ts): on a hand-made fixture with every case that
 * could tell them apart, and on generated data ingested in overlapping batches, with a
 * replacing batch (a full rebuild) and an undo (days rewritten); on random contact sets in
 * four site zones (fast-check, fixed seed); and on a real call log (the Anonymous Bank,
 * February 1999).
 */
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Database } from '../../server/db/database.ts';
import { capacityHistoryDefaults, contactHistoryByMonth, contactShapeByChannel } from '../../server/db/queries/capacityHistory.ts';
import { contactHistoryByMonthFromRollup, contactShapeByChannelFromRollup } from '../../server/db/queries/capacityHistoryRollup.ts';
import { dailyRollupIsCurrent, ensureDailyRollup } from '../../server/db/queries/dailyRollup.ts';
import { ingestFile } from '../../server/ingest/index.ts';
import { undoBatch } from '../../server/ingest/undo.ts';
import { writeSampleData } from '../../server/sample-data/index.ts';
import type { MonthHistoryRow, ShapeHistoryRow } from '../../server/wfm/capacity/history.ts';
import { loadContactsDirect } from '../helpers/loadContactsDirect.ts';
import { requirePresent, sharedFile } from '../helpers/shared.ts';

const TZ = 'America/Los_Angeles';
const KEY = { siteTimezone: TZ, hmacKey: Buffer.alloc(32, 5) };
const dir = mkdtempSync(join(tmpdir(), 'staffcast-capacity-rollup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEADER = 'contact_id,queue,channel,plan,state,tier,reason,offered_at,answered_at,ended_at,talk_s,hold_s,acw_s,agent_id,member_id,transferred,ivr_contained,resolved,csat,nps';
/**
 * Local times in America/Los_Angeles: PST (UTC−8) until 2025-03-09, PDT (UTC−7) after.
 * 2025-03-03 and 03-31 are Mondays, 03-04 a Tuesday, 04-02 and 04-30 Wednesdays.
 */
const FIXTURE = [
  // c1 Mon 03-03 09:05 PST, voice Tier 1, answered: 300 + 60 + 60 = 420 s; 15-min interval 09:00
  'c1,member-services,voice,medicaid,CA,1,billing,2025-03-03T17:05:00Z,2025-03-03T17:05:10Z,2025-03-03T17:12:10Z,300,60,60,a1,M1,false,false,true,,',
  // c2 Mon 03-03 09:20, another queue and the next 15-min interval (the same 30-min 09:00),
  // voice Tier 2: 600 + 0 + 300.5 = 900.5 s (a binary fraction)
  'c2,pharmacy,voice,medicaid,CA,2,appeal_grievance,2025-03-03T17:20:00Z,2025-03-03T17:20:20Z,2025-03-03T17:35:20Z,600,0,300.5,a2,M2,false,false,true,,',
  // c3 Mon 03-03 09:40, voice Tier 1, abandoned after 30 s: offered, not handled
  'c3,member-services,voice,medicaid,CA,1,billing,2025-03-03T17:40:00Z,,2025-03-03T17:40:30Z,,,,,M3,,false,,,',
  // c4 Tue 03-04 10:00, chat without a tier: 480 + 0 + 120.25 = 600.25 s
  'c4,member-services,chat,medicaid,CA,,billing,2025-03-04T18:00:00Z,2025-03-04T18:00:05Z,2025-03-04T18:10:05Z,480,0,120.25,a1,M4,false,false,true,,',
  // c5 Tue 03-04 10:10, voice Tier 1, answered with 0 s of handle time: flagged, handle_s
  // null, so offered but not handled
  'c5,member-services,voice,medicaid,CA,1,billing,2025-03-04T18:10:00Z,2025-03-04T18:10:05Z,2025-03-04T18:10:10Z,0,0,0,a2,M5,false,false,true,,',
  // c6 Mon 03-31 23:30 PDT (04-01 in UTC: the local month is March), voice Tier 3:
  // 1,000 + 100 + 100 = 1,200 s
  'c6,member-services,voice,medicaid,CA,3,appeal_grievance,2025-04-01T06:30:00Z,2025-04-01T06:30:10Z,2025-04-01T06:50:10Z,1000,100,100,a3,M6,false,false,true,,',
  // c7 Wed 04-02 13:00, email Tier 2: 300 s
  'c7,member-services,email,medicaid,CA,2,claims,2025-04-02T20:00:00Z,2025-04-02T21:00:00Z,2025-04-02T21:05:00Z,300,0,0,a1,M7,false,false,true,,',
  // c8 Wed 04-30 11:00, voice Tier 1, contained in the IVR: not offered. The only contact of
  // 04-30, so April's last date with contacts stays 04-02, and no voice row for Wed 11:00.
  'c8,member-services,voice,medicaid,CA,1,billing,2025-04-30T18:00:00Z,,2025-04-30T18:01:00Z,,,,,M8,,true,,,',
];

/**
 * By local month, channel and tier (chat < email < voice; tiers ascending):
 * March: chat untiered c4 (1 offered, 1 handled, 600.25 s); voice Tier 1 c1, c3, c5 (3 offered,
 * 1 handled: c1 420 s); voice Tier 2 c2 (900.5 s); voice Tier 3 c6 (1,200 s); first date
 * 03-03 (c1), last 03-31 (c6). April: email Tier 2 c7 (300 s), first and last date 04-02 (c8,
 * on 04-30, is IVR-contained).
 */
const MONTHS: MonthHistoryRow[] = [
  { month: '2025-03', channel: 'chat', tier: null, offered: 1, handled: 1, handleSum: 600.25, firstDate: '2025-03-03', lastDate: '2025-03-31' },
  { month: '2025-03', channel: 'voice', tier: 1, offered: 3, handled: 1, handleSum: 420, firstDate: '2025-03-03', lastDate: '2025-03-31' },
  { month: '2025-03', channel: 'voice', tier: 2, offered: 1, handled: 1, handleSum: 900.5, firstDate: '2025-03-03', lastDate: '2025-03-31' },
  { month: '2025-03', channel: 'voice', tier: 3, offered: 1, handled: 1, handleSum: 1200, firstDate: '2025-03-03', lastDate: '2025-03-31' },
  { month: '2025-04', channel: 'email', tier: 2, offered: 1, handled: 1, handleSum: 300, firstDate: '2025-04-02', lastDate: '2025-04-02' },
];

/**
 * By channel, ISO weekday and local 30-minute interval: chat Tue 10:00 (c4); email Wed 13:00
 * (c7); voice Mon 09:00 two (c1, c2: two queues, two 15-minute intervals), Mon 09:30 (c3),
 * Mon 23:30 (c6), Tue 10:00 (c5). c8 is IVR-contained: no row.
 */
const SHAPES: ShapeHistoryRow[] = [
  { channel: 'chat', weekday: 2, time: '10:00', contacts: 1 },
  { channel: 'email', weekday: 3, time: '13:00', contacts: 1 },
  { channel: 'voice', weekday: 1, time: '09:00', contacts: 2 },
  { channel: 'voice', weekday: 1, time: '09:30', contacts: 1 },
  { channel: 'voice', weekday: 1, time: '23:30', contacts: 1 },
  { channel: 'voice', weekday: 2, time: '10:00', contacts: 1 },
];

function writeCsv(name: string, lines: readonly string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${HEADER}\n${lines.join('\n')}\n`);
  return path;
}

/** A fresh database whose rollups are current and kept so by each ingest. */
async function withRollups(): Promise<Database> {
  const db = await Database.open(':memory:');
  await db.withConnection(ensureDailyRollup);
  return db;
}

/** The rollup path and the contact path agree, row for row and in the whole answer. */
async function expectBothPathsAgree(db: Database): Promise<void> {
  expect(await db.withConnection(dailyRollupIsCurrent)).toBe(true);
  expect(await contactHistoryByMonthFromRollup(db)).toEqual(await contactHistoryByMonth(db));
  expect(await contactShapeByChannelFromRollup(db, TZ)).toEqual(await contactShapeByChannel(db, TZ));
  expect(await capacityHistoryDefaults(db, TZ)).toEqual(await capacityHistoryDefaults(db, TZ, 'contacts'));
}

describe('capacity history from the rollups', () => {
  it('gives the hand-checked rows of the fixture, as the contacts do', async () => {
    const db = await withRollups();
    try {
      const r = await ingestFile(db, writeCsv('fixture.csv', FIXTURE), KEY);
      expect([r.outcome, r.rowsAccepted]).toEqual(['committed', 8]);
      expect(await contactHistoryByMonthFromRollup(db)).toEqual(MONTHS);
      expect(await contactHistoryByMonth(db)).toEqual(MONTHS);
      expect(await contactShapeByChannelFromRollup(db, TZ)).toEqual(SHAPES);
      expect(await contactShapeByChannel(db, TZ)).toEqual(SHAPES);
      const h = await capacityHistoryDefaults(db, TZ);
      expect(h).toEqual(await capacityHistoryDefaults(db, TZ, 'contacts'));
      // 7 offered contacts (c8 is contained); voice Tier-1 AHT 420 ÷ 1 handled; Tier 2 (c2, c7)
      // (900.5 + 300) ÷ 2 = 600.25 s; Tier 3 1,200 s.
      expect(h).toMatchObject({ contacts: 7, months: 2, aht: { voice: 420, chat: 600.25, email: null, portal: null }, tier2AhtSeconds: 600.25, tier3AhtSeconds: 1200 });
    } finally {
      db.close();
    }
  });

  it('reads the contacts while the rollups are not current, with the same answer', async () => {
    const db = await Database.open(':memory:');
    try {
      // Written straight into `contacts`: no rollup was ever built (a database whose rollup
      // is of an older definition reads the same way until the next start rebuilds it).
      await loadContactsDirect(db, writeCsv('direct.csv', FIXTURE), TZ);
      expect(await db.withConnection(dailyRollupIsCurrent)).toBe(false);
      const h = await capacityHistoryDefaults(db, TZ);
      expect(h).toEqual(await capacityHistoryDefaults(db, TZ, 'contacts'));
      expect(h.contacts).toBe(7);
    } finally {
      db.close();
    }
  });

  it('agrees with the contacts on generated data: overlapping batches, a replacing batch, an undo', async () => {
    const all = join(dir, 'generated.csv');
    // 75 days: three local months, two of them partial.
    await writeSampleData({ days: 75, seed: 11, endDate: '2026-03-20', timezone: TZ, scale: 0.1, out: all });
    const [header, ...lines] = readFileSync(all, 'utf8').trimEnd().split('\n');
    const day = (l: string) => l.split(',')[7]!.slice(0, 10); // offered_at's UTC date, enough to split
    const dates = [...new Set(lines.map(day))].sort();
    const part = (from: string, to: string, name: string) => {
      const f = join(dir, name);
      writeFileSync(f, [header, ...lines.filter((l) => day(l) >= from && day(l) <= to)].join('\n') + '\n');
      return f;
    };
    const db = await withRollups();
    try {
      // Days 1–40, then 30–75 (overlapping: stored repeats are skipped), then an extra file.
      expect((await ingestFile(db, part(dates[0]!, dates[39]!, 'a.csv'), KEY)).outcome).toBe('committed');
      await expectBothPathsAgree(db);
      expect((await ingestFile(db, part(dates[29]!, dates.at(-1)!, 'b.csv'), KEY)).outcome).toBe('committed');
      await expectBothPathsAgree(db);
      const h = await capacityHistoryDefaults(db, TZ);
      expect(h.contacts).toBeGreaterThan(5000);
      expect(h.shapes.voice).not.toBeNull();
      // A contact of the data moved to another day and channel, loaded with replace: the
      // rollups are rebuilt whole.
      const first = lines[0]!.split(',');
      const moved = [...first];
      moved[2] = 'chat';
      moved[7] = first[7]!.replace(first[7]!.slice(0, 10), dates[50]!);
      for (const i of [8, 9]) if (moved[i]) moved[i] = moved[i]!.replace(first[7]!.slice(0, 10), dates[50]!);
      const replaced = await ingestFile(db, writeRaw('moved.csv', header!, [moved.join(',')]), { ...KEY, replace: true });
      expect([replaced.outcome, replaced.rowsAccepted]).toEqual(['committed', 1]);
      await expectBothPathsAgree(db);
      const beforeExtra = await capacityHistoryDefaults(db, TZ);
      // A batch of new contacts (the first 500 under other ids), then undone: its days rewritten.
      const extra = await ingestFile(
        db,
        writeRaw(
          'extra.csv',
          header!,
          lines.slice(0, 500).map((l) => `x${l}`),
        ),
        KEY,
      );
      expect([extra.outcome, extra.rowsAccepted]).toEqual(['committed', 500]);
      await expectBothPathsAgree(db);
      await undoBatch(db, extra.batchId);
      await expectBothPathsAgree(db);
      expect(await capacityHistoryDefaults(db, TZ)).toEqual(beforeExtra);
    } finally {
      db.close();
    }
  });
});

/** Quarter seconds: binary fractions, which add to the same double in any order. */
const quarterSeconds = fc.integer({ min: 0, max: 8000 }).map((q) => q / 4);
const contactArb = fc.record({
  // seconds after 2025-02-20T00:00Z, over 75 days: three month ends and the spring DST changes
  // (US 03-09, Adelaide 04-06)
  offset: fc.integer({ min: 0, max: 75 * 86_400 }),
  queue: fc.constantFrom('q1', 'q2'),
  channel: fc.constantFrom('voice', 'chat', 'email', 'portal'),
  tier: fc.constantFrom('', '1', '2', '3'),
  outcome: fc.constantFrom('answered', 'answered', 'abandoned', 'ivr'),
  wait: fc.integer({ min: 0, max: 600 }),
  talk: quarterSeconds,
  hold: quarterSeconds,
  acw: quarterSeconds,
});

describe('capacity history from the rollups on random contacts', () => {
  it('equals the contact path in any site zone, ingested in two batches (seeded)', async () => {
    let run = 0;
    const base = Date.parse('2025-02-20T00:00:00Z');
    const iso = (ms: number) => new Date(ms).toISOString();
    await fc.assert(
      fc.asyncProperty(
        fc.array(contactArb, { minLength: 1, maxLength: 150 }),
        fc.constantFrom('America/Los_Angeles', 'Asia/Kolkata', 'Australia/Adelaide', 'America/St_Johns'),
        fc.nat(),
        async (contacts, tz, cut) => {
          run++;
          const lines = contacts.map((c, i) => {
            const offered = base + c.offset * 1000;
            const end = iso(offered + c.wait * 1000);
            const answered = c.outcome === 'answered';
            const times = answered ? `${end},${iso(offered + (c.wait + 3600) * 1000)},${c.talk},${c.hold},${c.acw}` : `,${end},,,`;
            return `p${run}-${i},${c.queue},${c.channel},,,${c.tier},,${iso(offered)},${times},,,false,${c.outcome === 'ivr'},,,`;
          });
          const at = cut % (lines.length + 1);
          const db = await withRollups();
          try {
            for (const [k, part] of [lines.slice(0, at), lines.slice(at)].entries()) {
              if (part.length === 0) continue;
              const r = await ingestFile(db, writeCsv(`prop-${run}-${k}.csv`, part), { siteTimezone: tz, hmacKey: Buffer.alloc(32, 5) });
              expect([r.outcome, r.rowsAccepted]).toEqual(['committed', part.length]);
            }
            expect(await contactHistoryByMonthFromRollup(db)).toEqual(await contactHistoryByMonth(db));
            expect(await contactShapeByChannelFromRollup(db, tz)).toEqual(await contactShapeByChannel(db, tz));
            expect(await capacityHistoryDefaults(db, tz)).toEqual(await capacityHistoryDefaults(db, tz, 'contacts'));
          } finally {
            db.close();
          }
        },
      ),
      { seed: 20261203, numRuns: 12 },
    );
  }, 300_000);
});

const BANK = sharedFile('datasets/anonymous-bank-1999-02.tsv');

describe.skipIf(BANK.skip)('capacity history from the rollups on a real call log', () => {
  it('Anonymous Bank, February 1999: the same answer as from the contacts', async () => {
    // The log as canonical contacts by the project's own converter (dates moved to 2010, which
    // has 1999's calendar; +02:00, Israel's standard time).
    const csv = join(dir, 'bank.csv');
    const root = new URL('../..', import.meta.url).pathname;
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/anonymous-bank-contacts.ts', requirePresent(BANK), csv], { cwd: root, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const tz = 'Asia/Jerusalem';
    const db = await withRollups();
    try {
      const r = await ingestFile(db, csv, { siteTimezone: tz, hmacKey: Buffer.alloc(32, 5) });
      expect([r.outcome, r.rowsAccepted]).toEqual(['committed', 31_071]);
      // Summed from the TSV with Python's csv module: 33,344 rows − 278 PHANTOM − 23 with a
      // negative vru_time − 1,972 hung up in the VRU = 31,071 offered; 27,141 answered, of which
      // 85 with 0 s of service (flagged, no handle time): 27,056 handled, 4,787,215 s.
      const months: MonthHistoryRow[] = [{ month: '2010-02', channel: 'voice', tier: 1, offered: 31_071, handled: 27_056, handleSum: 4_787_215, firstDate: '2010-02-01', lastDate: '2010-02-28' }];
      expect(await contactHistoryByMonthFromRollup(db)).toEqual(months);
      expect(await contactHistoryByMonth(db)).toEqual(months);
      expect(await contactShapeByChannelFromRollup(db, tz)).toEqual(await contactShapeByChannel(db, tz));
      const h = await capacityHistoryDefaults(db, tz);
      expect(h).toEqual(await capacityHistoryDefaults(db, tz, 'contacts'));
      expect(h.aht.voice).toBe(4_787_215 / 27_056); // 176.94 s
      expect(h.shapes.voice?.contacts).toBe(31_071);
    } finally {
      db.close();
    }
  });
});

function writeRaw(name: string, header: string, lines: readonly string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${header}\n${lines.join('\n')}\n`);
  return path;
}
