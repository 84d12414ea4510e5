/**
 * How many agents the simulated center puts on each interval. The planners size each
 * interval with Erlang C for a service-level target, but from a plan that lags the
 * enrollment surges (hiring and training take weeks): the plan covers a third of today's
 * surge plus what was seen one to five weeks ago. On top of that a share of scheduled agents is absent
 * each day. Service level therefore lands near target in ordinary weeks and falls in the
 * first weeks of a surge, as it does in real centers.
 */
import { addDays } from '../wfm/timezone.ts';
import type { QueueModel } from './model.ts';
import { surgeFactor } from './rates.ts';

/**
 * Erlang C probability of waiting for `n` servers and offered load `a` Erlangs, from the
 * Erlang B recursion B(k) = a·B(k−1) / (k + a·B(k−1)) (stable, no factorials), then
 * C = n·B / (n − a·(1 − B)). 1 when n ≤ a (the queue is unstable).
 */
export function erlangC(n: number, a: number): number {
  if (!(a >= 0)) throw new Error(`invalid load: ${a}`);
  if (!Number.isInteger(n) || n < 0) throw new Error(`invalid servers: ${n}`);
  if (a === 0) return 0;
  if (n <= a) return 1;
  let b = 1;
  for (let k = 1; k <= n; k++) b = (a * b) / (k + a * b);
  return (n * b) / (n - a * (1 - b));
}

/** Erlang C service level: P(wait ≤ t) = 1 − C·e^(−(n − a)·t / aht). */
export function erlangServiceLevel(n: number, a: number, t: number, aht: number): number {
  if (n <= a) return 0;
  return 1 - erlangC(n, a) * Math.exp((-(n - a) * t) / aht);
}

/** The smallest number of servers whose Erlang C service level reaches `target` (at least 1). */
export function serversForServiceLevel(a: number, target: number, t: number, aht: number): number {
  if (a <= 0) return 0;
  let n = Math.max(1, Math.floor(a) + 1);
  while (erlangServiceLevel(n, a, t, aht) < target) n++;
  return n;
}

const planCache = new Map<string, number>();

/**
 * The surge multiplier the staffing plan is built on for `date`: 35 % of today's lift plus
 * 65 % of the average lift seen 8–35 days earlier. At the start of a +45 % season the
 * plan covers +16 %; it catches up over about five weeks and overstaffs as the season ends.
 */
export function plannedSurge(queue: QueueModel, date: string): number {
  const key = `${queue.name}|${date}`;
  const hit = planCache.get(key);
  if (hit !== undefined) return hit;
  let past = 0;
  for (let k = 8; k <= 35; k++) past += surgeFactor(queue, addDays(date, -k));
  past /= 28;
  const planned = 1 + 0.35 * (surgeFactor(queue, date) - 1) + 0.65 * (past - 1);
  if (planCache.size > 20_000) planCache.clear();
  planCache.set(key, planned);
  return planned;
}
