/**
 * The timeliness figures on the generated sample case log (60 days to 2026-11-15, site zone
 * America/Los_Angeles) against a second computation written in SQL straight over `cases`,
 * for the rules that need no business-day calendar: standard appeals in Medicaid and
 * Medicare Advantage (30 calendar days, +14 when extended) and expedited appeals (72 hours,
 * +14 × 24 h when extended in Medicaid and Medicare Advantage).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestCaseFile } from '../../server/cases/ingest.ts';
import { backlogAnswer, timelinessAnswer } from '../../server/cases/service.ts';
import { Database } from '../../server/db/database.ts';
import { writeSampleCases } from '../../server/sample-data/cases.ts';
import { DEFAULT_SAMPLE_OPTIONS } from '../../server/sample-data/index.ts';

const TZ = 'America/Los_Angeles';
let db: Database;

beforeAll(async () => {
  db = await Database.open(':memory:');
  const out = join(mkdtempSync(join(tmpdir(), 'staffcast-sample-cases-')), 'cases.csv');
  writeSampleCases({ ...DEFAULT_SAMPLE_OPTIONS, days: 60, out });
  const r = await ingestCaseFile(db, out, { hmacKey: Buffer.alloc(32, 3), source: 'sample-data', now: new Date('2026-11-16T12:00:00Z') });
  expect(r.outcome).toBe('committed');
});
afterAll(() => db.close());

type Tally = {
  month: string;
  program: string;
  priority: string;
  met: number;
  missed: number;
  pending: number;
};

describe('sample case log: timeliness = SQL', () => {
  it('appeals by month of the deadline, program and priority', async () => {
    const answer = await timelinessAnswer(db, TZ, { from: '2026-01-01', to: '2027-06-01', by: 'month', group: ['type', 'program', 'priority'] });
    const [latest] = await db.query<{ t: number }>('SELECT epoch_ms(max(greatest(received_at, coalesce(acknowledged_at, received_at), coalesce(resolved_at, received_at))))::DOUBLE AS t FROM cases');
    // The as-of instant: one millisecond after the latest instant in the data.
    const sql = await db.query<Tally>(
      `WITH c AS (
         SELECT program, priority, resolved_at,
           CASE WHEN priority = 'standard'
             THEN ((received_at AT TIME ZONE $tz)::DATE + 30 + CASE WHEN extended THEN 14 ELSE 0 END)
           END AS due_date,
           CASE WHEN priority = 'expedited'
             THEN received_at + to_hours(72 + CASE WHEN extended AND program IN ('medicaid', 'medicare_advantage') THEN 336 ELSE 0 END)
           END AS due_instant
         FROM cases WHERE type = 'appeal' AND (priority = 'expedited' OR program IN ('medicaid', 'medicare_advantage'))),
       d AS (
         SELECT program, priority, resolved_at,
           coalesce(due_instant, ((due_date + 1)::TIMESTAMP AT TIME ZONE $tz)) AS due_end,
           coalesce(due_date, ((due_instant - INTERVAL 1 MILLISECOND) AT TIME ZONE $tz)::DATE) AS due_day
         FROM c),
       s AS (
         SELECT program, priority, strftime(date_trunc('month', due_day), '%Y-%m-%d') AS month,
           CASE WHEN resolved_at IS NOT NULL AND resolved_at <= to_timestamp($asof / 1000.0)
                THEN CASE WHEN resolved_at < due_end THEN 'met' ELSE 'missed' END
                WHEN due_end <= to_timestamp($asof / 1000.0) THEN 'missed' ELSE 'pending' END AS status
         FROM d)
       SELECT month, program, priority, count(*) FILTER (WHERE status = 'met')::INTEGER AS met,
         count(*) FILTER (WHERE status = 'missed')::INTEGER AS missed, count(*) FILTER (WHERE status = 'pending')::INTEGER AS pending
       FROM s GROUP BY ALL ORDER BY ALL`,
      { tz: TZ, asof: latest!.t + 1 },
    );
    const ours: Tally[] = answer.rows
      // A row exists when either milestone falls in the period: keep those with a resolve deadline.
      .filter((r) => r.resolve.due > 0 && r.group.type === 'appeal' && (r.group.priority === 'expedited' || r.group.program === 'medicaid' || r.group.program === 'medicare_advantage'))
      .map((r) => ({ month: r.period, program: r.group.program!, priority: r.group.priority!, met: r.resolve.met, missed: r.resolve.missed, pending: r.resolve.pending }))
      .sort((a, b) => a.month.localeCompare(b.month) || a.program.localeCompare(b.program) || a.priority.localeCompare(b.priority));
    expect(sql.length).toBeGreaterThan(4);
    expect(sql.reduce((s, r) => s + r.met + r.missed, 0)).toBeGreaterThan(50);
    expect(ours).toEqual(sql);
  });

  it('the backlog at the end of 2026-11-10: open cases and their ages by type', async () => {
    const answer = await backlogAnswer(db, TZ, '2026-11-10');
    const sql = await db.query<{ type: string; open: number; a: number; b: number; c: number; d: number; e: number }>(
      `WITH o AS (
         SELECT type, date_diff('day', (received_at AT TIME ZONE $tz)::DATE, DATE '2026-11-10') AS age FROM cases
         WHERE received_at < (TIMESTAMP '2026-11-11 00:00:00' AT TIME ZONE $tz)
           AND (resolved_at IS NULL OR resolved_at >= (TIMESTAMP '2026-11-11 00:00:00' AT TIME ZONE $tz)))
       SELECT type, count(*)::INTEGER AS open, count(*) FILTER (WHERE age <= 2)::INTEGER AS a, count(*) FILTER (WHERE age BETWEEN 3 AND 7)::INTEGER AS b,
         count(*) FILTER (WHERE age BETWEEN 8 AND 14)::INTEGER AS c, count(*) FILTER (WHERE age BETWEEN 15 AND 30)::INTEGER AS d, count(*) FILTER (WHERE age > 30)::INTEGER AS e
       FROM o GROUP BY type ORDER BY type`,
      { tz: TZ },
    );
    expect(sql.length).toBe(4);
    expect(answer.rows.map((r) => ({ type: r.type, open: r.open, a: r.ages['0-2'], b: r.ages['3-7'], c: r.ages['8-14'], d: r.ages['15-30'], e: r.ages['31+'] }))).toEqual(sql);
  });
});
