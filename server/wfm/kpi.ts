/**
 * The metric registry and the KPI formulas. Pure: the database returns sums per period and
 * group (`KpiSums`); the ratios are computed here, once, so the API, the CLI and the browser
 * agree. Ratios are ratios of sums over the whole period, never averages of interval ratios,
 * and a ratio with a zero denominator is null, never 0.
 *
 * Definitions follow shared/DESIGN.md; docs/metrics.md is generated from METRICS below.
 * Adding a KPI: its sums go in server/db/queries/kpiSums.ts, its definition (METRICS), value
 * (KpiValues) and formula (computeKpis) here; see docs/architecture.md.
 */
import type { KpiSums } from '../db/queries/kpiSums.ts';

/** How service level treats abandoned contacts. */
export const SL_VARIANTS = {
  answered_of_offered_excl_short: 'answered within T / (answered + abandoned − short abandons)',
  answered_of_answered: 'answered within T / answered',
  answered_or_abandoned_within_of_offered: '(answered within T + abandoned within T) / offered',
  answered_of_offered_excl_abandoned_within: 'answered within T / (offered − abandoned within T)',
} as const;
export type SlVariant = keyof typeof SL_VARIANTS;

export interface KpiOptions {
  /** Service-level threshold T, seconds (default 20). */
  slSeconds: number;
  /** Abandons with wait < this are short abandons, seconds (default 5). */
  shortAbandonSeconds: number;
  slVariant: SlVariant;
  /** FCR window, days (default 7 = 7 × 24 h). */
  fcrDays: number;
  /** FCR counts only a later contact with the same reason as a repeat. */
  fcrSameReason: boolean;
}

export const DEFAULT_KPI_OPTIONS: KpiOptions = {
  slSeconds: 20,
  shortAbandonSeconds: 5,
  slVariant: 'answered_of_offered_excl_short',
  fcrDays: 7,
  fcrSameReason: false,
};

/** Numerators and denominators per period and group (declared with the list of sums). */
export type { KpiSums };

export interface KpiValues {
  offered: number;
  answered: number;
  abandoned: number;
  shortAbandoned: number;
  answeredWithinThreshold: number;
  serviceLevel: number | null;
  asa: number | null;
  waitP50: number | null;
  waitP90: number | null;
  abandonRate: number | null;
  avgTimeToAbandon: number | null;
  aht: number | null;
  avgHoldTime: number | null;
  fcr: number | null;
  fcrEligible: number;
  csat: number | null;
  csatMean: number | null;
  csatResponses: number;
  nps: number | null;
  npsResponses: number;
  transferRate: number | null;
  ivrContained: number;
  ivrContainment: number | null;
}

/** num / den, or null when the denominator is 0. */
export function ratio(num: number, den: number): number | null {
  return den > 0 ? num / den : null;
}

export function serviceLevel(s: KpiSums, variant: SlVariant): number | null {
  switch (variant) {
    case 'answered_of_offered_excl_short':
      return ratio(s.answeredWithinThreshold, s.answered + s.abandoned - s.shortAbandoned);
    case 'answered_of_answered':
      return ratio(s.answeredWithinThreshold, s.answered);
    case 'answered_or_abandoned_within_of_offered':
      return ratio(s.answeredWithinThreshold + s.abandonedWithinThreshold, s.offered);
    case 'answered_of_offered_excl_abandoned_within':
      return ratio(s.answeredWithinThreshold, s.offered - s.abandonedWithinThreshold);
  }
}

/** Every KPI from the sums of one period and group. */
export function computeKpis(s: KpiSums, options: Pick<KpiOptions, 'slVariant'>): KpiValues {
  const longAbandons = s.abandoned - s.shortAbandoned;
  const nps = ratio(s.npsPromoters - s.npsDetractors, s.npsResponses);
  return {
    offered: s.offered,
    answered: s.answered,
    abandoned: s.abandoned,
    shortAbandoned: s.shortAbandoned,
    answeredWithinThreshold: s.answeredWithinThreshold,
    serviceLevel: serviceLevel(s, options.slVariant),
    asa: ratio(s.answeredWaitSum, s.answered),
    waitP50: s.waitP50,
    waitP90: s.waitP90,
    abandonRate: ratio(longAbandons, s.offered - s.shortAbandoned),
    avgTimeToAbandon: ratio(s.longAbandonWaitSum, longAbandons),
    aht: ratio(s.handleSum, s.handled),
    avgHoldTime: ratio(s.holdSum, s.holdReported),
    fcr: ratio(s.fcrResolved, s.fcrEligible),
    fcrEligible: s.fcrEligible,
    csat: ratio(s.csatSatisfied, s.csatResponses),
    csatMean: ratio(s.csatSum, s.csatResponses),
    csatResponses: s.csatResponses,
    nps: nps === null ? null : 100 * nps,
    npsResponses: s.npsResponses,
    transferRate: ratio(s.transferred, s.transferReported),
    ivrContained: s.ivrContained,
    ivrContainment: ratio(s.ivrContained, s.ivrReported),
  };
}

// ---------------------------------------------------------------------------------------
// Registry

export type MetricName = keyof KpiValues;
export type Unit = 'count' | 'fraction' | 'seconds' | 'score' | 'nps';
export type Direction = 'higher' | 'lower' | 'range';
export type Status = 'green' | 'amber' | 'red';

/**
 * Target bands. `higher`: green at ≥ green, amber at ≥ amber, else red. `lower`: green at
 * ≤ green, amber at ≤ amber, else red. `range`: green inside [low, high], amber inside
 * [amberLow, amberHigh], else red.
 */
export type Target =
  | { kind: 'higher'; green: number; amber: number }
  | { kind: 'lower'; green: number; amber: number }
  | { kind: 'range'; low: number; high: number; amberLow: number; amberHigh: number };

export interface MetricDef {
  name: MetricName;
  label: string;
  unit: Unit;
  direction: Direction | null;
  formula: string;
  excludes: string;
  target: Target | null;
  /** Shown as a tile on the executive scorecard. */
  scorecard: boolean;
  /** The count a rate is read from, where it can be small: shown beside the figure. */
  basis?: MetricName;
}

export const METRICS: readonly MetricDef[] = [
  {
    name: 'offered',
    label: 'Offered',
    unit: 'count',
    direction: null,
    formula: 'contacts that reached a queue, counted in the local period of offered_at',
    excludes: 'IVR-contained contacts',
    target: null,
    scorecard: true,
  },
  {
    name: 'answered',
    label: 'Answered',
    unit: 'count',
    direction: null,
    formula: 'offered contacts with an answered_at',
    excludes: 'IVR-contained contacts',
    target: null,
    scorecard: false,
  },
  {
    name: 'abandoned',
    label: 'Abandoned',
    unit: 'count',
    direction: null,
    formula: 'offered contacts without an answered_at',
    excludes: 'IVR-contained contacts',
    target: null,
    scorecard: false,
  },
  {
    name: 'shortAbandoned',
    label: 'Short abandons',
    unit: 'count',
    direction: null,
    formula: 'abandons with wait < the short-abandon threshold (default 5 s)',
    excludes: '—',
    target: null,
    scorecard: false,
  },
  {
    name: 'answeredWithinThreshold',
    label: 'Answered within threshold',
    unit: 'count',
    direction: null,
    formula: 'answered contacts with wait ≤ T (default 20 s)',
    excludes: '—',
    target: null,
    scorecard: false,
  },
  {
    name: 'serviceLevel',
    label: 'Service level',
    unit: 'fraction',
    direction: 'higher',
    formula: `default: ${SL_VARIANTS.answered_of_offered_excl_short}; variants: ${Object.values(SL_VARIANTS).slice(1).join('; ')}`,
    excludes: 'IVR-contained contacts; short abandons (default variant)',
    target: { kind: 'higher', green: 0.8, amber: 0.7 },
    scorecard: true,
  },
  {
    name: 'asa',
    label: 'Average speed of answer',
    unit: 'seconds',
    direction: 'lower',
    formula: 'sum of waits of answered contacts / answered (wait = answered_at − offered_at)',
    excludes: 'abandoned and IVR-contained contacts',
    target: { kind: 'lower', green: 30, amber: 60 },
    scorecard: true,
  },
  {
    name: 'waitP50',
    label: 'Wait, median',
    unit: 'seconds',
    direction: 'lower',
    formula: 'median wait of answered contacts (linear interpolation between order statistics)',
    excludes: 'abandoned and IVR-contained contacts',
    target: null,
    scorecard: false,
  },
  {
    name: 'waitP90',
    label: 'Wait, 90th percentile',
    unit: 'seconds',
    direction: 'lower',
    formula: '90th percentile of the waits of answered contacts (linear interpolation)',
    excludes: 'abandoned and IVR-contained contacts',
    target: null,
    scorecard: false,
  },
  {
    name: 'abandonRate',
    label: 'Abandon rate',
    unit: 'fraction',
    direction: 'lower',
    formula: '(abandoned − short abandons) / (offered − short abandons)',
    excludes: 'short abandons; IVR-contained contacts',
    target: { kind: 'lower', green: 0.05, amber: 0.08 },
    scorecard: true,
  },
  {
    name: 'avgTimeToAbandon',
    label: 'Average time to abandon',
    unit: 'seconds',
    direction: null,
    formula: 'sum of waits of abandons that are not short / their count (wait = ended_at − offered_at)',
    excludes: 'short abandons',
    target: null,
    scorecard: false,
  },
  {
    name: 'aht',
    label: 'Average handle time',
    unit: 'seconds',
    direction: 'range',
    formula: 'sum of (talk + hold + after-call work) / answered contacts with a handle time',
    excludes: 'unanswered contacts; handle times of 0 s or over 8 h (flagged at ingest)',
    target: { kind: 'range', low: 360, high: 540, amberLow: 300, amberHigh: 600 },
    scorecard: true,
  },
  {
    name: 'avgHoldTime',
    label: 'Average hold time',
    unit: 'seconds',
    direction: 'lower',
    formula: 'sum of hold times / answered contacts with a hold time (the hold within AHT)',
    excludes: 'unanswered contacts; contacts without a hold time in the file; flagged handle times (as AHT)',
    target: null,
    scorecard: false,
  },
  {
    name: 'fcr',
    label: 'First-contact resolution',
    unit: 'fraction',
    direction: 'higher',
    formula:
      'answered contacts whose member has no later contact (any queue, channel or IVR) offered within the FCR window (default 7 × 24 h) / eligible answered contacts; without a member, the resolved disposition',
    excludes: 'contacts whose window runs past the latest offered_at in the database (not yet known); answered contacts with neither member nor disposition',
    target: { kind: 'higher', green: 0.75, amber: 0.7 },
    scorecard: true,
    basis: 'fcrEligible',
  },
  {
    name: 'fcrEligible',
    label: 'FCR-eligible contacts',
    unit: 'count',
    direction: null,
    formula: 'answered contacts in the FCR denominator',
    excludes: 'see FCR',
    target: null,
    scorecard: false,
  },
  {
    name: 'csat',
    label: 'CSAT',
    unit: 'fraction',
    direction: 'higher',
    formula: 'survey responses scoring 4 or 5 / all responses (scale 1–5)',
    excludes: 'contacts without a response; scores outside 1–5 (dropped at ingest)',
    target: { kind: 'higher', green: 0.85, amber: 0.8 },
    scorecard: true,
    basis: 'csatResponses',
  },
  {
    name: 'csatMean',
    label: 'CSAT, mean score',
    unit: 'score',
    direction: 'higher',
    formula: 'mean of survey scores (1–5)',
    excludes: 'contacts without a response',
    target: null,
    scorecard: false,
  },
  {
    name: 'csatResponses',
    label: 'CSAT responses',
    unit: 'count',
    direction: null,
    formula: 'contacts with a CSAT score',
    excludes: '—',
    target: null,
    scorecard: false,
  },
  {
    name: 'nps',
    label: 'Net promoter score',
    unit: 'nps',
    direction: 'higher',
    formula: '100 × (promoters 9–10 − detractors 0–6) / responses, on −100..100',
    excludes: 'contacts without a response; scores outside 0–10 (dropped at ingest)',
    target: { kind: 'higher', green: 25, amber: 10 },
    scorecard: true,
    basis: 'npsResponses',
  },
  {
    name: 'npsResponses',
    label: 'NPS responses',
    unit: 'count',
    direction: null,
    formula: 'contacts with an NPS score',
    excludes: '—',
    target: null,
    scorecard: false,
  },
  {
    name: 'transferRate',
    label: 'Transfer rate',
    unit: 'fraction',
    direction: 'lower',
    formula: 'answered contacts marked transferred / answered contacts with a transferred value',
    excludes: 'unanswered contacts; contacts whose transferred value is empty (a source without the column has no transfer rate)',
    target: null,
    scorecard: false,
  },
  {
    name: 'ivrContained',
    label: 'IVR-contained',
    unit: 'count',
    direction: null,
    formula: 'contacts resolved in the IVR without reaching a queue',
    excludes: '—',
    target: null,
    scorecard: false,
  },
  {
    name: 'ivrContainment',
    label: 'IVR containment',
    unit: 'fraction',
    direction: 'higher',
    formula: 'IVR-contained / contacts with an IVR-contained value (offered + IVR-contained when every contact says)',
    excludes: 'contacts whose ivr_contained value is empty (a source without the column has no IVR containment)',
    target: null,
    scorecard: false,
  },
];

export const METRIC_NAMES = METRICS.map((m) => m.name);

export function metricDef(name: MetricName): MetricDef {
  const def = METRICS.find((m) => m.name === name);
  if (!def) throw new Error(`unknown metric: ${name}`);
  return def;
}

/** Red/amber/green of a value against its target; null without a target or a value. */
export function statusOf(target: Target | null, value: number | null): Status | null {
  if (!target || value === null) return null;
  switch (target.kind) {
    case 'higher':
      return value >= target.green ? 'green' : value >= target.amber ? 'amber' : 'red';
    case 'lower':
      return value <= target.green ? 'green' : value <= target.amber ? 'amber' : 'red';
    case 'range':
      if (value >= target.low && value <= target.high) return 'green';
      return value >= target.amberLow && value <= target.amberHigh ? 'amber' : 'red';
  }
}
