/**
 * Compliance templates as data: a contract's or regulator's call-center measures, each an SLA
 * definition (or a measure our contact data cannot carry, with the reason), its penalty where
 * the contract has one, and whether its threshold was checked against the source text or must
 * be confirmed by the plan. Pure: validation (naming the field) and the penalty arithmetic.
 * The shipped templates are JSON in server/compliance/templates/; docs/sla.md lists them.
 */
import { InputError } from '../inputError.ts';
import { parseSlaDefinition, type SlaDefinition } from './definition.ts';

/**
 * - `per_point`: `amount` for each percentage point (or part of one, `rounding: 'up'`) the
 *   value misses the threshold by, per period; rate measures only.
 * - `per_period`: `amount` for each period the measure is missed.
 * `amount` null: the contract sets it and the template does not know it (exposure is null).
 */
export interface Penalty {
  kind: 'per_point' | 'per_period';
  amount: number | null;
  currency: string;
  rounding: 'up' | 'none';
  note: string;
}

export interface Verification {
  /** `checked`: compared with the cited text; `confirm`: the plan must confirm it against its own contract. */
  status: 'checked' | 'confirm';
  note: string;
}

export interface ComplianceMeasure {
  id: string;
  label: string;
  /** What is measured, in words (formula, units, exclusions). */
  definition: string;
  /** The rule as an SLA definition (id and label are the measure's); null when not measurable. */
  sla: SlaDefinition | null;
  /** Why the contact data cannot carry this measure (when `sla` is null). */
  notMeasurable: string | null;
  penalty: Penalty | null;
  verification: Verification;
}

export interface ComplianceTemplate {
  name: string;
  title: string;
  description: string;
  sources: string[];
  /** Filters applied unless the request names the same dimension (e.g. plan = medicare_advantage). */
  where: Record<string, string[]>;
  measures: ComplianceMeasure[];
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function known(o: Record<string, unknown>, keys: readonly string[], field: string): void {
  for (const k of Object.keys(o)) if (!keys.includes(k)) throw new InputError(`${field}.${k}`, 'unknown field');
}

function text(x: unknown, field: string): string {
  if (typeof x !== 'string' || x.trim() === '') throw new InputError(field, 'must be a non-empty string');
  return x;
}

function parsePenalty(x: unknown, field: string, sla: SlaDefinition | null): Penalty | null {
  if (x === null || x === undefined) return null;
  if (!isObject(x)) throw new InputError(field, 'must be an object or null');
  known(x, ['kind', 'amount', 'currency', 'rounding', 'note'], field);
  if (x.kind !== 'per_point' && x.kind !== 'per_period') throw new InputError(`${field}.kind`, 'must be one of per_point, per_period');
  if (x.kind === 'per_point' && sla?.metric === 'average_wait') throw new InputError(`${field}.kind`, 'per_point applies to rates (service level, abandon rate), not to an average wait');
  const amount = x.amount ?? null;
  if (amount !== null && (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0)) throw new InputError(`${field}.amount`, 'must be a non-negative number or null (set by the contract)');
  const rounding = x.rounding ?? 'up';
  if (rounding !== 'up' && rounding !== 'none') throw new InputError(`${field}.rounding`, 'must be up or none');
  return { kind: x.kind, amount: amount as number | null, currency: typeof x.currency === 'string' ? x.currency : 'USD', rounding, note: typeof x.note === 'string' ? x.note : '' };
}

/** A template checked field by field (`invalid measures[1].sla.target: …`). */
export function parseComplianceTemplate(x: unknown): ComplianceTemplate {
  if (!isObject(x)) throw new InputError('template', 'must be an object');
  known(x, ['name', 'title', 'description', 'sources', 'where', 'measures'], 'template');
  const name = text(x.name, 'name');
  if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(name)) throw new InputError('name', 'must be 1–64 lower-case letters, digits and dashes');
  const sources = x.sources ?? [];
  if (!Array.isArray(sources) || sources.some((s) => typeof s !== 'string')) throw new InputError('sources', 'must be a list of citations');
  const where: Record<string, string[]> = {};
  if (x.where !== undefined) {
    if (!isObject(x.where)) throw new InputError('where', 'must be an object of dimension → values');
    for (const [k, v] of Object.entries(x.where)) {
      if (!['queue', 'channel', 'plan', 'state', 'tier'].includes(k)) throw new InputError(`where.${k}`, 'unknown dimension; expected queue, channel, plan, state, tier');
      if (!Array.isArray(v) || v.length === 0 || v.some((s) => typeof s !== 'string' || s === '')) throw new InputError(`where.${k}`, 'must be a non-empty list of values');
      where[k] = v as string[];
    }
  }
  if (!Array.isArray(x.measures) || x.measures.length === 0) throw new InputError('measures', 'must be a non-empty list');
  const ids = new Set<string>();
  const measures = x.measures.map((m, i): ComplianceMeasure => {
    const f = `measures[${i}]`;
    if (!isObject(m)) throw new InputError(f, 'must be an object');
    known(m, ['id', 'label', 'definition', 'sla', 'notMeasurable', 'penalty', 'verification'], f);
    const id = text(m.id, `${f}.id`);
    if (ids.has(id)) throw new InputError(`${f}.id`, `duplicates ${id}`);
    ids.add(id);
    const label = text(m.label, `${f}.label`);
    // The rule takes its id and label from the measure (any given in `sla` are replaced).
    const sla = m.sla === null || m.sla === undefined ? null : parseSlaDefinition({ ...(isObject(m.sla) ? m.sla : {}), id, label }, `${f}.sla`);
    const notMeasurable = m.notMeasurable === undefined || m.notMeasurable === null ? null : text(m.notMeasurable, `${f}.notMeasurable`);
    if ((sla === null) === (notMeasurable === null)) throw new InputError(`${f}.sla`, 'give either sla (the rule) or notMeasurable (why the data cannot carry it), not both or neither');
    const v = m.verification;
    if (!isObject(v) || (v.status !== 'checked' && v.status !== 'confirm')) throw new InputError(`${f}.verification.status`, 'must be checked or confirm');
    return {
      id,
      label,
      definition: text(m.definition, `${f}.definition`),
      sla,
      notMeasurable,
      penalty: parsePenalty(m.penalty, `${f}.penalty`, sla),
      verification: { status: v.status, note: typeof v.note === 'string' ? v.note : '' },
    };
  });
  return { name, title: text(x.title, 'title'), description: typeof x.description === 'string' ? x.description : '', sources: sources as string[], where, measures };
}

export interface PenaltyExposure {
  /** Percentage points missed (rates), 0 when met; null for an average wait or no value. */
  pointsMissed: number | null;
  /** Money owed for the period under the contract's penalty; null when unknown (with reason). */
  exposure: number | null;
  reason: string | null;
}

/**
 * The penalty a period's reading exposes the plan to. `margin` is value − target in the good
 * direction (negative = missed), a fraction for rates. Per point: amount × points missed,
 * each part of a point counted as a point when rounding is `up` (1.2 points missed → 2).
 */
export function penaltyExposure(penalty: Penalty | null, metric: SlaDefinition['metric'] | null, margin: number | null): PenaltyExposure {
  const rate = metric === 'service_level' || metric === 'abandon_rate';
  // Rounded to 1e-9 so 0.8 − 0.6 reads as 20 points, not 20.000000000000004.
  const pointsMissed = margin === null || !rate ? null : margin >= 0 ? 0 : Math.round(-margin * 100 * 1e9) / 1e9;
  if (!penalty) return { pointsMissed, exposure: null, reason: 'no penalty in this template' };
  if (margin === null) return { pointsMissed, exposure: null, reason: 'no value this period' };
  if (margin >= 0) return { pointsMissed, exposure: 0, reason: null };
  if (penalty.amount === null) return { pointsMissed, exposure: null, reason: 'the amount is set by the contract: enter it in the editable copy of the template' };
  if (penalty.kind === 'per_period') return { pointsMissed, exposure: penalty.amount, reason: null };
  const points = penalty.rounding === 'up' ? Math.ceil(pointsMissed!) : pointsMissed!;
  return { pointsMissed, exposure: penalty.amount * points, reason: null };
}
