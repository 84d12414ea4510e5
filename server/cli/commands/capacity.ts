/**
 * `staffcast capacity --members 15000 [--scenario FILE.json] [--enrollment FILE.csv] [--months N] [--start-month YYYY-MM]`:
 * the capacity and budget plan of a scenario (server/wfm/capacity; docs/capacity.md).
 * Everything but the members has a default; a scenario file (JSON, the API's scenario body)
 * overrides any of them, and the flags override the file. `--enrollment` reads members per plan
 * and month from CSV (`month,plan,members`), setting the plans, the first month and the number
 * of months. `--from-history` fills contact rates (from the enrollment history, where stored),
 * AHT by channel and tier, tier shares, the seasonal shape and each queued channel's shape from
 * the database (`--db`, read-only), under the scenario file and the flags, and says on stderr
 * what it could not fill. The first month defaults to the
 * month after today (UTC). Output: a table of months and totals (default), `--json` (the whole
 * plan: months, totals, requisitions, shrinkage, the rule-of-thumb check) or `--format csv`
 * (one row per month). An invalid scenario exits 2 naming the field.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { CapacityPlan } from '../../wfm/capacity/plan.ts';
import { InputError } from '../../wfm/inputError.ts';
import { action, UsageError } from '../errors.ts';
import { capacityToCsv } from '../../wfm/capacity/csv.ts';
import { formatTable } from '../table.ts';
import { choiceFlag, numberFlag } from './erlang.ts';

interface CapacityFlags {
  members?: string;
  scenario?: string;
  enrollment?: string;
  months?: string;
  startMonth?: string;
  json?: boolean;
  format?: string;
  fromHistory?: boolean;
}

const money = (v: number | null) => (v === null ? '—' : `$${Math.round(v).toLocaleString('en-US')}`);
const cents = (v: number | null) => (v === null ? '—' : `$${v.toFixed(2)}`);
const f1 = (v: number) => v.toFixed(1);

export function capacityToTable(plan: CapacityPlan): string {
  const rows = plan.months.map((m) => ({
    month: `${m.month}${m.surge ? '*' : ''}`,
    members: Math.round(m.members),
    contacts: Math.round(m.contacts.voice + m.contacts.chat + m.contacts.email + m.contacts.portal),
    'FTE t1': f1(m.requiredFte.tier1),
    t2: f1(m.requiredFte.tier2),
    t3: f1(m.requiredFte.tier3),
    total: f1(m.requiredFte.total),
    binding: m.bindingConstraint,
    't3 binding': m.bindingByTier.tier3,
    effective: f1(m.effectiveFte),
    gap: `${m.gap >= 0 ? '+' : ''}${f1(m.gap)}`,
    posted: m.hires.posted,
    starting: m.hires.starting,
    temps: m.surgeTemps,
    'in-house': money(m.cost.inHouse),
    outsourced: money(m.cost.outsourced),
    blended: money(m.cost.blended),
  }));
  const cols = ['month', 'members', 'contacts', 'FTE t1', 't2', 't3', 'total', 'binding', 't3 binding', 'effective', 'gap', 'posted', 'starting', 'temps', 'in-house', 'outsourced', 'blended'];
  const t = plan.totals;
  const r = plan.ruleOfThumb;
  const lines = [
    formatTable(rows, cols).trimEnd(),
    '* surge month (open enrollment). FTE = required paid FTE; binding = what set Tier 1 (service level or a contract floor), t3 binding = what set Tier 3 (workload or its minimum); effective = permanent staff × productivity + temps; gap = effective − required.',
    `totals: ${Math.round(t.contacts).toLocaleString('en-US')} contacts, ${t.hires} hires, ${t.tempHires} surge temps; in-house ${money(t.cost.inHouse)} (${cents(t.costPerContact)} a contact, ${cents(t.costPmpm)} per member a month), outsourced ${money(t.cost.outsourced)}, blended ${money(t.cost.blended)}`,
    `rule of thumb (1 Tier-1 rep per 2,500–3,500 members; 1–2 Tier-2 per 15,000), outside surge months: ${r.where}${r.reasons.length ? ` Why it differs: ${r.reasons.join('; ')}.` : ''}`,
  ];
  return `${lines.join('\n')}\n`;
}

/** Engine field → where the user can fix it. */
function fieldWhere(field: string, flags: CapacityFlags): string {
  if (field === 'members' && flags.members !== undefined) return '--members';
  if (field === 'months' && flags.months !== undefined) return '--months';
  if (field === 'startMonth' && flags.startMonth !== undefined) return '--start-month';
  return flags.scenario ? `${field} (in ${flags.scenario})` : field;
}

export function registerCapacity(program: Command): void {
  program
    .command('capacity')
    .description('capacity and budget plan: members → contacts → FTE by tier → hires and temps → cost, by month')
    .option('--members <n>', 'members enrolled (one block, every month)')
    .option('--scenario <file>', 'scenario JSON (any field of the scenario; see docs/capacity.md)')
    .option('--enrollment <file>', 'enrollment CSV month,plan,members: plans, first month and months from the file')
    .option('--months <n>', 'months to plan (default 12)')
    .option('--start-month <YYYY-MM>', 'first month (default: next month)')
    .option('--from-history', 'fill rates (with enrollment history), AHT, tier shares and shapes from the database')
    .option('--json', 'print the whole plan as JSON')
    .option('--format <format>', 'table | csv (default table)')
    .action(
      action(async (o: CapacityFlags) => {
        const format = choiceFlag('--format', o.format, ['table', 'csv'] as const) ?? 'table';
        let scenario: Record<string, unknown> = {};
        if (o.scenario) {
          let text: string;
          try {
            text = readFileSync(o.scenario, 'utf8');
          } catch {
            throw new UsageError(`invalid --scenario: cannot read ${o.scenario}`);
          }
          try {
            scenario = JSON.parse(text);
          } catch {
            throw new UsageError(`invalid --scenario: ${o.scenario} is not JSON`);
          }
          if (typeof scenario !== 'object' || scenario === null || Array.isArray(scenario)) throw new UsageError(`invalid --scenario: ${o.scenario} must hold a JSON object`);
        }
        if (o.enrollment) {
          if (o.members !== undefined) throw new UsageError('invalid --members: give either --members or --enrollment');
          if (o.months !== undefined || o.startMonth !== undefined) throw new UsageError(`invalid ${o.months !== undefined ? '--months' : '--start-month'}: the months come from --enrollment`);
          let text: string;
          try {
            text = readFileSync(o.enrollment, 'utf8');
          } catch {
            throw new UsageError(`invalid --enrollment: cannot read ${o.enrollment}`);
          }
          const { enrollmentFromCsv } = await import('../../wfm/capacity/enrollment.ts');
          let e: ReturnType<typeof enrollmentFromCsv>;
          try {
            e = enrollmentFromCsv(text);
          } catch (err) {
            if (err instanceof InputError) throw new UsageError(`invalid --enrollment: ${err.problem}`);
            throw err;
          }
          const { members: _m, ...rest } = scenario;
          scenario = { ...rest, ...e };
        }
        let history: { enrollmentHistory: boolean; note: string } | undefined;
        if (o.fromHistory) {
          const [{ openForCli }, q, h] = await Promise.all([import('../database.ts'), import('../../db/queries/capacityHistory.ts'), import('../../wfm/capacity/history.ts')]);
          const { db, config } = await openForCli(program, { readOnly: true });
          try {
            const [months, enrollment, shapes] = await Promise.all([q.contactHistoryByMonth(db), q.enrollmentHistory(db), q.contactShapeByChannel(db, config.timezone)]);
            const d = h.historyDefaults(months, enrollment, shapes);
            history = { enrollmentHistory: d.enrollmentHistory, note: d.note };
            const filled = h.scenarioFromHistory(d);
            const { tiers, ...rest } = filled;
            const own = scenario as Record<string, unknown> & { tiers?: Record<string, unknown> };
            scenario = { ...rest, ...own, ...(tiers || own.tiers ? { tiers: { ...tiers, ...own.tiers } } : {}) };
          } finally {
            db.close();
          }
          process.stderr.write(`history: ${history.note}\n`);
        }
        const members = numberFlag('--members', o.members);
        if (members !== undefined) {
          scenario = { ...scenario, members };
          delete scenario.plans;
        }
        const months = numberFlag('--months', o.months);
        if (months !== undefined) scenario = { ...scenario, months };
        if (o.startMonth !== undefined) scenario = { ...scenario, startMonth: o.startMonth };
        if (scenario.members === undefined && scenario.plans === undefined) throw new UsageError('invalid --members: required (or a --scenario with members or plans)');
        // Imported here: the engine is not needed for --help.
        const { planCapacity } = await import('../../wfm/capacity/plan.ts');
        const { monthAfter } = await import('../../wfm/capacity/demand.ts');
        let plan: CapacityPlan;
        try {
          plan = planCapacity(scenario, monthAfter(new Date()));
        } catch (e) {
          if (e instanceof InputError) throw new UsageError(`invalid ${fieldWhere(e.field, o)}: ${e.problem}`);
          throw e;
        }
        if (o.json) process.stdout.write(`${JSON.stringify(history ? { ...plan, history } : plan, null, 2)}\n`);
        else if (format === 'csv') process.stdout.write(capacityToCsv(plan));
        else process.stdout.write(capacityToTable(plan));
      }),
    );
}
