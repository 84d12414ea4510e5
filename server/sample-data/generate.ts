/**
 * The simulation, one local day at a time:
 *  1. expected rates per queue x channel x 30-min interval (rates.ts), and the staffing
 *     each interval gets from a plan that lags the surges (staffing.ts);
 *  2. non-homogeneous Poisson arrivals (uniform within an interval), each with a reason,
 *     tier, lognormal handle-time components and exponential patience; IVR-contained calls
 *     as their own Poisson stream next to voice;
 *  3. voice and chat through the FCFS multi-server queue (queue-sim.ts), email and portal as
 *     deferred back-office work (deferred.ts);
 *  4. in offered-time order across all queues: who the member is (callbacks, members.ts),
 *     transfers, resolution, surveys, contact ids.
 * Everything random comes from seeded streams, so a seed gives the same contacts every time.
 */
import { seasonsOn } from '../wfm/calendar.ts';
import { addDays } from '../wfm/timezone.ts';
import { addBusinessTime, type Windows } from './deferred.ts';
import { dayCalendar, INTERVAL_SECONDS, openWindow, type DayCalendar } from './days.ts';
import { isoUtc } from './format.ts';
import { CallbackPool, memberHash, memberId } from './members.ts';
import {
  BACK_OFFICE_HOURS,
  BEHAVIOUR,
  CHANNEL_MODELS,
  CHANNELS,
  CHAT_HANDLE,
  DEFERRED_DELAY,
  IVR_RATIO,
  IVR_REASONS,
  MESSAGE_HANDLE,
  QUEUES,
  REASONS,
  TIER_BY_REASON,
  VOICE_HANDLE,
  type Channel,
  type HandleModel,
  type Plan,
  type QueueModel,
  type Reason,
  type Tier,
} from './model.ts';
import { cumulativeWeights, lognormalParams, RandomStream, type LognormalParams } from '../wfm/random.ts';
import { expectedIntervalRates, surgeFactor } from './rates.ts';
import { simulateQueue, type StaffStep } from './queue-sim.ts';
import { plannedSurge, serversForServiceLevel } from './staffing.ts';

/** One generated contact: exactly the canonical columns of ../shared/DESIGN.md. */
export interface SampleContact {
  contact_id: string;
  queue: string;
  channel: Channel;
  plan: Plan;
  state: string;
  tier: Tier;
  reason: Reason;
  offered_at: string;
  answered_at: string | null;
  ended_at: string | null;
  talk_s: number | null;
  hold_s: number | null;
  acw_s: number | null;
  agent_id: string | null;
  member_id: string | null;
  transferred: boolean | null;
  ivr_contained: boolean;
  resolved: boolean | null;
  csat: number | null;
  nps: number | null;
}

export const CONTACT_COLUMNS = [
  'contact_id',
  'queue',
  'channel',
  'plan',
  'state',
  'tier',
  'reason',
  'offered_at',
  'answered_at',
  'ended_at',
  'talk_s',
  'hold_s',
  'acw_s',
  'agent_id',
  'member_id',
  'transferred',
  'ivr_contained',
  'resolved',
  'csat',
  'nps',
] as const satisfies readonly (keyof SampleContact)[];

export interface GeneratorOptions {
  days: number;
  seed: number;
  endDate: string;
  timezone: string;
  scale?: number;
}

/** What one simulated day produced, plus the rates it was drawn from. */
export interface SimulatedDay {
  calendar: DayCalendar;
  contacts: SampleContact[];
  /** Expected arrivals, [queue index][channel index][interval]. */
  rates: Float64Array[][];
}

/** A contact before members and outcomes are settled; times in epoch seconds. */
interface Draft {
  q: number;
  channel: Channel;
  offered: number;
  answered: number; // NaN when not answered
  ended: number; // NaN for IVR-contained
  talk: number;
  hold: number;
  acw: number;
  agent: string | null;
  tier: Tier;
  reason: Reason;
  ivr: boolean;
}

interface HandleParams {
  talk: LognormalParams;
  holdShare: number;
  hold: LognormalParams;
  acw: LognormalParams;
}

const CHANNEL_LETTER: Record<Channel, string> = { voice: 'V', chat: 'C', email: 'E', portal: 'P' };
const BACK_OFFICE_LOOKAHEAD_DAYS = 21;
const CLOSE_GRACE_SECONDS = 900;

function handleParams(m: HandleModel, factor: number): HandleParams {
  return {
    talk: lognormalParams(m.talk[0] * factor, m.talk[1]),
    holdShare: m.holdShare,
    hold: lognormalParams(m.hold[0] * factor, Math.max(m.hold[1], 1e-9)),
    acw: lognormalParams(m.acw[0] * factor, m.acw[1]),
  };
}

function handleTable(channel: Channel): Record<Tier, HandleModel> {
  return channel === 'voice' ? VOICE_HANDLE : channel === 'chat' ? CHAT_HANDLE : MESSAGE_HANDLE;
}

/**
 * Mean busy time per contact (talk + hold + after-call work) of a queue and channel at the
 * base reason mix: what the planners size staffing with.
 */
export function plannedHandleSeconds(queue: QueueModel, channel: Channel): number {
  const table = handleTable(channel);
  let total = 0;
  let weight = 0;
  for (const r of REASONS) {
    const w = queue.reasons[r];
    const [p2, p3] = TIER_BY_REASON[r];
    const byTier = (t: Tier) => {
      const m = table[t];
      return m.talk[0] + m.holdShare * m.hold[0] + m.acw[0];
    };
    total += w * ((1 - p2 - p3) * byTier(1) + p2 * byTier(2) + p3 * byTier(3));
    weight += w;
  }
  return (total / weight) * queue.handleFactor;
}

/** The simulation state carried from day to day. */
export class ContactSimulator {
  readonly dates: string[];
  private readonly scale: number;
  private readonly calendars = new Map<string, DayCalendar>();
  private readonly backOffice: Windows;
  private readonly handle: HandleParams[][][]; // [q][channel][tier-1]
  private readonly planAht: number[][]; // [q][channel]
  private readonly arrivalRng: RandomStream[][]; // [q][channel]
  private readonly staffRng: RandomStream;
  private readonly deferredRng: RandomStream;
  private readonly memberRng: RandomStream;
  private readonly pools: CallbackPool[];
  private readonly populations: number[];
  private readonly ivrReasons: { reasons: Reason[]; cum: Float64Array };
  private readonly planCum: Float64Array[];
  private readonly stateCum: Float64Array[];
  private seq = 0;

  constructor(private readonly options: GeneratorOptions) {
    this.scale = options.scale ?? 1;
    const first = addDays(options.endDate, -(options.days - 1));
    this.dates = Array.from({ length: options.days }, (_, i) => addDays(first, i));
    const windows: [number, number][] = [];
    for (let i = 0; i < options.days + BACK_OFFICE_LOOKAHEAD_DAYS; i++) {
      const cal = this.calendar(addDays(first, i));
      if (cal.holiday || cal.weekday === 7) continue;
      const w = openWindow(cal, cal.weekday === 6 ? BACK_OFFICE_HOURS.saturday : BACK_OFFICE_HOURS.weekday);
      if (w) windows.push(w);
    }
    this.backOffice = windows;
    this.handle = QUEUES.map((q) => CHANNELS.map((ch) => ([1, 2, 3] as Tier[]).map((t) => handleParams(handleTable(ch)[t], q.handleFactor))));
    this.planAht = QUEUES.map((q) => CHANNELS.map((ch) => plannedHandleSeconds(q, ch)));
    // Streams are named after their purpose and the first date, so runs that start on
    // different days do not open with the same draws.
    const seed = options.seed;
    this.arrivalRng = QUEUES.map((q) => CHANNELS.map((ch) => new RandomStream(seed, `arrivals:${q.name}:${ch}:${first}`)));
    this.staffRng = new RandomStream(seed, `staffing:${first}`);
    this.deferredRng = new RandomStream(seed, `deferred:${first}`);
    this.memberRng = new RandomStream(seed, `members:${first}`);
    this.pools = QUEUES.map(() => new CallbackPool());
    this.populations = QUEUES.map((q) => Math.min(9_000_000, Math.max(5_000, Math.round(q.population * this.scale))));
    const ivr = Object.entries(IVR_REASONS) as [Reason, number][];
    this.ivrReasons = { reasons: ivr.map((e) => e[0]), cum: cumulativeWeights(ivr.map((e) => e[1])) };
    this.planCum = QUEUES.map((q) => cumulativeWeights(q.plans.map((p) => p[1])));
    this.stateCum = QUEUES.map((q) => cumulativeWeights(q.states.map((s) => s[1])));
  }

  private calendar(date: string): DayCalendar {
    let c = this.calendars.get(date);
    if (!c) {
      c = dayCalendar(date, this.options.timezone);
      this.calendars.set(date, c);
    }
    return c;
  }

  /** Simulates the days in order; each call to the iterator advances the shared state. */
  *run(): Generator<SimulatedDay> {
    for (const date of this.dates) {
      yield this.simulateDay(date);
      this.calendars.delete(date);
    }
  }

  private simulateDay(date: string): SimulatedDay {
    const cal = this.calendar(date);
    const seasons = seasonsOn(date);
    const drafts: Draft[] = [];
    const rates: Float64Array[][] = [];
    QUEUES.forEach((queue, q) => {
      const reasonCum = this.reasonWeights(queue, seasons);
      const queueRates: Float64Array[] = [];
      CHANNELS.forEach((channel, c) => {
        const lam = expectedIntervalRates(queue, channel, cal, this.scale);
        queueRates.push(lam);
        const rng = this.arrivalRng[q]![c]!;
        const out = this.arrivals(q, channel, cal, lam, reasonCum, rng);
        if (channel === 'voice' || channel === 'chat') this.runQueue(q, channel, cal, lam, out);
        else this.runDeferred(q, channel, date, lam, out);
        for (const d of out) drafts.push(d);
        if (channel === 'voice') {
          const ivrFactor = IVR_RATIO * (seasons.includes('january_id_cards') ? 1.3 : 1);
          for (let i = 0; i < lam.length; i++) {
            const n = rng.poisson(lam[i]! * ivrFactor);
            for (let k = 0; k < n; k++) {
              const offered = cal.starts[i]! + rng.int(INTERVAL_SECONDS);
              const reason = this.ivrReasons.reasons[rng.pick(this.ivrReasons.cum)]!;
              drafts.push({
                q,
                channel,
                offered,
                answered: NaN,
                ended: NaN,
                talk: 0,
                hold: 0,
                acw: 0,
                agent: null,
                tier: 1,
                reason,
                ivr: true,
              });
            }
          }
        }
      });
      rates.push(queueRates);
    });
    // Offered-time order across every queue and channel; the sort is stable, so ties keep
    // the construction order and the output is deterministic.
    drafts.sort((a, b) => a.offered - b.offered);
    const contacts = drafts.map((d) => this.settle(d));
    return { calendar: cal, contacts, rates };
  }

  private reasonWeights(queue: QueueModel, seasons: string[]): Float64Array {
    const inSurge = queue.surges.some((s) => s.season !== 'january_id_cards' && seasons.includes(s.season));
    const idCards = seasons.includes('january_id_cards');
    return cumulativeWeights(
      REASONS.map((r) => {
        let w = queue.reasons[r];
        if (idCards && r === 'id_card') w *= 4;
        if (inSurge && r === 'eligibility') w *= 2;
        if (inSurge && r === 'billing') w *= 1.5;
        return w;
      }),
    );
  }

  /** Poisson arrivals with their reason, tier, handle times and patience, in time order. */
  private arrivals(q: number, channel: Channel, cal: DayCalendar, lam: Float64Array, reasonCum: Float64Array, rng: RandomStream): (Draft & { patience: number })[] {
    const out: (Draft & { patience: number })[] = [];
    const queue = QUEUES[q]!;
    const c = CHANNELS.indexOf(channel);
    const patienceMean = CHANNEL_MODELS[channel].patienceMean;
    const times: number[] = [];
    for (let i = 0; i < lam.length; i++) {
      const n = rng.poisson(lam[i]!);
      if (n === 0) continue;
      times.length = 0;
      for (let k = 0; k < n; k++) times.push(cal.starts[i]! + rng.int(INTERVAL_SECONDS));
      times.sort((a, b) => a - b);
      for (const offered of times) {
        const reason = REASONS[rng.pick(reasonCum)]!;
        const [p2, p3] = TIER_BY_REASON[reason];
        const u = rng.next();
        const tier: Tier = u < p3 ? 3 : u < p3 + p2 ? 2 : 1;
        const h = this.handle[q]![c]![tier - 1]!;
        const talk = Math.max(1, Math.round(rng.lognormal(h.talk)));
        const hold = h.holdShare > 0 && rng.chance(h.holdShare) ? Math.round(rng.lognormal(h.hold)) : 0;
        const acw = Math.round(rng.lognormal(h.acw));
        const patience = patienceMean === null ? Infinity : Math.round(rng.exponential(patienceMean * queue.patienceFactor));
        out.push({
          q,
          channel,
          offered,
          answered: NaN,
          ended: NaN,
          talk,
          hold,
          acw,
          agent: null,
          tier,
          reason,
          ivr: false,
          patience,
        });
      }
    }
    return out;
  }

  /** Staffing for the day from the lagging plan, then the FCFS queue with abandonment. */
  private runQueue(q: number, channel: Channel, cal: DayCalendar, lam: Float64Array, out: (Draft & { patience: number })[]): void {
    const queue = QUEUES[q]!;
    const cm = CHANNEL_MODELS[channel];
    const aht = this.planAht[q]![CHANNELS.indexOf(channel)]!;
    const surge = surgeFactor(queue, cal.date);
    const planned = plannedSurge(queue, cal.date);
    const rng = this.staffRng;
    const forecastError = 1 + 0.04 * rng.normal();
    const absence = 0.04 + 0.08 * rng.next();
    const steps: StaffStep[] = [];
    let lastOpenEnd = -1;
    for (let i = 0; i < lam.length; i++) {
      if (lam[i]! <= 0) {
        if (lastOpenEnd >= 0 && steps.length > 0 && steps[steps.length - 1]!.servers > 0) {
          steps.push({ at: lastOpenEnd + CLOSE_GRACE_SECONDS, servers: 0 });
        }
        continue;
      }
      const load = (lam[i]! * (planned / surge) * forecastError * aht) / INTERVAL_SECONDS;
      const slots = serversForServiceLevel(load, cm.slTarget, cm.slSeconds, aht);
      const agents = Math.max(channel === 'voice' ? 2 : 1, Math.ceil(slots / cm.concurrency));
      let present = 0;
      for (let k = 0; k < agents; k++) if (!rng.chance(absence)) present++;
      steps.push({ at: cal.starts[i]!, servers: Math.max(1, present) * cm.concurrency });
      lastOpenEnd = cal.starts[i]! + INTERVAL_SECONDS;
    }
    if (steps.length > 0 && steps[steps.length - 1]!.servers > 0) {
      steps.push({ at: lastOpenEnd + CLOSE_GRACE_SECONDS, servers: 0 });
    }
    const n = out.length;
    const arrival = new Float64Array(n);
    const patience = new Float64Array(n);
    const service = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const d = out[k]!;
      arrival[k] = d.offered;
      patience[k] = d.patience;
      service[k] = d.talk + d.hold + d.acw;
    }
    const { start, slot } = simulateQueue({ arrival, patience, service }, steps);
    const prefix = `A-${queue.code}-${CHANNEL_LETTER[channel]}`;
    for (let k = 0; k < n; k++) {
      const d = out[k]!;
      if (Number.isNaN(start[k]!)) {
        d.ended = d.offered + d.patience;
      } else {
        d.answered = start[k]!;
        d.ended = d.answered + d.talk + d.hold;
        d.agent = prefix + String(Math.floor(slot[k]! / cm.concurrency) + 1).padStart(3, '0');
      }
    }
  }

  /** Email and portal: picked up after a business-time delay that grows with the surge. */
  private runDeferred(q: number, channel: Channel, date: string, lam: Float64Array, out: Draft[]): void {
    const queue = QUEUES[q]!;
    const rng = this.deferredRng;
    let dayTotal = 0;
    for (const l of lam) dayTotal += l;
    const poolSize = Math.max(2, Math.round(dayTotal / 25));
    const delay = lognormalParams(DEFERRED_DELAY.mean * surgeFactor(queue, date), DEFERRED_DELAY.cv);
    const prefix = `A-${queue.code}-${CHANNEL_LETTER[channel]}`;
    for (const d of out) {
      const wait = Math.min(30 * 3600, Math.max(DEFERRED_DELAY.min, Math.round(rng.lognormal(delay))));
      d.answered = addBusinessTime(this.backOffice, d.offered, wait);
      d.ended = d.answered + d.talk + d.hold;
      d.agent = prefix + String(rng.int(poolSize) + 1).padStart(3, '0');
    }
  }

  /** Member, transfer, resolution, callbacks and survey of one contact, in offered order. */
  private settle(d: Draft): SampleContact {
    const rng = this.memberRng;
    const queue = QUEUES[d.q]!;
    const pool = this.pools[d.q]!;
    const B = BEHAVIOUR;
    let member: number | null = null;
    let reason = d.reason;
    if (!rng.chance(B.anonymous[d.channel])) {
      const cb = pool.takeDue(d.offered, B.callbackExpiryDays * 86400);
      if (cb) {
        member = cb.member;
        reason = cb.reason;
      } else {
        member = queue.memberBase + rng.int(this.populations[d.q]!);
      }
    }
    // A member's plan and state come from a hash of the member, so they never change.
    const draw = (cum: Float64Array, salt: number) => (member === null ? rng.pick(cum) : pickCum(cum, memberHash(member, salt)));
    const plan = queue.plans[draw(this.planCum[d.q]!, 1)]![0];
    const state = queue.states[draw(this.stateCum[d.q]!, 2)]![0];
    const answered = !Number.isNaN(d.answered);
    let transferred: boolean | null = null;
    let resolved: boolean | null = null;
    let csat: number | null = null;
    let nps: number | null = null;
    if (d.ivr) {
      resolved = true;
      if (member !== null && rng.chance(B.callbackIvr.p)) {
        pool.add({ due: d.offered + Math.round(rng.exponential(B.callbackIvr.meanSeconds)), member, reason });
      }
    } else if (!answered) {
      if (member !== null && rng.chance(B.callbackAbandoned.p)) {
        pool.add({ due: d.ended + Math.round(rng.exponential(B.callbackAbandoned.meanSeconds)), member, reason });
      }
    } else {
      const live = d.channel === 'voice' || d.channel === 'chat';
      const wait = d.answered - d.offered;
      transferred = live && rng.chance(B.transfer[d.tier]);
      let p = B.resolved[d.tier];
      if (transferred) p -= B.transferPenalty;
      if (live && wait > B.longWaitSeconds) p -= B.longWaitPenalty;
      if (!live) p -= B.messagePenalty;
      if (reason === 'appeal_grievance') p -= B.appealPenalty;
      const fixed = rng.chance(p);
      resolved = fixed || rng.chance(B.optimisticDisposition);
      if (member !== null) {
        if (!fixed && rng.chance(B.callbackUnresolved.p)) {
          const c = B.callbackUnresolved;
          const days = Math.min(c.maxDays, rng.lognormal(lognormalParams(c.meanDays, c.cv)));
          pool.add({ due: d.ended + Math.round(days * 86400), member, reason });
        } else if (fixed && rng.chance(B.callbackResolved.p)) {
          const c = B.callbackResolved;
          const days = c.minDays + (c.maxDays - c.minDays) * rng.next();
          pool.add({ due: d.ended + Math.round(days * 86400), member, reason });
        }
      }
      if (rng.chance(B.survey[d.channel])) {
        // Latent satisfaction on the CSAT scale: lower after long waits, transfers and
        // unresolved contacts; NPS follows it on the 0–10 scale with its own noise.
        const waitPenalty = live ? 0.8 * Math.min(wait / 300, 2) : 0.1 * Math.min(wait / 86400, 1);
        const s = 4.7 - (fixed ? 0 : 1.3) - (transferred ? 0.4 : 0) - waitPenalty + 0.75 * rng.normal();
        csat = Math.min(5, Math.max(1, Math.round(s)));
        if (rng.chance(B.npsShare)) nps = Math.min(10, Math.max(0, Math.round(2 * s - 0.3 + 1.2 * rng.normal())));
      }
    }
    this.seq++;
    return {
      contact_id: 'C' + String(this.seq).padStart(10, '0'),
      queue: queue.name,
      channel: d.channel,
      plan,
      state,
      tier: d.tier,
      reason,
      offered_at: isoUtc(d.offered),
      answered_at: answered ? isoUtc(d.answered) : null,
      ended_at: Number.isNaN(d.ended) ? null : isoUtc(d.ended),
      talk_s: answered ? d.talk : null,
      hold_s: answered ? d.hold : null,
      acw_s: answered ? d.acw : null,
      agent_id: d.agent,
      member_id: member === null ? null : memberId(member),
      transferred,
      ivr_contained: d.ivr,
      resolved,
      csat,
      nps,
    };
  }
}

/** The index whose cumulative weight first exceeds u × total. */
function pickCum(cum: Float64Array, u: number): number {
  const x = u * cum[cum.length - 1]!;
  for (let i = 0; i < cum.length; i++) if (x < cum[i]!) return i;
  return cum.length - 1;
}
