/**
 * The parameters of the simulated contact center, in one place so docs/sample-data.md can
 * point at them. Everything here is data; the modules next to it turn it into arrivals,
 * staffing, queue outcomes and member behaviour.
 *
 * Figures follow the seed figures in ../shared/DESIGN.md: channel mix 60–70 % voice,
 * 20–25 % chat, 5–10 % email + portal; Tier 1 AHT 6–9 min, specialists 20–40 min;
 * enrollment surges of +30–50 %.
 */
import type { SeasonName } from '../wfm/calendar.ts';

// The canonical record's channels and reasons (the ingest accepts exactly these).
import { CHANNELS, REASONS } from '../wfm/canonical.ts';
export { CHANNELS, REASONS };
export type Channel = (typeof CHANNELS)[number];
export type Reason = (typeof REASONS)[number];

export type Plan = 'medicaid' | 'chip' | 'medicare_advantage' | 'marketplace' | 'commercial' | 'other';
export type Tier = 1 | 2 | 3;

/** A season lift for one queue: `lift` 0.45 means +45 % arrivals while the season runs. */
export interface SurgeModel {
  season: SeasonName;
  lift: number;
  /** When true the lift decays linearly to half by the season's last day (the ID-card spike). */
  decays?: boolean;
}

export interface QueueModel {
  name: string;
  /** Short code used in agent ids. */
  code: string;
  /** Share of all offered contacts on an ordinary weekday. */
  volumeShare: number;
  plans: readonly [Plan, number][];
  states: readonly [string, number][];
  /** Relative frequency of each reason outside any season. */
  reasons: Record<Reason, number>;
  /** Members at scale 1; ids are `M` + (memberBase + n), 8 digits. */
  population: number;
  memberBase: number;
  /** Multiplier on caller patience (Medicare callers wait longer before hanging up). */
  patienceFactor: number;
  /** Multiplier on handle times (Medicare calls run longer). */
  handleFactor: number;
  surges: readonly SurgeModel[];
}

export const QUEUES: readonly QueueModel[] = [
  {
    name: 'medicaid-member-services',
    code: 'MCD',
    volumeShare: 0.45,
    plans: [
      ['medicaid', 0.8],
      ['chip', 0.2],
    ],
    states: [
      ['CA', 0.55],
      ['AZ', 0.2],
      ['NV', 0.15],
      ['OR', 0.1],
    ],
    reasons: {
      eligibility: 22,
      claims: 10,
      billing: 2,
      id_card: 12,
      prior_auth: 8,
      appeal_grievance: 4,
      pcp_change: 14,
      pharmacy: 12,
      behavioral_health: 8,
      other: 8,
    },
    population: 600_000,
    memberBase: 10_000_000,
    patienceFactor: 1,
    handleFactor: 1,
    surges: [{ season: 'january_id_cards', lift: 0.5, decays: true }],
  },
  {
    name: 'medicare-advantage',
    code: 'MA',
    volumeShare: 0.3,
    plans: [['medicare_advantage', 1]],
    states: [
      ['CA', 0.5],
      ['AZ', 0.25],
      ['NV', 0.15],
      ['WA', 0.1],
    ],
    reasons: {
      eligibility: 12,
      claims: 16,
      billing: 8,
      id_card: 10,
      prior_auth: 12,
      appeal_grievance: 6,
      pcp_change: 8,
      pharmacy: 18,
      behavioral_health: 3,
      other: 7,
    },
    population: 200_000,
    memberBase: 20_000_000,
    patienceFactor: 1.4,
    handleFactor: 1.12,
    surges: [
      { season: 'medicare_aep', lift: 0.45 },
      { season: 'january_id_cards', lift: 0.5, decays: true },
    ],
  },
  {
    name: 'marketplace-small-group',
    code: 'MKT',
    volumeShare: 0.25,
    plans: [
      ['marketplace', 0.7],
      ['commercial', 0.3],
    ],
    states: [
      ['CA', 0.5],
      ['OR', 0.2],
      ['WA', 0.2],
      ['NV', 0.1],
    ],
    reasons: {
      eligibility: 18,
      claims: 14,
      billing: 20,
      id_card: 10,
      prior_auth: 7,
      appeal_grievance: 4,
      pcp_change: 6,
      pharmacy: 10,
      behavioral_health: 4,
      other: 7,
    },
    population: 250_000,
    memberBase: 30_000_000,
    patienceFactor: 1,
    handleFactor: 1,
    surges: [
      { season: 'marketplace_oe', lift: 0.4 },
      { season: 'january_id_cards', lift: 0.5, decays: true },
    ],
  },
];

/**
 * Offered contacts per ordinary Wednesday across all queues and channels at scale 1.
 * Calibrated so that the default 800 days end up near one million rows.
 */
export const BASE_DAILY_CONTACTS = 1360;

export interface ChannelModel {
  /** Share of a weekday's offered contacts. */
  share: number;
  /** Day-of-week factors, Monday first (index 0) to Sunday (6). */
  weekday: readonly number[];
  /** Factor on a federal holiday (0 = closed). */
  holiday: number;
  /** Open hours in local minutes of the day, [open, close), Monday–Friday and Saturday; null = all day. */
  hoursWeekday: readonly [number, number] | null;
  hoursSaturday: readonly [number, number] | null;
  /** Caller patience (exponential), seconds; null = never abandons (deferred work). */
  patienceMean: number | null;
  /** Concurrent contacts per agent. */
  concurrency: number;
  /** Staffing target: service level `slTarget` within `slSeconds`. */
  slTarget: number;
  slSeconds: number;
}

export const CHANNEL_MODELS: Record<Channel, ChannelModel> = {
  voice: {
    share: 0.69,
    weekday: [1.22, 1.06, 1.0, 0.97, 0.9, 0.3, 0],
    holiday: 0,
    hoursWeekday: [8 * 60, 20 * 60],
    hoursSaturday: [9 * 60, 14 * 60],
    patienceMean: 240,
    concurrency: 1,
    slTarget: 0.8,
    slSeconds: 20,
  },
  chat: {
    share: 0.23,
    weekday: [1.18, 1.05, 1.0, 0.98, 0.92, 0.4, 0],
    holiday: 0,
    hoursWeekday: [8 * 60, 20 * 60],
    hoursSaturday: [9 * 60, 14 * 60],
    patienceMean: 420,
    concurrency: 2,
    slTarget: 0.8,
    slSeconds: 20,
  },
  email: {
    share: 0.03,
    weekday: [1.15, 1.05, 1.0, 1.0, 0.95, 0.5, 0.45],
    holiday: 0.5,
    hoursWeekday: null,
    hoursSaturday: null,
    patienceMean: null,
    concurrency: 1,
    slTarget: 0,
    slSeconds: 0,
  },
  portal: {
    share: 0.05,
    weekday: [1.15, 1.05, 1.0, 1.0, 0.95, 0.5, 0.45],
    holiday: 0.5,
    hoursWeekday: null,
    hoursSaturday: null,
    patienceMean: null,
    concurrency: 1,
    slTarget: 0,
    slSeconds: 0,
  },
};

/** Back-office hours in which email and portal messages are worked (local minutes). */
export const BACK_OFFICE_HOURS = { weekday: [8 * 60, 18 * 60], saturday: [9 * 60, 14 * 60] } as const;

/** Business-time delay before an email/portal message is picked up: mean seconds, cv. */
export const DEFERRED_DELAY = { mean: 3 * 3600, cv: 0.9, min: 300 };

/** IVR-contained calls per offered voice call (the IVR answers routine requests). */
export const IVR_RATIO = 0.13;
export const IVR_REASONS: Partial<Record<Reason, number>> = {
  id_card: 35,
  eligibility: 25,
  claims: 20,
  pcp_change: 10,
  pharmacy: 10,
};

/** Probability of tier 2 and tier 3 given the reason (the rest is tier 1). */
export const TIER_BY_REASON: Record<Reason, readonly [number, number]> = {
  eligibility: [0.02, 0],
  claims: [0.08, 0.01],
  billing: [0.05, 0],
  id_card: [0.01, 0],
  prior_auth: [0.4, 0.1],
  appeal_grievance: [0.4, 0.25],
  pcp_change: [0.02, 0],
  pharmacy: [0.04, 0],
  behavioral_health: [0.35, 0.15],
  other: [0.03, 0],
};

/** Handle-time components per tier: lognormal (mean s, cv); hold happens on a share of contacts. */
export interface HandleModel {
  talk: readonly [number, number];
  holdShare: number;
  hold: readonly [number, number];
  acw: readonly [number, number];
}

/** Voice: Tier 1 ≈ 6.9 min, Tier 2 ≈ 24 min, Tier 3 ≈ 36 min mean handle. */
export const VOICE_HANDLE: Record<Tier, HandleModel> = {
  1: { talk: [330, 0.7], holdShare: 0.35, hold: [70, 0.8], acw: [60, 0.5] },
  2: { talk: [1200, 0.5], holdShare: 0.5, hold: [150, 0.8], acw: [180, 0.5] },
  3: { talk: [1800, 0.45], holdShare: 0.6, hold: [200, 0.8], acw: [240, 0.5] },
};

/** Chat sessions are longer per contact but an agent runs `concurrency` of them at once. */
export const CHAT_HANDLE: Record<Tier, HandleModel> = {
  1: { talk: [600, 0.6], holdShare: 0, hold: [1, 0], acw: [45, 0.5] },
  2: { talk: [1500, 0.5], holdShare: 0, hold: [1, 0], acw: [120, 0.5] },
  3: { talk: [2100, 0.45], holdShare: 0, hold: [1, 0], acw: [180, 0.5] },
};

/** Email/portal: work time on the message (talk_s) plus a short wrap-up. */
export const MESSAGE_HANDLE: Record<Tier, HandleModel> = {
  1: { talk: [330, 0.6], holdShare: 0, hold: [1, 0], acw: [30, 0.5] },
  2: { talk: [900, 0.5], holdShare: 0, hold: [1, 0], acw: [90, 0.5] },
  3: { talk: [1500, 0.45], holdShare: 0, hold: [1, 0], acw: [120, 0.5] },
};

/** Member behaviour: unidentified contacts, transfers, resolution, callbacks, surveys. */
export const BEHAVIOUR = {
  /** Share of contacts with no member id (caller not verified). */
  anonymous: { voice: 0.07, chat: 0, email: 0.04, portal: 0 } as Record<Channel, number>,
  transfer: { 1: 0.06, 2: 0.03, 3: 0.02 } as Record<Tier, number>,
  /** P(resolved) by tier before penalties. */
  resolved: { 1: 0.77, 2: 0.7, 3: 0.62 } as Record<Tier, number>,
  transferPenalty: 0.12,
  longWaitSeconds: 300,
  longWaitPenalty: 0.05,
  messagePenalty: 0.04,
  appealPenalty: 0.08,
  /** Unresolved contacts the agent still marks resolved. */
  optimisticDisposition: 0.3,
  /** Callback after an unresolved answer: probability and lognormal delay (days). */
  callbackUnresolved: { p: 0.88, meanDays: 1.6, cv: 0.9, maxDays: 12 },
  /** A follow-up question after a resolved contact, uniform 1–14 days later. */
  callbackResolved: { p: 0.05, minDays: 1, maxDays: 14 },
  /** Callers who abandoned try again, mean 90 minutes later. */
  callbackAbandoned: { p: 0.55, meanSeconds: 5400 },
  /** IVR self-service that did not settle it. */
  callbackIvr: { p: 0.08, meanSeconds: 3600 },
  /** Pending callbacks older than this past their due time are forgotten. */
  callbackExpiryDays: 10,
  survey: { voice: 0.15, chat: 0.18, email: 0.1, portal: 0.1 } as Record<Channel, number>,
  /** Share of CSAT respondents who also answer the NPS question. */
  npsShare: 0.7,
};
