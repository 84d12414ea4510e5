/**
 * Case timeliness, backlog and workload (server/wfm/cases) on a hand-made set of cases,
 * every figure worked out beside it, and on seeded random cases against a second
 * computation written here from the definitions in docs/cases.md.
 * Calendar: America/New_York, Monday–Friday 09:00–17:00, federal holidays closed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseBacklog } from '../../server/wfm/cases/backlog.ts';
import type { CaseFacts } from '../../server/wfm/cases/caseRecord.ts';
import { BUILT_IN_RULES, ruleFor } from '../../server/wfm/cases/deadlineRules.ts';
import { dueFor } from '../../server/wfm/cases/dueDates.ts';
import { quantileLinear } from '../../server/wfm/cases/quantile.ts';
import { caseTimeliness } from '../../server/wfm/cases/timeliness.ts';
import { caseWorkload } from '../../server/wfm/cases/workload.ts';
import { defaultCalendar, type SiteCalendar } from '../../server/wfm/siteCalendar.ts';

const NY = 'America/New_York';
const day = [{ start: '09:00', end: '17:00' }];
const CAL: SiteCalendar = { ...defaultCalendar(NY), hours: [{ queue: '*', channel: '*', weekly: { 1: day, 2: day, 3: day, 4: day, 5: day } }] };
const t = (iso: string) => Date.parse(iso);
const H = 3_600_000;

function kase(id: string, x: Partial<CaseFacts> & { receivedAt: number }): CaseFacts {
  return { caseId: id, type: 'appeal', priority: 'standard', program: 'medicaid', plan: null, state: null, tier: 1, acknowledgedAt: null, resolvedAt: null, extended: false, ...x };
}

// Received Monday 2026-03-02 10:00 EST = 15:00Z unless said otherwise.
const R = t('2026-03-02T15:00:00Z');
const CASES: CaseFacts[] = [
  // A: appeal; ack due end of Wed 03-04 (Tue 1, Wed 2); acknowledged Tue 03-03 15:00Z = 24 h: met.
  //    Resolve due 03-02 + 30 = 04-01 (end of it); resolved 03-20 15:00Z (EDT from 03-08): 18 days = 432 h: met.
  kase('A', { receivedAt: R, acknowledgedAt: R + 24 * H, resolvedAt: R + 432 * H }),
  // B: appeal; acknowledged Thursday 03-05 15:00Z = 72 h: after the end of Wed 03-04: missed.
  //    Resolved 04-02 15:00Z = 31 days = 744 h: after the end of 04-01: missed.
  kase('B', { receivedAt: R, acknowledgedAt: R + 72 * H, resolvedAt: R + 744 * H }),
  // C: expedited appeal (72 h): due 03-05 15:00Z; resolved 03-04 15:00Z = 48 h: met. Ack: on
  //    its deadline day, Wednesday 03-04 at 20:00 EST (after closing) = 03-05 01:00Z = 58 h: met.
  kase('C', { receivedAt: R, priority: 'expedited', acknowledgedAt: R + 58 * H, resolvedAt: R + 48 * H }),
  // D: claim research (5 business days: Tue 3, Wed 4, Thu 5, Fri 6, Mon 9): due end of
  //    03-09; never resolved: missed as of 2026-04-15. No acknowledge rule.
  kase('D', { receivedAt: R, type: 'claim_research', tier: 2 }),
  // E: appeal received 2026-04-10 (Friday) 14:00Z: ack due end of Tue 04-14; not acknowledged
  //    as of the end of 04-15: missed. Resolve due 04-10 + 30 = 05-10: pending at 04-15.
  kase('E', { receivedAt: t('2026-04-10T14:00:00Z'), tier: 2 }),
];
const AS_OF = t('2026-04-16T04:00:00Z'); // end of 2026-04-15 EDT

describe('timeliness on a hand-made month', () => {
  it('counts due, met, missed and pending per milestone in the month of its due date', () => {
    const rows = caseTimeliness(CASES, BUILT_IN_RULES, CAL, { from: '2026-03-01', to: '2026-06-01', by: 'month', group: [], asOf: AS_OF });
    expect(rows.map((r) => r.period)).toEqual(['2026-03-01', '2026-04-01', '2026-05-01']);
    const [mar, apr, may] = rows;
    // March: ack A met (24 h), B missed (72 h), C met (58 h); resolve C met (48 h), D missed (not done).
    expect(mar!.acknowledge).toEqual({ due: 3, met: 2, missed: 1, pending: 0, percentTimely: 2 / 3, medianHours: 58, p90Hours: 58 + 0.8 * (72 - 58) });
    // Resolve: hours only over cases that reached it: C 48 h; median 48, p90 48.
    expect(mar!.resolve).toEqual({ due: 2, met: 1, missed: 1, pending: 0, percentTimely: 0.5, medianHours: 48, p90Hours: 48 });
    // April: resolve A met (432 h), B missed (744 h); ack E missed (not done).
    // Median of [432, 744] = 588; p90: h = 0.9 → 432 + 0.9 × 312 = 712.8.
    expect(apr!.resolve).toEqual({ due: 2, met: 1, missed: 1, pending: 0, percentTimely: 0.5, medianHours: 588, p90Hours: 432 + 0.9 * 312 });
    expect(apr!.acknowledge).toEqual({ due: 1, met: 0, missed: 1, pending: 0, percentTimely: 0, medianHours: null, p90Hours: null });
    // May: resolve E pending; nothing decided: percent timely null, never 0.
    expect(may!.resolve).toEqual({ due: 1, met: 0, missed: 0, pending: 1, percentTimely: null, medianHours: null, p90Hours: null });
  });

  it('groups by type and tier', () => {
    const rows = caseTimeliness(CASES, BUILT_IN_RULES, CAL, { from: '2026-03-01', to: '2026-04-01', by: 'month', group: ['type', 'tier'], asOf: AS_OF });
    expect(rows.map((r) => [r.group.type, r.group.tier, r.resolve.due, r.resolve.met])).toEqual([
      ['appeal', '1', 1, 1], // C
      ['claim_research', '2', 1, 0], // D
    ]);
  });
});

describe('backlog at the end of a date', () => {
  it('open cases by type, age buckets, due soon and overdue', () => {
    // As of the end of 2026-03-06 (Friday): A, B, C (resolved 03-04, before) → A, B, D open.
    // Ages: received 03-02 → 4 days → bucket 3-7. A and B resolve due 04-01 (not within 7
    // days). D due end of 03-09: after the end of 03-06 and before the end of 03-07 + … :
    // 03-09 = as-of + 3 → within 3 and 7 days, not within 1.
    const { rows, total } = caseBacklog(CASES, BUILT_IN_RULES, CAL, '2026-03-06');
    expect(rows.map((r) => [r.type, r.open, r.ages['3-7'], r.dueWithin1Day, r.dueWithin3Days, r.dueWithin7Days, r.overdue])).toEqual([
      ['appeal', 2, 2, 0, 0, 0, 0],
      ['claim_research', 1, 1, 0, 1, 1, 0],
    ]);
    expect(total.open).toBe(3);
    // As of the end of 03-09, D is due at exactly that instant: overdue (≤ the as-of instant).
    expect(caseBacklog(CASES, BUILT_IN_RULES, CAL, '2026-03-09').total.overdue).toBe(1);
    expect(caseBacklog(CASES, BUILT_IN_RULES, CAL, '2026-03-08').total.dueWithin1Day).toBe(1);
  });
});

describe('case workload over the deferred-work model', () => {
  it('per tier: arrivals and backlog × handle minutes → agents and FTE', () => {
    // Tier 1: 40 claim research arrivals (45 min) and 10 appeals in the backlog (120 min):
    // AHT = (40·45 + 10·120) / 50 = 3000 / 50 = 60 min = 3600 s. Over 160 business hours
    // with productivity 0.85: pace = 40 h / (160 · 0.85) = 0.294118; backlog 10 h to clear in
    // 40 h: 10 / (40 · 0.85) = 0.294118; exact 0.588235 → 1 agent; FTE at 30% shrinkage = 1 / 0.7.
    const r = caseWorkload({
      arrivals: [{ tier: '1', type: 'claim_research', count: 40 }],
      backlog: [{ tier: '1', type: 'appeal', count: 10 }],
      periodHours: 160,
      clearWithinHours: 40,
      shrinkage: 0.3,
    });
    expect(r.tiers).toHaveLength(1);
    const t1 = r.tiers[0]!;
    expect(t1.ahtSeconds).toBe(3600);
    expect(t1.staffing!.workloadHours).toBe(40);
    expect(t1.staffing!.backlogHours).toBe(10);
    expect(t1.staffing!.requiredAgentsExact).toBeCloseTo(40 / 136 + 10 / 34, 12);
    expect(t1.staffing!.agents).toBe(1);
    expect(t1.staffing!.fte).toBeCloseTo(1 / 0.7, 12);
    expect(r.total).toEqual({ workloadHours: 40, backlogHours: 10, agents: 1, fte: t1.staffing!.fte });
  });

  it('a tier with 600 appeals a month needs the hours they take', () => {
    // 600 × 120 min = 1200 h over 170 business hours at 0.85: 1200 / 144.5 = 8.304 → 9 agents.
    const r = caseWorkload({ arrivals: [{ tier: '2', type: 'appeal', count: 600 }], backlog: [], periodHours: 170, clearWithinHours: 40 });
    expect(r.tiers[0]!.staffing!.agents).toBe(9);
    expect(r.total.fte).toBeNull();
  });
});

describe('seeded random cases against a second computation', () => {
  const START = t('2026-01-05T14:00:00Z');
  const arb = fc.array(
    fc.record({
      type: fc.constantFrom('appeal', 'grievance', 'claim_research', 'escalation', 'other'),
      priority: fc.constantFrom('standard', 'expedited'),
      program: fc.constantFrom('medicare_advantage', 'medicaid', 'marketplace', 'commercial'),
      receivedH: fc.integer({ min: 0, max: 24 * 120 }),
      ackH: fc.option(fc.integer({ min: 0, max: 24 * 10 })),
      resH: fc.option(fc.integer({ min: 0, max: 24 * 100 })),
      extended: fc.boolean(),
    }),
    { maxLength: 60 },
  );
  it('every figure equals the count made case by case', () => {
    fc.assert(
      fc.property(arb, (xs) => {
        const cases = xs.map((x, i) =>
          kase(`R${i}`, {
            type: x.type,
            priority: x.priority,
            program: x.program,
            extended: x.extended,
            receivedAt: START + x.receivedH * H,
            acknowledgedAt: x.ackH === null ? null : START + (x.receivedH + x.ackH) * H,
            resolvedAt: x.resH === null ? null : START + (x.receivedH + x.resH) * H,
          }),
        );
        const asOf = START + 24 * 90 * H;
        const rows = caseTimeliness(cases, BUILT_IN_RULES, CAL, { from: '2026-01-01', to: '2026-12-01', by: 'month', group: ['program'], asOf });
        for (const m of ['acknowledge', 'resolve'] as const) {
          // Second path: per case, the rule, the due instant, then the status by definition.
          let met = 0;
          let missed = 0;
          let pending = 0;
          const hours: number[] = [];
          for (const c of cases) {
            const rule = ruleFor(BUILT_IN_RULES, m, c);
            if (!rule) continue;
            const due = dueFor(rule, c.receivedAt, c.extended, CAL);
            const doneAt = m === 'acknowledge' ? c.acknowledgedAt : c.resolvedAt;
            const known = doneAt !== null && doneAt <= asOf;
            if (known && doneAt! < due.dueMs) met++;
            else if (known || due.dueMs <= asOf) missed++;
            else pending++;
            if (known) hours.push((doneAt! - c.receivedAt) / H);
          }
          const sum = (k: 'met' | 'missed' | 'pending' | 'due') => rows.reduce((s, r) => s + r[m][k], 0);
          expect([sum('met'), sum('missed'), sum('pending'), sum('due')]).toEqual([met, missed, pending, met + missed + pending]);
          if (rows.length === 1) expect(rows[0]![m].medianHours).toBe(quantileLinear(hours, 0.5));
        }
      }),
      { seed: 11, numRuns: 60 },
    );
  });

  it('the backlog rows add up to the total and each open case is counted once', () => {
    fc.assert(
      fc.property(arb, fc.integer({ min: 0, max: 100 }), (xs, d) => {
        const cases = xs.map((x, i) =>
          kase(`R${i}`, { type: x.type, priority: x.priority, program: x.program, receivedAt: START + x.receivedH * H, resolvedAt: x.resH === null ? null : START + (x.receivedH + x.resH) * H }),
        );
        const asOfDate = new Date(Date.UTC(2026, 0, 5 + d)).toISOString().slice(0, 10);
        const { rows, total } = caseBacklog(cases, BUILT_IN_RULES, CAL, asOfDate);
        // The end of the local date: midnight in New York, 05:00Z in EST, 04:00Z in EDT
        // (DST 2026: from 03-08 to 11-01).
        const next = new Date(t(`${asOfDate}T12:00:00Z`) + 24 * H).toISOString().slice(0, 10);
        const edt = next > '2026-03-08' && next <= '2026-11-01';
        const asOfEnd = t(`${next}T0${edt ? 4 : 5}:00:00Z`);
        const open = cases.filter((c) => c.receivedAt < asOfEnd && (c.resolvedAt === null || c.resolvedAt >= asOfEnd)).length;
        expect(total.open).toBe(open);
        expect(rows.reduce((s, r) => s + r.open, 0)).toBe(total.open);
        expect(total.overdue + total.noRule + rows.reduce((s, r) => s + r.open - r.overdue - r.noRule, 0)).toBe(total.open);
        expect(Object.values(total.ages).reduce((s, n) => s + n, 0)).toBe(total.open);
      }),
      { seed: 12, numRuns: 60 },
    );
  });
});
