import type { Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { DEFAULT_SAMPLE_OPTIONS, formatOf, sampleOptionsProblem, writeSampleData, type SampleDataOptions } from '../../sample-data/index.ts';
import { ProgressBar } from '../../progress.ts';
import { action, UsageError } from '../errors.ts';

interface Flags {
  days?: string;
  seed?: string;
  out?: string;
  endDate?: string;
  scale?: string;
  expected?: string;
  timezone?: string;
  cases?: string;
}

const FLAG_OF: Record<keyof SampleDataOptions, string> = {
  days: '--days',
  seed: '--seed',
  endDate: '--end-date',
  timezone: '--timezone',
  scale: '--scale',
};

/** A whole number written as digits only (no `1e3`, no `12abc`, no blanks). */
function wholeNumber(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text.trim())) throw new UsageError(`invalid ${flag}: ${JSON.stringify(text)} is not a whole number`);
  return Number(text);
}

function decimal(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+(\.\d+)?$|^\.\d+$/.test(text.trim())) {
    throw new UsageError(`invalid ${flag}: ${JSON.stringify(text)} is not a number`);
  }
  return Number(text);
}

function checkOutputPath(flag: string, path: string): void {
  const dir = dirname(path);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new UsageError(`invalid ${flag}: folder ${dir} does not exist`);
  }
  if (existsSync(path) && statSync(path).isDirectory()) throw new UsageError(`invalid ${flag}: ${path} is a folder`);
}

/** Parses and checks the flags; every problem is a UsageError naming its flag. */
export function sampleDataArgs(flags: Flags): SampleDataOptions & { out: string; expectedOut?: string; casesOut?: string } {
  if (!flags.out) throw new UsageError('invalid --out: a file name ending in .csv or .parquet is required');
  if (!formatOf(flags.out)) throw new UsageError(`invalid --out: ${flags.out} does not end in .csv or .parquet`);
  checkOutputPath('--out', flags.out);
  if (flags.expected !== undefined) {
    if (!flags.expected.toLowerCase().endsWith('.csv')) {
      throw new UsageError(`invalid --expected: ${flags.expected} does not end in .csv`);
    }
    checkOutputPath('--expected', flags.expected);
  }
  if (flags.cases !== undefined) {
    if (!flags.cases.toLowerCase().endsWith('.csv')) throw new UsageError(`invalid --cases: ${flags.cases} does not end in .csv`);
    checkOutputPath('--cases', flags.cases);
  }
  const options: SampleDataOptions = {
    days: wholeNumber('--days', flags.days, DEFAULT_SAMPLE_OPTIONS.days),
    seed: wholeNumber('--seed', flags.seed, DEFAULT_SAMPLE_OPTIONS.seed),
    endDate: flags.endDate ?? DEFAULT_SAMPLE_OPTIONS.endDate,
    timezone: flags.timezone ?? DEFAULT_SAMPLE_OPTIONS.timezone,
    scale: decimal('--scale', flags.scale, DEFAULT_SAMPLE_OPTIONS.scale ?? 1),
  };
  const problem = sampleOptionsProblem(options);
  if (problem) throw new UsageError(`invalid ${FLAG_OF[problem.field]}: ${problem.problem}`);
  return { ...options, out: flags.out, ...(flags.expected !== undefined ? { expectedOut: flags.expected } : {}), ...(flags.cases !== undefined ? { casesOut: flags.cases } : {}) };
}

/** `staffcast sample-data`: the seeded generator, to CSV or Parquet by extension. */
export function registerSampleData(program: Command): void {
  program
    .command('sample-data')
    .description('generate a deterministic, simulated health-plan contact-center log (CSV or Parquet by extension)')
    .option('--days <n>', `days of history (default ${DEFAULT_SAMPLE_OPTIONS.days})`)
    .option('--seed <s>', `random seed (default ${DEFAULT_SAMPLE_OPTIONS.seed})`)
    .option('--out <file>', 'output file, .csv or .parquet (required)')
    .option('--end-date <date>', `last day of data, inclusive (default ${DEFAULT_SAMPLE_OPTIONS.endDate})`)
    .option('--scale <x>', 'volume multiplier (1 ≈ one million contacts over 800 days)')
    .option('--expected <file>', 'also write the expected arrivals per queue, channel and 30-min interval (CSV)')
    .option('--timezone <tz>', `site time zone (default ${DEFAULT_SAMPLE_OPTIONS.timezone})`)
    .option('--cases <file>', 'also write the case log (appeals, grievances, claim research, escalations) of the same members and days (CSV)')
    .action(
      action(async (flags: Flags) => {
        const args = sampleDataArgs(flags);
        const log = (line: string) => process.stderr.write(line + '\n');
        const bar = new ProgressBar('generating', log);
        const started = performance.now();
        const result = await writeSampleData({ ...args, onProgress: (done, total) => bar.update(done / total) });
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        bar.done(`${result.rows.toLocaleString('en-US')} contacts in ${seconds} s`);
        process.stdout.write(`${result.out}\n`);
        if (args.casesOut) {
          const { writeSampleCases } = await import('../../sample-data/cases.ts');
          const cases = writeSampleCases({ ...args, out: args.casesOut });
          log(`${cases.rows.toLocaleString('en-US')} cases`);
          process.stdout.write(`${cases.out}\n`);
        }
      }),
    );
}
