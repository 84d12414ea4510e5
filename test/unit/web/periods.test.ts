/** Reading the API's period strings without the browser's time zone, and choosing ticks. */
import { describe, expect, it } from 'vitest';
import { intervalGrid, activeColumns } from '../../../web/src/lib/heat.ts';
import { fcrMaturity, periodDate, periodMinuteOfDay, periodOffset, periodTime, tickIndexes } from '../../../web/src/lib/periods.ts';
import { intervalKey, parseSchedule } from '../../../web/src/lib/schedule.ts';

/** The 50 half-hours of America/Los_Angeles on the fall-back day 2025-11-02 (25 hours). */
function fallBackDay(): string[] {
  const out: string[] = [];
  for (let h = 0; h < 24; h++) {
    for (const m of ['00', '30']) {
      const hh = String(h).padStart(2, '0');
      if (h < 1) out.push(`2025-11-02T${hh}:${m}:00-07:00`);
      else if (h === 1) out.push(`2025-11-02T01:${m}:00-07:00`);
      else out.push(`2025-11-02T${hh}:${m}:00-08:00`);
    }
    if (h === 1) out.push('2025-11-02T01:00:00-08:00', '2025-11-02T01:30:00-08:00');
  }
  return out;
}

describe('periods', () => {
  it('reads local date, time and offset from the string itself', () => {
    const p = '2025-11-02T01:30:00-08:00';
    expect(periodDate(p)).toBe('2025-11-02');
    expect(periodTime(p)).toBe('01:30');
    expect(periodMinuteOfDay(p)).toBe(90);
    expect(periodOffset(p)).toBe('-08:00');
    expect(periodTime('2026-11-16')).toBe('00:00');
    expect(periodOffset('2026-11-16')).toBe('');
  });

  it('ticks whole hours within a day, once per wall-clock time on the fall-back day', () => {
    const day = fallBackDay();
    expect(day).toHaveLength(50);
    const ticks = tickIndexes(day, true, 8);
    const labels = ticks.map((i) => periodTime(day[i]!));
    // Every hour would be 24 ticks (01:00 once), every 2 h 12 — both over 8; every 3 h is
    // 00, 03, …, 21 = 8 ticks, which fits.
    expect(labels).toEqual(['00:00', '03:00', '06:00', '09:00', '12:00', '15:00', '18:00', '21:00']);
  });

  it('ticks midnights over several days and Mondays over months of days', () => {
    const week = Array.from({ length: 7 * 48 }, (_, i) => {
      const d = 9 + Math.floor(i / 48);
      const mins = (i % 48) * 30;
      return `2026-11-${String(d).padStart(2, '0')}T${String(Math.floor(mins / 60)).padStart(2, '0')}:${mins % 60 ? '30' : '00'}:00-08:00`;
    });
    expect(tickIndexes(week, true, 10)).toEqual([0, 48, 96, 144, 192, 240, 288]);
    const days = Array.from({ length: 60 }, (_, i) => new Date(Date.UTC(2026, 8, 1 + i)).toISOString().slice(0, 10));
    const t = tickIndexes(days, false, 10);
    // 2026-09-07 is the first Monday of September 2026 (index 6); then every 7 days.
    expect(t[0]).toBe(6);
    expect(t.every((i, k) => k === 0 || i - t[k - 1]! === 7)).toBe(true);
  });

  it('ticks a monthly series (each period the 1st) evenly, not on the months that start on a Monday', () => {
    // 24 months from 2027-01-01; at most 6 ticks: every ⌈24 / 6⌉ = 4th month. (The Monday
    // rule would have kept only the months whose 1st is a Monday: Feb, Mar and Nov 2027, …)
    const months = Array.from({ length: 24 }, (_, i) => new Date(Date.UTC(2027, i, 1)).toISOString().slice(0, 10));
    expect(tickIndexes(months, false, 6)).toEqual([0, 4, 8, 12, 16, 20]);
  });

  it('puts the repeated hour of the fall-back day into its own heatmap columns', () => {
    const grid = intervalGrid(fallBackDay().map((period, i) => ({ period, offered: i >= 16 && i <= 40 ? 1 : 0 })));
    expect(grid.rows).toEqual(['2025-11-02']);
    expect(grid.cols).toHaveLength(50);
    expect(grid.cols.slice(2, 6).map((c) => c.key)).toEqual(['01:00', '01:00 (2)', '01:30', '01:30 (2)']);
    // Active from index 16 (07:00 PST) to 40 (19:00 PST).
    const active = activeColumns(grid, (r) => r.offered > 0);
    expect(active[0]!.key).toBe('07:00');
    expect(active[active.length - 1]!.key).toBe('19:00');
  });

  it('parses a schedule: wall-clock rows on local date and time, rows with an offset exactly', () => {
    const s = parseSchedule('\uFEFFperiod,scheduled\r\n2026-11-16 08:00,12\r\n2026-11-16T08:30:00-08:00,14\r\nbad,3\r\n2026-11-16 09:00,-1\r\n');
    expect([...s.byInterval.entries()]).toEqual([['2026-11-16 08:00', 12]]);
    // Keyed by the instant: 08:30 −08:00 = 16:30 UTC.
    expect([...s.byPeriod.entries()]).toEqual([[String(Date.parse('2026-11-16T16:30:00Z')), 14]]);
    // Lines as the CLI counts them: the header is line 1.
    expect(s.errors).toEqual([
      'invalid period on line 4: expected the interval start as 2026-11-16T08:00:00-08:00 (or 2026-11-16 08:00)',
      'invalid scheduled on line 5: expected a number of agents ≥ 0',
    ]);
    expect(intervalKey('2026-11-16T08:30:00-08:00')).toBe('2026-11-16 08:30');
    expect(parseSchedule('when,agents\n').errors).toEqual(['invalid schedule: the header needs the columns period,scheduled']);
  });
});

describe('fcrMaturity (trend points)', () => {
  // Data through Sun 30 Nov 2026; every window closed up to 23 Nov (30 Nov − 7 days).
  const fcr = { knownUntilDate: '2026-11-23', windowDays: 7 };
  it('is provisional for a period that reaches the cut-off day, final before it', () => {
    // Week of Mon 16 Nov ends (exclusive) Mon 23 Nov: all of it known.
    expect(fcrMaturity('2026-11-16', '2026-11-23', fcr, '2026-11-30')).toEqual({ provisional: false, maturesOn: '2026-11-29' });
    // Week of 23 Nov: its last day with data is Sun 29 Nov; + 7 days = 6 Dec.
    expect(fcrMaturity('2026-11-23', '2026-11-30', fcr, '2026-11-30')).toEqual({ provisional: true, maturesOn: '2026-12-06' });
    // Week of 30 Nov runs past the data (30 Nov): 30 Nov + 7 = 7 Dec.
    expect(fcrMaturity('2026-11-30', '2026-12-07', fcr, '2026-11-30')).toEqual({ provisional: true, maturesOn: '2026-12-07' });
    // A period after the data has nothing to mature.
    expect(fcrMaturity('2026-12-07', '2026-12-14', fcr, '2026-11-30')).toEqual({ provisional: false, maturesOn: null });
  });
});
