/**
 * Enrollment from CSV: `month,plan,members` (header required, columns in any order, others
 * ignored), one row per plan and month.
 *
 * - `enrollmentRowsFromCsv`: the checked rows, in file order (months may have gaps) — what the
 *   enrollment history stores (actual members, for contact rates per member; history.ts).
 * - `enrollmentFromCsv`: the rows as the scenario's `startMonth`, `months` and `plans` (members
 *   per month over the horizon): the months run from the first to the last in the file, and
 *   every plan needs a figure for each of them.
 *
 * Errors are InputErrors on the field `enrollment` naming the line and the column:
 * `invalid enrollment: line 4: members "-3" must be a number ≥ 0`.
 */
import { readCsvRecords } from '../csv.ts';
import { InputError } from '../inputError.ts';
import { addMonths } from './demand.ts';
import type { PlanEnrollment } from './scenario.ts';

export interface EnrollmentRow {
  /** YYYY-MM. */
  month: string;
  plan: string;
  members: number;
}

function monthsBetween(a: string, b: string): number {
  return (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7));
}

const fail = (problem: string): never => {
  throw new InputError('enrollment', problem);
};

/** The checked rows of an enrollment CSV; a second figure for a plan and month is refused. */
export function enrollmentRowsFromCsv(text: string): EnrollmentRow[] {
  const table = readCsvRecords(text);
  const header = table.header.map((h) => h.trim().toLowerCase());
  for (const col of ['month', 'plan', 'members']) if (!header.includes(col)) fail(`missing column "${col}" (expected month,plan,members)`);
  const at = (fields: string[], col: string) => (fields[header.indexOf(col)] ?? '').trim();
  const seen = new Set<string>();
  const rows = table.records.map(({ line, fields }) => {
    const month = at(fields, 'month');
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) fail(`line ${line}: month "${month}" must be YYYY-MM`);
    const plan = at(fields, 'plan');
    if (plan === '') fail(`line ${line}: plan is empty`);
    const raw = at(fields, 'members');
    const members = raw === '' ? Number.NaN : Number(raw);
    if (!(Number.isFinite(members) && members >= 0)) fail(`line ${line}: members "${raw}" must be a number ≥ 0`);
    const key = `${plan}\u0000${month}`;
    if (seen.has(key)) fail(`line ${line}: a second figure for plan "${plan}" in ${month}`);
    seen.add(key);
    return { month, plan, members };
  });
  if (rows.length === 0) fail('no rows');
  return rows;
}

/** Enrollment rows as a scenario's horizon: first month, number of months, members per plan and month. */
export function enrollmentHorizon(rows: readonly EnrollmentRow[]): { startMonth: string; months: number; plans: PlanEnrollment[] } {
  if (rows.length === 0) fail('no rows');
  const first = rows.reduce((a, r) => (r.month < a ? r.month : a), rows[0]!.month);
  const last = rows.reduce((a, r) => (r.month > a ? r.month : a), rows[0]!.month);
  const months = monthsBetween(first, last) + 1;
  if (months > 60) fail(`spans ${months} months (${first} to ${last}); at most 60`);
  const plans = new Map<string, (number | undefined)[]>();
  for (const r of rows) {
    const list = plans.get(r.plan) ?? Array.from({ length: months }, () => undefined);
    list[monthsBetween(first, r.month)] = r.members;
    plans.set(r.plan, list);
  }
  const out: PlanEnrollment[] = [];
  for (const [id, list] of plans) {
    const missing = list.indexOf(undefined);
    if (missing >= 0) fail(`plan "${id}" has no figure for ${addMonths(first, missing)}`);
    out.push({ id, members: list as number[] });
  }
  return { startMonth: first, months, plans: out };
}

export function enrollmentFromCsv(text: string): { startMonth: string; months: number; plans: PlanEnrollment[] } {
  return enrollmentHorizon(enrollmentRowsFromCsv(text));
}
