/**
 * Non-voice work.
 *
 * Chat: an agent handles up to k chats at once, so N agents are N·k "slots", each a server
 * of an Erlang C (or A) queue whose handle time is the chat session length as measured under
 * concurrency (it already includes the slowdown of juggling k chats). Required agents are the
 * smallest N whose N·k slots meet the targets: since targets get no harder as servers are
 * added, that is ⌈s / k⌉ for the smallest sufficient slot count s. Occupancy is per slot.
 *
 * Deferred work (email, portal messages, case research): no caller waits on the line, so it
 * is staffed by workload against its response-time target, not by Erlang. A fluid model over
 * business hours: items arrive evenly at `items / periodHours`; agents work them at
 * `productivity` (the share of their time on this work, default 0.85). The staff must
 *   (1) keep pace:  agents ≥ items·AHT / (periodHours · productivity), and
 *   (2) clear the backlog — items already waiting, or a batch released at the start — within
 *       the response target while keeping pace: agents ≥ pace + backlog·AHT / (R · productivity).
 * With given agents it reports how long the backlog takes to clear (null if never).
 */
import { InputError } from './inputError.ts';
import { ceilExact, fteFor, scheduledHeads } from './shrinkage.ts';
import { createStaffingEvaluator, type StaffingInput, type StaffingResult } from './staffing.ts';

export interface ChatInput extends StaffingInput {
  /** Chats one agent handles at once (k ≥ 1). */
  concurrency: number;
}

export interface ChatResult extends StaffingResult {
  concurrency: number;
  /** Agents × concurrency: the servers of the queue. */
  slots: number;
}

/** Solves (or, with `agents`, evaluates) chat staffing with concurrency k. */
export function staffChat(input: ChatInput): ChatResult {
  const { concurrency: k, ...rest } = input;
  if (!(Number.isInteger(k) && k >= 1 && k <= 20)) throw new InputError('concurrency', 'must be a whole number from 1 to 20');
  const evaluator = createStaffingEvaluator({ ...rest, shrinkage: undefined });
  let agents: number;
  if (rest.agents !== undefined) agents = rest.agents;
  else agents = Math.ceil(evaluator.solve().agents / k);
  const r = evaluator.at(agents * k);
  const out: ChatResult = { ...r, agents, concurrency: k, slots: agents * k };
  delete out.fte;
  delete out.scheduledAgents;
  if (rest.shrinkage !== undefined) {
    out.fte = fteFor(agents, rest.shrinkage);
    out.scheduledAgents = scheduledHeads(agents, rest.shrinkage);
  }
  return out;
}

export interface DeferredInput {
  /** Items arriving over the period. */
  items: number;
  /** Business hours the period spans (e.g. 8 for a day, 40 for a week). */
  periodHours: number;
  /** Handle time per item, seconds. */
  aht: number;
  /** Response-time target, business hours (e.g. 24). */
  responseHours: number;
  /** Items already waiting at the start (or released as one batch). */
  backlog?: number;
  /** Share of working time spent on this work (default 0.85). */
  productivity?: number;
  shrinkage?: number;
  /** Given: evaluate this staffing. */
  agents?: number;
}

export interface DeferredResult {
  /** Hours of handling the arrivals need (items × AHT). */
  workloadHours: number;
  /** Hours of handling the backlog needs. */
  backlogHours: number;
  /** Fractional agents the two constraints ask for. */
  requiredAgentsExact: number;
  /** Whole agents: required (solve) or given (evaluate). */
  agents: number;
  /** Share of the agents' productive time the arrivals take; null with no agents. */
  utilization: number | null;
  /** Hours to clear the backlog at this staffing; 0 without one; null if it never clears. */
  backlogClearHours: number | null;
  meetsTarget: boolean;
  fte?: number;
  scheduledAgents?: number;
}

export function staffDeferred(input: DeferredInput): DeferredResult {
  const { items, periodHours, aht, responseHours } = input;
  const backlog = input.backlog ?? 0;
  const productivity = input.productivity ?? 0.85;
  const check = (field: string, ok: boolean, problem: string) => {
    if (!ok) throw new InputError(field, problem);
  };
  check('items', Number.isFinite(items) && items >= 0, 'must be a number ≥ 0');
  check('periodHours', Number.isFinite(periodHours) && periodHours > 0, 'must be > 0 hours');
  check('aht', Number.isFinite(aht) && aht > 0, 'must be > 0 seconds');
  check('responseHours', Number.isFinite(responseHours) && responseHours > 0, 'must be > 0 hours');
  check('backlog', Number.isFinite(backlog) && backlog >= 0, 'must be a number ≥ 0');
  check('productivity', Number.isFinite(productivity) && productivity > 0 && productivity <= 1, 'must be in (0, 1]');
  if (input.agents !== undefined) check('agents', Number.isInteger(input.agents) && input.agents >= 0, 'must be a whole number ≥ 0');
  if (input.shrinkage !== undefined) check('shrinkage', Number.isFinite(input.shrinkage) && input.shrinkage >= 0 && input.shrinkage < 1, 'must be in [0, 1)');

  const workloadHours = (items * aht) / 3600;
  const backlogHours = (backlog * aht) / 3600;
  const pace = workloadHours / (periodHours * productivity);
  const requiredAgentsExact = pace + backlogHours / (responseHours * productivity);
  // Whole agents: rounded up, without letting float noise add one (as whole heads are).
  const required = requiredAgentsExact === 0 ? 0 : Math.max(1, ceilExact(requiredAgentsExact));
  const agents = input.agents ?? required;
  const capacityPerHour = agents * productivity; // productive hours per business hour
  const arrivalsPerHour = workloadHours / periodHours;
  const spare = capacityPerHour - arrivalsPerHour;
  const backlogClearHours = backlogHours === 0 ? (spare >= 0 ? 0 : null) : spare > 0 ? backlogHours / spare : null;
  const out: DeferredResult = {
    workloadHours,
    backlogHours,
    requiredAgentsExact,
    agents,
    utilization: capacityPerHour > 0 ? arrivalsPerHour / capacityPerHour : null,
    backlogClearHours,
    meetsTarget: backlogClearHours !== null && backlogClearHours <= responseHours * (1 + 1e-12) && spare >= -1e-12,
  };
  if (input.shrinkage !== undefined) {
    out.fte = fteFor(agents, input.shrinkage);
    out.scheduledAgents = scheduledHeads(agents, input.shrinkage);
  }
  return out;
}
