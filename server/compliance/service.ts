/**
 * A compliance report: a template's measures read per period and group (the SLA engine,
 * server/sla/service.ts), each with its threshold, met or missed, margin, the penalty it
 * exposes the plan to, and for a miss the days that caused it. Measures the contact data
 * cannot carry are rows with a null value and the reason. docs/sla.md.
 */
import type { Database } from '../db/database.ts';
import type { Dimension } from '../db/queries/kpis.ts';
import { type SlaRow, slaReport } from '../sla/service.ts';
import { type ComplianceMeasure, type Penalty, penaltyExposure, type Verification } from '../wfm/sla/compliance.ts';
import type { SlaDefinition, SlaPeriod, WaitUnit } from '../wfm/sla/definition.ts';
import type { SlaStatus } from '../wfm/sla/status.ts';
import { periodGrid, periodStartDate } from '../wfm/periods.ts';
import { getTemplate } from './templates.ts';

export interface ComplianceQuery {
  template: string;
  from: string;
  to: string;
  where: Partial<Record<Dimension, string[]>>;
  group: Dimension[];
}

/** A day that missed the measure within a missed period, and by how much. */
export interface MissDay {
  date: string;
  value: number | null;
  numerator: number;
  denominator: number;
  /**
   * How far the day fell short, in contacts for rates (service level: answered-within short
   * of target × denominator; abandon rate: abandons above it) and in the wait unit × calls
   * for an average wait (total wait above target × answered).
   */
  shortfall: number;
}

export type ComplianceRow = {
  period: string;
  measure: string;
  label: string;
  definition: string;
  metric: SlaDefinition['metric'] | null;
  unit: WaitUnit | null;
  threshold: number | null;
  target: number | null;
  direction: 'higher' | 'lower' | null;
  value: number | null;
  /** true met, false missed, null when there is no value. */
  met: boolean | null;
  status: SlaStatus | null;
  /** value − target in the good direction (negative = missed). */
  margin: number | null;
  numerator: number | null;
  denominator: number | null;
  excluded: { shortAbandons: number; outsideWindow: number } | null;
  penalty: Penalty | null;
  pointsMissed: number | null;
  exposure: number | null;
  exposureReason: string | null;
  verification: Verification;
  /** Why there is no value: the measure cannot be computed from contact data, or no contacts. */
  reason: string | null;
  /** The days of a missed period that missed, largest shortfall first (at most 10). */
  misses: MissDay[];
} & Partial<Record<Dimension, string | number | null>>;

export interface ComplianceReport {
  template: { name: string; title: string; description: string; sources: string[]; source: 'repository' | 'stored'; updatedAt: string | null };
  from: string;
  to: string;
  /** The filters applied: the request's, plus the template's on dimensions the request leaves open. */
  where: Partial<Record<Dimension, string[]>>;
  group: Dimension[];
  rows: ComplianceRow[];
  /** Sum of the known exposures; `exposureUnknown` counts missed rows whose amount the template lacks. */
  totals: { missed: number; met: number; notMeasurable: number; exposure: number; exposureUnknown: number };
}

const MAX_MISS_DAYS = 10;

const groupKey = (r: Partial<Record<Dimension, unknown>>, group: readonly Dimension[]) => JSON.stringify(group.map((d) => r[d] ?? null));

function shortfall(def: SlaDefinition, r: Pick<SlaRow, 'numerator' | 'denominator'>): number {
  const x = def.metric === 'service_level' ? def.target * r.denominator - r.numerator : r.numerator - def.target * r.denominator;
  return Math.max(0, Math.round(x * 1e9) / 1e9);
}

export async function complianceReport(db: Database, timezone: string, q: ComplianceQuery): Promise<ComplianceReport> {
  const entry = await getTemplate(db, q.template);
  const t = entry.template;
  const where: Partial<Record<Dimension, string[]>> = { ...q.where };
  for (const [d, values] of Object.entries(t.where)) if (!where[d as Dimension]) where[d as Dimension] = values;
  const measured = t.measures.filter((m): m is ComplianceMeasure & { sla: SlaDefinition } => m.sla !== null);
  const base = { from: q.from, to: q.to, where, group: q.group };
  const readings = measured.length
    ? (
        await slaReport(
          db,
          timezone,
          base,
          measured.map((m) => m.sla),
        )
      ).rows
    : [];

  // The days behind each missed period: one daily reading per measure that missed somewhere.
  const missedIds = new Set(readings.filter((r) => r.margin !== null && r.margin < 0).map((r) => r.sla));
  const missDays = new Map<string, MissDay[]>();
  if (missedIds.size) {
    const defs = measured.filter((m) => missedIds.has(m.id)).map((m) => m.sla);
    const daily = (await slaReport(db, timezone, { ...base, period: 'day' }, defs)).rows;
    for (const d of daily) {
      if (d.margin === null || d.margin >= 0) continue;
      const def = defs.find((x) => x.id === d.sla)!;
      const key = `${d.sla}|${periodStartDate(def.period, d.period)}|${groupKey(d, q.group)}`;
      const list = missDays.get(key) ?? [];
      list.push({ date: d.period, value: d.value, numerator: d.numerator, denominator: d.denominator, shortfall: shortfall(def, d) });
      missDays.set(key, list);
    }
    for (const list of missDays.values()) list.sort((a, b) => b.shortfall - a.shortfall || a.date.localeCompare(b.date));
  }

  const rows: ComplianceRow[] = [];
  for (const r of readings) {
    const m = measured.find((x) => x.id === r.sla)!;
    const met = r.margin === null ? null : r.margin >= 0;
    const exp = penaltyExposure(m.penalty, m.sla.metric, r.margin);
    rows.push({
      period: r.period,
      ...Object.fromEntries(q.group.map((d) => [d, r[d] ?? null])),
      measure: m.id,
      label: m.label,
      definition: m.definition,
      metric: m.sla.metric,
      unit: m.sla.unit,
      threshold: m.sla.threshold,
      target: m.sla.target,
      direction: m.sla.metric === 'service_level' ? 'higher' : 'lower',
      value: r.value,
      met,
      status: r.status,
      margin: r.margin,
      numerator: r.numerator,
      denominator: r.denominator,
      excluded: r.excluded,
      penalty: m.penalty,
      pointsMissed: exp.pointsMissed,
      exposure: exp.exposure,
      exposureReason: exp.reason,
      verification: m.verification,
      reason: r.reason,
      misses: met === false ? (missDays.get(`${m.id}|${r.period}|${groupKey(r, q.group)}`) ?? []).slice(0, MAX_MISS_DAYS) : [],
    });
  }

  // Every measure has a row for every period and group seen: a measure without contacts in
  // scope reads null ("no contacts"), one the data cannot carry null with the reason.
  const groups = new Map<string, Partial<Record<Dimension, string | number | null>>>();
  for (const r of rows) groups.set(groupKey(r, q.group), Object.fromEntries(q.group.map((d) => [d, r[d] ?? null])));
  if (groups.size === 0) groups.set('[]', {});
  const have = new Set(rows.map((r) => `${r.measure}|${r.period}|${groupKey(r, q.group)}`));
  for (const m of measured) {
    for (const p of periodGrid(m.sla.period, q.from, q.to, timezone) as string[]) {
      for (const [gk, g] of groups) {
        if (have.has(`${m.id}|${p}|${gk}`)) continue;
        rows.push({
          period: p,
          ...g,
          measure: m.id,
          label: m.label,
          definition: m.definition,
          metric: m.sla.metric,
          unit: m.sla.unit,
          threshold: m.sla.threshold,
          target: m.sla.target,
          direction: m.sla.metric === 'service_level' ? 'higher' : 'lower',
          value: null,
          met: null,
          status: null,
          margin: null,
          numerator: 0,
          denominator: 0,
          excluded: { shortAbandons: 0, outsideWindow: 0 },
          penalty: m.penalty,
          pointsMissed: null,
          exposure: null,
          exposureReason: 'no value this period',
          verification: m.verification,
          reason: 'no contacts in scope in this period',
          misses: [],
        });
      }
    }
  }
  const unmeasurable = t.measures.filter((m) => m.sla === null);
  if (unmeasurable.length) {
    const period: SlaPeriod = measured[0]?.sla.period ?? 'month';
    for (const p of periodGrid(period, q.from, q.to, timezone) as string[]) {
      for (const g of groups.values()) {
        for (const m of unmeasurable) {
          rows.push({
            period: p,
            ...g,
            measure: m.id,
            label: m.label,
            definition: m.definition,
            metric: null,
            unit: null,
            threshold: null,
            target: null,
            direction: null,
            value: null,
            met: null,
            status: null,
            margin: null,
            numerator: null,
            denominator: null,
            excluded: null,
            penalty: m.penalty,
            pointsMissed: null,
            exposure: null,
            exposureReason: 'not measurable from contact data',
            verification: m.verification,
            reason: m.notMeasurable,
            misses: [],
          });
        }
      }
    }
  }
  const order = new Map(t.measures.map((m, i) => [m.id, i]));
  rows.sort((a, b) => a.period.localeCompare(b.period) || groupKey(a, q.group).localeCompare(groupKey(b, q.group)) || order.get(a.measure)! - order.get(b.measure)!);
  const totals = { missed: 0, met: 0, notMeasurable: unmeasurable.length ? rows.filter((r) => r.metric === null).length : 0, exposure: 0, exposureUnknown: 0 };
  for (const r of rows) {
    if (r.met === true) totals.met++;
    if (r.met === false) {
      totals.missed++;
      if (r.exposure === null) totals.exposureUnknown += r.penalty ? 1 : 0;
      else totals.exposure += r.exposure;
    }
  }
  return {
    template: { name: t.name, title: t.title, description: t.description, sources: t.sources, source: entry.source, updatedAt: entry.updatedAt },
    from: q.from,
    to: q.to,
    where,
    group: q.group,
    rows,
    totals,
  };
}
