/**
 * Why a KPI is null: every null value of a KPI row gets a reason in words, and the metrics
 * a period's sources cannot give are made null (never 0, never a figure over part of the
 * data) with theirs. Pure; docs/metrics.md, "When a metric is null", lists the reasons.
 *
 * Interval reports (server/ingest/intervals/) carry counts and sums per queue, channel and
 * interval, not contacts. Where they make up part of a period's offered contacts:
 * - metrics that need contact rows (wait percentiles, FCR, CSAT, NPS, transfer rate, IVR
 *   containment) are null: the contact part alone would pass for the whole;
 * - service level is null unless every report counted "answered within" at the query's
 *   threshold T (and for the variants that need abandons within T, always: reports do not
 *   count them);
 * - ASA, AHT, average time to abandon and average hold time are null when some report in
 *   the period lacks the sum they need.
 */
import type { KpiSums } from '../db/queries/kpiSums.ts';
import type { KpiOptions, KpiValues, MetricName } from './kpi.ts';

/**
 * What the interval reports in one period and group contributed, as sums of their offered
 * contacts: in all, and without each measure a metric needs.
 */
export interface IntervalCoverage {
  /** Offered contacts from interval reports. */
  offered: number;
  /** …of rows without a count answered within T (no count, another threshold, or none stated). */
  slUnknown: number;
  /** …of rows with answered contacts but no summed wait. */
  waitUnknown: number;
  /** …of rows with abandons but no summed time to abandon. */
  abandonWaitUnknown: number;
  /** …of rows with answered contacts but no summed handle time. */
  handleUnknown: number;
  /** …of rows with answered contacts but no summed hold time. */
  holdUnknown: number;
  /** The thresholds (s) the reports' "answered within" counts are at, distinct, ascending. */
  thresholds: number[];
}

export const ZERO_COVERAGE: IntervalCoverage = { offered: 0, slUnknown: 0, waitUnknown: 0, abandonWaitUnknown: 0, handleUnknown: 0, holdUnknown: 0, thresholds: [] };

/** Adds `b` into `a` (rows of the same period and group). */
export function addCoverage(a: IntervalCoverage, b: IntervalCoverage): IntervalCoverage {
  return {
    offered: a.offered + b.offered,
    slUnknown: a.slUnknown + b.slUnknown,
    waitUnknown: a.waitUnknown + b.waitUnknown,
    abandonWaitUnknown: a.abandonWaitUnknown + b.abandonWaitUnknown,
    handleUnknown: a.handleUnknown + b.handleUnknown,
    holdUnknown: a.holdUnknown + b.holdUnknown,
    thresholds: [...new Set([...a.thresholds, ...b.thresholds])].sort((x, y) => x - y),
  };
}

export type NullReasons = Partial<Record<MetricName, string>>;

/** Metrics read from contact rows only: an interval report has nothing to add to them. */
export const CONTACT_ROW_METRICS: readonly MetricName[] = ['waitP50', 'waitP90', 'fcr', 'csat', 'csatMean', 'nps', 'transferRate', 'ivrContainment'];

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** Why each metric is null when its own denominator is 0 (or it was not computed). */
export function emptyReason(m: MetricName, percentiles: boolean): string | null {
  switch (m) {
    case 'serviceLevel':
      return 'no answered or abandoned contacts in the period (the denominator is 0)';
    case 'asa':
      return 'no answered contacts in the period';
    case 'waitP50':
    case 'waitP90':
      return percentiles ? 'no answered contacts in the period' : 'not computed: wait percentiles need every contact row (percentiles=false)';
    case 'abandonRate':
      return 'no offered contacts in the period (beyond short abandons)';
    case 'avgTimeToAbandon':
      return 'no abandons in the period that are not short abandons';
    case 'aht':
      return 'no answered contacts with a usable handle time in the period';
    case 'avgHoldTime':
      return 'no answered contact in the period has a hold time: the source has no hold column, or it is empty';
    case 'fcr':
      return 'no answered contact in the period has a known outcome: FCR needs member IDs (repeat contacts) whose repeat window has closed, or a resolved disposition; the source has neither, or none in this period';
    case 'csat':
    case 'csatMean':
      return 'no CSAT responses in the period: the source has no survey score column, or it is empty';
    case 'nps':
      return 'no NPS responses in the period: the source has no NPS column, or it is empty';
    case 'transferRate':
      return 'no answered contact in the period says whether it was transferred: the source has no transfer column, or it is empty';
    case 'ivrContainment':
      return 'no contact in the period says whether it was contained in the IVR: the source has no ivr_contained column, or it is empty';
    default:
      return null;
  }
}

/**
 * The values with the metrics nulled that interval reports make unknown, and a reason for
 * every null value.
 */
export function applyNullReasons(
  v: KpiValues,
  s: Pick<KpiSums, 'offered'>,
  cov: IntervalCoverage | null,
  o: Pick<KpiOptions, 'slSeconds' | 'slVariant'> & { percentiles: boolean },
): { values: KpiValues; nullReasons: NullReasons } {
  const values: KpiValues = { ...v };
  const reasons: NullReasons = {};
  const nullify = (m: MetricName, reason: string) => {
    (values as unknown as Record<string, number | null>)[m] = null;
    reasons[m] = reason;
  };
  if (cov && cov.offered > 0) {
    const part = `${fmt(cov.offered)} of ${fmt(s.offered)} offered contacts come from interval reports`;
    for (const m of CONTACT_ROW_METRICS) nullify(m, `${part}, which have no contact rows; this metric needs them`);
    if (o.slVariant === 'answered_or_abandoned_within_of_offered' || o.slVariant === 'answered_of_offered_excl_abandoned_within') {
      nullify('serviceLevel', `${part}, which do not count abandons within T; choose a service-level variant without them`);
    } else if (cov.slUnknown > 0) {
      const at = cov.thresholds.length ? `; the reports count answers within ${cov.thresholds.map((t) => `${t} s`).join(', ')}` : '';
      nullify('serviceLevel', `${part}; for ${fmt(cov.slUnknown)} of them no count answered within ${o.slSeconds} s is known${at}`);
    }
    if (cov.waitUnknown > 0) nullify('asa', `${part}; for ${fmt(cov.waitUnknown)} of them the report has no summed speed of answer`);
    if (cov.abandonWaitUnknown > 0) nullify('avgTimeToAbandon', `${part}; for ${fmt(cov.abandonWaitUnknown)} of them the report has no summed time to abandon`);
    if (cov.handleUnknown > 0) nullify('aht', `${part}; for ${fmt(cov.handleUnknown)} of them the report has no summed handle time`);
    if (cov.holdUnknown > 0) nullify('avgHoldTime', `${part}; for ${fmt(cov.holdUnknown)} of them the report has no summed hold time`);
  }
  for (const [m, x] of Object.entries(values) as [MetricName, number | null][]) {
    if (x !== null || reasons[m]) continue;
    const r = emptyReason(m, o.percentiles);
    if (r) reasons[m] = r;
  }
  return { values, nullReasons: reasons };
}
