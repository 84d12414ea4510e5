import type { Command } from 'commander';
import { toCsv } from '../../wfm/csv.ts';
import { openForCli } from '../database.ts';
import { action, UsageError } from '../errors.ts';
import { formatTable } from '../table.ts';

/** `staffcast kpis`: the KPIs by period and group, as JSON, CSV or a table. */
export function registerKpis(program: Command): void {
  program
    .command('kpis')
    .description('KPIs by period and group (local dates: --from inclusive, --to exclusive)')
    .option('--from <date>', 'first local date, inclusive (YYYY-MM-DD)')
    .option('--to <date>', 'last local date, exclusive (YYYY-MM-DD)')
    .option('--by <period>', 'interval15|interval30|hour|day|week|month|quarter (omit for one row per group)')
    .option('--group <dims>', 'comma-separated: queue,channel,plan,state,tier,reason')
    .option('--where <filters>', 'e.g. queue=medicare-advantage,channel=voice (| between alternatives)')
    .option('--sl-seconds <s>', 'service-level threshold T in seconds', '20')
    .option('--short-abandon-seconds <s>', 'abandons shorter than this are short abandons', '5')
    .option('--sl-variant <name>', 'service-level formula variant (see docs/metrics.md)')
    .option('--fcr-days <d>', 'FCR repeat-contact window in days', '7')
    .option('--fcr-same-reason', 'count only same-reason contacts as repeats')
    .option('--no-fill', 'omit periods without contacts')
    .option('--no-percentiles', 'skip the wait percentiles (they read every contact row)')
    .option('--format <f>', 'json|csv|table', 'table')
    .action(
      action(async (opts: Record<string, unknown>) => {
        const format = String(opts.format);
        if (!['json', 'csv', 'table'].includes(format)) throw new UsageError('invalid --format: expected json, csv or table');
        const raw: Record<string, unknown> = {
          from: opts.from,
          to: opts.to,
          by: opts.by,
          group: opts.group,
          where: opts.where,
          'sl-seconds': opts.slSeconds,
          'short-abandon-seconds': opts.shortAbandonSeconds,
          'sl-variant': opts.slVariant,
          'fcr-days': opts.fcrDays,
          'fcr-same-reason': opts.fcrSameReason ? 'true' : undefined,
          fill: opts.fill === false ? 'false' : undefined,
          percentiles: opts.percentiles === false ? 'false' : undefined,
        };
        // Imported here, not above: the KPI engine loads DuckDB, which `--help` does not need.
        const [{ parseKpiParams }, { kpiRows }, { queryDateRange }] = await Promise.all([import('../../kpi/params.ts'), import('../../kpi/service.ts'), import('../../db/queries/kpis.ts')]);
        const params = parseKpiParams(Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)));
        const { db, config } = await openForCli(program, { readOnly: true });
        try {
          const rows = await kpiRows(db, params, config.timezone);
          if (rows.length === 0) {
            // No rows is not zero contacts: say where the data is.
            const { minDate, maxDate } = await queryDateRange(db);
            process.stderr.write(minDate ? `note: no data in this range; the data covers ${minDate} to ${maxDate} (local dates)\n` : 'note: the database has no contacts\n');
          }
          if (format === 'json') process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
          // The null reasons as one text column, "metric: reason | …" (last, so the metric columns keep their places).
          else if (format === 'csv')
            process.stdout.write(
              toCsv(
                rows.map(({ nullReasons, ...r }) => ({
                  ...r,
                  nullReasons: Object.entries(nullReasons)
                    .map(([m, why]) => `${m}: ${why}`)
                    .join(' | '),
                })),
              ),
            );
          else process.stdout.write(formatTable(rows, ['period', ...params.group, 'offered', 'answered', 'abandoned', 'serviceLevel', 'asa', 'abandonRate', 'aht', 'fcr', 'csat', 'nps']));
        } finally {
          db.close();
        }
      }),
    );
}
