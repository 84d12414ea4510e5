/**
 * The capacity scenario: what a planner enters (every field optional but the members and the
 * first month), checked and completed with CAPACITY_DEFAULTS into a `Scenario` the engine
 * reads. Invalid input throws an InputError naming the field by its path
 * (`invalid plans.0.members: must be ≥ 0`), so the API answers 400 and the CLI exits 2 with it.
 * Unknown fields are refused, so a misspelt override is never silently ignored.
 */
import { InputError } from '../inputError.ts';
import { CAPACITY_DEFAULTS, CHANNELS, type Channel, type Tier } from './defaults.ts';
import { shrinkageFraction, type ShrinkageHours } from './shrinkage.ts';

export interface PlanEnrollment {
  id: string;
  name?: string;
  /** Members in each month of the horizon, or one figure for all of them. */
  members: number | number[];
}

export interface ContractFloor {
  name: string;
  membersPerFte: number;
  applies: 'tier1' | 'total';
  /** Counts only this plan's members (default: every plan). */
  plan?: string;
}

/** A queued channel's own weekly and intraday shape (each field falls back to the scenario's). */
export interface ChannelShapeInput {
  weekdayShares?: number[];
  openingTime?: string;
  intradayProfile?: number[];
}

/**
 * Case work (appeals, grievances, research) as deferred work on a tier: arrivals per 1,000
 * members a month, hours of work each. The case log (server/cases) can fill these from its
 * history; until then they are entered.
 */
export interface CaseWork {
  type: string;
  perThousandMembers: number;
  hoursEach: number;
  tier: 'tier2' | 'tier3';
}

/** The queued channels, whose shape and service target are their own. */
export const QUEUED_CHANNELS = ['voice', 'chat'] as const;
export type QueuedChannel = (typeof QUEUED_CHANNELS)[number];

/** A scenario as entered: JSON from a file, the API or the dashboard form. */
export interface ScenarioInput {
  name?: string;
  /** First month planned, YYYY-MM. */
  startMonth?: string;
  months?: number;
  /** One block of members, constant over the horizon (shorthand for one plan). */
  members?: number;
  plans?: PlanEnrollment[];
  contactRates?: Partial<Record<Channel, number>>;
  seasonality?: number[];
  deflection?: Partial<{ share: number; ahtRise: number }>;
  aht?: Partial<Record<Channel, number>>;
  chatConcurrency?: number;
  serviceLevel?: Partial<{ voice: number; chat: number }>;
  answerWithin?: Partial<{ voice: number; chat: number }>;
  deferredOccupancy?: number;
  tiers?: Partial<typeof CAPACITY_DEFAULTS.tiers>;
  /** Tier-2 and Tier-3 handle time by the channel the contact came in on (default: tiers.tier2AhtSeconds, tier3AhtSeconds). */
  tierAht?: Partial<{ tier2: Partial<Record<Channel, number>>; tier3: Partial<Record<Channel, number>> }>;
  /** Case work by type (default: tiers.casesPerMemberMonth × caseHours on Tier 2). */
  cases?: CaseWork[];
  /** Per queued channel, its own weekly and intraday shape. */
  shapes?: Partial<Record<QueuedChannel, ChannelShapeInput>>;
  weekdayShares?: number[];
  intervalMinutes?: number;
  openingTime?: string;
  intradayProfile?: number[];
  paidHoursPerWeek?: number;
  /** Total shrinkage as a fraction (replaces the breakdown), or the breakdown in hours a year. */
  shrinkage?: number;
  shrinkageHours?: Partial<ShrinkageHours>;
  contractFloors?: ContractFloor[];
  supply?: Partial<Omit<typeof CAPACITY_DEFAULTS.supply, 'startHeadcount'>> & { startHeadcount?: Partial<Record<'tier1' | 'tier2', number>> };
  surge?: Partial<typeof CAPACITY_DEFAULTS.surge>;
  cost?: Partial<Omit<typeof CAPACITY_DEFAULTS.cost, 'loadedAnnual'>> & { loadedAnnual?: Partial<Record<Tier, number>> };
}

/** A complete, checked scenario. */
export interface Scenario {
  name: string;
  startMonth: string;
  months: number;
  plans: { id: string; name: string; members: number[] }[];
  contactRates: Record<Channel, number>;
  /** Normalised to a mean of 1. */
  seasonality: number[];
  deflection: { share: number; ahtRise: number };
  aht: Record<Channel, number>;
  chatConcurrency: number;
  serviceLevel: { voice: number; chat: number };
  answerWithin: { voice: number; chat: number };
  deferredOccupancy: number;
  tiers: typeof CAPACITY_DEFAULTS.tiers;
  tierAht: { tier2: Record<Channel, number>; tier3: Record<Channel, number> };
  cases: CaseWork[];
  /** Each queued channel's shape: weekday shares (sum 1), opening time, intraday profile (sum 1). */
  shapes: Record<QueuedChannel, { weekdayShares: number[]; openingTime: string; intradayProfile: number[] }>;
  /** Sum 1. */
  weekdayShares: number[];
  intervalMinutes: number;
  openingTime: string;
  /** Sum 1. */
  intradayProfile: number[];
  paidHoursPerWeek: number;
  /** The breakdown in hours a year, or null when a total fraction was entered. */
  shrinkageHours: ShrinkageHours | null;
  shrinkage: number;
  contractFloors: ContractFloor[];
  supply: typeof CAPACITY_DEFAULTS.supply;
  surge: typeof CAPACITY_DEFAULTS.surge;
  cost: typeof CAPACITY_DEFAULTS.cost;
}

type HiringTierName = 'tier1' | 'tier2';

type Bound = { min?: number; max?: number; minExclusive?: boolean; maxExclusive?: boolean; integer?: boolean };

function fail(field: string, problem: string): never {
  throw new InputError(field, problem);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkNumber(field: string, v: unknown, b: Bound): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(field, 'must be a number');
  if (b.integer && !Number.isInteger(v)) fail(field, 'must be a whole number');
  if (b.min !== undefined && (b.minExclusive ? !(v > b.min) : !(v >= b.min))) fail(field, `must be ${b.minExclusive ? '>' : '≥'} ${b.min}`);
  if (b.max !== undefined && (b.maxExclusive ? !(v < b.max) : !(v <= b.max))) fail(field, `must be ${b.maxExclusive ? '<' : '≤'} ${b.max}`);
  return v;
}

const NONNEG: Bound = { min: 0 };
const POSITIVE: Bound = { min: 0, minExclusive: true };
const FRACTION: Bound = { min: 0, max: 1, maxExclusive: true };
const OPEN_UNIT: Bound = { min: 0, max: 1, minExclusive: true };

/** Merges an optional object of numbers over defaults, refusing unknown keys and bad values. */
function numbers<T extends Record<string, number>>(field: string, raw: unknown, defaults: T, bound: Bound | ((key: string) => Bound)): T {
  if (raw === undefined) return { ...defaults };
  if (!isObject(raw)) fail(field, 'must be an object');
  const out: Record<string, number> = { ...defaults };
  for (const [k, v] of Object.entries(raw)) {
    if (!(k in defaults)) fail(`${field}.${k}`, `unknown field (known: ${Object.keys(defaults).join(', ')})`);
    out[k] = checkNumber(`${field}.${k}`, v, typeof bound === 'function' ? bound(k) : bound);
  }
  return out as T;
}

function numberList(field: string, raw: unknown, fallback: number[], length: number | null, b: Bound): number[] {
  if (raw === undefined) return [...fallback];
  if (!Array.isArray(raw)) fail(field, 'must be a list of numbers');
  if (length !== null && raw.length !== length) fail(field, `must have ${length} values`);
  if (raw.length === 0) fail(field, 'must not be empty');
  return raw.map((v, i) => checkNumber(`${field}.${i}`, v, b));
}

/** The values scaled to add up to `total`. */
function normalised(field: string, values: number[], total: number): number[] {
  const sum = values.reduce((a, b) => a + b, 0);
  if (!(sum > 0)) fail(field, 'must have a positive value');
  return values.map((v) => (v * total) / sum);
}

function checkMonth(field: string, v: unknown): string {
  if (typeof v !== 'string' || !/^\d{4}-(0[1-9]|1[0-2])$/.test(v)) fail(field, 'must be a month YYYY-MM');
  return v;
}

const TOP_FIELDS = new Set<string>([
  'name',
  'startMonth',
  'months',
  'members',
  'plans',
  'contactRates',
  'seasonality',
  'deflection',
  'aht',
  'chatConcurrency',
  'serviceLevel',
  'answerWithin',
  'deferredOccupancy',
  'tiers',
  'tierAht',
  'cases',
  'shapes',
  'weekdayShares',
  'intervalMinutes',
  'openingTime',
  'intradayProfile',
  'paidHoursPerWeek',
  'shrinkage',
  'shrinkageHours',
  'contractFloors',
  'supply',
  'surge',
  'cost',
]);

/**
 * Checks a scenario and fills its defaults. `startMonth` comes from the input or, when absent,
 * from `fallbackStartMonth` (the caller's clock: the engine reads none).
 */
export function parseScenario(raw: unknown, fallbackStartMonth?: string): Scenario {
  if (!isObject(raw)) fail('scenario', 'must be an object');
  for (const k of Object.keys(raw)) if (!TOP_FIELDS.has(k)) fail(k, 'unknown field');
  const d = CAPACITY_DEFAULTS;
  const input = raw as Record<string, unknown>;
  const name = input.name === undefined ? 'Scenario' : typeof input.name === 'string' && input.name.trim() !== '' ? input.name.trim() : fail('name', 'must be a non-empty text');
  const startMonth = checkMonth('startMonth', input.startMonth ?? fallbackStartMonth);
  const months = input.months === undefined ? d.months : checkNumber('months', input.months, { min: 1, max: 60, integer: true });

  let plans: Scenario['plans'];
  if (input.plans !== undefined) {
    if (input.members !== undefined) fail('members', 'give either members or plans, not both');
    if (!Array.isArray(input.plans) || input.plans.length === 0) fail('plans', 'must be a non-empty list');
    const ids = new Set<string>();
    plans = input.plans.map((p, i) => {
      if (!isObject(p)) fail(`plans.${i}`, 'must be an object');
      for (const k of Object.keys(p)) if (!['id', 'name', 'members'].includes(k)) fail(`plans.${i}.${k}`, 'unknown field');
      if (typeof p.id !== 'string' || p.id.trim() === '') fail(`plans.${i}.id`, 'must be a non-empty text');
      if (ids.has(p.id)) fail(`plans.${i}.id`, `duplicate plan "${p.id}"`);
      ids.add(p.id);
      const members = Array.isArray(p.members)
        ? (() => {
            if (p.members.length !== months) fail(`plans.${i}.members`, `must have one figure per month (${months})`);
            return p.members.map((m, j) => checkNumber(`plans.${i}.members.${j}`, m, NONNEG));
          })()
        : Array.from({ length: months }, () => checkNumber(`plans.${i}.members`, p.members, NONNEG));
      return { id: p.id, name: typeof p.name === 'string' ? p.name : p.id, members };
    });
  } else {
    if (input.members === undefined) fail('members', 'required (or plans)');
    const m = checkNumber('members', input.members, NONNEG);
    plans = [{ id: 'all', name: 'All members', members: Array.from({ length: months }, () => m) }];
  }

  const contactRates = numbers('contactRates', input.contactRates, d.contactRates, NONNEG);
  const seasonality = normalised('seasonality', numberList('seasonality', input.seasonality, d.seasonality, 12, NONNEG), 12);
  const deflection = numbers('deflection', input.deflection, d.deflection, (k) => (k === 'share' ? FRACTION : NONNEG));
  const aht = numbers('aht', input.aht, d.aht, POSITIVE);
  const chatConcurrency = input.chatConcurrency === undefined ? d.chatConcurrency : checkNumber('chatConcurrency', input.chatConcurrency, { min: 1, max: 10, integer: true });
  const serviceLevel = numbers('serviceLevel', input.serviceLevel, d.serviceLevel, FRACTION);
  const answerWithin = numbers('answerWithin', input.answerWithin, d.answerWithin, NONNEG);
  const deferredOccupancy = input.deferredOccupancy === undefined ? d.deferredOccupancy : checkNumber('deferredOccupancy', input.deferredOccupancy, { min: 0, max: 1, minExclusive: true });
  const tiers = numbers('tiers', input.tiers, d.tiers, (k) => (k.endsWith('Share') ? { min: 0, max: 1 } : NONNEG));
  if (tiers.tier2Share + tiers.tier3Share > 1) fail('tiers.tier2Share', 'Tier-2 and Tier-3 shares add up to more than 1');
  const weekdayShares = normalised('weekdayShares', numberList('weekdayShares', input.weekdayShares, d.weekdayShares, 7, NONNEG), 1);
  const intervalMinutes = input.intervalMinutes === undefined ? d.intervalMinutes : checkNumber('intervalMinutes', input.intervalMinutes, { min: 5, max: 60, integer: true });
  if (60 % intervalMinutes !== 0 && intervalMinutes !== 60) fail('intervalMinutes', 'must divide an hour (5, 10, 15, 20, 30 or 60)');
  const openingTime =
    input.openingTime === undefined
      ? d.openingTime
      : typeof input.openingTime === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(input.openingTime)
        ? input.openingTime
        : fail('openingTime', 'must be a time HH:MM');
  const intradayProfile = normalised('intradayProfile', numberList('intradayProfile', input.intradayProfile, d.intradayProfile, null, NONNEG), 1);
  if (intradayProfile.length * intervalMinutes > 24 * 60) fail('intradayProfile', 'covers more than a day');
  const tierAht = parseTierAht(input.tierAht, tiers);
  const cases = parseCases(input.cases, input.tiers, tiers);
  const shapes = parseShapes(input.shapes, { weekdayShares, openingTime, intradayProfile }, intervalMinutes);
  const paidHoursPerWeek = input.paidHoursPerWeek === undefined ? d.paidHoursPerWeek : checkNumber('paidHoursPerWeek', input.paidHoursPerWeek, { min: 1, max: 80 });

  let shrinkageHours: ShrinkageHours | null = null;
  let shrinkage: number;
  if (input.shrinkage !== undefined) {
    if (input.shrinkageHours !== undefined) fail('shrinkage', 'give either shrinkage or shrinkageHours, not both');
    shrinkage = checkNumber('shrinkage', input.shrinkage, FRACTION);
  } else {
    shrinkageHours = numbers('shrinkageHours', input.shrinkageHours, d.shrinkageHours, NONNEG);
    shrinkage = shrinkageFraction(shrinkageHours, paidHoursPerWeek);
    if (!(shrinkage < 1)) fail('shrinkageHours', 'add up to all paid hours or more (shrinkage must be below 100%)');
  }

  const planIds = new Set(plans.map((p) => p.id));
  if (input.contractFloors !== undefined && !Array.isArray(input.contractFloors)) fail('contractFloors', 'must be a list');
  const contractFloors = ((input.contractFloors as unknown[] | undefined) ?? d.contractFloors).map((f, i): ContractFloor => {
    const at = `contractFloors.${i}`;
    if (!isObject(f)) fail(at, 'must be an object');
    for (const k of Object.keys(f)) if (!['name', 'membersPerFte', 'applies', 'plan'].includes(k)) fail(`${at}.${k}`, 'unknown field');
    const floorName = typeof f.name === 'string' && f.name.trim() !== '' ? f.name : `floor ${i + 1}`;
    const membersPerFte = checkNumber(`${at}.membersPerFte`, f.membersPerFte, POSITIVE);
    const applies = f.applies === undefined ? 'tier1' : f.applies === 'tier1' || f.applies === 'total' ? f.applies : fail(`${at}.applies`, 'must be tier1 or total');
    if (f.plan !== undefined && (typeof f.plan !== 'string' || !planIds.has(f.plan))) fail(`${at}.plan`, `unknown plan "${String(f.plan)}" (plans: ${[...planIds].join(', ')})`);
    return { name: floorName, membersPerFte, applies, ...(f.plan !== undefined ? { plan: f.plan as string } : {}) };
  });

  const supply = parseSupply(input.supply, months);
  const surge = parseSurge(input.surge);
  const cost = parseCost(input.cost);

  return {
    name,
    startMonth,
    months,
    plans,
    contactRates,
    seasonality,
    deflection,
    aht,
    chatConcurrency,
    serviceLevel,
    answerWithin,
    deferredOccupancy,
    tiers,
    tierAht,
    cases,
    shapes,
    weekdayShares,
    intervalMinutes,
    openingTime,
    intradayProfile,
    paidHoursPerWeek,
    shrinkageHours,
    shrinkage,
    contractFloors,
    supply,
    surge,
    cost,
  };
}

function parseTierAht(raw: unknown, tiers: Scenario['tiers']): Scenario['tierAht'] {
  const flat = (seconds: number) => Object.fromEntries(CHANNELS.map((c) => [c, seconds])) as Record<Channel, number>;
  const out = { tier2: flat(tiers.tier2AhtSeconds), tier3: flat(tiers.tier3AhtSeconds) };
  if (raw === undefined) return out;
  if (!isObject(raw)) fail('tierAht', 'must be an object');
  for (const [k, v] of Object.entries(raw)) {
    if (k !== 'tier2' && k !== 'tier3') fail(`tierAht.${k}`, 'unknown tier (tier2, tier3)');
    out[k] = numbers(`tierAht.${k}`, v, out[k], POSITIVE);
  }
  return out;
}

function parseCases(raw: unknown, rawTiers: unknown, tiers: Scenario['tiers']): CaseWork[] {
  if (raw === undefined) {
    return tiers.casesPerMemberMonth > 0 && tiers.caseHours > 0
      ? [{ type: 'appeals and grievances', perThousandMembers: tiers.casesPerMemberMonth * 1000, hoursEach: tiers.caseHours, tier: 'tier2' }]
      : [];
  }
  if (isObject(rawTiers) && (rawTiers.casesPerMemberMonth !== undefined || rawTiers.caseHours !== undefined)) {
    fail('cases', 'give either cases or tiers.casesPerMemberMonth and caseHours, not both');
  }
  if (!Array.isArray(raw)) fail('cases', 'must be a list');
  return raw.map((c, i): CaseWork => {
    const at = `cases.${i}`;
    if (!isObject(c)) fail(at, 'must be an object');
    for (const k of Object.keys(c)) if (!['type', 'perThousandMembers', 'hoursEach', 'tier'].includes(k)) fail(`${at}.${k}`, 'unknown field');
    const type = typeof c.type === 'string' && c.type.trim() !== '' ? c.type.trim() : fail(`${at}.type`, 'must be a non-empty text');
    const perThousandMembers = checkNumber(`${at}.perThousandMembers`, c.perThousandMembers, NONNEG);
    const hoursEach = checkNumber(`${at}.hoursEach`, c.hoursEach, NONNEG);
    const tier = c.tier === undefined ? 'tier2' : c.tier === 'tier2' || c.tier === 'tier3' ? c.tier : fail(`${at}.tier`, 'must be tier2 or tier3');
    return { type, perThousandMembers, hoursEach, tier };
  });
}

function parseShapes(raw: unknown, base: { weekdayShares: number[]; openingTime: string; intradayProfile: number[] }, intervalMinutes: number): Scenario['shapes'] {
  const out = {} as Scenario['shapes'];
  for (const c of QUEUED_CHANNELS) out[c] = { weekdayShares: [...base.weekdayShares], openingTime: base.openingTime, intradayProfile: [...base.intradayProfile] };
  if (raw === undefined) return out;
  if (!isObject(raw)) fail('shapes', 'must be an object');
  for (const [c, v] of Object.entries(raw)) {
    if (c !== 'voice' && c !== 'chat') fail(`shapes.${c}`, 'unknown queued channel (voice, chat)');
    if (!isObject(v)) fail(`shapes.${c}`, 'must be an object');
    for (const k of Object.keys(v)) if (!['weekdayShares', 'openingTime', 'intradayProfile'].includes(k)) fail(`shapes.${c}.${k}`, 'unknown field');
    const at = `shapes.${c}`;
    if (v.weekdayShares !== undefined) out[c].weekdayShares = normalised(`${at}.weekdayShares`, numberList(`${at}.weekdayShares`, v.weekdayShares, [], 7, NONNEG), 1);
    if (v.openingTime !== undefined) {
      if (typeof v.openingTime !== 'string' || !/^([01]\d|2[0-3]):[0-5]\d$/.test(v.openingTime)) fail(`${at}.openingTime`, 'must be a time HH:MM');
      out[c].openingTime = v.openingTime;
    }
    if (v.intradayProfile !== undefined) {
      out[c].intradayProfile = normalised(`${at}.intradayProfile`, numberList(`${at}.intradayProfile`, v.intradayProfile, [], null, NONNEG), 1);
      if (out[c].intradayProfile.length * intervalMinutes > 24 * 60) fail(`${at}.intradayProfile`, 'covers more than a day');
    }
  }
  return out;
}

function parseSupply(raw: unknown, months: number): Scenario['supply'] {
  const d = CAPACITY_DEFAULTS.supply;
  if (raw === undefined) return { ...d, ramp: [...d.ramp], transfers: [] };
  if (!isObject(raw)) fail('supply', 'must be an object');
  const { startHeadcount, ramp, transfers, ...rest } = raw;
  const { startHeadcount: _s, ramp: _r, transfers: _t, ...numberDefaults } = d;
  const nums = numbers('supply', rest, numberDefaults, (k) => (k.startsWith('attrition') || k.startsWith('early') ? FRACTION : NONNEG));
  let heads: Scenario['supply']['startHeadcount'];
  if (startHeadcount !== undefined) {
    if (!isObject(startHeadcount)) fail('supply.startHeadcount', 'must be an object');
    heads = {};
    for (const [k, v] of Object.entries(startHeadcount)) {
      if (k !== 'tier1' && k !== 'tier2') fail(`supply.startHeadcount.${k}`, 'unknown tier (tier1, tier2)');
      heads[k] = checkNumber(`supply.startHeadcount.${k}`, v, NONNEG);
    }
  }
  const rampList = numberList('supply.ramp', ramp, d.ramp, null, OPEN_UNIT);
  if (ramp !== undefined && Array.isArray(ramp) && ramp.length === 0) rampList.length = 0;
  if (transfers !== undefined && !Array.isArray(transfers)) fail('supply.transfers', 'must be a list');
  const moves = ((transfers as unknown[] | undefined) ?? []).map((t, i) => {
    const at = `supply.transfers.${i}`;
    if (!isObject(t)) fail(at, 'must be an object');
    const month = checkNumber(`${at}.month`, t.month, { min: 0, max: months - 1, integer: true });
    const from: HiringTierName = t.from === 'tier1' || t.from === 'tier2' ? t.from : fail(`${at}.from`, 'must be tier1 or tier2');
    const to: HiringTierName = t.to === 'tier1' || t.to === 'tier2' ? t.to : fail(`${at}.to`, 'must be tier1 or tier2');
    if (from === to) fail(`${at}.to`, 'must differ from from');
    return { month, from, to, count: checkNumber(`${at}.count`, t.count, NONNEG) };
  });
  return { ...nums, startHeadcount: heads, ramp: rampList, transfers: moves };
}

function parseSurge(raw: unknown): Scenario['surge'] {
  const d = CAPACITY_DEFAULTS.surge;
  if (raw === undefined) return { ...d, months: [...d.months], tempRamp: [...d.tempRamp] };
  if (!isObject(raw)) fail('surge', 'must be an object');
  const { months, temps, tempRamp, ...rest } = raw;
  const { months: _m, temps: _t, tempRamp: _r, ...numberDefaults } = d;
  const tempRampList = Array.isArray(tempRamp) && tempRamp.length === 0 ? [] : numberList('surge.tempRamp', tempRamp, d.tempRamp, null, { min: 0, max: 1, minExclusive: true });
  const nums = numbers('surge', rest, numberDefaults, (k) => (k === 'tempProductivity' ? { min: 0, max: 1, minExclusive: true } : NONNEG));
  const list =
    months === undefined
      ? [...d.months]
      : Array.isArray(months)
        ? months.map((m, i) => checkNumber(`surge.months.${i}`, m, { min: 1, max: 12, integer: true }))
        : fail('surge.months', 'must be a list of calendar months 1–12');
  const useTemps = temps === undefined ? d.temps : typeof temps === 'boolean' ? temps : fail('surge.temps', 'must be true or false');
  return { ...nums, months: list, temps: useTemps, tempRamp: tempRampList };
}

function parseCost(raw: unknown): Scenario['cost'] {
  const d = CAPACITY_DEFAULTS.cost;
  if (raw === undefined) return { ...d, loadedAnnual: { ...d.loadedAnnual } };
  if (!isObject(raw)) fail('cost', 'must be an object');
  const { loadedAnnual, outsourcedPricing, ...rest } = raw;
  const { loadedAnnual: _l, outsourcedPricing: _p, ...numberDefaults } = d;
  const nums = numbers('cost', rest, numberDefaults, (k) => (k === 'contingency' ? { min: 0, max: 1 } : NONNEG));
  const loaded = numbers('cost.loadedAnnual', loadedAnnual, d.loadedAnnual, NONNEG);
  const pricing =
    outsourcedPricing === undefined
      ? d.outsourcedPricing
      : outsourcedPricing === 'pmpm' || outsourcedPricing === 'per-contact'
        ? outsourcedPricing
        : fail('cost.outsourcedPricing', 'must be pmpm or per-contact');
  return { ...nums, loadedAnnual: loaded, outsourcedPricing: pricing };
}
