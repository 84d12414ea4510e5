/**
 * Interval plans, chat concurrency and deferred work; the CLI's CSV reader for plans.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applySchedule, planIntervals, type PlanInterval } from '../../server/wfm/intervalPlan.ts';
import { staffChat, staffDeferred } from '../../server/wfm/nonVoice.ts';
import { staff } from '../../server/wfm/staffing.ts';
import { gapWords, planToCsv, readPlanIntervals } from '../../server/cli/commands/plan.ts';

const OPTIONS = { intervalMinutes: 30, answerWithin: 20, serviceLevel: 0.8, shrinkage: 0.3 };

describe('planIntervals', () => {
  const intervals: PlanInterval[] = [
    { period: '2025-01-06T08:00:00-05:00', calls: 100, aht: 180, scheduled: 13 },
    { period: '2025-01-06T08:30:00-05:00', calls: 100, aht: 180, scheduled: 15 },
    { period: '2025-01-06T09:00:00-05:00', calls: 100, aht: 180, scheduled: 13.5 },
    { period: '2025-01-07T08:00:00-05:00', calls: 50, aht: 180 },
  ];

  it('required agents, FTE and the gap per interval', () => {
    const plan = planIntervals(intervals, OPTIONS);
    // 100 calls / 30 min at 180 s = 10 Erlangs → 14 agents (Call Centre Helper example);
    // 50 calls = 5 Erlangs → 8 agents (SL(7) = 0.7404 < 0.8 ≤ SL(8) = 0.8801).
    expect(plan.intervals.map((i) => i.requiredAgents)).toEqual([14, 14, 14, 8]);
    expect(plan.intervals.map((i) => i.gap)).toEqual([-1, 1, -0.5, null]);
    expect(plan.intervals[0]!.fte).toBeCloseTo(20, 12); // 14 / 0.7
    expect(plan.intervals[3]!.scheduled).toBeNull();
    // What the schedule achieves: 13 agents → SL 0.7956 (the worked example's N = 13).
    expect(plan.intervals[0]!.serviceLevelScheduled).toBeCloseTo(staff({ ...OPTIONS, calls: 100, aht: 180, agents: 13 }).serviceLevel, 15);
    // 13.5 agents: halfway between SL(13) = 0.79559 and SL(14) = 0.88835.
    const half = (staff({ ...OPTIONS, calls: 100, aht: 180, agents: 13 }).serviceLevel + staff({ ...OPTIONS, calls: 100, aht: 180, agents: 14 }).serviceLevel) / 2;
    expect(plan.intervals[2]!.serviceLevelScheduled).toBeCloseTo(half, 15);
    expect(plan.intervals[0]!.probAbandonScheduled).toBeNull(); // Erlang C
  });

  it('rolls up days by the local date of the period and totals as sums', () => {
    const plan = planIntervals(intervals, OPTIONS);
    // 2025-01-06: 3 × 14 agents × 0.5 h = 21 agent-hours, FTE hours 21/0.7 = 30,
    // scheduled (13 + 15 + 13.5) × 0.5 = 20.75, gap −0.5 −… = (−1 + 1 − 0.5) × 0.5 = −0.25.
    const d = plan.days[0]!;
    expect(d.date).toBe('2025-01-06');
    expect(d.calls).toBe(300);
    expect(d.requiredAgentHours).toBe(21);
    expect(d.fteHours).toBeCloseTo(30, 12);
    expect(d.scheduledAgentHours).toBe(20.75);
    expect(d.gapAgentHours).toBe(-0.25);
    expect(d.peakRequiredAgents).toBe(14);
    // Calls-weighted SL: the three intervals have equal calls, so it is the plain mean.
    const sls = plan.intervals.slice(0, 3).map((i) => i.serviceLevelScheduled!);
    expect(d.serviceLevelScheduled).toBeCloseTo((sls[0]! + sls[1]! + sls[2]!) / 3, 15);
    // 2025-01-07: 8 × 0.5 = 4 agent-hours, no schedule.
    expect(plan.days[1]).toMatchObject({ date: '2025-01-07', requiredAgentHours: 4, scheduledAgentHours: null, serviceLevelScheduled: null });
    // Totals: 25 agent-hours, FTE hours 25/0.7, over 2 days: paid FTE = (25/0.7)/(40·2/7) = 3.125.
    expect(plan.totals.requiredAgentHours).toBe(25);
    expect(plan.totals.days).toBe(2);
    expect(plan.totals.paidFte).toBeCloseTo(25 / 0.7 / (40 * (2 / 7)), 12);
    expect(plan.totals.understaffedIntervals).toBe(2);
  });

  it('paid FTE over the operating days: Monday to Friday of a 5-day operation is one week', () => {
    // Mon 2025-01-06 … Fri 2025-01-10, one 30-minute interval a day of 100 calls (14 agents):
    // FTE hours = 5 × 14 × 0.5 / 0.7 = 50. At 5 operating days a week the plan is 5/5 = 1
    // week: paid FTE = 50 / (40 × 1) = 1.25. At the default 7 it is 5/7 week: 50 / (40 × 5/7)
    // = 1.75, and the totals say so (operatingDaysPerWeek 7) instead of assuming it silently.
    const week = [6, 7, 8, 9, 10].map((d) => ({ period: `2025-01-${String(d).padStart(2, '0')}T08:00:00-05:00`, calls: 100, aht: 180 }));
    const five = planIntervals(week, { ...OPTIONS, operatingDaysPerWeek: 5 });
    expect(five.totals.fteHours).toBeCloseTo(50, 12);
    expect(five.totals).toMatchObject({ days: 5, operatingDays: 5, operatingDaysPerWeek: 5, paidHoursPerFte: 40 });
    expect(five.totals.paidFte).toBeCloseTo(1.25, 12);
    const seven = planIntervals(week, OPTIONS);
    expect(seven.totals.operatingDaysPerWeek).toBe(7);
    expect(seven.totals.paidFte).toBeCloseTo(1.75, 12);
    // A Saturday with calls makes 6 days in the week of Monday 2025-01-06: more than 5.
    const sat = { period: '2025-01-11T08:00:00-05:00', calls: 10, aht: 180 };
    expect(() => planIntervals([...week, sat], { ...OPTIONS, operatingDaysPerWeek: 5 })).toThrow(
      'invalid options.operatingDaysPerWeek: the week of Monday 2025-01-06 has calls on 6 days, more than 5 operating days a week',
    );
    // A Saturday without calls is not an operating day: still one week.
    expect(planIntervals([...week, { ...sat, calls: 0 }], { ...OPTIONS, operatingDaysPerWeek: 5 }).totals.paidFte).toBeCloseTo(1.25, 12);
    expect(() => planIntervals(week, { ...OPTIONS, operatingDaysPerWeek: 8 })).toThrow(/^invalid options\.operatingDaysPerWeek:/);
  });

  it('weeks start on Monday, each with its own paid FTE', () => {
    // Wed 2025-01-08 … Thu 2025-01-16, weekdays only, one 30-minute interval of 100 calls
    // (14 agents, 7 agent-hours, 7 / 0.7 = 10 FTE hours) a day. Week of Mon 01-06: Wed–Fri,
    // 3 days, 30 FTE hours, 3/5 week → 30 / (40 × 0.6) = 1.25 paid FTE. Week of 01-13:
    // Mon–Thu, 4 days, 40 FTE hours, 4/5 week → 40 / (40 × 0.8) = 1.25.
    const dates = ['2025-01-08', '2025-01-09', '2025-01-10', '2025-01-13', '2025-01-14', '2025-01-15', '2025-01-16'];
    const plan = planIntervals(
      dates.map((d) => ({ period: `${d}T08:00:00-05:00`, calls: 100, aht: 180 })),
      { ...OPTIONS, operatingDaysPerWeek: 5 },
    );
    expect(plan.weeks.map((w) => [w.weekStart, w.operatingDays, w.requiredAgentHours])).toEqual([
      ['2025-01-06', 3, 21],
      ['2025-01-13', 4, 28],
    ]);
    expect(plan.weeks[0]!.fteHours).toBeCloseTo(30, 12);
    expect(plan.weeks[0]!.paidFte).toBeCloseTo(1.25, 12);
    expect(plan.weeks[1]!.paidFte).toBeCloseTo(1.25, 12);
    // The whole plan: 70 FTE hours over 7/5 weeks = 70 / 56 = 1.25.
    expect(plan.totals.paidFte).toBeCloseTo(1.25, 12);
  });

  it('a period in another offset keeps its own local date (no conversion)', () => {
    const plan = planIntervals([{ period: '2025-03-09T23:30:00-07:00', calls: 10, aht: 300 }], OPTIONS);
    expect(plan.days[0]!.date).toBe('2025-03-09');
  });

  it('names the field of invalid input', () => {
    const ok = intervals[0]!;
    expect(() => planIntervals([{ ...ok, calls: -1 }], OPTIONS)).toThrow(/^invalid intervals\.0\.calls:/);
    expect(() => planIntervals([{ ...ok, aht: 0 }], OPTIONS)).toThrow(/^invalid intervals\.0\.aht:/);
    expect(() => planIntervals([{ ...ok, period: '2025-01-06 08:00' }], OPTIONS)).toThrow(/^invalid intervals\.0\.period:/);
    expect(() => planIntervals([ok, ok], OPTIONS)).toThrow(/^invalid intervals\.1\.period: .* appears twice/);
    expect(() => planIntervals([{ ...ok, scheduled: -2 }], OPTIONS)).toThrow(/^invalid intervals\.0\.scheduled:/);
    expect(() => planIntervals([ok], { ...OPTIONS, model: 'erlang-a' })).toThrow(/^invalid options\.patience:/);
    expect(() => planIntervals([ok], { ...OPTIONS, paidHoursPerFte: 0 })).toThrow(/^invalid options\.paidHoursPerFte:/);
  });

  it('an empty plan has zero totals and null ratios', () => {
    const plan = planIntervals([], OPTIONS);
    expect(plan.intervals).toEqual([]);
    expect(plan.totals).toMatchObject({ calls: 0, requiredAgentHours: 0, serviceLevelScheduled: null, paidFte: null, days: 0 });
  });
});

describe('chat with concurrency', () => {
  it('k slots per agent: agents = ⌈slots / k⌉', () => {
    // 100 chats / 30 min at 540 s = 30 Erlangs. Erlang C slots for 80% in 60 s, then / 3.
    const slots = staff({ calls: 100, intervalMinutes: 30, aht: 540, answerWithin: 60 }).agents;
    const r = staffChat({ calls: 100, intervalMinutes: 30, aht: 540, answerWithin: 60, concurrency: 3 });
    expect(r.agents).toBe(Math.ceil(slots / 3));
    expect(r.slots).toBe(r.agents * 3);
    expect(r.meetsTargets).toBe(true);
    // Fewer agents would have too few slots.
    expect((r.agents - 1) * 3).toBeLessThan(slots);
    // Concurrency 1 is plain Erlang C.
    expect(staffChat({ calls: 100, intervalMinutes: 30, aht: 540, answerWithin: 60, concurrency: 1 }).agents).toBe(slots);
  });

  it('shrinkage applies to agents, not slots', () => {
    const r = staffChat({ calls: 100, intervalMinutes: 30, aht: 540, answerWithin: 60, concurrency: 3, shrinkage: 0.3 });
    expect(r.fte).toBeCloseTo(r.agents / 0.7, 12);
  });

  it('rejects a bad concurrency', () => {
    expect(() => staffChat({ calls: 1, intervalMinutes: 30, aht: 1, answerWithin: 1, concurrency: 0 })).toThrow(/^invalid concurrency:/);
  });
});

describe('deferred work', () => {
  it('keeps pace with arrivals and clears the backlog within the response target', () => {
    // 400 emails in an 8-hour day at 6 min each = 40 h of work; at 85% productivity one
    // agent gives 6.8 h a day → 40/6.8 = 5.882 agents to keep pace. A backlog of 200 (20 h)
    // cleared within 24 business hours needs 20/(24·0.85) = 0.980 more → 6.863 → 7 agents.
    const r = staffDeferred({ items: 400, periodHours: 8, aht: 360, responseHours: 24, backlog: 200 });
    expect(r.workloadHours).toBe(40);
    expect(r.requiredAgentsExact).toBeCloseTo(40 / 6.8 + 20 / 20.4, 12);
    expect(r.agents).toBe(7);
    // With 7 agents: spare capacity 7·0.85 − 5 = 0.95 h/h → backlog clears in 20/0.95 = 21.05 h.
    expect(r.backlogClearHours).toBeCloseTo(20 / 0.95, 12);
    expect(r.meetsTarget).toBe(true);
  });

  it('evaluates a given staffing: too few never clear the backlog', () => {
    const r = staffDeferred({ items: 400, periodHours: 8, aht: 360, responseHours: 24, backlog: 200, agents: 5 });
    // 5 · 0.85 = 4.25 h/h < 5 h/h of arrivals.
    expect(r.backlogClearHours).toBeNull();
    expect(r.utilization).toBeCloseTo(5 / 4.25, 12);
    expect(r.meetsTarget).toBe(false);
  });

  it('no backlog: just the pace; whole agents without float noise', () => {
    // 68 items × 360 s = 6.8 h over 8 h at 85%: exactly 1 agent.
    expect(staffDeferred({ items: 68, periodHours: 8, aht: 360, responseHours: 24 }).agents).toBe(1);
    expect(staffDeferred({ items: 0, periodHours: 8, aht: 360, responseHours: 24 }).agents).toBe(0);
  });

  it('names the field', () => {
    expect(() => staffDeferred({ items: -1, periodHours: 8, aht: 360, responseHours: 24 })).toThrow(/^invalid items:/);
    expect(() => staffDeferred({ items: 1, periodHours: 8, aht: 360, responseHours: 0 })).toThrow(/^invalid responseHours:/);
    expect(() => staffDeferred({ items: 1, periodHours: 8, aht: 360, responseHours: 1, productivity: 1.5 })).toThrow(/^invalid productivity:/);
  });
});

describe('plan table', () => {
  it('says over or short for a gap', () => {
    expect(gapWords(2.5)).toBe('2.5 over');
    expect(gapWords(-0.25)).toBe('0.3 short'); // 0.25 → 0.3 at one decimal (toFixed)
    expect(gapWords(-0.01)).toBe('0.0'); // rounds to no gap: no word
    expect(gapWords(null)).toBe('—');
  });
});

describe('plan CSV', () => {
  // Reading (quoted fields, doubled quotes, CRLF, line numbers): test/unit/csv-read-write.test.ts.
  it('writes one row per interval with empty cells for nulls', () => {
    const plan = planIntervals([{ period: '2025-01-06T08:00:00-05:00', calls: 100, aht: 180 }], { intervalMinutes: 30, answerWithin: 20 });
    const lines = planToCsv(plan).trim().split('\n');
    expect(lines[0]!.startsWith('period,calls,aht,trafficErlangs,requiredAgents,fte,scheduled,gap,')).toBe(true);
    expect(lines[1]!.startsWith('2025-01-06T08:00:00-05:00,100,180,10,14,,,,0.8883500192,')).toBe(true);
  });
});

describe('schedules keyed by instant (the fall-back day)', () => {
  // 2025-11-02 in America/Los_Angeles: 01:00–02:00 happens twice, first at −07:00 (PDT, =
  // 08:00–09:00Z) then at −08:00 (PST, = 09:00–10:00Z). Four 30-minute intervals, all distinct.
  const arrivals: PlanInterval[] = [
    { period: '2025-11-02T01:00:00-07:00', calls: 100, aht: 180 },
    { period: '2025-11-02T01:30:00-07:00', calls: 100, aht: 180 },
    { period: '2025-11-02T01:00:00-08:00', calls: 50, aht: 180 },
    { period: '2025-11-02T01:30:00-08:00', calls: 50, aht: 180 },
  ];

  it('01:30-07:00 and 01:30-08:00 take their own schedule rows, however the period is written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'staffcast-plan-dst-'));
    try {
      writeFileSync(join(dir, 'a.csv'), 'period,calls,aht\n' + arrivals.map((a) => `${a.period},${a.calls},${a.aht}`).join('\n') + '\n');
      // 01:30-07:00 as written; 01:30-08:00 as 09:30Z (the same instant); 01:00-07:00 without seconds.
      writeFileSync(join(dir, 's.csv'), 'period,scheduled\n2025-11-02T01:30:00-07:00,13\n2025-11-02T09:30:00Z,9\n2025-11-02T01:00-07:00,15\n');
      const ivs = readPlanIntervals(join(dir, 'a.csv'), join(dir, 's.csv'));
      expect(ivs.map((i) => i.scheduled)).toEqual([15, 13, undefined, 9]);
      const plan = planIntervals(ivs, OPTIONS);
      // 100 calls → 14 required (Call Centre Helper); 50 calls → 8 (SL(7) = 0.7404 < 0.8).
      // Gaps: 15 − 14 = +1, 13 − 14 = −1, none, 9 − 8 = +1.
      expect(plan.intervals.map((i) => i.gap)).toEqual([1, -1, null, 1]);
      // One day, four intervals: 2 × 14 × 0.5 + 2 × 8 × 0.5 = 22 agent-hours required.
      expect(plan.days).toHaveLength(1);
      expect(plan.days[0]!.requiredAgentHours).toBe(22);
      // A schedule row for an instant given twice is refused, naming the line.
      writeFileSync(join(dir, 'd.csv'), 'period,scheduled\n2025-11-02T01:30:00-08:00,9\n2025-11-02T09:30:00Z,10\n');
      expect(() => readPlanIntervals(join(dir, 'a.csv'), join(dir, 'd.csv'))).toThrow(
        'invalid --scheduled (line 3, period): 2025-11-02T09:30:00Z is the same interval as 2025-11-02T01:30:00-08:00, given earlier',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('applySchedule matches by instant; planIntervals refuses one instant written twice', () => {
    const ivs = applySchedule(arrivals, [
      { period: '2025-11-02T08:30:00Z', scheduled: 13 },
      { period: '2025-11-02T01:30:00-08:00', scheduled: 9 },
    ]);
    expect(ivs.map((i) => i.scheduled)).toEqual([undefined, 13, undefined, 9]);
    expect(arrivals[1]!.scheduled).toBeUndefined(); // the input is not changed
    expect(() => applySchedule(arrivals, [{ period: '2025-11-02T02:30:00-08:00', scheduled: 1 }])).toThrow('invalid schedule.0.period: 2025-11-02T02:30:00-08:00 is not one of the intervals');
    // 01:30-08:00 is 09:30Z: the same interval twice would double its calls and agent-hours.
    expect(() => planIntervals([...arrivals, { period: '2025-11-02T09:30:00Z', calls: 50, aht: 180 }], OPTIONS)).toThrow(
      'invalid intervals.4.period: 2025-11-02T09:30:00Z is the same interval as 2025-11-02T01:30:00-08:00',
    );
  });
});
