/**
 * The counts behind an SLA reading, and the reading (value, status) made from them. Pure.
 * The database sums the counts per period and group (server/db/queries/slaCounts.ts); the
 * per-contact rule here (`contactCounts`) is the same definition written once more in
 * TypeScript, for the tests' second path and for small sets (docs/sla.md).
 */
import { isoWeekday, localDateOf, localParts } from '../timezone.ts';
import { businessDaysDeadline, businessSecondsBetween, isOpen, type SiteCalendar } from '../siteCalendar.ts';
import { directionOf, inScope, isBusinessUnit, type SlaDefinition, secondsPerUnit } from './definition.ts';
import { slaStatus, type SlaStatus } from './status.ts';

/** Additive counts of one SLA over a set of contacts. */
export interface SlaCounts {
  /** In scope and in the measurement window (IVR-contained contacts never count). */
  offered: number;
  answered: number;
  /** Offered and not answered (a message never answered counts here). */
  abandoned: number;
  /** Abandons with a wall-clock wait under the definition's short-abandon seconds. */
  shortAbandoned: number;
  /** Answered within the threshold (service_level only, else 0). */
  answeredWithin: number;
  /** Sum of the waits of answered contacts, seconds: wall-clock, or business seconds for business units. */
  waitSum: number;
  /** In scope but offered outside the measurement window: not counted. */
  outsideWindow: number;
}

export const ZERO_SLA_COUNTS: SlaCounts = { offered: 0, answered: 0, abandoned: 0, shortAbandoned: 0, answeredWithin: 0, waitSum: 0, outsideWindow: 0 };

export function addCounts(a: SlaCounts, b: SlaCounts): SlaCounts {
  return {
    offered: a.offered + b.offered,
    answered: a.answered + b.answered,
    abandoned: a.abandoned + b.abandoned,
    shortAbandoned: a.shortAbandoned + b.shortAbandoned,
    answeredWithin: a.answeredWithin + b.answeredWithin,
    waitSum: a.waitSum + b.waitSum,
    outsideWindow: a.outsideWindow + b.outsideWindow,
  };
}

/** One contact as the SLA rules read it (epoch ms instants). */
export interface SlaContact {
  queue: string;
  channel: string;
  tier: number | null;
  offeredMs: number;
  answeredMs: number | null;
  /** When an unanswered contact ended (the caller left); null for a message never answered. */
  endedMs: number | null;
  ivrContained: boolean;
}

/** Is a contact offered at `t` inside the definition's measurement window? */
export function inWindow(def: SlaDefinition, cal: SiteCalendar, c: Pick<SlaContact, 'queue' | 'channel' | 'offeredMs'>): boolean {
  const w = def.window;
  if (w === 'all_hours') return true;
  if (w === 'business_hours') return isOpen(cal, c.queue, c.channel, c.offeredMs);
  const day = isoWeekday(localDateOf(c.offeredMs, cal.timeZone));
  if (!w.weekdays.includes(day)) return false;
  const p = localParts(c.offeredMs, cal.timeZone);
  const minute = p.hour * 60 + p.minute + p.second / 60;
  const [sh, sm] = w.start.split(':').map(Number) as [number, number];
  const [eh, em] = w.end.split(':').map(Number) as [number, number];
  return minute >= sh * 60 + sm && minute < eh * 60 + em;
}

/**
 * The counts one contact adds (the reference rule, contact by contact). Null when the
 * contact is out of scope (or IVR-contained).
 */
export function contactCounts(def: SlaDefinition, cal: SiteCalendar, c: SlaContact): SlaCounts | null {
  if (c.ivrContained || !inScope(def, c)) return null;
  if (!inWindow(def, cal, c)) return { ...ZERO_SLA_COUNTS, outsideWindow: 1 };
  const out = { ...ZERO_SLA_COUNTS, offered: 1 };
  if (c.answeredMs === null) {
    out.abandoned = 1;
    const wait = c.endedMs === null ? null : (c.endedMs - c.offeredMs) / 1000;
    if (wait !== null && wait < def.shortAbandonSeconds) out.shortAbandoned = 1;
    return out;
  }
  out.answered = 1;
  const wall = (c.answeredMs - c.offeredMs) / 1000;
  const business = isBusinessUnit(def.unit) ? businessSecondsBetween(cal, c.queue, c.channel, c.offeredMs, c.answeredMs) : null;
  out.waitSum = business ?? wall;
  if (def.metric === 'service_level' && def.threshold !== null && def.unit !== null) {
    if (def.unit === 'business_days') out.answeredWithin = c.answeredMs <= businessDaysDeadline(cal, c.queue, c.channel, c.offeredMs, def.threshold).dueMs ? 1 : 0;
    else out.answeredWithin = (business ?? wall) <= def.threshold * secondsPerUnit(def.unit)! ? 1 : 0;
  }
  return out;
}

/** A reading: the value, its status and the counts it is read from. */
export interface SlaReading {
  /** Fraction for rates; average_wait in the definition's unit. Null when the denominator is 0. */
  value: number | null;
  status: SlaStatus | null;
  numerator: number;
  denominator: number;
  /** Contacts left out: short abandons (when excluded) and arrivals outside the window. */
  excluded: { shortAbandons: number; outsideWindow: number };
  /** Mean wait of the answered contacts, seconds (business seconds for business units). */
  averageWaitSeconds: number | null;
  /** Why there is no value, when there is none. */
  reason: string | null;
}

/** numerator / denominator of the definition's metric, from the counts. */
export function readSla(def: SlaDefinition, s: SlaCounts): SlaReading {
  const short = def.excludeShortAbandons ? s.shortAbandoned : 0;
  let numerator: number;
  let denominator: number;
  switch (def.metric) {
    case 'service_level':
      numerator = s.answeredWithin;
      denominator = s.answered + s.abandoned - short;
      break;
    case 'abandon_rate':
      numerator = s.abandoned - short;
      denominator = s.offered - short;
      break;
    case 'average_wait':
      numerator = s.waitSum / (def.unit ? secondsPerUnit(def.unit)! : 1);
      denominator = s.answered;
      break;
  }
  const value = denominator > 0 ? numerator / denominator : null;
  return {
    value,
    status: slaStatus(def, value),
    numerator,
    denominator,
    excluded: { shortAbandons: short, outsideWindow: s.outsideWindow },
    averageWaitSeconds: s.answered > 0 ? s.waitSum / s.answered : null,
    reason: value === null ? (s.offered + s.outsideWindow === 0 ? 'no contacts in scope in this period' : 'no contacts count toward the denominator') : null,
  };
}

export { directionOf };
