import type { Command } from 'commander';
import { openForCli } from '../database.ts';
import { action, UsageError } from '../errors.ts';
import { formatTable } from '../table.ts';

/** `staffcast sla`: each SLA's reading per period and group (docs/sla.md). */
export function registerSla(program: Command): void {
  program
    .command('sla')
    .description('SLA readings per period and group: value, target, status and the counts behind them (local dates: --from inclusive, --to exclusive)')
    .requiredOption('--from <date>', 'first local date, inclusive (YYYY-MM-DD)')
    .requiredOption('--to <date>', 'last local date, exclusive (YYYY-MM-DD)')
    .option('--group <dims>', 'comma-separated: queue,channel,plan,state,tier')
    .option('--where <filters>', 'e.g. plan=medicaid,state=CA (| between alternatives)')
    .option('--period <p>', "day|week|month|quarter|total (default: each SLA's own period)")
    .option('--format <f>', 'json|csv|table', 'table')
    .action(
      action(async (opts: Record<string, unknown>) => {
        const format = String(opts.format);
        if (!['json', 'csv', 'table'].includes(format)) throw new UsageError('invalid --format: expected json, csv or table');
        const [{ parseSlaParams }, { slaReport }, { toCsv }] = await Promise.all([import('../../sla/params.ts'), import('../../sla/service.ts'), import('../../wfm/csv.ts')]);
        const raw = Object.fromEntries(Object.entries({ from: opts.from, to: opts.to, group: opts.group, where: opts.where, period: opts.period }).filter(([, v]) => v !== undefined));
        const q = parseSlaParams(raw);
        const { db, config } = await openForCli(program, { readOnly: true });
        try {
          const report = await slaReport(db, config.timezone, q);
          if (format === 'json') {
            process.stdout.write(JSON.stringify(report, null, 2) + '\n');
            return;
          }
          const flat = report.rows.map((r) => ({
            ...r,
            excludedShortAbandons: r.excluded.shortAbandons,
            excludedOutsideWindow: r.excluded.outsideWindow,
            excluded: undefined,
          }));
          const columns = [
            'period',
            ...q.group,
            'sla',
            'metric',
            'unit',
            'threshold',
            'value',
            'target',
            'amber',
            'status',
            'margin',
            'numerator',
            'denominator',
            'excludedShortAbandons',
            'excludedOutsideWindow',
            'averageWaitSeconds',
            'reason',
          ];
          if (format === 'csv') {
            process.stdout.write(toCsv(flat, columns));
            return;
          }
          // The table shows rates as percentages and waits in their SLA's unit.
          const shown = flat.map((r) => ({ ...r, value: valueText(r.value, r.metric, r.unit), target: valueText(r.target, r.metric, r.unit) }));
          if (format === 'table')
            process.stdout.write(formatTable(shown, ['period', ...q.group, 'sla', 'value', 'target', 'status', 'numerator', 'denominator', 'excludedShortAbandons', 'excludedOutsideWindow']));
        } finally {
          db.close();
        }
      }),
    );
}

/** A value for the terminal: rates as percentages, average waits in the SLA's unit. */
function valueText(v: number | null, metric: string, unit: string | null): string {
  if (v === null) return '—';
  if (metric !== 'average_wait') return `${(v * 100).toFixed(1)}%`;
  return `${v.toFixed(2)} ${unit === 'business_hours' ? 'business h' : unit === 'minutes' ? 'min' : 's'}`;
}
