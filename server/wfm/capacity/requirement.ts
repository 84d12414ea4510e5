/**
 * The FTE a month requires, by tier, computed on an intraday and weekly shape rather than a
 * flat monthly average (queues are non-linear: the same contacts need more agents when they
 * bunch into a Monday morning).
 *
 * Tier 1, queued channels (voice; chat with its concurrency): a week's contacts
 * (month ÷ 52/12 weeks) are spread over the weekdays by the channel's own `weekdayShares` and
 * over each open day's intervals by its own `intradayProfile` (`shapes`); the staffing engine (server/wfm/staffing.ts, Erlang C at the
 * channel's service-level target; chat as nonVoice.ts `staffChat` does: slots ÷ concurrency) gives the agents each
 * interval needs; agent-hours a week = Σ agents × interval hours. Occupancy is already inside
 * those agents (Erlang), so it is not applied again.
 * Tier 1, deferred channels (email, portal): agent-hours a week = contacts × AHT ÷
 * deferredOccupancy — the one place occupancy is applied for them.
 * Tier 2: escalations (Σ channels' contacts × tier2Share × that channel's Tier-2 AHT) plus its
 * case work (Σ case types on Tier 2: members ÷ 1,000 × perThousandMembers × hoursEach),
 * deferred, ÷ deferredOccupancy. Tier 3 likewise with tier3Share, the Tier-3 AHT and its cases,
 * at least tier3MinFte while there are members.
 * FTE = agent-hours a week ÷ (paidHoursPerWeek × (1 − shrinkage)) (shrinkage.ts `fteFromAgentHours`).
 *
 * Contract floors then apply: a floor of members ÷ membersPerFte on Tier 1 or on the total
 * (a shortfall on the total is added to Tier 1). `bindingConstraint` names what set Tier 1:
 * 'service level' (the workload) or the floor's name; `bindingByTier` names it for each tier
 * (Tier 3: 'workload' or 'Tier-3 minimum').
 */
import { InputError } from '../inputError.ts';
import { fteFromAgentHours } from '../shrinkage.ts';
import { staff } from '../staffing.ts';
import { CHANNELS, type Channel, WEEKS_PER_MONTH } from './defaults.ts';
import type { MonthDemand } from './demand.ts';
import type { Scenario } from './scenario.ts';

export interface MonthRequirement {
  /** Agent-hours a week by channel (Tier 1) before shrinkage. */
  agentHoursPerWeek: Record<Channel, number>;
  /** Peak agents in any interval by queued channel. */
  peakAgents: { voice: number; chat: number };
  /** FTE from the workload alone, before contract floors. */
  workloadFte: { tier1: number; tier2: number; tier3: number };
  requiredFte: { tier1: number; tier2: number; tier3: number; total: number };
  bindingConstraint: string;
  bindingByTier: { tier1: string; tier2: string; tier3: string };
  /** Case work of the month in hours, by tier (deferred work, before occupancy). */
  caseHours: { tier2: number; tier3: number };
}

/** What sets Tier 3 when its part-time minimum is above its workload. */
export const TIER3_MINIMUM = 'Tier-3 minimum';

/** Agent-hours a week and the peak agents of one queued channel. */
function queuedWeek(s: Scenario, channel: 'voice' | 'chat', weeklyContacts: number, perInterval: (calls: number) => number): { hours: number; peak: number } {
  let hours = 0;
  let peak = 0;
  const intervalHours = s.intervalMinutes / 60;
  const shape = s.shapes[channel];
  for (const dayShare of shape.weekdayShares) {
    if (dayShare === 0) continue;
    for (const w of shape.intradayProfile) {
      if (w === 0) continue;
      const agents = perInterval(weeklyContacts * dayShare * w);
      hours += agents * intervalHours;
      peak = Math.max(peak, agents);
    }
  }
  return { hours, peak };
}

/**
 * Agent-hours of a queued channel's week, remembered by (channel, weekly contacts, AHT): months
 * with the same members and seasonal index (May–Aug by default) then cost one lookup. A plan
 * passes one cache for its months; the answer does not depend on it.
 */
export type WeekCache = Map<string, { hours: number; peak: number }>;

function cached(cache: WeekCache | undefined, key: string, compute: () => { hours: number; peak: number }): { hours: number; peak: number } {
  if (!cache) return compute();
  let hit = cache.get(key);
  if (!hit) {
    hit = compute();
    cache.set(key, hit);
  }
  return hit;
}

/**
 * The staffing engine's answer for one interval; its InputError (a load beyond what it solves)
 * named after the scenario's field, since its own field (`calls`) is not one a planner entered.
 */
function solved(channel: 'voice' | 'chat', month: string, fn: () => number): number {
  try {
    return fn();
  } catch (e) {
    if (e instanceof InputError) throw new InputError('members', `${channel} in ${month} is beyond the staffing engine (${e.problem}); plan a smaller block or fewer contacts per member`);
    throw e;
  }
}

export function monthRequirement(s: Scenario, d: MonthDemand, cache?: WeekCache): MonthRequirement {
  const weekly = (c: Channel) => d.contacts[c] / WEEKS_PER_MONTH;
  const voice = cached(cache, `voice|${weekly('voice')}|${d.aht.voice}`, () =>
    queuedWeek(s, 'voice', weekly('voice'), (calls) =>
      calls > 0
        ? solved('voice', d.month, () => staff({ calls, aht: d.aht.voice, intervalMinutes: s.intervalMinutes, answerWithin: s.answerWithin.voice, serviceLevel: s.serviceLevel.voice }).agents)
        : 0,
    ),
  );
  const chat = cached(cache, `chat|${weekly('chat')}|${d.aht.chat}`, () =>
    queuedWeek(s, 'chat', weekly('chat'), (calls) =>
      calls > 0
        ? // nonVoice.ts staffChat's agents, without its evaluator (14× slower here): chat slots
          // solved as Erlang servers, agents = ⌈slots ÷ concurrency⌉ (test/unit/capacity.test.ts).
          solved('chat', d.month, () =>
            Math.ceil(staff({ calls, aht: d.aht.chat, intervalMinutes: s.intervalMinutes, answerWithin: s.answerWithin.chat, serviceLevel: s.serviceLevel.chat }).agents / s.chatConcurrency),
          )
        : 0,
    ),
  );
  const deferredHours = (c: Channel) => (weekly(c) * d.aht[c]) / 3600 / s.deferredOccupancy;
  const agentHoursPerWeek = { voice: voice.hours, chat: chat.hours, email: deferredHours('email'), portal: deferredHours('portal') };
  const fte = (hours: number) => fteFromAgentHours(hours, s.shrinkage, s.paidHoursPerWeek);

  const t = s.tiers;
  const escalated = (share: number, aht: Record<Channel, number>) => CHANNELS.reduce((a, c) => a + (d.contacts[c] * share * aht[c]) / 3600, 0);
  const caseHours = { tier2: 0, tier3: 0 };
  for (const k of s.cases) caseHours[k.tier] += (d.members / 1000) * k.perThousandMembers * k.hoursEach;
  const tier2Hours = escalated(t.tier2Share, s.tierAht.tier2) + caseHours.tier2;
  const tier3Hours = escalated(t.tier3Share, s.tierAht.tier3) + caseHours.tier3;
  const workloadFte = {
    tier1: fte(agentHoursPerWeek.voice + agentHoursPerWeek.chat + agentHoursPerWeek.email + agentHoursPerWeek.portal),
    tier2: fte(tier2Hours / WEEKS_PER_MONTH / s.deferredOccupancy),
    tier3: fte(tier3Hours / WEEKS_PER_MONTH / s.deferredOccupancy),
  };

  let tier1 = workloadFte.tier1;
  const tier2 = workloadFte.tier2;
  const tier3 = d.members > 0 ? Math.max(workloadFte.tier3, t.tier3MinFte) : workloadFte.tier3;
  const tier3Binding = tier3 > workloadFte.tier3 ? TIER3_MINIMUM : 'workload';
  let binding = 'service level';
  const floorMembers = (plan?: string) => (plan === undefined ? d.members : (d.membersByPlan[plan] ?? 0));
  for (const f of s.contractFloors) {
    const floor = floorMembers(f.plan) / f.membersPerFte;
    const have = f.applies === 'tier1' ? tier1 : tier1 + tier2 + tier3;
    if (floor > have) {
      tier1 += floor - have;
      binding = f.name;
    }
  }
  return {
    agentHoursPerWeek,
    peakAgents: { voice: voice.peak, chat: chat.peak },
    workloadFte,
    requiredFte: { tier1, tier2, tier3, total: tier1 + tier2 + tier3 },
    bindingConstraint: binding,
    bindingByTier: { tier1: binding, tier2: 'workload', tier3: tier3Binding },
    caseHours,
  };
}
