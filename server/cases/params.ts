/**
 * The parameters of the case answers, parsed once for the API (query strings) and the CLI
 * (flags, same names): each problem an InputError naming the parameter.
 */
import { CASE_PRIORITIES, CASE_PROGRAMS, CASE_TYPES } from '../wfm/cases/caseRecord.ts';
import { CASE_GROUPS, type CaseGroup, TIMELINESS_PERIODS, type TimelinessPeriod } from '../wfm/cases/timeliness.ts';
import { InputError } from '../wfm/inputError.ts';
import { parseDate } from '../wfm/timezone.ts';

export type Raw = Record<string, unknown>;

function one(raw: Raw, name: string): string | undefined {
  const v = raw[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v.trim() === '') throw new InputError(name, 'must be one non-empty value');
  return v.trim();
}

/** Refuses a parameter the answer does not take. */
export function onlyParams(raw: Raw, allowed: readonly string[]): void {
  for (const k of Object.keys(raw)) if (!allowed.includes(k)) throw new InputError(k, `unknown parameter (expected ${allowed.join(', ')})`);
}

export function dateParam(raw: Raw, name: string): string | undefined {
  const v = one(raw, name);
  if (v !== undefined && !parseDate(v)) throw new InputError(name, 'expected a date YYYY-MM-DD');
  return v;
}

export function enumParam<T extends string>(raw: Raw, name: string, values: readonly T[]): T | undefined {
  const v = one(raw, name);
  if (v !== undefined && !(values as readonly string[]).includes(v)) throw new InputError(name, `expected one of ${values.join(', ')}`);
  return v as T | undefined;
}

export function numberParam(raw: Raw, name: string, min: number, max: number, integer = false): number | undefined {
  const v = one(raw, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!/^-?\d+(\.\d+)?$/.test(v) || n < min || n > max || (integer && !Number.isInteger(n))) throw new InputError(name, `expected ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}`);
  return n;
}

export const TIMELINESS_PARAMS = ['from', 'to', 'by', 'group', 'as-of'] as const;
export interface TimelinessParams {
  from?: string;
  to?: string;
  by: TimelinessPeriod;
  group: CaseGroup[];
  asOf?: string;
}

export function parseTimelinessParams(raw: Raw): TimelinessParams {
  onlyParams(raw, TIMELINESS_PARAMS);
  const from = dateParam(raw, 'from');
  const to = dateParam(raw, 'to');
  if (from && to && to <= from) throw new InputError('to', 'must be after from (to is exclusive)');
  const groupText = one(raw, 'group');
  const group = groupText ? groupText.split(',').map((g) => g.trim()) : [];
  for (const g of group) if (!(CASE_GROUPS as readonly string[]).includes(g)) throw new InputError('group', `expected a comma-separated list of ${CASE_GROUPS.join(', ')}`);
  if (new Set(group).size !== group.length) throw new InputError('group', 'names a column twice');
  return { from, to, by: enumParam(raw, 'by', TIMELINESS_PERIODS) ?? 'month', group: group as CaseGroup[], asOf: dateParam(raw, 'as-of') };
}

export const LIST_PARAMS = ['from', 'to', 'type', 'program', 'priority', 'status', 'as-of', 'due-within', 'limit', 'offset'] as const;
export interface ListParams {
  from?: string;
  to?: string;
  type?: string;
  program?: string;
  priority?: string;
  status?: 'open' | 'resolved';
  asOf?: string;
  dueWithin?: number;
  limit: number;
  offset: number;
}

export function parseListParams(raw: Raw): ListParams {
  onlyParams(raw, LIST_PARAMS);
  const from = dateParam(raw, 'from');
  const to = dateParam(raw, 'to');
  if (from && to && to <= from) throw new InputError('to', 'must be after from (to is exclusive)');
  const dueWithin = numberParam(raw, 'due-within', 0, 366, true);
  const status = enumParam(raw, 'status', ['open', 'resolved'] as const);
  if (dueWithin !== undefined && status === 'resolved') throw new InputError('due-within', 'lists open cases: not with status=resolved');
  return {
    from,
    to,
    type: enumParam(raw, 'type', CASE_TYPES),
    program: enumParam(raw, 'program', CASE_PROGRAMS),
    priority: enumParam(raw, 'priority', CASE_PRIORITIES),
    status: dueWithin !== undefined ? 'open' : status,
    asOf: dateParam(raw, 'as-of'),
    dueWithin,
    limit: numberParam(raw, 'limit', 1, 1000, true) ?? 100,
    offset: numberParam(raw, 'offset', 0, 10_000_000, true) ?? 0,
  };
}

export const WORKLOAD_PARAMS = ['as-of', 'weeks', 'clear-within-hours', 'handle-minutes', 'productivity', 'shrinkage'] as const;
export interface WorkloadParams {
  asOf?: string;
  weeks: number;
  clearWithinHours: number;
  handleMinutes: Record<string, number>;
  productivity: number;
  shrinkage: number;
}

export function parseWorkloadParams(raw: Raw): WorkloadParams {
  onlyParams(raw, WORKLOAD_PARAMS);
  const handleMinutes: Record<string, number> = {};
  const hm = one(raw, 'handle-minutes');
  if (hm) {
    for (const part of hm.split(',')) {
      const [type, minutes] = part.split(':').map((s) => s.trim());
      const n = Number(minutes);
      if (!type || !(CASE_TYPES as readonly string[]).includes(type) || !minutes || !Number.isFinite(n) || n <= 0 || n > 1440) {
        throw new InputError('handle-minutes', `expected type:minutes pairs, e.g. appeal:90,grievance:45 (types ${CASE_TYPES.join(', ')}; minutes above 0, at most 1440)`);
      }
      handleMinutes[type] = n;
    }
  }
  return {
    asOf: dateParam(raw, 'as-of'),
    weeks: numberParam(raw, 'weeks', 1, 52, true) ?? 4,
    clearWithinHours: numberParam(raw, 'clear-within-hours', 1, 2000) ?? 40,
    handleMinutes,
    productivity: numberParam(raw, 'productivity', 0.01, 1) ?? 0.85,
    shrinkage: numberParam(raw, 'shrinkage', 0, 0.95) ?? 0.3,
  };
}
