/**
 * `staffcast plan --arrivals FILE.csv [--scheduled FILE.csv]`: an interval staffing plan.
 *
 * Input CSV (header row required, columns in any order, others ignored):
 * - arrivals: `period,calls,aht` — period an ISO local start with offset
 *   (2025-01-06T08:00:00-05:00), calls per interval (fractional allowed), AHT in seconds;
 * - scheduled: `period,scheduled` — agents available in that interval.
 * Output: `--json` (the whole plan), `--format csv` (one row per interval) or a table of
 * days and totals (default).
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { readCsvRecords } from '../../wfm/csv.ts';
import { action, UsageError } from '../errors.ts';
import { applySchedule, planIntervals, type IntervalPlan, type PlanDay, type PlanInterval, type PlanOptions } from '../../wfm/intervalPlan.ts';
import { addDays } from '../../wfm/timezone.ts';
import { addStaffingFlags, asUsage, numberFlag, staffingOptionsFrom, type StaffingFlagValues } from './erlang.ts';

/** Reads a CSV file into objects keyed by the (trimmed, lower-cased) header, checking columns. */
function readTable(flag: string, path: string, required: string[]): { line: number; values: Record<string, string> }[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`invalid ${flag}: cannot read ${path}`);
  }
  const table = readCsvRecords(text);
  if (table.header.length === 0) throw new UsageError(`invalid ${flag}: ${path} is empty`);
  const header = table.header.map((h) => h.trim().toLowerCase());
  for (const col of required) {
    if (!header.includes(col)) throw new UsageError(`invalid ${flag}: missing column "${col}" (expected ${required.join(',')})`);
  }
  return table.records.map(({ line, fields }) => ({
    line,
    values: Object.fromEntries(header.map((h, j) => [h, (fields[j] ?? '').trim()])),
  }));
}

function csvNumber(flag: string, line: number, column: string, raw: string): number {
  const v = raw === '' ? NaN : Number(raw);
  if (!Number.isFinite(v)) throw new UsageError(`invalid ${flag}: line ${line}, ${column} "${raw}" is not a number`);
  return v;
}

/** Arrivals (and optionally the schedule) as plan intervals. */
export function readPlanIntervals(arrivalsPath: string, scheduledPath?: string): PlanInterval[] {
  const intervals: PlanInterval[] = readTable('--arrivals', arrivalsPath, ['period', 'calls', 'aht']).map(({ line, values }) => ({
    period: values.period!,
    calls: csvNumber('--arrivals', line, 'calls', values.calls!),
    aht: csvNumber('--arrivals', line, 'aht', values.aht!),
  }));
  if (!scheduledPath) return intervals;
  // Matched by instant, not by text or wall-clock time (applySchedule).
  const rows = readTable('--scheduled', scheduledPath, ['period', 'scheduled']);
  const schedule = rows.map(({ line, values }) => ({ period: values.period!, scheduled: csvNumber('--scheduled', line, 'scheduled', values.scheduled!) }));
  return asUsage(
    () => applySchedule(intervals, schedule),
    (field) => {
      const m = /^(intervals|schedule)\.(\d+)\.period$/.exec(field);
      if (!m) return field;
      return m[1] === 'schedule' ? `--scheduled (line ${rows[Number(m[2])]!.line}, period)` : `--arrivals (line ${Number(m[2]) + 2}, period)`;
    },
  );
}

/** Field names from the plan engine → where the user can fix them. */
function planField(field: string): string {
  const m = /^intervals\.(\d+)\.(\w+)$/.exec(field);
  if (m) return `${m[2] === 'scheduled' ? '--scheduled' : '--arrivals'} (line ${Number(m[1]) + 2}, ${m[2]})`;
  const name = field.replace(/^options\./, '');
  return `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

const CSV_COLUMNS = [
  'period',
  'calls',
  'aht',
  'trafficErlangs',
  'requiredAgents',
  'fte',
  'scheduled',
  'gap',
  'serviceLevelRequired',
  'serviceLevelScheduled',
  'asaScheduled',
  'probAbandonScheduled',
  'occupancyRequired',
  'occupancyScheduled',
] as const;

export function planToCsv(plan: IntervalPlan): string {
  const cell = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'number' ? String(Number(v.toPrecision(10))) : String(v));
  const lines = [CSV_COLUMNS.join(',')];
  for (const row of plan.intervals) lines.push(CSV_COLUMNS.map((c) => cell(row[c])).join(','));
  return lines.join('\n') + '\n';
}

/** A gap in agent-hours as words: `2.5 over`, `0.5 short`, `0.0` (none), `—` (no schedule). */
export function gapWords(v: number | null): string {
  if (v === null) return '—';
  const size = Math.abs(v).toFixed(1);
  if (size === '0.0') return '0.0';
  return `${size} ${v > 0 ? 'over' : 'short'}`;
}

function planToTable(plan: IntervalPlan): string {
  const f1 = (v: number | null) => (v === null ? '—' : v.toFixed(1));
  const pct = (v: number | null) => (v === null ? '—' : `${(100 * v).toFixed(1)}%`);
  const header = ['date', 'calls', 'agent-h req', 'FTE-h', 'agent-h sched', 'gap agent-h', 'SL sched', 'peak req'];
  const line = (label: string, d: Omit<PlanDay, 'date'>) => [
    label,
    f1(d.calls),
    f1(d.requiredAgentHours),
    f1(d.fteHours),
    f1(d.scheduledAgentHours),
    gapWords(d.gapAgentHours),
    pct(d.serviceLevelScheduled),
    String(d.peakRequiredAgents),
  ];
  // Days, each Monday-to-Sunday week closed by its subtotal when the plan spans several weeks.
  const rows: string[][] = [];
  const several = plan.weeks.length > 1;
  for (const w of plan.weeks) {
    const end = addDays(w.weekStart, 7);
    for (const d of plan.days) if (d.date >= w.weekStart && d.date < end) rows.push(line(d.date, d));
    if (several) rows.push(line(`week of ${w.weekStart}`, w));
  }
  const t = plan.totals;
  rows.push(line('total', t));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  let out = [fmt(header), ...rows.map(fmt)].join('\n') + '\n';
  out += `${plan.intervals.length} intervals over ${t.days} days (${t.operatingDays} with calls)`;
  if (t.scheduledAgentHours !== null) out += `; ${t.understaffedIntervals} intervals short`;
  out += '\n';
  if (t.paidFte !== null) {
    const weeks = t.operatingDays / t.operatingDaysPerWeek;
    out +=
      `paid FTE ${t.paidFte.toFixed(1)} = ${t.fteHours!.toFixed(1)} FTE-h / (${t.paidHoursPerFte} paid h per FTE per week × ${weeks.toFixed(2)} weeks); ` +
      `weeks = ${t.operatingDays} days with calls / ${t.operatingDaysPerWeek} operating days a week (--operating-days-per-week)\n`;
    if (several) {
      out += `paid FTE by week (weeks start on Monday): ${plan.weeks.map((w) => `${w.weekStart} ${w.paidFte === null ? '—' : w.paidFte.toFixed(1)}`).join(', ')}\n`;
    }
  }
  return out;
}

interface PlanFlags extends StaffingFlagValues {
  arrivals?: string;
  scheduled?: string;
  paidHoursPerFte?: string;
  operatingDaysPerWeek?: string;
  json?: boolean;
  format?: string;
}

/** `staffcast plan`. */
export function registerPlan(program: Command): void {
  const cmd = program
    .command('plan')
    .description('interval staffing plan: required agents, FTE, daily agent-hours, and the gap to a schedule')
    .option('--arrivals <file>', 'CSV with columns period,calls,aht')
    .option('--scheduled <file>', 'CSV with columns period,scheduled (agents available)');
  addStaffingFlags(cmd)
    .option('--paid-hours-per-fte <hours>', 'paid hours per FTE per week (default 40)')
    .option('--operating-days-per-week <days>', 'days a week the operation is open, for paid FTE (1-7)', '7')
    .option('--json', 'print the whole plan as JSON')
    .option('--format <format>', 'table | csv | json', 'table')
    .action(
      action((o: PlanFlags) => {
        if (!o.arrivals) throw new UsageError('invalid --arrivals: required (CSV with columns period,calls,aht)');
        const format = o.json ? 'json' : o.format;
        if (format !== 'table' && format !== 'csv' && format !== 'json') throw new UsageError('invalid --format: must be table, csv or json');
        const intervals = readPlanIntervals(o.arrivals, o.scheduled);
        const paid = numberFlag('--paid-hours-per-fte', o.paidHoursPerFte);
        const options: PlanOptions = {
          ...staffingOptionsFrom(o),
          ...(paid !== undefined ? { paidHoursPerFte: paid } : {}),
          operatingDaysPerWeek: numberFlag('--operating-days-per-week', o.operatingDaysPerWeek)!,
        };
        const plan = asUsage(() => planIntervals(intervals, options), planField);
        if (format === 'json') process.stdout.write(`${JSON.stringify(plan, null, 2)}\n`);
        else if (format === 'csv') process.stdout.write(planToCsv(plan));
        else process.stdout.write(planToTable(plan));
      }),
    );
}
