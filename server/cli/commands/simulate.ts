/**
 * `staffcast simulate`: the seeded discrete-event simulation, either of one steady load
 * (`--calls N --agents N [--intervals K]`) or of a day from files (`--arrivals FILE.csv`
 * with period,calls,aht and `--scheduled FILE.csv` with period,scheduled — the same files as
 * `staffcast plan`). Prints what was simulated (by default a steady state: a warm-up at the
 * first interval's load, not counted; `--start empty` for a transient start), the estimates
 * with their confidence intervals, and, with `--compare`, what Erlang C / A predicts for a
 * steady load.
 */
import type { Command } from 'commander';
import { action, UsageError } from '../errors.ts';
import { createRng } from '../../wfm/random.ts';
import { SIM_STARTS, type Estimate, type HandleDistribution, type SimInterval, type SimOptions, type SimResult, type SimStart } from '../../wfm/simulate.ts';
import { SL_VARIANTS, staff, type SlVariant, type StaffingResult } from '../../wfm/staffing.ts';
import { asUsage, choiceFlag, numberFlag } from './erlang.ts';
import { readPlanIntervals } from './plan.ts';

interface SimulateFlags {
  calls?: string;
  agents?: string;
  intervals?: string;
  arrivals?: string;
  scheduled?: string;
  intervalMinutes?: string;
  aht?: string;
  handle?: string;
  cv?: string;
  patience?: string;
  answerWithin?: string;
  shortAbandon?: string;
  slVariant?: string;
  replications?: string;
  warmupIntervals?: string;
  confidence?: string;
  start?: string;
  seed?: string;
  compare?: boolean;
  json?: boolean;
}

function simField(field: string, fromFiles: boolean): string {
  const m = /^intervals\.(\d+)\.(\w+)$/.exec(field);
  if (m && !fromFiles) return `--${m[2]}`;
  if (m) return m[2] === 'agents' ? `--scheduled (interval ${Number(m[1]) + 1})` : `--arrivals (interval ${Number(m[1]) + 1}, ${m[2]})`;
  if (field === 'handleCv') return '--cv';
  if (field === 'intervals') return '--intervals';
  return `--${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

function formatEstimate(e: Estimate, kind: 'pct' | 'secs'): string {
  if (e.mean === null) return '—';
  const f = (v: number) => (kind === 'pct' ? `${(100 * v).toFixed(2)}%` : `${v.toFixed(2)} s`);
  return e.halfWidth === null ? f(e.mean) : `${f(e.mean)}  (${f(e.low!)} – ${f(e.high!)})`;
}

/** What was simulated, in one or two sentences. */
export function describeRun(r: SimResult): string {
  const s = r.simulated;
  const len = (n: number) => `${n} interval${n === 1 ? '' : 's'} of ${s.intervalMinutes} min`;
  const counted = `${len(s.countedIntervals)} counted` + (s.warmupIntervals ? ` (after ${s.warmupIntervals} given warm-up interval${s.warmupIntervals === 1 ? '' : 's'}, not counted)` : '');
  let start: string;
  if (s.start === 'steady' && s.leadIntervals > 0) {
    start = `steady state: each run first warms up for ${len(s.leadIntervals)} at the first interval's load (not counted), so the counted intervals start with the queue of a centre already running`;
  } else if (s.start === 'steady') {
    start = 'steady state: the first interval has no calls, so an empty centre is its steady state';
  } else if (s.note) {
    start = 'transient start: each run begins with nobody waiting or busy (no steady state to warm up to)';
  } else {
    start = 'transient start: each run begins with nobody waiting or busy, so the first interval is served better than in steady state (--start steady for the stationary figures)';
  }
  return `simulated: ${s.replications} replications × ${counted}; ${start}` + (s.note ? `\nnote: ${s.note}` : '') + '\n';
}

function formatResult(r: SimResult): string {
  const rows: [string, string][] = [
    [r.simulated.leadIntervals > 0 ? 'contacts simulated (warm-up included)' : 'contacts simulated', r.contacts.toLocaleString('en-US')],
    ['replications', String(r.replications)],
    [`service level (${Math.round(r.confidence * 100)}% CI)`, formatEstimate(r.serviceLevel, 'pct')],
    ['ASA', formatEstimate(r.asa, 'secs')],
    ['P(abandon)', formatEstimate(r.probAbandon, 'pct')],
    ['P(wait)', formatEstimate(r.probWait, 'pct')],
    ['occupancy', formatEstimate(r.occupancy, 'pct')],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return describeRun(r) + '\n' + rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n') + '\n';
}

function formatFormula(f: StaffingResult, r: SimResult): string {
  const pct = (v: number | null) => (v === null ? '—' : `${(100 * v).toFixed(2)}%`);
  const caveat = r.simulated.start === 'empty' ? `(the simulation above started empty and the formula is steady state: expect the simulation to be better)\n` : '';
  return (
    `\n${f.model} (steady state): SL ${pct(f.serviceLevel)}, ASA ${f.asa === null ? '— (unstable)' : `${f.asa.toFixed(2)} s`}, ` +
    `P(abandon) ${pct(f.probAbandon)}, P(wait) ${pct(f.probWait)}, occupancy ${pct(f.occupancy)}\n` +
    caveat
  );
}

/** `staffcast simulate`. */
export function registerSimulate(program: Command): void {
  program
    .command('simulate')
    .description('seeded discrete-event simulation of the queue (SL, ASA, abandon, occupancy with confidence intervals)')
    .option('--calls <n>', 'expected arrivals per interval (steady load)')
    .option('--agents <n>', 'agents per interval (steady load)')
    .option('--intervals <n>', 'number of intervals counted (steady load)', '8')
    .option('--arrivals <file>', 'CSV period,calls,aht instead of --calls')
    .option('--scheduled <file>', 'CSV period,scheduled (agents) with --arrivals')
    .option('--interval-minutes <minutes>', 'interval length', '30')
    .option('--aht <seconds>', 'mean handle time in seconds (default for --arrivals rows without aht)')
    .option('--handle <dist>', 'exponential | lognormal', 'exponential')
    .option('--cv <cv>', 'coefficient of variation of lognormal handle times', '1')
    .option('--patience <seconds>', 'mean patience (exponential); omitted: nobody abandons')
    .option('--answer-within <seconds>', 'service-level threshold T', '20')
    .option('--short-abandon <seconds>', 'short-abandon threshold', '0')
    .option('--sl-variant <variant>', `service-level definition: ${SL_VARIANTS.join(' | ')}`)
    .option('--replications <n>', 'independent runs', '30')
    .option('--warmup-intervals <n>', 'leading intervals left out of the statistics', '0')
    .option('--confidence <level>', 'confidence level of the intervals', '0.99')
    .option('--start <start>', `steady: warm up at the first interval's load first (not counted) | empty: transient start with nobody waiting or busy`, 'steady')
    .option('--seed <n>', 'random seed', '1')
    .option('--compare', 'steady load: also print what Erlang C (or A, with --patience) predicts')
    .option('--json', 'print JSON')
    .action(
      action(async (o: SimulateFlags) => {
        const { simulate } = await import('../../wfm/simulate.ts'); // loaded when used, not for `--help`
        let intervals: SimInterval[];
        if (o.arrivals) {
          if (o.calls !== undefined) throw new UsageError('invalid --calls: give either --calls or --arrivals');
          if (!o.scheduled) throw new UsageError('invalid --scheduled: required with --arrivals (CSV period,scheduled)');
          intervals = readPlanIntervals(o.arrivals, o.scheduled).map((iv, i) => {
            if (iv.scheduled === undefined) throw new UsageError(`invalid --scheduled: no row for ${iv.period} (interval ${i + 1})`);
            return { calls: iv.calls, agents: iv.scheduled, aht: iv.aht };
          });
        } else {
          const calls = numberFlag('--calls', o.calls);
          const agents = numberFlag('--agents', o.agents);
          if (calls === undefined) throw new UsageError('invalid --calls: required (or give --arrivals)');
          if (agents === undefined) throw new UsageError('invalid --agents: required with --calls');
          const count = numberFlag('--intervals', o.intervals)!;
          if (!Number.isInteger(count) || count < 1 || count > 100_000) throw new UsageError('invalid --intervals: must be a whole number from 1 to 100000');
          intervals = Array.from({ length: count }, () => ({ calls, agents }));
        }
        const aht = numberFlag('--aht', o.aht);
        if (aht === undefined) {
          if (!o.arrivals) throw new UsageError('invalid --aht: required (seconds)');
        }
        const options: SimOptions = {
          intervalMinutes: numberFlag('--interval-minutes', o.intervalMinutes)!,
          aht: aht ?? intervals.reduce((s, iv) => s + (iv.aht ?? 0), 0) / intervals.length,
          handle: choiceFlag<HandleDistribution>('--handle', o.handle, ['exponential', 'lognormal']),
          handleCv: numberFlag('--cv', o.cv),
          patience: numberFlag('--patience', o.patience),
          answerWithin: numberFlag('--answer-within', o.answerWithin)!,
          shortAbandon: numberFlag('--short-abandon', o.shortAbandon),
          slVariant: choiceFlag<SlVariant>('--sl-variant', o.slVariant, SL_VARIANTS),
          replications: numberFlag('--replications', o.replications),
          warmupIntervals: numberFlag('--warmup-intervals', o.warmupIntervals),
          confidence: numberFlag('--confidence', o.confidence),
          start: choiceFlag<SimStart>('--start', o.start, SIM_STARTS),
        };
        const seed = numberFlag('--seed', o.seed)!;
        if (!Number.isInteger(seed)) throw new UsageError('invalid --seed: must be a whole number');
        const result = asUsage(
          () => simulate(intervals, options, createRng(seed)),
          (f) => simField(f, Boolean(o.arrivals)),
        );
        let formula: StaffingResult | undefined;
        if (o.compare) {
          if (o.arrivals) throw new UsageError('invalid --compare: only for a steady load (--calls and --agents)');
          formula = asUsage(() =>
            staff({
              calls: intervals[0]!.calls,
              agents: intervals[0]!.agents,
              intervalMinutes: options.intervalMinutes,
              aht: options.aht,
              answerWithin: options.answerWithin,
              model: options.patience === undefined ? 'erlang-c' : 'erlang-a',
              ...(options.patience !== undefined ? { patience: options.patience } : {}),
              ...(options.shortAbandon !== undefined ? { shortAbandon: options.shortAbandon } : {}),
              ...(options.slVariant !== undefined ? { slVariant: options.slVariant } : {}),
            }),
          );
        }
        if (o.json) process.stdout.write(`${JSON.stringify(formula ? { ...result, formula } : result, null, 2)}\n`);
        else process.stdout.write(formatResult(result) + (formula ? formatFormula(formula, result) : ''));
      }),
    );
}
