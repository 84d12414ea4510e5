/**
 * The sample case log: appeals, grievances, claim research and escalations from the same
 * members as the sample contacts, over the same days, deterministic for a seed (its own
 * random stream, so the contacts do not change). docs/sample-data.md lists the figures; they
 * are Staffcast assumptions for a demo, not measured rates.
 *
 * - Arrivals: Poisson per day and line of business, at a yearly rate per 1,000 members
 *   (CASE_RATES), weekdays (weekends ×0.25), lifted after open enrollment and the January ID
 *   cards (SURGE_BY_MONTH) — January ×1.6, February ×1.3, and the AEP months for Medicare.
 * - Expedited share per type and program; acknowledgement (appeals) within about a day,
 *   some late; resolution as a share of the deadline, with more late cases in surge months
 *   (the unit does not keep up); some standard appeals and grievances extended 14 days.
 * - Cases not resolved by the end of the last day are open (no resolved_at, no outcome).
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { cumulativeWeights, RandomStream } from '../wfm/random.ts';
import { addDays, formatLocalIso, isoWeekday, startOfLocalDay } from '../wfm/timezone.ts';
import { CASE_COLUMNS } from '../wfm/cases/caseRecord.ts';
import { memberId } from './members.ts';
import { QUEUES } from './model.ts';
import type { SampleDataOptions } from './index.ts';

type CaseType = 'appeal' | 'grievance' | 'claim_research' | 'escalation';
type Program = 'medicare_advantage' | 'medicaid' | 'marketplace' | 'commercial';

/** Cases per 1,000 members per year, by the queue's line of business (assumptions). */
export const CASE_RATES: Record<string, Record<CaseType, number>> = {
  'medicaid-member-services': { appeal: 2, grievance: 4, claim_research: 6, escalation: 8 },
  'medicare-advantage': { appeal: 6, grievance: 12, claim_research: 10, escalation: 10 },
  'marketplace-small-group': { appeal: 3, grievance: 5, claim_research: 12, escalation: 8 },
};

/** Share of expedited cases by type (Medicare a little higher: more pre-service urgent requests). */
const EXPEDITED: Record<CaseType, number> = { appeal: 0.1, grievance: 0.03, claim_research: 0, escalation: 0 };

/** Arrival multiplier by month (1-12): the January ID cards and enrollment surge. */
export const SURGE_BY_MONTH = [1.6, 1.3, 1.1, 1, 1, 1, 1, 1, 1, 1, 1.1, 1.15];
/** Extra lift for Medicare Advantage during the annual election period (October–December). */
const AEP_LIFT = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0.15, 0.2, 0.15];

/** Approximate deadline in hours, to place resolutions on time or late (the rules decide). */
function deadlineHours(type: CaseType, expedited: boolean, program: Program): number {
  if (type === 'appeal') return expedited ? 72 : 30 * 24;
  if (type === 'grievance') return expedited ? 24 : program === 'medicaid' ? 90 * 24 : 30 * 24;
  if (type === 'claim_research') return 7 * 24; // 5 business days
  return 48;
}

const TIER: Record<CaseType, number> = { appeal: 3, grievance: 2, claim_research: 1, escalation: 2 };
const OUTCOMES: Record<CaseType, string[]> = {
  appeal: ['upheld', 'upheld', 'upheld', 'overturned', 'overturned', 'withdrawn'],
  grievance: ['resolved', 'resolved', 'resolved', 'referred'],
  claim_research: ['adjusted', 'no_change', 'no_change'],
  escalation: ['resolved_tier2', 'resolved_tier2', 'callback'],
};

export interface SampleCase {
  case_id: string;
  member_id: string;
  type: CaseType;
  priority: 'standard' | 'expedited';
  program: Program;
  plan: string;
  state: string;
  tier: number;
  received_at: string;
  acknowledged_at: string | null;
  resolved_at: string | null;
  extended: boolean;
  outcome: string | null;
}

const TYPES: CaseType[] = ['appeal', 'grievance', 'claim_research', 'escalation'];
const STATE_WEIGHTS = new Map(QUEUES.map((q) => [q.name, cumulativeWeights(q.states.map(([, w]) => w))]));
const HOUR = 3_600_000;

/** The sample cases, day by day in receipt order (deterministic for the options). */
export function* generateCases(o: SampleDataOptions): Generator<SampleCase> {
  const rng = new RandomStream(o.seed, 'cases');
  const scale = o.scale ?? 1;
  const first = addDays(o.endDate, 1 - o.days);
  const endMs = startOfLocalDay(addDays(o.endDate, 1), o.timezone);
  let n = 0;
  for (let d = first; d <= o.endDate; d = addDays(d, 1)) {
    const month = Number(d.slice(5, 7)) - 1;
    const weekday = isoWeekday(d);
    // Weekends get a quarter of a weekday's cases; × 7 / 6.5 keeps the weekly total at 7 days' rate.
    const dayFactor = (weekday >= 6 ? 0.25 : 1.2) * (7 / 6.5);
    const start = startOfLocalDay(d, o.timezone);
    for (const q of QUEUES) {
      const surge = SURGE_BY_MONTH[month]! + (q.name === 'medicare-advantage' ? AEP_LIFT[month]! : 0);
      for (const type of TYPES) {
        const perDay = ((CASE_RATES[q.name]![type] * q.population * scale) / 1000 / 365) * dayFactor * surge;
        const count = rng.poisson(perDay);
        for (let i = 0; i < count; i++) {
          n += 1;
          const member = q.memberBase + rng.int(q.population);
          const programPick = q.plans[rng.chance(q.plans[0]![1]) ? 0 : q.plans.length - 1]![0];
          const program: Program = programPick === 'chip' ? 'medicaid' : (programPick as Program);
          const expedited = rng.chance(EXPEDITED[type] * (program === 'medicare_advantage' ? 1.5 : 1));
          const stateIdx = rng.pick(STATE_WEIGHTS.get(q.name)!);
          // Received during the working day (08:00–18:00), mostly.
          const received = start + (8 + 10 * rng.next()) * HOUR;
          const deadline = deadlineHours(type, expedited, program);
          const canExtend = !expedited && (type === 'appeal' || type === 'grievance') && program !== 'marketplace' && program !== 'commercial';
          const extended = canExtend && rng.chance(0.04);
          // Late share grows with the surge: 3 % in a normal month, about 8 % in January.
          const late = rng.chance(0.03 * surge * surge);
          const share = late ? 1.02 + 0.4 * rng.next() : 0.15 + 0.8 * rng.next();
          const resolveAt = received + (deadline + (extended ? 14 * 24 : 0)) * share * HOUR;
          const ackAt = type === 'appeal' ? received + (rng.chance(0.05 * surge) ? 72 + 48 * rng.next() : 1 + 30 * rng.next()) * HOUR : null;
          const done = resolveAt < endMs;
          yield {
            case_id: `CASE-${String(n).padStart(7, '0')}`,
            member_id: memberId(member),
            type,
            priority: expedited ? 'expedited' : 'standard',
            program,
            plan: q.name,
            state: q.states[stateIdx]![0],
            tier: TIER[type],
            received_at: formatLocalIso(Math.round(received / 1000) * 1000, o.timezone),
            acknowledged_at: ackAt !== null && ackAt < endMs ? formatLocalIso(Math.round(ackAt / 1000) * 1000, o.timezone) : null,
            resolved_at: done ? formatLocalIso(Math.round(resolveAt / 1000) * 1000, o.timezone) : null,
            extended,
            outcome: done ? OUTCOMES[type][rng.int(OUTCOMES[type].length)]! : null,
          };
        }
      }
    }
  }
}

/** One CSV line (no value needs quoting: fixed vocabularies and generated ids). */
export function caseLine(c: SampleCase): string {
  const v = (x: string | number | boolean | null) => (x === null ? '' : String(x));
  return `${CASE_COLUMNS.map((k) => v(c[k])).join(',')}\n`;
}

/** Writes the sample case log as CSV; returns the number of cases. */
export function writeSampleCases(o: SampleDataOptions & { out: string }): { rows: number; out: string } {
  const fd = openSync(o.out, 'w');
  let rows = 0;
  try {
    writeSync(fd, `${CASE_COLUMNS.join(',')}\n`);
    let buf = '';
    for (const c of generateCases(o)) {
      buf += caseLine(c);
      rows += 1;
      if (buf.length > 1 << 20) {
        writeSync(fd, buf);
        buf = '';
      }
    }
    writeSync(fd, buf);
  } finally {
    closeSync(fd);
  }
  return { rows, out: o.out };
}
