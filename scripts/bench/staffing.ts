/**
 * Staffing benchmarks: a year of 15-minute intervals (35,040) for 10 queues solved with
 * Erlang C and with Erlang A, the single-interval what-if path, and a 100,000-contact
 * simulation. Loads are those of 50–500-agent queues: each queue's peak offered load is
 * drawn between 45 and 460 Erlangs, shaped by time of day (a quiet night at 10% of the
 * peak, the day around 08:00–20:00) and ±10% day-to-day noise; AHT 240–420 s; 80/20.
 */
import type { Bench } from './harness.ts';
import { timeBest } from './harness.ts';
import { planIntervals, type PlanInterval } from '../../server/wfm/intervalPlan.ts';
import { createRng } from '../../server/wfm/random.ts';
import { simulate } from '../../server/wfm/simulate.ts';
import { createStaffingEvaluator, staff, type SolveHint, type StaffingInput } from '../../server/wfm/staffing.ts';

const INTERVALS_PER_YEAR = 365 * 96;

interface Queue {
  calls: Float64Array;
  aht: number;
}

function makeQueues(count: number, intervals: number): Queue[] {
  const rng = createRng(2025);
  const queues: Queue[] = [];
  for (let q = 0; q < count; q++) {
    const peak = 45 + rng() * 415; // Erlangs
    const aht = 240 + rng() * 180;
    const calls = new Float64Array(intervals);
    let dayNoise = 1;
    for (let i = 0; i < intervals; i++) {
      const slot = i % 96;
      if (slot === 0) dayNoise = 0.9 + 0.2 * rng();
      const hour = slot / 4;
      const day = Math.exp(-(((hour - 13) / 4.5) ** 2));
      const traffic = peak * dayNoise * (0.1 + 0.9 * day);
      calls[i] = (traffic * 900) / aht;
    }
    queues.push({ calls, aht });
  }
  return queues;
}

function solveAll(queues: Queue[], extra: Partial<StaffingInput>): number {
  let agents = 0;
  for (const q of queues) {
    for (let i = 0; i < q.calls.length; i++) {
      agents += staff({ calls: q.calls[i]!, intervalMinutes: 15, aht: q.aht, answerWithin: 20, serviceLevel: 0.8, ...extra }).agents;
    }
  }
  return agents;
}

/** The same, interval after interval with the warm start an interval plan uses. */
function solveAllInSequence(queues: Queue[], extra: Partial<StaffingInput>): number {
  let agents = 0;
  for (const q of queues) {
    const hint: SolveHint = {};
    for (let i = 0; i < q.calls.length; i++) {
      const input = { calls: q.calls[i]!, intervalMinutes: 15, aht: q.aht, answerWithin: 20, serviceLevel: 0.8, ...extra };
      agents += createStaffingEvaluator(input).solve(hint).agents;
    }
  }
  return agents;
}

export default async function (b: Bench): Promise<void> {
  const intervals = b.quick ? 96 * 14 : INTERVALS_PER_YEAR;
  const queues = makeQueues(10, intervals);
  const n = queues.length * intervals;
  const scope = `${n.toLocaleString('en-US')} intervals (10 queues × ${intervals.toLocaleString('en-US')})`;

  // Peak agents, for the record of what "typical loads" means here.
  let peakAgents = 0;
  for (const q of queues) {
    let max = 0;
    for (const c of q.calls) max = Math.max(max, c);
    peakAgents += staff({ calls: max, intervalMinutes: 15, aht: q.aht, answerWithin: 20 }).agents;
  }

  const tC = await timeBest(() => solveAll(queues, {}), b.quick ? 2 : 3);
  b.record('Erlang C: solve required agents', tC, 'ms', `${scope}, 80/20; ${peakAgents} agents at the queues' peaks together`);
  b.record('Erlang C: per interval', (tC * 1000) / n, 'µs');

  const tA = await timeBest(() => solveAll(queues, { model: 'erlang-a', patience: 120 }), b.quick ? 1 : 2);
  b.record('Erlang A: solve required agents', tA, 'ms', `${scope}, 80/20, patience 120 s`);
  b.record('Erlang A: per interval', (tA * 1000) / n, 'µs');
  const tASeq = await timeBest(() => solveAllInSequence(queues, { model: 'erlang-a', patience: 120 }), b.quick ? 1 : 2);
  b.record('Erlang A: solve, intervals in sequence (plan warm start)', tASeq, 'ms', scope);

  // The interval plan over one queue-year, with a schedule, as the forecast page would ask.
  const q = queues[0]!;
  const start = Date.UTC(2025, 0, 1);
  const plan: PlanInterval[] = Array.from({ length: intervals }, (_, i) => ({
    period: new Date(start + i * 900_000).toISOString().replace('.000Z', '+00:00'),
    calls: q.calls[i]!,
    aht: q.aht,
    scheduled: Math.round((q.calls[i]! * q.aht) / 900) + 3,
  }));
  const tPlan = await timeBest(() => planIntervals(plan, { intervalMinutes: 15, answerWithin: 20, shrinkage: 0.32 }), 3);
  b.record('interval plan (Erlang C, with schedule)', tPlan, 'ms', `${intervals.toLocaleString('en-US')} intervals of one queue`);

  // What-if: the dashboard's slider path — one interval, ~300 agents, solve and evaluate.
  const whatIf: StaffingInput = { calls: 1800, intervalMinutes: 30, aht: 300, answerWithin: 20, serviceLevel: 0.8, shrinkage: 0.3 };
  const reps = 2000;
  const tWhatIfC = await timeBest(() => {
    for (let i = 0; i < reps; i++) staff({ ...whatIf, calls: 1800 + (i % 50) });
  }, 3);
  b.record('what-if, Erlang C solve', (tWhatIfC * 1000) / reps, 'µs', '300 Erlangs, one interval');
  const tWhatIfA = await timeBest(() => {
    for (let i = 0; i < reps; i++) staff({ ...whatIf, calls: 1800 + (i % 50), model: 'erlang-a', patience: 120 });
  }, 3);
  b.record('what-if, Erlang A solve', (tWhatIfA * 1000) / reps, 'µs', '300 Erlangs, one interval, patience 120 s');

  // Simulation: 100,000 contacts (one replication of 10 × 30-min intervals at 10,000 calls
  // each, 50 s lognormal handle times, 290 agents, patience 120 s).
  const sim = Array.from({ length: 10 }, () => ({ calls: 10_000, agents: 290 }));
  let contacts = 0;
  const tSim = await timeBest(() => {
    contacts = simulate(sim, { intervalMinutes: 30, aht: 50, answerWithin: 20, patience: 120, handle: 'lognormal', handleCv: 0.8, replications: 2 }, createRng(1)).contacts;
  }, 3);
  b.record('simulation', (tSim * 100_000) / contacts, 'ms per 100k contacts', `${contacts.toLocaleString('en-US')} contacts in 2 replications`);
}
