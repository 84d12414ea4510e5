/**
 * The KPI query parameters, shared by `GET /api/kpis`, `GET /api/scorecard` and
 * `staffcast kpis`: raw strings in, a checked query out. Every problem names its parameter.
 */
import { z } from 'zod';
import { badRequest } from '../api/errors.ts';
import { DIMENSIONS, PERIODS, type Dimension, type KpiParams, type PeriodBy } from '../db/queries/kpis.ts';
import { DEFAULT_KPI_OPTIONS, SL_VARIANTS, type SlVariant } from '../wfm/kpi.ts';
import { parseDate } from '../wfm/timezone.ts';

/** The checked query (defined beside the SQL that reads it, below the KPI layer). */
export type { KpiParams } from '../db/queries/kpis.ts';

export const KPI_PARAM_NAMES = ['from', 'to', 'by', 'group', 'where', 'sl-seconds', 'short-abandon-seconds', 'sl-variant', 'fcr-days', 'fcr-same-reason', 'fill', 'percentiles'] as const;

type Raw = Record<string, unknown>;

const date = (field: string, v: unknown): string | undefined => {
  if (v === undefined || v === '') return undefined;
  if (typeof v !== 'string' || !parseDate(v)) throw badRequest(field, 'expected a date YYYY-MM-DD');
  return v;
};

function number(field: string, v: unknown, def: number, min: number, max: number): number {
  if (v === undefined || v === '') return def;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : NaN;
  if (!Number.isFinite(n) || n < min || n > max) throw badRequest(field, `expected a number from ${min} to ${max}`);
  return n;
}

function bool(field: string, v: unknown, def: boolean): boolean {
  if (v === undefined || v === '') return def;
  if (v === true || v === 'true' || v === '1') return true;
  if (v === false || v === 'false' || v === '0') return false;
  throw badRequest(field, 'expected true or false');
}

const single = (field: string, v: unknown): string | undefined => {
  if (Array.isArray(v)) throw badRequest(field, 'given more than once');
  if (v !== undefined && typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
    throw badRequest(field, 'expected a single value');
  }
  return v === undefined ? undefined : String(v);
};

const DimensionList = z.array(z.enum(DIMENSIONS));

function parseGroup(v: string | undefined): Dimension[] {
  if (!v) return [];
  const names = v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const parsed = DimensionList.safeParse(names);
  if (!parsed.success) {
    const bad = names.find((n) => !(DIMENSIONS as readonly string[]).includes(n));
    throw badRequest('group', `unknown dimension ${JSON.stringify(bad)}; expected ${DIMENSIONS.join(', ')}`);
  }
  if (new Set(names).size !== names.length) throw badRequest('group', 'a dimension is repeated');
  return parsed.data;
}

/** `queue=a|b,channel=voice` → { queue: ['a','b'], channel: ['voice'] }. */
function parseWhere(v: string | undefined): Partial<Record<Dimension, string[]>> {
  const out: Partial<Record<Dimension, string[]>> = {};
  if (!v) return out;
  for (const clause of v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const eq = clause.indexOf('=');
    if (eq <= 0) throw badRequest('where', `expected dimension=value, got ${JSON.stringify(clause.slice(0, 40))}`);
    const dim = clause.slice(0, eq).trim();
    if (!(DIMENSIONS as readonly string[]).includes(dim)) {
      throw badRequest('where', `unknown dimension ${JSON.stringify(dim.slice(0, 40))}; expected ${DIMENSIONS.join(', ')}`);
    }
    const values = clause
      .slice(eq + 1)
      .split('|')
      .map((s) => s.trim());
    if (values.some((x) => x === '' || x.length > 200)) throw badRequest('where', `empty or overlong value for ${dim}`);
    if (dim === 'tier' && values.some((x) => !/^[1-9]$/.test(x))) throw badRequest('where', 'tier must be 1–9');
    out[dim as Dimension] = [...(out[dim as Dimension] ?? []), ...values];
  }
  return out;
}

/** Checks raw parameters (query string or CLI options). Unknown names are refused. */
export function parseKpiParams(raw: Raw, allowed: readonly string[] = KPI_PARAM_NAMES): KpiParams {
  for (const key of Object.keys(raw)) {
    if (!allowed.includes(key)) throw badRequest(key, `unknown parameter; expected one of ${allowed.join(', ')}`);
  }
  const from = date('from', single('from', raw.from));
  const to = date('to', single('to', raw.to));
  if (from && to && from >= to) throw badRequest('to', 'must be after from (from is inclusive, to exclusive)');
  const byRaw = single('by', raw.by);
  if (byRaw !== undefined && !(PERIODS as readonly string[]).includes(byRaw)) {
    throw badRequest('by', `expected one of ${PERIODS.join(', ')}`);
  }
  const variant = single('sl-variant', raw['sl-variant']) ?? DEFAULT_KPI_OPTIONS.slVariant;
  if (!(variant in SL_VARIANTS)) throw badRequest('sl-variant', `expected one of ${Object.keys(SL_VARIANTS).join(', ')}`);
  return {
    from,
    to,
    by: byRaw as PeriodBy | undefined,
    group: parseGroup(single('group', raw.group)),
    where: parseWhere(single('where', raw.where)),
    options: {
      slSeconds: number('sl-seconds', single('sl-seconds', raw['sl-seconds']), DEFAULT_KPI_OPTIONS.slSeconds, 0, 3600),
      shortAbandonSeconds: number('short-abandon-seconds', single('short-abandon-seconds', raw['short-abandon-seconds']), DEFAULT_KPI_OPTIONS.shortAbandonSeconds, 0, 600),
      slVariant: variant as SlVariant,
      fcrDays: number('fcr-days', single('fcr-days', raw['fcr-days']), DEFAULT_KPI_OPTIONS.fcrDays, 0.01, 90),
      fcrSameReason: bool('fcr-same-reason', single('fcr-same-reason', raw['fcr-same-reason']), false),
    },
    fill: bool('fill', single('fill', raw.fill), true),
    percentiles: bool('percentiles', single('percentiles', raw.percentiles), true),
  };
}
