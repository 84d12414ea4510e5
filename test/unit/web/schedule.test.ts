/**
 * The schedule format the dashboard reads and writes is the one `staffcast plan --scheduled`
 * reads (`period,scheduled`, periods as the API writes them); the plan week starts on Monday.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readPlanIntervals } from '../../../server/cli/commands/plan.ts';
import { formatGap } from '../../../web/src/lib/format.ts';
import { outsidePlan, parseSchedule, planWeekStart, scheduleCsv, scheduledFor } from '../../../web/src/lib/schedule.ts';

const dir = mkdtempSync(join(tmpdir(), 'staffcast-schedule-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('planWeekStart', () => {
  it('is the Monday on or after the day after the data', () => {
    // 2026-11-14 is a Saturday: the next day is Sunday the 15th, so the week starts Monday the 16th.
    expect(planWeekStart('2026-11-14')).toBe('2026-11-16');
    // 2026-11-15 is a Sunday: the next day is Monday the 16th itself.
    expect(planWeekStart('2026-11-15')).toBe('2026-11-16');
    // 2026-11-16 is a Monday: the next Monday is the 23rd.
    expect(planWeekStart('2026-11-16')).toBe('2026-11-23');
  });
});

describe('parseSchedule', () => {
  it('reads the CLI format: ISO periods with offset matched exactly, fall-back hour kept apart', () => {
    // 2026-11-01 is the fall-back day in Los Angeles: 01:00 happens at −07:00 and again at −08:00.
    const s = parseSchedule('period,scheduled\r\n2026-11-01T01:00:00-07:00,4\r\n"2026-11-01T01:00:00-08:00",6\r\n');
    expect(s.errors).toEqual([]);
    expect(scheduledFor(s, '2026-11-01T01:00:00-07:00')).toBe(4);
    expect(scheduledFor(s, '2026-11-01T01:00:00-08:00')).toBe(6);
    expect(scheduledFor(s, '2026-11-01T01:30:00-08:00')).toBeUndefined();
    // Matched by instant, as the CLI does: 01:00 −08:00 is 09:00 UTC.
    expect(scheduledFor(parseSchedule('period,scheduled\n2026-11-01T09:00:00Z,6\n'), '2026-11-01T01:00:00-08:00')).toBe(6);
  });

  it('refuses one interval given twice, as the CLI does', () => {
    // 16:00 UTC is 08:00 −08:00: the second line names the same interval.
    expect(parseSchedule('period,scheduled\n2026-11-16T08:00:00-08:00,3\n2026-11-16T16:00:00Z,4\n').errors).toEqual(['invalid period on line 3: the same interval as an earlier line']);
  });

  it('also takes the local wall clock without offset, and a BOM and extra columns', () => {
    const s = parseSchedule('\uFEFFnote,Period,Scheduled\nx,2026-11-16 08:00,7\ny,2026-11-16T08:30,8\n');
    expect(s.errors).toEqual([]);
    expect(scheduledFor(s, '2026-11-16T08:00:00-08:00')).toBe(7);
    expect(scheduledFor(s, '2026-11-16T08:30:00-08:00')).toBe(8);
  });

  it('names the line and the field of a bad row (lines counted as the CLI does, header = 1)', () => {
    const s = parseSchedule('period,scheduled\n2026-11-16 8am,3\n2026-11-16T09:00:00-08:00,-1\n2026-11-16T09:30:00-08:00,\n');
    expect(s.errors).toEqual([
      'invalid period on line 2: expected the interval start as 2026-11-16T08:00:00-08:00 (or 2026-11-16 08:00)',
      'invalid scheduled on line 3: expected a number of agents ≥ 0',
      'invalid scheduled on line 4: expected a number of agents ≥ 0',
    ]);
    expect(parseSchedule('when,agents\n').errors).toEqual(['invalid schedule: the header needs the columns period,scheduled']);
  });

  it('lists the rows outside the plan', () => {
    const s = parseSchedule('period,scheduled\n2026-11-16T08:00:00-08:00,3\n2026-11-23T08:00:00-08:00,3\n');
    expect(outsidePlan(s, ['2026-11-16T08:00:00-08:00', '2026-11-16T08:30:00-08:00'])).toEqual(['2026-11-23T08:00:00-08:00']);
  });
});

describe('scheduleCsv: what the dashboard writes, the CLI reads', () => {
  it('round-trips through parseSchedule and through staffcast plan --scheduled', () => {
    const periods = ['2026-11-16T08:00:00-08:00', '2026-11-16T08:30:00-08:00'];
    const csv = scheduleCsv([
      { period: periods[0]!, scheduled: 5 },
      { period: periods[1]!, scheduled: 9 },
    ]);
    expect(csv).toBe('period,scheduled\r\n2026-11-16T08:00:00-08:00,5\r\n2026-11-16T08:30:00-08:00,9\r\n');
    const back = parseSchedule(csv);
    expect(periods.map((p) => scheduledFor(back, p))).toEqual([5, 9]);
    const arrivals = join(dir, 'arrivals.csv');
    const scheduled = join(dir, 'scheduled.csv');
    writeFileSync(arrivals, `period,calls,aht\n${periods[0]},40,300\n${periods[1]},60,300\n`);
    writeFileSync(scheduled, csv);
    expect(readPlanIntervals(arrivals, scheduled).map((i) => i.scheduled)).toEqual([5, 9]);
  });
});

describe('formatGap', () => {
  it('says over or short', () => {
    expect(formatGap(3)).toBe('3 over');
    expect(formatGap(-2)).toBe('2 short');
    expect(formatGap(0)).toBe('0 (even)');
    expect(formatGap(null)).toBe('—');
    // Agent-hours: (−2 + 3) agents × 0.5 h = +0.5 h.
    expect(formatGap(0.5, 'hours')).toBe('0.5 h over');
    expect(formatGap(-12.25, 'hours')).toBe('12.3 h short');
  });
});
