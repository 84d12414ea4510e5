/**
 * `staffcast cases …`: case logs (appeals, grievances, claim research, escalations) —
 *   cases ingest FILE [--source S] [--format csv|parquet] [--timezone TZ] [--max-reject-share F] [--server URL] [--json]
 *     (--server: through a running server's POST /api/cases/ingest, signed in as STAFFCAST_USER: server/cli/caseUpload.ts)
 *   cases timeliness [--from D] [--to D] [--by day|week|month|quarter] [--group type,program] [--as-of D] [--format json|table]
 *   cases backlog [--as-of D] [--format json|table]
 *   cases workload [--as-of D] [--weeks N] [--clear-within-hours H] [--handle-minutes appeal:90,…] [--shrinkage F] [--productivity F] [--format json|table]
 *   cases list [--from D] [--to D] [--type T] [--program P] [--status open|resolved] [--as-of D] [--due-within N] [--limit N] [--offset N]
 *   cases rules [--json]
 * The JSON is what the API answers (GET /api/cases/…). docs/cases.md defines every figure.
 */
import type { Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { CaseBatchResult } from '../../cases/ingest.ts';
import { isValidTimeZone } from '../../wfm/timezone.ts';
import type { CaseUploadFields } from '../caseUpload.ts';
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

interface CheckedCaseIngest {
  fields: CaseUploadFields;
  server: URL | undefined;
}

/** Validates `cases ingest`'s command line (both paths alike); every problem is a UsageError naming the flag. */
export function checkCaseIngestArgs(file: string, opts: Opts): CheckedCaseIngest {
  if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`invalid FILE: no such file: ${file}`);
  const source = String(opts.source ?? 'default');
  if (!/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/.test(source)) throw new UsageError('invalid --source: use 1-100 letters, digits, ".", "_", ":" or "-"');
  if (opts.format !== undefined && opts.format !== 'csv' && opts.format !== 'parquet') throw new UsageError('invalid --format: expected csv or parquet');
  const timezone = opts.timezone as string | undefined;
  if (timezone !== undefined && !isValidTimeZone(timezone)) throw new UsageError('invalid --timezone: not an IANA time zone name (e.g. America/New_York)');
  const shareText = String(opts.maxRejectShare ?? '0.01');
  const share = Number(shareText);
  if (!/^\d*\.?\d+$/.test(shareText) || !(share >= 0 && share <= 1)) throw new UsageError('invalid --max-reject-share: expected a fraction between 0 and 1, e.g. 0.01');
  let server: URL | undefined;
  if (opts.server !== undefined) {
    try {
      server = new URL(String(opts.server));
      if (server.protocol !== 'http:' && server.protocol !== 'https:') throw new Error('protocol');
    } catch {
      throw new UsageError('invalid --server: expected a URL such as http://127.0.0.1:3000');
    }
  }
  return { fields: { source, format: opts.format as 'csv' | 'parquet' | undefined, timezone, maxRejectShare: share }, server };
}

/** A database held by a running server: the message also says how to load a case log through it. */
function withServerHint(e: unknown): never {
  const err = e as Error;
  if (err?.name === 'DatabaseLockedError') {
    throw new Error(`${err.message} For a case log: staffcast cases ingest FILE --server http://127.0.0.1:PORT (signed in as STAFFCAST_USER).`);
  }
  throw e;
}

/** One case batch's result, as text or as the API's JSON; the same for both paths. */
function printCaseBatch(r: CaseBatchResult, asJson: boolean): void {
  if (asJson) return void json(r);
  // A file refused before its rows were classified, or a duplicate, has no counts to show.
  const counts =
    r.outcome !== 'committed' && r.rowsRead === 0
      ? 'nothing was loaded'
      : `${r.rowsRead} read, ${r.rowsAccepted} accepted (${r.rowsUpdated} updated), ${r.rowsRejected} rejected, ${r.rowsAlreadyPresent} already present`;
  process.stdout.write(`${r.fileName}: ${r.outcome} (case batch ${r.batchId}): ${counts}\n`);
  if (r.message) process.stdout.write(`  ${r.message}${r.refusal?.code === 'time_zone_required' ? ' (on the command line: --timezone ZONE)' : ''}\n`);
  for (const x of r.rejectReasons) process.stdout.write(`  ${x.count} × ${x.reason}\n`);
}

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
    .option('--server <url>', 'upload through a running server (POST /api/cases/ingest) instead of opening the database, signed in as STAFFCAST_USER')
    .option('--json', 'print the result as JSON (as POST /api/cases/ingest answers)')
    .addHelpText(
      'after',
      [
        '',
        'Exit codes: 0 committed or duplicate, 1 refused (or the server could not be',
        'used), 2 usage error naming the flag.',
        'While `staffcast serve` holds the database, give --server http://127.0.0.1:PORT',
        'and set STAFFCAST_USER with STAFFCAST_PASSWORD (or STAFFCAST_PASSWORD_FILE) to a',
        'user of that server with the write:data permission (docs/cases.md).',
        '',
      ].join('\n'),
    )
    .action(
      action(async (file: string, opts: Opts) => {
        const c = checkCaseIngestArgs(file, opts);
        let r: CaseBatchResult;
        if (c.server) {
          const { uploadCaseLog } = await import('../caseUpload.ts');
          r = await uploadCaseLog(c.server, file, c.fields);
        } else {
          const [{ ingestCaseFile }, { loadOrCreateHmacKey }, { cliActor, recordAudit }] = await Promise.all([
            import('../../cases/ingest.ts'),
            import('../../pseudonym.ts'),
            import('../../auth/audit.ts'),
          ]);
          const { db, config } = await openForCli(program).catch(withServerHint);
          try {
            r = await ingestCaseFile(db, file, { ...c.fields, hmacKey: loadOrCreateHmacKey(config) });
            // In the audit trail as the operating-system user, as `staffcast ingest` is (the API audits its own uploads).
            await recordAudit(db, {
              at: new Date(),
              actor: cliActor(),
              address: 'cli',
              action: 'cases.ingest',
              path: basename(file),
              outcome: r.outcome === 'refused' ? 'failed' : 'ok',
              detail: `case batch ${r.batchId}: ${r.outcome}, ${r.rowsAccepted} accepted, ${r.rowsRejected} rejected`,
            });
          } finally {
            db.close();
          }
        }
        printCaseBatch(r, opts.json === true);
        if (r.outcome === 'refused') process.exitCode = 1;
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
    .option('--members <n>', "members enrolled: also print the capacity scenario's cases (per 1,000 members a month) in the JSON")
    .option('--format <f>', 'json|table', 'table')
    .action(
      action(async (opts: Opts) => {
        const format = checkFormat(opts);
        const [{ parseWorkloadParams }, { workloadAnswer }] = await Promise.all([import('../../cases/params.ts'), import('../../cases/service.ts')]);
        const params = parseWorkloadParams(rawParams(opts, ['as-of', 'weeks', 'clear-within-hours', 'handle-minutes', 'productivity', 'shrinkage', 'members']));
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
