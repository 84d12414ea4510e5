/**
 * KPI rows and the scorecard: sums from the database, formulas from the metric registry,
 * periods labelled in the site's local time, empty periods filled with zeros.
 */
import type { Database } from '../db/database.ts';
import { queryDateRange, queryKpiSums, queryLatestOfferedUs, type Dimension, type KpiSumsRow } from '../db/queries/kpis.ts';
import { ZERO_SUMS } from '../db/queries/kpiSums.ts';
import {
  computeKpis,
  METRICS,
  statusOf,
  type Direction,
  type KpiValues,
  type MetricName,
  type Status,
  type Target,
  type Unit,
} from '../wfm/kpi.ts';
import { periodGrid, periodLabel, type PeriodKey } from '../wfm/periods.ts';
import { addDays, localDateOf } from '../wfm/timezone.ts';
import { listTargetOverrides, type TargetKey } from '../db/queries/targets.ts';
import { queryLatestAnsweredByGroup } from '../db/queries/fcrMaturity.ts';
import { comparisonRange, coverage, type CompareMode, type Coverage, type PeriodKind } from './comparison.ts';
import type { KpiParams } from './params.ts';
import { resolveTarget, type TargetSource } from './targets.ts';

export type GroupValues = Partial<Record<Dimension, string | number | null>>;
export type KpiRow = { period: string } & GroupValues & KpiValues;

const groupKey = (row: GroupValues, group: Dimension[]) => JSON.stringify(group.map((d) => row[d] ?? null));

/** Resolves an open date range against the data: [first date with data, last date + 1). */
async function resolveRange(db: Database, p: KpiParams): Promise<{ from: string; to: string } | null> {
  if (p.from && p.to) return { from: p.from, to: p.to };
  const dims = await queryDateRange(db);
  if (!dims.minDate || !dims.maxDate) return null;
  return { from: p.from ?? dims.minDate, to: p.to ?? addDays(dims.maxDate, 1) };
}

/** KPI rows per period (if `by`) and group, ordered by period then group. */
export async function kpiRows(
  db: Database,
  p: KpiParams,
  timezone: string,
  opts: { percentiles?: boolean } = {},
): Promise<KpiRow[]> {
  const range = await resolveRange(db, p);
  if (!range) return [];
  const sums = await queryKpiSums(db, {
    ...p,
    from: range.from,
    to: range.to,
    timezone,
    percentiles: opts.percentiles ?? p.percentiles,
    latestOfferedUs: await queryLatestOfferedUs(db),
  });
  const labels = new Map<PeriodKey, string>();
  const label = (key: PeriodKey) => {
    let l = labels.get(key);
    if (l === undefined) labels.set(key, (l = periodLabel(key, timezone)));
    return l;
  };
  const toRow = (key: PeriodKey, groups: GroupValues, s: KpiSumsRow | typeof ZERO_SUMS): KpiRow => ({
    period: label(key),
    ...groups,
    ...computeKpis(s, p.options),
  });
  const pickGroups = (r: KpiSumsRow): GroupValues => Object.fromEntries(p.group.map((d) => [d, r[d] ?? null]));

  if (!p.by) {
    if (sums.length === 0 && p.group.length === 0) return [toRow(range.from, {}, ZERO_SUMS)];
    return sums.map((s) => toRow(range.from, pickGroups(s), s));
  }
  if (!p.fill) return sums.map((s) => toRow(s.periodKey!, pickGroups(s), s));

  // Fill: every period of the range for every group seen in the data.
  const grid = periodGrid(p.by, range.from, range.to, timezone);
  const byKey = new Map<string, KpiSumsRow>();
  const groups = new Map<string, GroupValues>();
  for (const s of sums) {
    const g = groupKey(s, p.group);
    byKey.set(`${s.periodKey}|${g}`, s);
    if (!groups.has(g)) groups.set(g, pickGroups(s));
  }
  if (p.group.length === 0 && groups.size === 0) groups.set('[]', {});
  const out: KpiRow[] = [];
  for (const key of grid) {
    for (const [g, values] of groups) out.push(toRow(key, values, byKey.get(`${key}|${g}`) ?? ZERO_SUMS));
  }
  return out;
}

/** Why a scorecard metric has no change. */
export type ChangeWithheld =
  /** this period's FCR still has open repeat windows */
  | 'provisional'
  /** the comparison period's FCR still has open repeat windows */
  | 'previous-provisional'
  /** the data covers only part of the comparison period, or none of it */
  | 'comparison-partial'
  | 'comparison-none'
  /** the data covers only part of this period */
  | 'current-partial';

export interface ScorecardMetric {
  name: MetricName;
  label: string;
  unit: Unit;
  direction: Direction | null;
  value: number | null;
  previous: number | null;
  /**
   * value − previous, in the metric's unit (percentage points as a fraction for rates);
   * null when either is missing or the comparison would not be like with like
   * (`changeWithheld` says why).
   */
  change: number | null;
  changeWithheld: ChangeWithheld | null;
  target: Target | null;
  /** Where the target comes from: the registry, a built-in tier default or an override. */
  targetSource: TargetSource;
  /** The key (queue, channel, tier; '*' = any) of the override or tier default used. */
  targetScope: Omit<TargetKey, 'metric'> | null;
  /** Null when there is no target, no value, or the value is provisional. */
  status: Status | null;
  /** For survey and FCR rates: how many contacts the value is read from (e.g. fcrEligible). */
  basis: number | null;
  /** FCR only: the answered contacts of the period, of which `basis` have a known outcome. */
  basisOf: number | null;
  /**
   * FCR only: true while some answered contact of the period (with a member ID) has a
   * repeat window that ends after the latest contact in the data; the value then rests on
   * the contacts whose window has closed and is neither scored nor compared.
   */
  provisional: boolean;
  /** FCR only: the local date the last window closes (latest answered offered_at + window). */
  maturesOn: string | null;
}

export interface ScorecardRow {
  /** The row's group values as a stable key (JSON of the values in `group` order). */
  key: string;
  metrics: ScorecardMetric[];
}

export interface Scorecard {
  from: string;
  to: string;
  /** The dimensions the rows are grouped by (the request's `group`). */
  group: Dimension[];
  compare: CompareMode;
  /** What kind of period `from`–`to` is; calendar periods compare with the previous one of their kind. */
  periodKind: PeriodKind;
  previousFrom: string;
  previousTo: string;
  /** How much of each period the data covers (first to last date with contacts). */
  coverage: Coverage;
  previousCoverage: Coverage;
  dataFrom: string | null;
  dataTo: string | null;
  /**
   * FCR maturity for the whole data set: the repeat window in days and the local date and
   * instant up to which every answered contact's window has closed (latest offered_at −
   * window). Periods that end after `knownUntil` are provisional.
   */
  fcr: { windowDays: number; knownUntil: string | null; knownUntilDate: string | null };
  rows: (GroupValues & ScorecardRow)[];
}

/** Default scorecard range: the 28 days that end with the last day of data. */
const DEFAULT_DAYS = 28;

const FCR_MATURITY_METRIC: MetricName = 'fcr';

export async function scorecard(db: Database, p: KpiParams, timezone: string, compare: CompareMode = 'previous'): Promise<Scorecard> {
  const data = await queryDateRange(db);
  let { from, to } = p;
  if (!from || !to) {
    const end = to ?? (data.maxDate ? addDays(data.maxDate, 1) : undefined);
    if (!end) {
      to = p.to ?? p.from ?? '1970-01-02';
      from = p.from ?? addDays(to, -DEFAULT_DAYS);
    } else {
      to = end;
      from = from ?? addDays(end, -DEFAULT_DAYS);
    }
    if (from >= to) to = addDays(from, DEFAULT_DAYS);
  }
  const cmp = comparisonRange({ from, to }, compare);
  const currentCoverage = coverage({ from, to }, data);
  const previousCoverage = coverage(cmp, data);
  const base = { ...p, by: undefined, fill: true };
  const windowUs = Math.round(p.options.fcrDays * 86_400e6);
  const [current, previous, overrides, latestUs, currentLatest, previousLatest] = await Promise.all([
    kpiRows(db, { ...base, from, to }, timezone, { percentiles: false }),
    kpiRows(db, { ...base, from: cmp.from, to: cmp.to }, timezone, { percentiles: false }),
    listTargetOverrides(db),
    queryLatestOfferedUs(db),
    queryLatestAnsweredByGroup(db, { from, to, where: p.where, group: p.group }),
    queryLatestAnsweredByGroup(db, { from: cmp.from, to: cmp.to, where: p.where, group: p.group }),
  ]);
  const maturity = (rows: typeof currentLatest) => {
    const m = new Map<string, { provisional: boolean; maturesOn: string | null }>();
    for (const r of rows) {
      if (r.latestUs === null || latestUs === null) continue;
      const matures = r.latestUs + windowUs;
      m.set(groupKey(r, p.group), { provisional: matures > latestUs, maturesOn: localDateOf(matures / 1000, timezone) });
    }
    return m;
  };
  const currentMaturity = maturity(currentLatest);
  const previousMaturity = maturity(previousLatest);

  // A row's target context: the value of a dimension it is grouped by, or filtered to.
  const only = (d: Dimension) => (p.where[d]?.length === 1 ? p.where[d]![0]! : null);
  const known = (r: GroupValues, d: Dimension): string | null =>
    p.group.includes(d) ? (r[d] === null || r[d] === undefined ? null : String(r[d])) : only(d);
  const comparisonWithheld: ChangeWithheld | null =
    previousCoverage === 'none' ? 'comparison-none' : previousCoverage === 'partial' ? 'comparison-partial' : currentCoverage !== 'full' ? 'current-partial' : null;

  const prevByGroup = new Map(previous.map((r) => [groupKey(r, p.group), r]));
  const tiles = METRICS.filter((m) => m.scorecard);
  const rows = current.map((r) => {
    const key = groupKey(r, p.group);
    const prev = prevByGroup.get(key);
    const groups: GroupValues = Object.fromEntries(p.group.map((d) => [d, r[d] ?? null]));
    const ctx = { queue: known(r, 'queue'), channel: known(r, 'channel'), tier: known(r, 'tier') };
    const metrics = tiles.map((m): ScorecardMetric => {
      const value = r[m.name];
      const before = prev ? prev[m.name] : null;
      const { target, source, scope } = resolveTarget(m.name, ctx, overrides);
      const fcr = m.name === FCR_MATURITY_METRIC;
      const mat = fcr ? currentMaturity.get(key) : undefined;
      const provisional = mat?.provisional ?? false;
      const previousProvisional = fcr && (previousMaturity.get(key)?.provisional ?? false);
      const withheld: ChangeWithheld | null = provisional ? 'provisional' : previousProvisional ? 'previous-provisional' : comparisonWithheld;
      return {
        name: m.name,
        label: m.label,
        unit: m.unit,
        direction: m.direction,
        value,
        previous: before,
        change: withheld === null && value !== null && before !== null ? value - before : null,
        changeWithheld: withheld,
        target,
        targetSource: source,
        targetScope: scope,
        status: provisional ? null : statusOf(target, value),
        basis: m.basis ? r[m.basis] : null,
        basisOf: fcr ? r.answered : null,
        provisional,
        maturesOn: fcr ? (mat?.maturesOn ?? null) : null,
      };
    });
    return { ...groups, key, metrics };
  });
  const knownUntilUs = latestUs === null ? null : latestUs - windowUs;
  return {
    from,
    to,
    group: p.group,
    compare,
    periodKind: cmp.kind,
    previousFrom: cmp.from,
    previousTo: cmp.to,
    coverage: currentCoverage,
    previousCoverage,
    dataFrom: data.minDate,
    dataTo: data.maxDate,
    fcr: {
      windowDays: p.options.fcrDays,
      knownUntil: knownUntilUs === null ? null : new Date(knownUntilUs / 1000).toISOString(),
      knownUntilDate: knownUntilUs === null ? null : localDateOf(knownUntilUs / 1000, timezone),
    },
    rows,
  };
}
