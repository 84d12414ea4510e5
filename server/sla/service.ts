/**
 * SLA readings per period and group: the definitions (stored, else the defaults), the site
 * calendar (stored, else the default), the counts summed in SQL (server/db/queries/slaCounts.ts)
 * and the readings made from them (server/wfm/sla/counts.ts). docs/sla.md.
 */
import type { Database } from '../db/database.ts';
import type { Dimension } from '../db/queries/kpis.ts';
import { querySlaCounts, querySlaSpans, type SlaCountsRow } from '../db/queries/slaCounts.ts';
import { getStoredSlaDefinitions } from '../db/queries/slaDefinitions.ts';
import { loadSiteCalendar } from '../calendar/service.ts';
import { businessDayRows, type BusinessDayRow, openIntervalRows, type OpenIntervalRow } from '../wfm/sla/calendarTables.ts';
import { readSla, type SlaReading } from '../wfm/sla/counts.ts';
import { DEFAULT_SLAS, type SlaDefinition, type SlaPeriod, type WaitUnit } from '../wfm/sla/definition.ts';
import { slaMargin } from '../wfm/sla/status.ts';
import type { SiteCalendar } from '../wfm/siteCalendar.ts';
import { addDays, localDateOf } from '../wfm/timezone.ts';

export interface SlaDefinitionsAnswer {
  definitions: SlaDefinition[];
  source: 'stored' | 'default';
  updatedAt: string | null;
}

export async function loadSlaDefinitions(db: Database): Promise<SlaDefinitionsAnswer> {
  const stored = await getStoredSlaDefinitions(db);
  return stored ? { definitions: stored.definitions, source: 'stored', updatedAt: stored.updatedAt } : { definitions: [...DEFAULT_SLAS], source: 'default', updatedAt: null };
}

export interface SlaQuery {
  from: string;
  to: string;
  group: Dimension[];
  where: Partial<Record<Dimension, string[]>>;
  /** Overrides each definition's own period; 'total' = one reading for the whole range. */
  period?: SlaPeriod | 'total';
}

export type SlaRow = {
  /** First local date of the period (the range's `from` for 'total'). */
  period: string;
  sla: string;
  label: string;
  metric: SlaDefinition['metric'];
  /** The unit of the threshold, and of value and target for average_wait. */
  unit: WaitUnit | null;
  threshold: number | null;
  target: number;
  amber: number | null;
  /** Value − target in the good direction: ≥ 0 met. */
  margin: number | null;
} & SlaReading &
  Partial<Record<Dimension, string | number | null>>;

export interface SlaReport {
  from: string;
  to: string;
  group: Dimension[];
  period: SlaPeriod | 'total' | 'own';
  definitions: SlaDefinition[];
  definitionsSource: 'stored' | 'default';
  calendarSource: 'stored' | 'default';
  rows: SlaRow[];
}

/** The site calendar as rows for SQL, over the instants the selected contacts' waits span. */
export interface CalendarTables {
  intervals: OpenIntervalRow[];
  businessDays: BusinessDayRow[];
}

export async function calendarTables(db: Database, cal: SiteCalendar, q: Pick<SlaQuery, 'from' | 'to' | 'where'>, defs: readonly SlaDefinition[]): Promise<CalendarTables> {
  const needIntervals = defs.some((d) => d.window === 'business_hours' || d.unit === 'business_hours' || d.unit === 'business_days');
  const dayDefs = defs.filter((d) => d.unit === 'business_days');
  if (!needIntervals && dayDefs.length === 0) return { intervals: [], businessDays: [] };
  const spans = await querySlaSpans(db, q);
  if (spans.length === 0) return { intervals: [], businessDays: [] };
  const first = Math.min(...spans.map((s) => s.firstMs));
  const last = Math.max(...spans.map((s) => s.lastMs));
  const intervals = needIntervals ? openIntervalRows(cal, spans, first, last + 1) : [];
  let businessDays: BusinessDayRow[] = [];
  if (dayDefs.length) {
    // Enough business days after the last arrival for the longest deadline (3 calendar days
    // per business day covers weekends and holiday runs; a deadline past them is a miss).
    const most = Math.max(...dayDefs.map((d) => d.threshold ?? 0));
    businessDays = businessDayRows(cal, spans, addDays(localDateOf(first, cal.timeZone), -1), addDays(localDateOf(last, cal.timeZone), 14 + 3 * most));
  }
  return { intervals, businessDays };
}

/** Every definition's reading per period and group. */
export async function slaReport(db: Database, timezone: string, q: SlaQuery, only?: readonly SlaDefinition[]): Promise<SlaReport> {
  const loaded = await loadSlaDefinitions(db);
  const defs = only ?? loaded.definitions;
  const { calendar, source } = await loadSiteCalendar(db, timezone);
  const tables = await calendarTables(db, calendar, q, defs);
  const rows: SlaRow[] = [];
  for (const def of defs) {
    const period = q.period === 'total' ? null : (q.period ?? def.period);
    const counts = await querySlaCounts(db, { def, from: q.from, to: q.to, where: q.where, group: q.group, period, timezone, ...tables });
    for (const c of counts) rows.push(slaRow(def, c, q));
  }
  return { from: q.from, to: q.to, group: q.group, period: q.period ?? 'own', definitions: [...defs], definitionsSource: only ? 'stored' : loaded.source, calendarSource: source, rows };
}

function slaRow(def: SlaDefinition, c: SlaCountsRow, q: Pick<SlaQuery, 'from' | 'group'>): SlaRow {
  const reading = readSla(def, c);
  const groups = Object.fromEntries(q.group.map((d) => [d, c[d] ?? null]));
  return {
    period: c.periodKey ?? q.from,
    ...groups,
    sla: def.id,
    label: def.label,
    metric: def.metric,
    unit: def.unit,
    threshold: def.threshold,
    target: def.target,
    amber: def.amber,
    margin: slaMargin(def, reading.value),
    ...reading,
  };
}
