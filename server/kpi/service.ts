/**
 * KPI rows and the scorecard: sums from the database, formulas from the metric registry,
 * periods labelled in the site's local time, empty periods filled with zeros — only inside
 * the data's coverage (the local dates from the first to the last contact in the database):
 * outside it there is no data, which is not zero contacts. One answer holds at most
 * MAX_KPI_ROWS rows; a larger request is refused (400) with how to narrow it. Each answer
 * reads one committed state (`Database.snapshot`); the API caches it per data version.
 */
import type { Database } from '../db/database.ts';
import { queryDateRange, queryGroupCount, queryKpiSums, queryLatestOfferedUs, type Dimension, type KpiSumsRow } from '../db/queries/kpis.ts';
import { ZERO_SUMS } from '../db/queries/kpiSums.ts';
import { applyNullReasons, type NullReasons } from '../wfm/kpiNullReasons.ts';
import { computeKpis, METRICS, statusOf, type Direction, type KpiValues, type MetricName, type Status, type Target, type Unit } from '../wfm/kpi.ts';
import { periodGrid, periodLabel, type PeriodBy, type PeriodKey } from '../wfm/periods.ts';
import { addDays, daysBetween, localDateOf } from '../wfm/timezone.ts';
import { badRequest } from '../api/errors.ts';
import { listTargetOverrides, type TargetKey } from '../db/queries/targets.ts';
import { queryLatestAnsweredByGroup } from '../db/queries/fcrMaturity.ts';
import { comparisonRange, coverage, type CompareMode, type Coverage, type PeriodKind } from './comparison.ts';
import type { KpiParams } from './params.ts';
import { resolveTarget, type TargetSource } from './targets.ts';
import { channelKey, channelSlaReadings, type ChannelSlaReadings } from './channelSla.ts';
import { isBusinessUnit, type WaitUnit } from '../wfm/sla/definition.ts';

export type GroupValues = Partial<Record<Dimension, string | number | null>>;
/**
 * A KPI row: the period, its group, every metric, and why each null metric is null
 * (server/wfm/kpiNullReasons.ts; docs/metrics.md).
 */
export type KpiRow = { period: string } & GroupValues & KpiValues & { nullReasons: NullReasons };

const groupKey = (row: GroupValues, group: Dimension[]) => JSON.stringify(group.map((d) => row[d] ?? null));

/**
 * Rows one KPI answer may hold (periods × groups). Ten years of 15-minute intervals would be
 * 350,400 rows (about 300 MB in memory); 100,000 rows is a year of 15-minute intervals for
 * one group, or three years of days for 90 groups.
 */
export const MAX_KPI_ROWS = 100_000;

/** Periods of `by` per day, roughly (to refuse a request before building its grid). */
const PERIODS_PER_DAY: Record<PeriodBy, number> = {
  interval15: 96,
  interval30: 48,
  hour: 24,
  day: 1,
  week: 1 / 7,
  month: 1 / 28,
  quarter: 1 / 89,
};

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

function tooManyRows(field: 'by' | 'group', rows: string, what: string): never {
  throw badRequest(
    field,
    `the answer would have ${rows} rows (${what}), above the limit of ${fmt(MAX_KPI_ROWS)} rows per request; ` +
      'narrow from/to, choose a coarser by (hour, day, week, month, quarter), group by fewer dimensions, or filter with where',
  );
}

/**
 * The range asked for, an open end resolved against the data ([first date with data, last
 * date + 1)), and the part of it the data covers; null when the range and the data's
 * coverage do not meet (no data there, which is not zero contacts).
 */
async function resolveRange(db: Database, p: KpiParams): Promise<{ from: string; to: string; covered: { from: string; to: string } } | null> {
  const dims = await queryDateRange(db);
  if (!dims.minDate || !dims.maxDate) return null;
  const from = p.from ?? dims.minDate;
  const to = p.to ?? addDays(dims.maxDate, 1);
  const coveredFrom = dims.minDate > from ? dims.minDate : from;
  const end = addDays(dims.maxDate, 1);
  const coveredTo = end < to ? end : to;
  if (coveredFrom >= coveredTo) return null;
  return { from, to, covered: { from: coveredFrom, to: coveredTo } };
}

/**
 * KPI rows per period (if `by`) and group, ordered by period then group, read from one
 * committed state (a snapshot). The API caches the answer per data version (answerCache.ts).
 */
export function kpiRows(db: Database, p: KpiParams, timezone: string, opts: { percentiles?: boolean } = {}): Promise<KpiRow[]> {
  return db.snapshot((s) => kpiRowsIn(s, p, timezone, opts));
}

async function kpiRowsIn(db: Database, p: KpiParams, timezone: string, opts: { percentiles?: boolean }): Promise<KpiRow[]> {
  const range = await resolveRange(db, p);
  if (!range) return [];
  // Periods are filled only inside the data's coverage; count them before any query.
  let grid: PeriodKey[] | null = null;
  if (p.by) {
    const { from, to } = range.covered;
    const approx = Math.ceil(daysBetween(from, to) * PERIODS_PER_DAY[p.by]);
    const where = `${p.by} periods from ${from} to ${to}, the data's coverage within the range`;
    if (approx > MAX_KPI_ROWS) tooManyRows('by', `about ${fmt(approx)}`, where);
    grid = periodGrid(p.by, from, to, timezone);
    if (grid.length > MAX_KPI_ROWS) tooManyRows('by', fmt(grid.length), where);
    // Filled, every period appears for every group: refuse before summing, not after.
    if (p.fill && p.group.length) {
      const groups = await queryGroupCount(db, { ...p, from: range.from, to: range.to });
      if (grid.length * groups > MAX_KPI_ROWS) tooManyRows('group', fmt(grid.length * groups), `${fmt(grid.length)} ${p.by} periods × ${groups} groups`);
    }
  }
  const percentiles = opts.percentiles ?? p.percentiles;
  const sums = await queryKpiSums(db, {
    ...p,
    from: range.from,
    to: range.to,
    timezone,
    percentiles,
    latestOfferedUs: await queryLatestOfferedUs(db),
  });
  const labels = new Map<PeriodKey, string>();
  const label = (key: PeriodKey) => {
    let l = labels.get(key);
    if (l === undefined) labels.set(key, (l = periodLabel(key, timezone)));
    return l;
  };
  const nullOptions = { slSeconds: p.options.slSeconds, slVariant: p.options.slVariant, percentiles };
  const toRow = (key: PeriodKey, groups: GroupValues, s: KpiSumsRow | typeof ZERO_SUMS): KpiRow => {
    const { values, nullReasons } = applyNullReasons(computeKpis(s, p.options), s, (s as KpiSumsRow).intervals ?? null, nullOptions);
    return { period: label(key), ...groups, ...values, nullReasons };
  };
  const pickGroups = (r: KpiSumsRow): GroupValues => Object.fromEntries(p.group.map((d) => [d, r[d] ?? null]));

  if (!p.by) {
    if (sums.length === 0 && p.group.length === 0) return [toRow(range.from, {}, ZERO_SUMS)];
    if (sums.length > MAX_KPI_ROWS) tooManyRows('group', fmt(sums.length), 'one per group');
    return sums.map((s) => toRow(range.from, pickGroups(s), s));
  }
  if (!p.fill) {
    if (sums.length > MAX_KPI_ROWS) tooManyRows('group', fmt(sums.length), 'period × group combinations with data');
    return sums.map((s) => toRow(s.periodKey!, pickGroups(s), s));
  }

  // Fill: every period of the data's coverage within the range, for every group seen in the data.
  const byKey = new Map<string, KpiSumsRow>();
  const groups = new Map<string, GroupValues>();
  for (const s of sums) {
    const g = groupKey(s, p.group);
    byKey.set(`${s.periodKey}|${g}`, s);
    if (!groups.has(g)) groups.set(g, pickGroups(s));
  }
  if (p.group.length === 0 && groups.size === 0) groups.set('[]', {});
  const total = grid!.length * groups.size;
  if (total > MAX_KPI_ROWS) tooManyRows('group', fmt(total), `${fmt(grid!.length)} ${p.by} periods × ${fmt(groups.size)} groups`);
  const out: KpiRow[] = [];
  for (const key of grid!) {
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
  /** Why `value` is null (the source does not carry the metric's inputs, …); null when it is not. */
  nullReason: string | null;
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
  /**
   * Service level and average wait of a row whose channel is known: the channel's own SLA
   * (docs/sla.md) they are read against, which then gives value, target and status.
   */
  sla?: { id: string; label: string; threshold: number | null; unit: WaitUnit | null } | null;
  /** The unit to show a seconds value in: business hours for waits measured in business time. */
  displayUnit?: 'business_hours' | null;
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

/** The scorecard, read from one committed state (as kpiRows). */
export function scorecard(db: Database, p: KpiParams, timezone: string, compare: CompareMode = 'previous'): Promise<Scorecard> {
  return db.snapshot((s) => scorecardIn(s, p, timezone, compare));
}

async function scorecardIn(db: Database, p: KpiParams, timezone: string, compare: CompareMode): Promise<Scorecard> {
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
  // Rows whose channel is known are read against the channel's own SLA.
  const channelKnown = p.group.includes('channel') || p.where.channel?.length === 1;
  const noSla: ChannelSlaReadings = { byChannel: new Map(), readings: new Map() };
  const [currentSla, previousSla] = channelKnown
    ? await Promise.all([
        channelSlaReadings(db, timezone, { from, to, where: p.where, group: p.group }),
        channelSlaReadings(db, timezone, { from: cmp.from, to: cmp.to, where: p.where, group: p.group }),
      ])
    : [noSla, noSla];
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
  const known = (r: GroupValues, d: Dimension): string | null => (p.group.includes(d) ? (r[d] === null || r[d] === undefined ? null : String(r[d])) : only(d));
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
      const base: ScorecardMetric = {
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
        nullReason: value === null ? (r.nullReasons[m.name] ?? null) : null,
        basis: m.basis ? r[m.basis] : null,
        basisOf: fcr ? r.answered : null,
        provisional,
        maturesOn: fcr ? (mat?.maturesOn ?? null) : null,
      };
      return ctx.channel
        ? readAgainstChannelSla(
            base,
            ctx.channel,
            p.group.map((d) => r[d]),
            currentSla,
            previousSla,
            comparisonWithheld,
          )
        : base;
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

/**
 * Service level (and, for an SLA in business time, the average wait) of a row with a known
 * channel, read against that channel's SLA: the SLA's reading, target and status.
 */
function readAgainstChannelSla(
  m: ScorecardMetric,
  channel: string,
  groupValues: readonly unknown[],
  current: ChannelSlaReadings,
  previous: ChannelSlaReadings,
  withheld: ChangeWithheld | null,
): ScorecardMetric {
  const def = current.byChannel.get(channel);
  if (!def) return m;
  const business = isBusinessUnit(def.unit);
  if (m.name !== 'serviceLevel' && !(m.name === 'asa' && business)) return m;
  const now = current.readings.get(channelKey(groupValues, channel));
  const before = previous.byChannel.get(channel)?.id === def.id ? previous.readings.get(channelKey(groupValues, channel)) : undefined;
  const sla = { id: def.id, label: def.label, threshold: def.threshold, unit: def.unit };
  if (m.name === 'serviceLevel') {
    const value = now?.value ?? null;
    const prior = before?.value ?? null;
    return {
      ...m,
      value,
      previous: prior,
      change: withheld === null && value !== null && prior !== null ? value - prior : null,
      target: { kind: 'higher', green: def.target, amber: def.amber ?? def.target },
      targetSource: 'sla',
      targetScope: null,
      status: now?.status ?? null,
      sla,
    };
  }
  // Average wait in business time: the SLA sets no target for it, so it has no status.
  const value = now?.averageWaitSeconds ?? null;
  const prior = before?.averageWaitSeconds ?? null;
  return {
    ...m,
    value,
    previous: prior,
    change: withheld === null && value !== null && prior !== null ? value - prior : null,
    target: null,
    targetSource: 'sla',
    targetScope: null,
    status: null,
    label: 'Average wait, business hours',
    sla,
    displayUnit: 'business_hours',
  };
}
