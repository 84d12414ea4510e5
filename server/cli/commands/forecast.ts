import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { InputError } from '../../wfm/inputError.ts';
import type { ForecastQuery } from '../../forecast/query.ts';
import type { ForecastResponse } from '../../forecast/service.ts';
import { MODEL_CHOICES, type ForecastPoint, type ModelChoice } from '../../wfm/forecast/types.ts';
import { isValidTimeZone } from '../../wfm/timezone.ts';
import { cliOverrides, openForCli } from '../database.ts';
import { action, UsageError } from '../errors.ts';
import { SIGN_IN_HINT, serverSessionHeaders } from '../serverSession.ts';

interface Flags {
  queue?: string;
  channel?: string;
  horizon?: string;
  granularity?: string;
  metric?: string;
  model?: string;
  history?: string;
  start?: string;
  series?: string;
  column?: string;
  timezone?: string;
  json?: boolean;
  format?: string;
  server?: string;
}

const FLAG_OF: Record<string, string> = {
  queue: '--queue',
  channel: '--channel',
  horizon: '--horizon',
  granularity: '--granularity',
  metric: '--metric',
  model: '--model',
  history: '--history',
  start: '--start',
};

type Format = 'json' | 'csv' | 'table';

function formatOf(flags: Flags): Format {
  if (flags.json) return 'json';
  const f = flags.format ?? 'table';
  if (f !== 'json' && f !== 'csv' && f !== 'table') throw new UsageError(`invalid --format: ${JSON.stringify(f)} (json, csv or table)`);
  return f;
}

/** Parses the database-mode flags with the API's schema; a problem names its flag. */
export async function forecastArgs(flags: Flags): Promise<ForecastQuery> {
  const { ForecastQuerySchema } = await import('../../forecast/query.ts'); // zod: loaded only when used
  if (!flags.queue) throw new UsageError('invalid --queue: required (or --series FILE.csv)');
  if (flags.horizon === undefined) throw new UsageError('invalid --horizon: required (periods to forecast)');
  const raw = {
    queue: flags.queue,
    channel: flags.channel,
    horizon: wholeNumber('--horizon', flags.horizon),
    granularity: flags.granularity,
    metric: flags.metric,
    model: flags.model,
    history: flags.history === undefined ? undefined : wholeNumber('--history', flags.history),
    start: flags.start,
  };
  const parsed = ForecastQuerySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0] ?? 'queue');
    throw new UsageError(`invalid ${FLAG_OF[field] ?? field}: ${issue.message}`);
  }
  return parsed.data;
}

function wholeNumber(flag: string, text: string): number {
  if (!/^\d+$/.test(text.trim())) throw new UsageError(`invalid ${flag}: ${JSON.stringify(text)} is not a whole number`);
  return Number(text);
}

function modelOf(text: string | undefined): ModelChoice {
  if (text === undefined) return 'auto';
  if (!(MODEL_CHOICES as readonly string[]).includes(text)) {
    throw new UsageError(`invalid --model: ${JSON.stringify(text)} (one of ${MODEL_CHOICES.join(', ')})`);
  }
  return text as ModelChoice;
}

const CSV_HEADER = 'period,forecast,lower80,upper80,lower95,upper95';

/** Points as CSV (values rounded to 3 decimals; an empty cell where there is no value). */
export function pointsCsv(points: readonly ForecastPoint[]): string {
  const cell = (v: number | null) => (v === null ? '' : String(Math.round(v * 1000) / 1000));
  const lines = points.map((p) => [p.period, cell(p.forecast), cell(p.lower80), cell(p.upper80), cell(p.lower95), cell(p.upper95)].join(','));
  return [CSV_HEADER, ...lines].join('\n') + '\n';
}

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const fixed = (v: number | null, d = 1) => (v === null ? '—' : v.toFixed(d));

function table(r: {
  model: string;
  granularity: string;
  horizon: number;
  points: readonly ForecastPoint[];
  backtest: ForecastResponse['backtest'];
  candidates: readonly { model: string; wmape: number | null }[];
  notes: readonly string[];
}): string {
  const out: string[] = [];
  out.push(`model ${r.model} · ${r.granularity} · ${r.horizon} periods`);
  out.push(`backtest over ${r.backtest.origins} origins: wMAPE ${pct(r.backtest.wmape)}, MAPE ${pct(r.backtest.mape)}, ` + `MASE ${fixed(r.backtest.mase, 2)}, bias ${pct(r.backtest.bias)}`);
  out.push(`candidates: ${r.candidates.map((c) => `${c.model} ${pct(c.wmape)}`).join(', ') || '—'}`);
  for (const n of r.notes) out.push(`note: ${n}`);
  out.push('');
  const w = Math.max(6, ...r.points.map((p) => p.period.length));
  out.push(`${'period'.padEnd(w)}  ${['forecast', 'lower80', 'upper80', 'lower95', 'upper95'].map((h) => h.padStart(9)).join(' ')}`);
  for (const p of r.points) {
    out.push(`${p.period.padEnd(w)}  ${[p.forecast, p.lower80, p.upper80, p.lower95, p.upper95].map((v) => fixed(v).padStart(9)).join(' ')}`);
  }
  return out.join('\n') + '\n';
}

async function fromServer(base: string, q: ForecastQuery): Promise<ForecastResponse> {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined) params.set(k, String(v));
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new UsageError(`invalid --server: expected a URL such as http://127.0.0.1:3000, got ${base}`);
  }
  const headers = await serverSessionHeaders(url);
  let res: Response;
  try {
    res = await fetch(`${base.replace(/\/$/, '')}/api/forecast?${params}`, { headers });
  } catch {
    throw new UsageError(`invalid --server: no answer from ${base}`);
  }
  const body = (await res.json().catch(() => null)) as (ForecastResponse & { error?: string }) | null;
  if (res.status === 401) throw new Error(`the server needs a signed-in user: ${SIGN_IN_HINT}`);
  if (!res.ok) {
    const msg = body?.error ?? `HTTP ${res.status}`;
    if (res.status === 400 || res.status === 404) throw new UsageError(msg);
    throw new Error(`the server answered: ${msg}`);
  }
  return body!;
}

/** `staffcast forecast`: from the database, a running server, or a standalone CSV series. */
export function registerForecast(program: Command): void {
  program
    .command('forecast')
    .description('forecast offered contacts or AHT per queue (from the database) or any series (--series FILE.csv)')
    .option('--queue <q>', 'queue to forecast (database mode)')
    .option('--channel <c>', 'voice, chat, email or portal (default: all channels together)')
    .option('--horizon <n>', 'periods to forecast: days, or intervals for interval granularities / interval series')
    .option('--granularity <g>', 'day, interval15 or interval30 (default day)')
    .option('--metric <m>', 'volume or aht (default volume)')
    .option('--model <m>', `${MODEL_CHOICES.join(', ')} (default auto: chosen by backtest)`)
    .option('--history <n>', 'periods of history to include in the JSON answer')
    .option('--start <date>', 'first forecast day, YYYY-MM-DD (default the day after the last history day)')
    .option('--series <file>', 'forecast a CSV `date,value`, `timestamp,value` or `staffcast kpis --format csv` output (- reads standard input) instead of the database')
    .option('--column <name>', 'with --series: the value column (default value, or offered for a kpis export)')
    .option('--timezone <tz>', 'time zone of an interval series without offsets (default the site zone)')
    .option('--server <url>', 'ask a running server (e.g. http://127.0.0.1:3000) instead of opening the database')
    .option('--json', 'print JSON')
    .option('--format <f>', 'json, csv or table (default table)')
    .action(
      action(async (flags: Flags) => {
        const format = formatOf(flags);
        if (flags.series) {
          if (flags.queue) throw new UsageError('invalid --queue: not used with --series');
          if (flags.horizon === undefined) throw new UsageError('invalid --horizon: required (periods of the series)');
          const horizon = wholeNumber('--horizon', flags.horizon);
          if (horizon < 1) throw new UsageError('invalid --horizon: must be at least 1');
          const { loadConfig } = await import('../../config.ts');
          const timeZone = flags.timezone ?? loadConfig(process.env, cliOverrides(program)).timezone;
          if (!isValidTimeZone(timeZone)) throw new UsageError(`invalid --timezone: ${JSON.stringify(timeZone)} is not an IANA time zone`);
          let text: string;
          try {
            text = readFileSync(flags.series === '-' ? 0 : flags.series, 'utf8');
          } catch {
            throw new UsageError(`invalid --series: cannot read ${flags.series === '-' ? 'standard input' : flags.series}`);
          }
          const model = modelOf(flags.model);
          // The forecast engine is imported when used, so that `--help` does not load it.
          const [{ parseSeriesCsv }, { forecastSeries }] = await Promise.all([import('../../wfm/forecast/parseSeries.ts'), import('../../wfm/forecast/seriesForecast.ts')]);
          let result;
          try {
            result = forecastSeries(parseSeriesCsv(text, timeZone, { valueColumn: flags.column }), { horizon, model, timeZone });
          } catch (e) {
            const msg = (e as Error).message;
            if (msg.startsWith('invalid ')) throw new UsageError(`${flags.series === '-' ? 'standard input' : flags.series}: ${msg}`);
            throw e;
          }
          const { notes, ...json } = result;
          if (format === 'json') {
            for (const n of notes) process.stderr.write(`note: ${n}\n`);
            process.stdout.write(JSON.stringify(json, null, 2) + '\n');
          } else if (format === 'csv') {
            for (const n of notes) process.stderr.write(`note: ${n}\n`);
            process.stdout.write(pointsCsv(result.points));
          } else process.stdout.write(table(result));
          return;
        }
        const q = await forecastArgs(flags);
        let response: ForecastResponse;
        if (flags.server) response = await fromServer(flags.server, q);
        else {
          // Imported here, not above: DuckDB takes longer to load than `--help` may.
          const [{ DatabaseLockedError }, { forecastFromDatabase }] = await Promise.all([import('../../db/database.ts'), import('../../forecast/service.ts')]);
          let opened;
          try {
            opened = await openForCli(program, { readOnly: true });
          } catch (e) {
            if (e instanceof DatabaseLockedError) {
              throw new Error(`${e.message.split('. ')[0]}: add --server http://127.0.0.1:PORT to ask the running server for the forecast`);
            }
            throw e;
          }
          try {
            response = await forecastFromDatabase(opened.db, opened.config.timezone, q);
          } catch (e) {
            if (e instanceof InputError) throw new UsageError(`invalid ${FLAG_OF[e.field] ?? e.field}: ${e.problem}`);
            throw e;
          } finally {
            opened.db.close();
          }
        }
        if (format === 'json') process.stdout.write(JSON.stringify(response, null, 2) + '\n');
        else if (format === 'csv') {
          for (const n of response.notes) process.stderr.write(`note: ${n}\n`);
          process.stdout.write(pointsCsv(response.points));
        } else process.stdout.write(table(response));
      }),
    );
}
