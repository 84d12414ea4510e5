/**
 * `staffcast ingest FILE... [--format NAME] [--mapping MAP.json] [--source NAME]
 *   [--timezone TZ] [--replace] [--server URL] [--json]`
 *
 * Loads contact logs into the database file (global --db or STAFFCAST_DB), or uploads them
 * to a running server with --server (DuckDB allows one writing process per file, so while a
 * server holds the database a direct ingest fails at once and says so). Prints a summary per
 * file; exit code 0 when every file committed or was a duplicate, 1 when any was refused or
 * failed, 2 on usage errors.
 */
import type { Command } from 'commander';
import { existsSync, openAsBlob, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { RefusalCode, RefusalRow } from '../../db/queries/ingest-batches.ts';
import { checkMapping, type ColumnMapping } from '../../ingest/columns.ts';
import type { BatchResult } from '../../ingest/index.ts';
import { IngestRefusal } from '../../ingest/refusal.ts';
import { ALL_FORMAT_NAMES, formatList } from '../../ingest/adapters/index.ts';
import { INTERVAL_FORMATS } from '../../ingest/intervals/fields.ts';
import { loadOrCreateHmacKey } from '../../pseudonym.ts';
import { isValidTimeZone } from '../../wfm/timezone.ts';
import { InputError } from '../../wfm/inputError.ts';
import { type MappingProfile, parseMappingProfile } from '../../wfm/mapping/profile.ts';
import { action, UsageError } from '../errors.ts';
import { SIGN_IN_HINT, serverSessionHeaders } from '../serverSession.ts';

interface IngestFlags {
  format?: string;
  mapping?: string;
  profile?: string;
  source?: string;
  timezone?: string;
  replace?: boolean;
  server?: string;
  json?: boolean;
  maxRejectShare?: string;
}

interface Checked {
  files: string[];
  /** csv / parquet, a vendor export (server/ingest/adapters), or an interval report (server/ingest/intervals). */
  format?: string;
  mapping?: ColumnMapping;
  /** A mapping profile with value rules (--mapping FILE), or the name of a saved one (--profile). */
  profile?: MappingProfile;
  profileName?: string;
  source?: string;
  timezone?: string;
  replace: boolean;
  server?: URL;
  json: boolean;
  maxRejectShare?: number;
}

/** Validates the command line; every problem is a UsageError naming the flag. */
export function checkIngestArgs(files: string[], f: IngestFlags): Checked {
  if (!files.length) throw new UsageError('invalid FILE: give at least one file to ingest');
  for (const file of files) {
    if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`invalid FILE: no such file: ${file}`);
  }
  if (f.format !== undefined && !ALL_FORMAT_NAMES.includes(f.format)) {
    throw new UsageError(`invalid --format: expected one of ${ALL_FORMAT_NAMES.join(', ')}`);
  }
  if (f.format !== undefined && (INTERVAL_FORMATS as readonly string[]).includes(f.format) && (f.mapping !== undefined || f.replace)) {
    throw new UsageError(`invalid --format: ${f.format} takes neither --mapping nor --replace (a re-delivered interval always replaces)`);
  }
  if (f.format !== undefined && f.mapping !== undefined && f.format !== 'csv' && f.format !== 'parquet') {
    throw new UsageError(`invalid --mapping: a column mapping cannot be combined with --format ${f.format} (its fields are known)`);
  }
  if (f.timezone !== undefined && !isValidTimeZone(f.timezone)) {
    throw new UsageError('invalid --timezone: not an IANA time zone name (e.g. America/Los_Angeles)');
  }
  if (f.source !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/.test(f.source)) {
    throw new UsageError('invalid --source: use 1-100 letters, digits, ".", "_", ":" or "-"');
  }
  let mapping: ColumnMapping | undefined;
  let profile: MappingProfile | undefined;
  if (f.mapping !== undefined && f.profile !== undefined) throw new UsageError('invalid --profile: give --mapping or --profile, not both');
  if (f.profile !== undefined && !/^[\w .-]{1,60}$/.test(f.profile)) throw new UsageError('invalid --profile: a saved profile name (1–60 letters, digits, spaces, ".", "_", "-")');
  if (f.mapping !== undefined) {
    let text: string;
    try {
      text = readFileSync(f.mapping, 'utf8');
    } catch {
      throw new UsageError(`invalid --mapping: cannot read ${f.mapping}`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new UsageError(`invalid --mapping: ${f.mapping} is not valid JSON`);
    }
    if (parsed && typeof parsed === 'object' && Object.keys(parsed).every((k) => k === 'columns')) {
      try {
        mapping = checkMapping(parsed);
      } catch (e) {
        if (e instanceof IngestRefusal) throw new UsageError(`invalid --mapping: ${e.message.replace(/^invalid mapping: /, '')}`);
        throw e;
      }
    } else {
      try {
        profile = parseMappingProfile(parsed);
      } catch (e) {
        if (e instanceof InputError) throw new UsageError(`invalid --mapping: ${e.message}`);
        throw e;
      }
    }
  }
  let maxRejectShare: number | undefined;
  if (f.maxRejectShare !== undefined) {
    maxRejectShare = Number(f.maxRejectShare);
    if (!/^\d*\.?\d+$/.test(f.maxRejectShare) || !(maxRejectShare >= 0 && maxRejectShare <= 1)) {
      throw new UsageError('invalid --max-reject-share: expected a fraction between 0 and 1, e.g. 0.01');
    }
  }
  let server: URL | undefined;
  if (f.server !== undefined) {
    try {
      server = new URL(f.server);
      if (server.protocol !== 'http:' && server.protocol !== 'https:') throw new Error('protocol');
    } catch {
      throw new UsageError('invalid --server: expected a URL such as http://127.0.0.1:3000');
    }
  }
  return {
    files,
    format: f.format,
    mapping,
    profile,
    profileName: f.profile,
    source: f.source,
    timezone: f.timezone,
    replace: f.replace === true,
    server,
    json: f.json === true,
    maxRejectShare,
  };
}

/** What to do about a refusal, in this command's terms (the API's message names no flag). */
function refusalHint(code: RefusalCode, message: string): string | null {
  if (code === 'time_zone_required') return 'hint: give the zone the times were recorded in, e.g. --timezone America/Los_Angeles';
  if (code === 'too_many_bad_rows') return 'hint: fix the rows, or raise the limit with --max-reject-share (e.g. 0.05)';
  if (code === 'unsupported_type' && /is Parquet, not CSV/.test(message)) return 'hint: --format parquet';
  return null;
}

/** How many of a refusal's rows the summary lists per rule. */
const SUMMARY_ROWS_PER_RULE = 5;

/** The human summary of one file's batch. */
export function formatSummary(r: BatchResult): string {
  const lines = [`${r.fileName}: ${r.outcome} (batch ${r.batchId})`];
  if (r.message) lines.push(`  ${r.message}`);
  if (r.outcome !== 'duplicate_file') {
    if (r.read) {
      lines.push(
        `  rows read ${r.rowsRead}, accepted ${r.rowsAccepted}, rejected ${r.rowsRejected}, ` +
          `already present ${r.rowsAlreadyPresent}, flagged ${r.rowsFlagged}` +
          (r.outcome === 'committed' ? '' : ' (nothing was loaded)'),
      );
    } else {
      lines.push('  rows not read: the file was refused before its rows could be classified; nothing was loaded');
    }
  }
  if (r.unknownColumns.length) lines.push(`  ignored unknown columns: ${r.unknownColumns.join(', ')}`);
  // A refusal's rows, grouped by rule with the rule's count: the first few, with their lines.
  const byRule = new Map<string, RefusalRow[]>();
  for (const x of r.refusal?.rows ?? []) byRule.set(x.rule, [...(byRule.get(x.rule) ?? []), x]);
  // A rule's count: from the reject reasons, or the refusal's count when it has one rule;
  // otherwise unknown (only the rows listed are known).
  const countOf = (rule: string): number | null => r.rejectReasons.find((x) => x.reason === rule)?.count ?? (byRule.size === 1 ? r.refusal!.rowCount : null);
  for (const x of r.rejectReasons.slice(0, 5)) if (!byRule.has(x.reason)) lines.push(`  ${x.count} × ${x.reason}`);
  for (const [rule, xs] of byRule) {
    const n = countOf(rule);
    const shown = xs.slice(0, SUMMARY_ROWS_PER_RULE).map((x) => `row ${x.row}${x.line === null ? '' : ` (line ${x.line})`}`);
    const more = n === null ? xs.length > shown.length || r.refusal!.rowCount > r.refusal!.rows.length : n > shown.length;
    lines.push(`  ${n === null ? '' : `${n} × `}${rule}: ${shown.join(', ')}${more ? ', …' : ''}`);
  }
  if (r.refusal) {
    const hint = refusalHint(r.refusal.code, r.message ?? '');
    if (hint) lines.push(`  ${hint}`);
  }
  return lines.join('\n');
}

function progressPrinter(file: string): (rows: number, bytes: number, total: number) => void {
  const tty = process.stderr.isTTY;
  let lastPct = -1;
  return (rows, bytes, total) => {
    if (total < 16 << 20) return; // small files: no progress
    const pct = Math.floor((100 * bytes) / Math.max(1, total));
    const step = tty ? 1 : 25;
    if (pct < lastPct + step && rows === 0) return;
    lastPct = pct;
    const msg = rows > 0 ? `${basename(file)}: ${rows.toLocaleString('en-US')} rows committed` : `${basename(file)}: read ${pct}%`;
    process.stderr.write(tty ? `\r${msg}   ${rows > 0 ? '\n' : ''}` : `${msg}\n`);
  };
}

async function uploadOne(server: URL, file: string, c: Checked): Promise<BatchResult> {
  const form = new FormData();
  form.set('file', await openAsBlob(file), basename(file));
  if (c.source) form.set('source', c.source);
  if (c.format) form.set('format', c.format);
  if (c.timezone) form.set('timezone', c.timezone);
  if (c.mapping) form.set('mapping', JSON.stringify(c.mapping));
  if (c.profile) form.set('mapping', JSON.stringify(c.profile));
  if (c.profileName) form.set('profile', c.profileName);
  if (c.replace) form.set('replace', 'true');
  if (c.maxRejectShare !== undefined) form.set('maxRejectShare', String(c.maxRejectShare));
  const headers = await serverSessionHeaders(server);
  let res: Response;
  try {
    res = await fetch(new URL('/api/ingest', server), { method: 'POST', body: form, headers });
  } catch {
    throw new Error(`cannot reach the server at ${server.origin}`);
  }
  const body = (await res.json().catch(() => ({}))) as Partial<BatchResult> & { error?: string };
  if (res.status === 201 || res.status === 200 || res.status === 422) return body as BatchResult;
  if (res.status === 401) throw new Error(`${basename(file)}: the server needs a signed-in user: ${SIGN_IN_HINT}`);
  throw new Error(`${basename(file)}: the server answered ${res.status}: ${body.error ?? 'no message'}`);
}

export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description('load contact logs (CSV, Parquet, or a vendor export listed below) or interval reports into the database; see docs/ingest.md')
    .argument('<FILE...>', 'contact logs, vendor exports or interval reports')
    .option('--format <name>', 'one of the formats below (default: a vendor format detected from the content, else csv/parquet by extension, then by content)')
    .option('--mapping <file>', 'JSON {"columns": {"<canonical name>": "<header in the file>"}}, or a mapping profile with value rules (docs/ingest.md)')
    .option('--profile <name>', 'a mapping profile saved on the Data page or with PUT /api/ingest/profiles/NAME')
    .option('--source <name>', 'source system; contact_id is unique within it (default "default")')
    .option('--timezone <tz>', "IANA zone of timestamps written without a UTC offset (for five9: the account's zone; default the site zone)")
    .option('--replace', 'replace stored contacts whose id comes again with different values')
    .option('--server <url>', 'upload through a running server instead of opening the database')
    .option('--max-reject-share <fraction>', 'refuse a file whose share of bad rows is above this (default 0.01)')
    .option('--json', 'print the batch results as JSON')
    .addHelpText(
      'after',
      `\nFormats (--format NAME):\n${formatList()
        .map((f) => `  ${f.name.padEnd(20)}${f.label}`)
        .join('\n')}\n`,
    )
    .action(
      action(async (files: string[], flags: IngestFlags, cmd: Command) => {
        const c = checkIngestArgs(files, flags);
        const results: BatchResult[] = [];
        const print = (r: BatchResult) => {
          results.push(r);
          if (!c.json) process.stdout.write(formatSummary(r) + '\n');
        };
        if (c.server) {
          for (const file of c.files) print(await uploadOne(c.server, file, c));
        } else {
          const globalDb = (cmd.parent?.opts() as { db?: string } | undefined)?.db;
          // Imported here, not above: DuckDB and zod take longer to load than `--help` may.
          const [
            { loadConfig },
            { Database },
            { IngestOptionError, ingestFile },
            { detectIntervalSample, ingestIntervalReport, isIntervalFormat },
            { ingestWithProfile },
            { readSample },
            { getProfile },
            { cliActor, recordAudit },
          ] = await Promise.all([
            import('../../config.ts'),
            import('../../db/database.ts'),
            import('../../ingest/index.ts'),
            import('../../ingest/intervals/index.ts'),
            import('../../ingest/mapped.ts'),
            import('../../ingest/adapter-ingest.ts'),
            import('../../db/queries/mappingProfiles.ts'),
            import('../../auth/audit.ts'),
          ]);
          const savedProfile = async (d: typeof db, name: string) => {
            const p = await getProfile(d, name);
            if (!p) throw new UsageError(`invalid --profile: no mapping profile named "${name}" (saved ones: GET /api/ingest/profiles)`);
            return p.profile;
          };
          const config = loadConfig(process.env, globalDb ? { dbPath: globalDb } : {});
          const db = await Database.open(config.dbPath); // DatabaseLockedError: says to use --server
          try {
            // An ingest a killed process left unfinished: recorded as a failed batch first.
            const { recoverInterruptedIngests } = await import('../../ingest/recover.ts');
            for (const name of await recoverInterruptedIngests(db)) process.stderr.write(`an earlier ingest of ${name} was interrupted (process killed); recorded as a failed batch\n`);
            const hmacKey = loadOrCreateHmacKey(config);
            // Printed, and audited as the operating-system user (the API audits its own uploads).
            const loaded = async (file: string, r: BatchResult) => {
              print(r);
              await recordAudit(db, {
                at: new Date(),
                actor: cliActor(),
                address: 'cli',
                action: 'ingest',
                path: basename(file),
                outcome: r.outcome === 'committed' || r.outcome === 'duplicate_file' ? 'ok' : 'failed',
                detail: `batch ${r.batchId}: ${r.outcome}, ${r.rowsAccepted} accepted, ${r.rowsRejected} rejected`,
              });
            };
            for (const file of c.files) {
              try {
                const mapped = c.profile ?? (c.profileName ? await savedProfile(db, c.profileName) : undefined);
                // An interval report is recognised by its header when no format or mapping is given.
                const format = c.format ?? (c.mapping || mapped ? undefined : (detectIntervalSample(readSample(file).text) ?? undefined));
                if (isIntervalFormat(format)) {
                  await loaded(
                    file,
                    await ingestIntervalReport(db, file, { format, source: c.source, timezone: c.timezone, maxRejectShare: c.maxRejectShare, siteTimezone: config.timezone, loadedBy: cliActor() }),
                  );
                  continue;
                }
                const options = {
                  source: c.source,
                  format,
                  timezone: c.timezone,
                  replace: c.replace,
                  maxRejectShare: c.maxRejectShare,
                  siteTimezone: config.timezone,
                  hmacKey,
                  loadedBy: cliActor(),
                  onProgress: progressPrinter(file),
                };
                await loaded(file, mapped ? await ingestWithProfile(db, file, mapped, options) : await ingestFile(db, file, { ...options, mapping: c.mapping }));
              } catch (e) {
                if (e instanceof IngestOptionError) throw new UsageError(e.message);
                throw e;
              }
            }
          } finally {
            db.close();
          }
        }
        if (c.json) process.stdout.write(JSON.stringify(results, null, 2) + '\n');
        if (results.some((r) => r.outcome === 'refused')) process.exitCode = 1;
      }),
    );
}
