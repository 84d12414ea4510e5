/**
 * `staffcast cases …`: case logs (appeals, grievances, claim research, escalations) —
 *   cases ingest FILE [--source S] [--format csv|parquet] [--timezone TZ] [--max-reject-share F] [--json]
 *   cases timeliness [--from D] [--to D] [--by day|week|month|quarter] [--group type,program] [--as-of D] [--format json|table]
 *   cases backlog [--as-of D] [--format json|table]
 *   cases workload [--as-of D] [--weeks N] [--clear-within-hours H] [--handle-minutes appeal:90,…] [--shrinkage F] [--productivity F] [--format json|table]
 *   cases list [--from D] [--to D] [--type T] [--program P] [--status open|resolved] [--as-of D] [--due-within N] [--limit N] [--offset N]
 *   cases rules [--json]
 * The JSON is what the API answers (GET /api/cases/…). docs/cases.md defines every figure.
 */
import type { Command } from 'commander';
import { openForCli } from '../database.ts';
import { action, UsageError } from '../errors.ts';
import { formatTable } from '../table.ts';

type Opts = Record<string, string | boolean | undefined>;

/** The flags as the API's query parameters (camelCase option → kebab-case name). */
function rawParams(opts: Opts, names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of names) {
    const key = n.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    const v = opts[key];
    if (typeof v === 'string') out[n] = v;
  }
  return out;
}

function checkFormat(opts: Opts): 'json' | 'table' {
  const f = String(opts.format ?? 'table');
  if (f !== 'json' && f !== 'table') throw new UsageError('invalid --format: expected json or table');
  return f;
}

const json = (x: unknown) => process.stdout.write(`${JSON.stringify(x, null, 2)}\n`);

export function registerCases(program: Command): void {
  const cases = program.command('cases').description('case logs: appeals, grievances, claim research, escalations (ingest | timeliness | backlog | workload | list | rules)');

  cases
    .command('ingest')
    .description('load a case log (CSV or Parquet): all or nothing, rejects with reasons, no duplicates, member IDs pseudonymized')
    .argument('<file>', 'the case log')
    .option('--source <name>', 'source the case ids are unique in', 'default')
    .option('--format <f>', 'csv|parquet (default: by extension, then content)')
    .option('--timezone <tz>', 'zone of timestamps written without a UTC offset')
    .option('--max-reject-share <f>', 'refuse the file above this share of rejected rows', '0.01')
    .option('--json', 'print the result as JSON (as POST /api/cases/ingest answers)')
    .action(
      action(async (file: string, opts: Opts) => {
        const share = Number(opts.maxRejectShare);
        if (!(share >= 0 && share <= 1)) throw new UsageError('invalid --max-reject-share: expected a fraction between 0 and 1');
        if (opts.format !== undefined && opts.format !== 'csv' && opts.format !== 'parquet') throw new UsageError('invalid --format: expected csv or parquet');
        const [{ ingestCaseFile }, { loadOrCreateHmacKey }] = await Promise.all([import('../../cases/ingest.ts'), import('../../pseudonym.ts')]);
        const { db, config } = await openForCli(program);
        try {
          const r = await ingestCaseFile(db, file, {
            source: opts.source as string,
            format: opts.format as 'csv' | 'parquet' | undefined,
            timezone: opts.timezone as string | undefined,
            maxRejectShare: share,
            hmacKey: loadOrCreateHmacKey(config),
          });
          if (opts.json) json(r);
          else {
            process.stdout.write(
              `${r.fileName}: ${r.outcome} (case batch ${r.batchId}): ${r.rowsRead} read, ${r.rowsAccepted} accepted (${r.rowsUpdated} updated), ${r.rowsRejected} rejected, ${r.rowsAlreadyPresent} already present\n`,
            );
            if (r.message) process.stdout.write(`  ${r.message}\n`);
            for (const x of r.rejectReasons) process.stdout.write(`  ${x.count} × ${x.reason}\n`);
          }
          if (r.outcome === 'refused') process.exitCode = 1;
        } finally {
          db.close();
        }
      }),
    );

  cases
    .command('timeliness')
    .description('per period (of the deadline date) and group: cases due, met, missed, pending, percent timely, median and p90 hours to acknowledge and to resolve')
    .option('--from <date>', 'first local date, inclusive (default: 12 months up to the as-of month)')
    .option('--to <date>', 'last local date, exclusive')
    .option('--by <period>', 'day|week|month|quarter', 'month')
    .option('--group <cols>', 'comma-separated: type,program,priority,plan,state,tier')
    .option('--as-of <date>', 'judge statuses at the end of this local date (default: the latest instant in the case data)')
    .option('--format <f>', 'json|table', 'table')
    .action(
      action(async (opts: Opts) => {
        const format = checkFormat(opts);
        const [{ parseTimelinessParams }, { timelinessAnswer }] = await Promise.all([import('../../cases/params.ts'), import('../../cases/service.ts')]);
        const params = parseTimelinessParams(rawParams(opts, ['from', 'to', 'by', 'group', 'as-of']));
        const { db, config } = await openForCli(program, { readOnly: true });
        try {
          const a = await timelinessAnswer(db, config.timezone, params);
          if (format === 'json') return void json(a);
          const pct = (x: number | null) => (x === null ? null : `${(100 * x).toFixed(1)}%`);
          const rows = a.rows.map((r) => ({
            period: r.period,
            ...r.group,
            resolveDue: r.resolve.due,
            met: r.resolve.met,
            missed: r.resolve.missed,
            pending: r.resolve.pending,
            timely: pct(r.resolve.percentTimely),
            resolveP50h: r.resolve.medianHours,
            resolveP90h: r.resolve.p90Hours,
            ackDue: r.acknowledge.due,
            ackTimely: pct(r.acknowledge.percentTimely),
            ackP50h: r.acknowledge.medianHours,
            ackP90h: r.acknowledge.p90Hours,
          }));
          process.stdout.write(`Case timeliness ${a.from} to ${a.to} (exclusive), by ${a.by} of the deadline, as of ${a.asOf ?? 'no cases'}\n`);
          process.stdout.write(
            formatTable(rows, ['period', ...a.group, 'resolveDue', 'met', 'missed', 'pending', 'timely', 'resolveP50h', 'resolveP90h', 'ackDue', 'ackTimely', 'ackP50h', 'ackP90h']),
          );
        } finally {
          db.close();
        }
      }),
    );

  cases
    .command('backlog')
    .description('open cases by type at the end of a local date: age buckets, due within 1/3/7 days, overdue')
    .option('--as-of <date>', 'local date (default: the date of the latest instant in the case data)')
    .option('--format <f>', 'json|table', 'table')
    .action(
      action(async (opts: Opts) => {
        const format = checkFormat(opts);
        const [{ dateParam }, { backlogAnswer }] = await Promise.all([import('../../cases/params.ts'), import('../../cases/service.ts')]);
        const asOf = dateParam(rawParams(opts, ['as-of']), 'as-of');
        const { db, config } = await openForCli(program, { readOnly: true });
        try {
          const a = await backlogAnswer(db, config.timezone, asOf);
          if (format === 'json') return void json(a);
          const rows = [...a.rows, ...(a.total ? [a.total] : [])].map((r) => ({ ...r, ...r.ages, ages: undefined }));
          process.stdout.write(`Open cases at the end of ${a.asOf ?? '— (no cases)'}\n`);
          process.stdout.write(formatTable(rows, ['type', 'open', ...a.ageBuckets, 'dueWithin1Day', 'dueWithin3Days', 'dueWithin7Days', 'overdue', 'noRule']));
        } finally {
          db.close();
        }
      }),
    );

  cases
    .command('workload')
    .description('what the case work needs in staff per tier (deferred-work model): recent arrivals and the open backlog × handle minutes')
    .option('--as-of <date>', 'local date the arrival window ends on (default: the latest in the case data)')
    .option('--weeks <n>', 'weeks of arrivals to read', '4')
    .option('--clear-within-hours <h>', 'business hours to clear the backlog in', '40')
    .option('--handle-minutes <list>', 'type:minutes pairs, e.g. appeal:90,grievance:45 (defaults in docs/cases.md)')
    .option('--productivity <f>', 'share of working time on case work', '0.85')
    .option('--shrinkage <f>', 'shrinkage for FTE', '0.3')
    .option('--format <f>', 'json|table', 'table')
    .action(
      action(async (opts: Opts) => {
        const format = checkFormat(opts);
        const [{ parseWorkloadParams }, { workloadAnswer }] = await Promise.all([import('../../cases/params.ts'), import('../../cases/service.ts')]);
        const params = parseWorkloadParams(rawParams(opts, ['as-of', 'weeks', 'clear-within-hours', 'handle-minutes', 'productivity', 'shrinkage']));
        const { db, config } = await openForCli(program, { readOnly: true });
        try {
          const a = await workloadAnswer(db, config.timezone, params);
          if (format === 'json') return void json(a);
          process.stdout.write(`Case workload: arrivals ${a.window ? `${a.window.from} to ${a.window.to} (exclusive), ${a.window.businessHours} business hours` : '— (no cases)'}\n`);
          const rows = a.tiers.map((t) => ({
            tier: t.tier,
            arrivals: t.arrivals,
            backlog: t.backlog,
            ahtMin: t.ahtSeconds === null ? null : t.ahtSeconds / 60,
            agents: t.staffing?.agents ?? null,
            fte: t.staffing?.fte ?? null,
          }));
          process.stdout.write(formatTable(rows, ['tier', 'arrivals', 'backlog', 'ahtMin', 'agents', 'fte']));
        } finally {
          db.close();
        }
      }),
    );

  cases
    .command('list')
    .description('cases with their deadlines and statuses (member keys pseudonymized), as JSON')
    .option('--from <date>', 'received from this local date')
    .option('--to <date>', 'received before this local date')
    .option('--type <t>', 'appeal|grievance|claim_research|escalation|other')
    .option('--program <p>', 'medicare_advantage|medicaid|marketplace|commercial')
    .option('--priority <p>', 'standard|expedited')
    .option('--status <s>', 'open|resolved')
    .option('--as-of <date>', 'statuses at the end of this local date')
    .option('--due-within <n>', 'open cases due within N days of the as-of date, overdue included, soonest first')
    .option('--limit <n>', 'at most N cases', '100')
    .option('--offset <n>', 'skip N cases', '0')
    .action(
      action(async (opts: Opts) => {
        const [{ parseListParams }, { caseListAnswer }] = await Promise.all([import('../../cases/params.ts'), import('../../cases/service.ts')]);
        const params = parseListParams(rawParams(opts, ['from', 'to', 'type', 'program', 'priority', 'status', 'as-of', 'due-within', 'limit', 'offset']));
        const { db, config } = await openForCli(program, { readOnly: true });
        try {
          json(await caseListAnswer(db, config.timezone, params));
        } finally {
          db.close();
        }
      }),
    );

  cases
    .command('rules')
    .description('the deadline rules: built-in (with sources), stored plan overrides, and those in force (JSON)')
    .action(
      action(async () => {
        const { caseRules } = await import('../../cases/service.ts');
        const { db } = await openForCli(program, { readOnly: true });
        try {
          json(await caseRules(db));
        } finally {
          db.close();
        }
      }),
    );
}
