import type { Command } from 'commander';
import { openForCli } from '../database.ts';
import { action, UsageError } from '../errors.ts';

/** `staffcast compliance`: a compliance template's measures per period (docs/sla.md). */
export function registerCompliance(program: Command): void {
  program
    .command('compliance')
    .description('compliance report: each measure of a template per period, met or missed, margin, penalty exposure and the days that caused a miss')
    .requiredOption('--template <name>', 'calchoice-guide, cms-ma-partd, medicaid-mco-generic, florida-healthy-kids, or a stored copy')
    .requiredOption('--from <date>', 'first local date, inclusive (YYYY-MM-DD)')
    .requiredOption('--to <date>', 'last local date, exclusive (YYYY-MM-DD)')
    .option('--where <filters>', 'e.g. plan=medicaid,state=CA (| between alternatives); the template may add its own plan filter')
    .option('--group <dims>', 'comma-separated: plan,state,queue,tier')
    .option('--format <f>', 'json|csv', 'json')
    .action(
      action(async (opts: Record<string, unknown>) => {
        const format = String(opts.format);
        if (!['json', 'csv'].includes(format)) throw new UsageError('invalid --format: expected json or csv');
        const [{ parseSlaParams }, { complianceReport }, { toCsv }] = await Promise.all([import('../../sla/params.ts'), import('../../compliance/service.ts'), import('../../wfm/csv.ts')]);
        const raw = Object.fromEntries(Object.entries({ from: opts.from, to: opts.to, where: opts.where, group: opts.group }).filter(([, v]) => v !== undefined));
        const q = parseSlaParams(raw, ['from', 'to', 'where', 'group']);
        const { db, config } = await openForCli(program, { readOnly: true });
        try {
          const report = await complianceReport(db, config.timezone, { template: String(opts.template), from: q.from, to: q.to, where: q.where, group: q.group });
          if (format === 'json') {
            process.stdout.write(JSON.stringify(report, null, 2) + '\n');
            return;
          }
          const rows = report.rows.map((r) => ({
            ...r,
            met: r.met === null ? '' : r.met ? 'met' : 'missed',
            verification: r.verification.status,
            penalty: r.penalty ? `${r.penalty.kind} ${r.penalty.amount ?? 'amount per contract'}` : '',
            missDays: r.misses.map((d) => `${d.date} (${d.numerator}/${d.denominator}, short ${d.shortfall})`).join('; '),
          }));
          const columns = [
            'period',
            ...q.group,
            'measure',
            'label',
            'metric',
            'unit',
            'threshold',
            'target',
            'value',
            'met',
            'margin',
            'numerator',
            'denominator',
            'pointsMissed',
            'penalty',
            'exposure',
            'exposureReason',
            'verification',
            'reason',
            'missDays',
          ];
          process.stdout.write(toCsv(rows, columns));
        } finally {
          db.close();
        }
      }),
    );
}
