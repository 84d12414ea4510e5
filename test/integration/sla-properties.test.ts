/**
 * The SLA counts summed in SQL (ASOF joins against the calendar rows) equal the same counts
 * computed contact by contact in TypeScript, on random contact sets (fast-check, fixed seed):
 * voice, chat and email, arrivals at any hour over three weeks that span the fall-back change
 * in New York (2025-11-02) and Veterans Day, waits from 0 s to 6 days, unanswered messages,
 * short and long abandons; every default SLA plus a business-days, a fixed-hours and an
 * average-wait definition, by week.
 */
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../server/db/database.ts';
import { querySlaCounts } from '../../server/db/queries/slaCounts.ts';
import { businessDayRows, openIntervalRows } from '../../server/wfm/sla/calendarTables.ts';
import { addCounts, contactCounts, type SlaContact, type SlaCounts, ZERO_SLA_COUNTS } from '../../server/wfm/sla/counts.ts';
import { DEFAULT_SLAS, type SlaDefinition } from '../../server/wfm/sla/definition.ts';
import { periodStartDate } from '../../server/wfm/periods.ts';
import type { SiteCalendar } from '../../server/wfm/siteCalendar.ts';
import { localDateOf } from '../../server/wfm/timezone.ts';
import { loadContactsDirect } from '../helpers/loadContactsDirect.ts';

const NY = 'America/New_York';
const day = [{ start: '08:00', end: '18:00' }];
const cal: SiteCalendar = {
  timeZone: NY,
  hours: [
    { queue: '*', channel: '*', weekly: { 1: day, 2: day, 3: day, 4: day, 5: day, 6: [{ start: '09:00', end: '13:00' }] } },
    { queue: 'q2', channel: 'email', weekly: { 1: [{ start: '22:00', end: '06:00' }], 3: day } },
  ],
  holidays: ['veterans_day'],
  customHolidays: [],
  exceptions: [{ date: '2025-11-05', queue: '*', channel: '*', name: 'Short day', open: [{ start: '08:00', end: '12:00' }] }],
};
const DEFS: SlaDefinition[] = [
  ...DEFAULT_SLAS,
  { ...DEFAULT_SLAS[2]!, id: 'email-2bd', threshold: 2, unit: 'business_days' },
  { ...DEFAULT_SLAS[0]!, id: 'hold', metric: 'average_wait', threshold: null, unit: 'minutes', target: 2, amber: null, window: { weekdays: [1, 2, 3, 4, 5], start: '08:00', end: '20:00' } },
  { ...DEFAULT_SLAS[2]!, id: 'email-bh-window', window: 'business_hours', threshold: 4 },
];
const FROM = Date.parse('2025-10-27T00:00:00-04:00');
const SPAN = 21 * 86_400_000;

const contactArb = fc.record({
  queue: fc.constantFrom('q1', 'q2'),
  channel: fc.constantFrom('voice', 'chat', 'email'),
  offset: fc.integer({ min: 0, max: SPAN }),
  outcome: fc.constantFrom('answered', 'abandoned', 'never'),
  wait: fc.oneof(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 6 * 86_400 })),
});

const dir = mkdtempSync(join(tmpdir(), 'staffcast-sla-prop-'));
let db: Database;
beforeAll(async () => {
  db = await Database.open(':memory:');
});
afterAll(() => db.close());

const iso = (ms: number) => new Date(ms).toISOString();

describe('SQL counts = contact-by-contact counts', () => {
  it('on random contact sets (seeded)', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(contactArb, { minLength: 1, maxLength: 120 }), async (raw) => {
        run++;
        const contacts: SlaContact[] = raw.map((r) => {
          const offeredMs = FROM + r.offset;
          const end = offeredMs + r.wait * 1000;
          return { queue: r.queue, channel: r.channel, tier: 1, offeredMs, answeredMs: r.outcome === 'answered' ? end : null, endedMs: r.outcome === 'abandoned' ? end : null, ivrContained: false };
        });
        const csv = [
          'contact_id,queue,channel,plan,state,tier,reason,offered_at,answered_at,ended_at,talk_s,hold_s,acw_s,agent_id,member_id,transferred,ivr_contained,resolved,csat,nps',
          ...contacts.map(
            (c, i) => `R${run}-${i},${c.queue},${c.channel},,,1,,${iso(c.offeredMs)},${c.answeredMs === null ? '' : iso(c.answeredMs)},${c.endedMs === null ? '' : iso(c.endedMs)},60,0,0,,,,false,,,`,
          ),
        ].join('\n');
        const path = join(dir, `run-${run}.csv`);
        writeFileSync(path, csv);
        await db.query('DELETE FROM contacts');
        await loadContactsDirect(db, path, NY);
        const pairs = [...new Set(contacts.map((c) => `${c.queue}|${c.channel}`))].map((k) => ({ queue: k.split('|')[0]!, channel: k.split('|')[1]! }));
        // The data's end: a message never answered whose deadline is later is pending.
        const asOfMs = Math.max(...contacts.map((c) => c.offeredMs));
        const last = Math.max(asOfMs, ...contacts.map((c) => c.answeredMs ?? c.endedMs ?? c.offeredMs));
        const intervals = openIntervalRows(cal, pairs, FROM, last + 60 * 86_400_000);
        const businessDays = businessDayRows(cal, pairs, '2025-10-26', '2026-01-31');
        for (const def of DEFS) {
          const sql = await querySlaCounts(db, { def, from: '2025-10-01', to: '2026-01-01', where: {}, group: ['queue'], period: 'week', timezone: NY, intervals, businessDays, asOfMs });
          const want = new Map<string, SlaCounts>();
          for (const c of contacts) {
            const x = contactCounts(def, cal, c, asOfMs);
            if (!x) continue;
            const key = `${periodStartDate('week', localDateOf(c.offeredMs, NY))}|${c.queue}`;
            want.set(key, addCounts(want.get(key) ?? ZERO_SLA_COUNTS, x));
          }
          const got = new Map(sql.map((r) => [`${r.periodKey}|${r.queue}`, r]));
          expect([...got.keys()].sort(), def.id).toEqual([...want.keys()].sort());
          for (const [k, w] of want) {
            const g = got.get(k)!;
            const { waitSum, ...counts } = w;
            expect({ def: def.id, k, ...counts }).toEqual({
              def: def.id,
              k,
              offered: g.offered,
              answered: g.answered,
              abandoned: g.abandoned,
              shortAbandoned: g.shortAbandoned,
              answeredWithin: g.answeredWithin,
              outsideWindow: g.outsideWindow,
              pending: g.pending,
            });
            expect(g.waitSum, `${def.id} ${k}`).toBeCloseTo(waitSum, 6);
          }
        }
      }),
      { seed: 20251102, numRuns: 12 },
    );
  }, 300_000);
});
