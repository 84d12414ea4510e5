/**
 * A service-level agreement as data: which figure (metric), over which contacts (channel,
 * queue and tier scope, measurement window, short abandons), against what (threshold, target,
 * amber band), per which period. Pure: validation names the field at fault (InputError).
 * Definitions, units and exclusions: docs/sla.md.
 */
import { InputError } from '../inputError.ts';

/**
 * - `service_level`: answered within the threshold / (answered + abandoned [− short abandons]).
 * - `abandon_rate`: (abandoned [− short abandons]) / (offered [− short abandons]).
 * - `average_wait`: mean wait of answered contacts, in `unit` (the "average hold time before
 *   a live representative" of CMS and Medicaid contracts: waits are timed from queue entry,
 *   so IVR/menu time is not in them).
 */
export const SLA_METRICS = ['service_level', 'abandon_rate', 'average_wait'] as const;
export type SlaMetric = (typeof SLA_METRICS)[number];

/**
 * How a wait is measured: wall-clock `seconds` or `minutes` (the caller is waiting), or
 * business time from the site calendar for the contact's queue and channel
 * (`business_hours`: open hours elapsed; `business_days`: answered by the close of the n-th
 * business day after the arrival date).
 */
export const WAIT_UNITS = ['seconds', 'minutes', 'business_hours', 'business_days'] as const;
export type WaitUnit = (typeof WAIT_UNITS)[number];

export const SLA_PERIODS = ['day', 'week', 'month', 'quarter'] as const;
export type SlaPeriod = (typeof SLA_PERIODS)[number];

/** Fixed measurement hours, independent of the site calendar (CMS: Mon–Fri 08:00–20:00 local). */
export interface FixedHoursWindow {
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  weekdays: number[];
  /** Local wall-clock `HH:MM`, start inclusive, end exclusive (end > start). */
  start: string;
  end: string;
}

/**
 * Which arrivals count: `all_hours` every arrival; `business_hours` those offered while the
 * site calendar has the queue and channel open; or fixed local hours.
 */
export type SlaWindow = 'all_hours' | 'business_hours' | FixedHoursWindow;

export interface SlaDefinition {
  /** Stable key: lower-case letters, digits and dashes. */
  id: string;
  label: string;
  metric: SlaMetric;
  /** Scope; an empty list is any value. */
  channels: string[];
  queues: string[];
  tiers: number[];
  /** service_level: answered within this many `unit`; null for the other metrics. */
  threshold: number | null;
  /** Unit of the threshold (service_level) or of the value and target (average_wait); null for abandon_rate. */
  unit: WaitUnit | null;
  window: SlaWindow;
  period: SlaPeriod;
  /** Rates as fractions (0.8 = 80 %); average_wait in `unit`. */
  target: number;
  /** The far edge of the amber band, in the target's unit (null: no amber, straight to red). */
  amber: number | null;
  /** Abandons with a wait under `shortAbandonSeconds` leave numerator and denominator. */
  excludeShortAbandons: boolean;
  shortAbandonSeconds: number;
}

/** Higher is better for service level, lower for abandon rate and average wait. */
export function directionOf(metric: SlaMetric): 'higher' | 'lower' {
  return metric === 'service_level' ? 'higher' : 'lower';
}

/** Is the unit measured on the site calendar? */
export function isBusinessUnit(unit: WaitUnit | null): unit is 'business_hours' | 'business_days' {
  return unit === 'business_hours' || unit === 'business_days';
}

/** Seconds in one `unit` (business hours: open seconds); null for business days (not a duration). */
export function secondsPerUnit(unit: WaitUnit): number | null {
  switch (unit) {
    case 'seconds':
      return 1;
    case 'minutes':
      return 60;
    case 'business_hours':
      return 3600;
    case 'business_days':
      return null;
  }
}

const base = { queues: [], tiers: [], excludeShortAbandons: true, shortAbandonSeconds: 5, period: 'month' as const };

/**
 * The operating guide's defaults: voice 80 % answered within 20 s in business hours; chat
 * 80 % within 60 s; email and portal messages answered within 24 business hours; abandon
 * ≤ 5 % (amber to 8 %) on voice and chat. Amber bands of the service levels follow the
 * scorecard's (70 %). Monthly.
 */
export const DEFAULT_SLAS: readonly SlaDefinition[] = [
  {
    ...base,
    id: 'voice-service-level',
    label: 'Voice: 80% answered within 20 s',
    metric: 'service_level',
    channels: ['voice'],
    threshold: 20,
    unit: 'seconds',
    window: 'business_hours',
    target: 0.8,
    amber: 0.7,
  },
  {
    ...base,
    id: 'chat-service-level',
    label: 'Chat: 80% answered within 60 s',
    metric: 'service_level',
    channels: ['chat'],
    threshold: 60,
    unit: 'seconds',
    window: 'business_hours',
    target: 0.8,
    amber: 0.7,
  },
  {
    ...base,
    id: 'email-response',
    label: 'Email: answered within 24 business hours',
    metric: 'service_level',
    channels: ['email'],
    threshold: 24,
    unit: 'business_hours',
    window: 'all_hours',
    target: 0.8,
    amber: 0.7,
  },
  {
    ...base,
    id: 'portal-response',
    label: 'Portal: answered within 24 business hours',
    metric: 'service_level',
    channels: ['portal'],
    threshold: 24,
    unit: 'business_hours',
    window: 'all_hours',
    target: 0.8,
    amber: 0.7,
  },
  {
    ...base,
    id: 'abandon-rate',
    label: 'Abandon rate ≤ 5% (voice and chat)',
    metric: 'abandon_rate',
    channels: ['voice', 'chat'],
    threshold: null,
    unit: null,
    window: 'business_hours',
    target: 0.05,
    amber: 0.08,
  },
];

// ---------------------------------------------------------------------------------------
// Validation

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

const KEYS = ['id', 'label', 'metric', 'channels', 'queues', 'tiers', 'threshold', 'unit', 'window', 'period', 'target', 'amber', 'excludeShortAbandons', 'shortAbandonSeconds'] as const;
const TIME_RE = /^([01]\d|2[0-4]):([0-5]\d)$/;

function oneOf<T extends string>(x: unknown, values: readonly T[], field: string): T {
  if (typeof x !== 'string' || !(values as readonly string[]).includes(x)) throw new InputError(field, `must be one of ${values.join(', ')}`);
  return x as T;
}

function finite(x: unknown, field: string): number {
  if (typeof x !== 'number' || !Number.isFinite(x)) throw new InputError(field, 'must be a number');
  return x;
}

function strings(x: unknown, field: string): string[] {
  if (x === undefined) return [];
  if (!Array.isArray(x) || x.some((v) => typeof v !== 'string' || v.trim() === '')) throw new InputError(field, 'must be a list of non-empty strings (empty: any)');
  return x as string[];
}

function minutesOf(s: string): number {
  const m = TIME_RE.exec(s)!;
  return Number(m[1]) * 60 + Number(m[2]);
}

function parseWindow(x: unknown, field: string): SlaWindow {
  if (x === 'all_hours' || x === 'business_hours') return x;
  if (!isObject(x)) throw new InputError(field, "must be 'all_hours', 'business_hours' or { weekdays, start, end }");
  for (const k of Object.keys(x)) if (!['weekdays', 'start', 'end'].includes(k)) throw new InputError(`${field}.${k}`, 'unknown field');
  const days = x.weekdays;
  if (!Array.isArray(days) || days.length === 0 || days.some((d) => !Number.isInteger(d) || d < 1 || d > 7))
    throw new InputError(`${field}.weekdays`, 'must be a non-empty list of ISO weekdays 1 (Monday) to 7 (Sunday)');
  for (const k of ['start', 'end'] as const) {
    const v = x[k];
    if (typeof v !== 'string' || !TIME_RE.exec(v) || minutesOf(v) > 1440) throw new InputError(`${field}.${k}`, 'must be a local time HH:MM (00:00 to 24:00)');
  }
  if (minutesOf(x.end as string) <= minutesOf(x.start as string)) throw new InputError(`${field}.end`, 'must be after start (windows do not cross midnight)');
  return { weekdays: [...new Set(days as number[])].sort(), start: x.start as string, end: x.end as string };
}

/** A definition checked field by field; `field` prefixes the names in errors (`slas[2]`). */
export function parseSlaDefinition(x: unknown, field = ''): SlaDefinition {
  const f = (k: string) => (field ? `${field}.${k}` : k);
  if (!isObject(x)) throw new InputError(field || 'sla', 'must be an object');
  for (const k of Object.keys(x)) if (!(KEYS as readonly string[]).includes(k)) throw new InputError(f(k), 'unknown field');
  if (typeof x.id !== 'string' || !/^[a-z0-9][a-z0-9-]{0,63}$/.test(x.id)) throw new InputError(f('id'), 'must be 1–64 lower-case letters, digits and dashes');
  if (typeof x.label !== 'string' || x.label.trim() === '') throw new InputError(f('label'), 'must be a non-empty string');
  const metric = oneOf(x.metric, SLA_METRICS, f('metric'));
  const tiersRaw = x.tiers ?? [];
  if (!Array.isArray(tiersRaw) || tiersRaw.some((t) => !Number.isInteger(t) || t < 1 || t > 9)) throw new InputError(f('tiers'), 'must be a list of tiers 1–9 (empty: any)');
  let unit: WaitUnit | null = null;
  let threshold: number | null = null;
  if (metric === 'abandon_rate') {
    if (x.threshold !== undefined && x.threshold !== null) throw new InputError(f('threshold'), 'must be null for abandon_rate');
    if (x.unit !== undefined && x.unit !== null) throw new InputError(f('unit'), 'must be null for abandon_rate');
  } else {
    unit = oneOf(x.unit, WAIT_UNITS, f('unit'));
    if (metric === 'service_level') {
      threshold = finite(x.threshold, f('threshold'));
      if (threshold <= 0) throw new InputError(f('threshold'), 'must be above 0');
      if (unit === 'business_days' && !Number.isInteger(threshold)) throw new InputError(f('threshold'), 'must be a whole number of business days');
    } else {
      if (x.threshold !== undefined && x.threshold !== null) throw new InputError(f('threshold'), 'must be null for average_wait (the target is the limit)');
      if (unit === 'business_days') throw new InputError(f('unit'), 'average_wait is measured in seconds, minutes or business_hours');
    }
  }
  const target = finite(x.target, f('target'));
  const rate = metric !== 'average_wait';
  if (rate ? target < 0 || target > 1 : target < 0) throw new InputError(f('target'), rate ? 'must be a fraction from 0 to 1 (0.8 = 80%)' : 'must be 0 or more');
  let amber: number | null = null;
  if (x.amber !== undefined && x.amber !== null) {
    amber = finite(x.amber, f('amber'));
    if (rate && (amber < 0 || amber > 1)) throw new InputError(f('amber'), 'must be a fraction from 0 to 1');
    if (directionOf(metric) === 'higher' ? amber > target : amber < target)
      throw new InputError(f('amber'), `must be ${directionOf(metric) === 'higher' ? 'at or below' : 'at or above'} the target (the far edge of the amber band)`);
  }
  const excludeShortAbandons = x.excludeShortAbandons ?? true;
  if (typeof excludeShortAbandons !== 'boolean') throw new InputError(f('excludeShortAbandons'), 'must be true or false');
  const shortAbandonSeconds = x.shortAbandonSeconds === undefined ? 5 : finite(x.shortAbandonSeconds, f('shortAbandonSeconds'));
  if (shortAbandonSeconds < 0 || shortAbandonSeconds > 600) throw new InputError(f('shortAbandonSeconds'), 'must be from 0 to 600 seconds');
  return {
    id: x.id,
    label: x.label,
    metric,
    channels: strings(x.channels, f('channels')),
    queues: strings(x.queues, f('queues')),
    tiers: tiersRaw as number[],
    threshold,
    unit,
    window: parseWindow(x.window ?? 'all_hours', f('window')),
    period: oneOf(x.period ?? 'month', SLA_PERIODS, f('period')),
    target,
    amber,
    excludeShortAbandons,
    shortAbandonSeconds,
  };
}

/** A list of definitions with unique ids. */
export function parseSlaDefinitions(x: unknown, field = 'slas'): SlaDefinition[] {
  if (!Array.isArray(x)) throw new InputError(field, 'must be a list of SLA definitions');
  const out = x.map((d, i) => parseSlaDefinition(d, `${field}[${i}]`));
  const seen = new Set<string>();
  out.forEach((d, i) => {
    if (seen.has(d.id)) throw new InputError(`${field}[${i}].id`, `duplicates ${d.id}`);
    seen.add(d.id);
  });
  return out;
}

/** Does a contact of this queue, channel and tier fall in the definition's scope? */
export function inScope(def: Pick<SlaDefinition, 'channels' | 'queues' | 'tiers'>, c: { queue: string; channel: string; tier: number | null }): boolean {
  if (def.channels.length && !def.channels.includes(c.channel)) return false;
  if (def.queues.length && !def.queues.includes(c.queue)) return false;
  if (def.tiers.length && (c.tier === null || !def.tiers.includes(c.tier))) return false;
  return true;
}
