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
import { addDays, daysBetween } from '../wfm/timezone.ts';
import { listTargetOverrides } from '../db/queries/targets.ts';
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

export interface ScorecardMetric {
  name: MetricName;
  label: string;
  unit: Unit;
  direction: Direction | null;
  value: number | null;
  previous: number | null;
  /** value − previous, in the metric's unit (percentage points as a fraction for rates). */
  change: number | null;
  target: Target | null;
  /** Where the target comes from: a queue's own, every queue's, or the registry default. */
  targetSource: TargetSource;
  status: Status | null;
  /** For survey and FCR rates: how many contacts the value is read from (e.g. fcrEligible). */
  basis: number | null;
}

export interface Scorecard {
  from: string;
  to: string;
  previousFrom: string;
  previousTo: string;
  rows: (GroupValues & { metrics: ScorecardMetric[] })[];
}

/** Default scorecard range: the 28 days that end with the last day of data. */
const DEFAULT_DAYS = 28;

export async function scorecard(db: Database, p: KpiParams, timezone: string): Promise<Scorecard> {
  let { from, to } = p;
  if (!from || !to) {
    const dims = await queryDateRange(db);
    const end = to ?? (dims.maxDate ? addDays(dims.maxDate, 1) : undefined);
    if (!end) {
      to = p.to ?? p.from ?? '1970-01-02';
      from = p.from ?? addDays(to, -DEFAULT_DAYS);
    } else {
      to = end;
      from = from ?? addDays(end, -DEFAULT_DAYS);
    }
    if (from >= to) to = addDays(from, DEFAULT_DAYS);
  }
  const length = daysBetween(from, to);
  const previousTo = from;
  const previousFrom = addDays(from, -length);
  const base = { ...p, by: undefined, fill: true };
  const [current, previous, overrides] = await Promise.all([
    kpiRows(db, { ...base, from, to }, timezone, { percentiles: false }),
    kpiRows(db, { ...base, from: previousFrom, to: previousTo }, timezone, { percentiles: false }),
    listTargetOverrides(db),
  ]);
  // A row is one queue's when grouped by queue, or when the filter names a single queue.
  const filteredQueue = p.where.queue?.length === 1 ? p.where.queue[0]! : null;
  const prevByGroup = new Map(previous.map((r) => [groupKey(r, p.group), r]));
  const tiles = METRICS.filter((m) => m.scorecard);
  const rows = current.map((r) => {
    const prev = prevByGroup.get(groupKey(r, p.group));
    const groups: GroupValues = Object.fromEntries(p.group.map((d) => [d, r[d] ?? null]));
    const queue = p.group.includes('queue') ? ((r.queue as string | null) ?? null) : filteredQueue;
    const metrics = tiles.map((m): ScorecardMetric => {
      const value = r[m.name];
      const before = prev ? prev[m.name] : null;
      const { target, source } = resolveTarget(m.name, queue, overrides);
      return {
        name: m.name,
        label: m.label,
        unit: m.unit,
        direction: m.direction,
        value,
        previous: before,
        change: value !== null && before !== null ? value - before : null,
        target,
        targetSource: source,
        status: statusOf(target, value),
        basis: m.basis ? r[m.basis] : null,
      };
    });
    return { ...groups, metrics };
  });
  return { from, to, previousFrom, previousTo, rows };
}
