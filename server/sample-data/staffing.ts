/**
 * How many agents the simulated center puts on each interval. The planners size each
 * interval with Erlang C for a service-level target, but from a plan that lags the
 * enrollment surges (hiring and training take weeks): the plan covers a third of today's
 * surge plus what was seen one to five weeks ago. On top of that a share of scheduled agents is absent
 * each day. Service level therefore lands near target in ordinary weeks and falls in the
 * first weeks of a surge, as it does in real centers.
 */
import { ErlangBCursor, erlangCMetricsFromB } from '../wfm/erlang.ts';
import { addDays } from '../wfm/timezone.ts';
import type { QueueModel } from './model.ts';
import { surgeFactor } from './rates.ts';

/**
 * The smallest number of servers whose Erlang C service level P(wait ≤ t) reaches `target`
 * for `a` Erlangs and handle time `aht` (at least floor(a) + 1; 0 without load): the
 * product's Erlang C (server/wfm/erlang.ts), walking B(n, a) upward once.
 */
export function serversForServiceLevel(a: number, target: number, t: number, aht: number): number {
  if (a <= 0) return 0;
  const cursor = new ErlangBCursor(a);
  let n = Math.max(1, Math.floor(a) + 1);
  cursor.advanceTo(n);
  while (erlangCMetricsFromB(n, a, aht, t, cursor.b).serviceLevel < target) cursor.advanceTo(++n);
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
