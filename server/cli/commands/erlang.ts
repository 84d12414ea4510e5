/**
 * `staffcast erlang`: required agents (or the metrics of a given staffing) for one interval,
 * under Erlang C, A or B, with shrinkage to FTE. Also the flag helpers the `plan` and
 * `simulate` commands share: numbers parsed strictly, and validation errors reported with the
 * flag's name (`invalid --calls: must be ≥ 0`), exit 2.
 */
import type { Command } from 'commander';
import { action, UsageError } from '../errors.ts';
import { InputError } from '../../wfm/inputError.ts';
import { staffChat } from '../../wfm/nonVoice.ts';
import { SL_VARIANTS, STAFFING_MODELS, staff, type SlVariant, type StaffingInput, type StaffingModel, type StaffingResult } from '../../wfm/staffing.ts';

/** `intervalMinutes` → `--interval-minutes`; `intervals.3.calls` → `row 4 calls`. */
export function flagName(field: string): string {
  const head = field.split('.')[0]!;
  return `--${head.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** A flag's value as a number, or undefined when absent. */
export function numberFlag(flag: string, raw: unknown): number | undefined {
  if (raw === undefined) return undefined;
  const s = String(raw).trim();
  const v = s === '' ? NaN : Number(s);
  if (!Number.isFinite(v)) throw new UsageError(`invalid ${flag}: expected a number, got "${String(raw)}"`);
  return v;
}

/**
 * A flag that takes a fraction (0..1), or undefined when absent. A value above 1 is refused
 * with the fraction it most likely meant: `--service-level 80` → "for 80% write 0.8".
 */
export function fractionFlag(flag: string, raw: unknown): number | undefined {
  const v = numberFlag(flag, raw);
  if (v !== undefined && v > 1) {
    const hint = v <= 100 ? `; for ${v}% write ${Number((v / 100).toPrecision(12))}` : '';
    throw new UsageError(`invalid ${flag}: must be a fraction from 0 to 1${hint}`);
  }
  return v;
}

/** One of `choices`, or undefined when absent. */
export function choiceFlag<T extends string>(flag: string, raw: unknown, choices: readonly T[]): T | undefined {
  if (raw === undefined) return undefined;
  if (!choices.includes(raw as T)) throw new UsageError(`invalid ${flag}: must be one of ${choices.join(', ')}`);
  return raw as T;
}

/** Runs `fn`, turning the engine's InputError and zod errors into a UsageError naming the flag. */
export function asUsage<T>(fn: () => T, rename: (field: string) => string = flagName): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof InputError) throw new UsageError(`invalid ${rename(e.field)}: ${e.problem}`);
    // By name, not instanceof, so that this module does not load zod (see registerErlang).
    if (e instanceof Error && e.name === 'ZodError' && Array.isArray((e as { issues?: unknown }).issues)) {
      const issue = (e as Error & { issues: { path: PropertyKey[]; message: string }[] }).issues[0]!;
      throw new UsageError(`invalid ${rename(issue.path.map(String).join('.') || 'input')}: ${issue.message}`);
    }
    throw e;
  }
}

/** The staffing flags every command shares (targets, model, shrinkage). */
export function addStaffingFlags(cmd: Command): Command {
  return cmd
    .option('--interval-minutes <minutes>', 'interval length in minutes', '30')
    .option('--answer-within <seconds>', 'service-level threshold T in seconds', '20')
    .option('--service-level <fraction>', 'service-level target, 0..1 (default 0.8)')
    .option('--asa <seconds>', 'ASA ceiling in seconds')
    .option('--max-occupancy <fraction>', 'occupancy ceiling, 0..1')
    .option('--max-abandon <fraction>', 'abandon-rate ceiling, 0..1 (erlang-a)')
    .option('--max-blocking <fraction>', 'blocking ceiling, 0..1 (erlang-b)')
    .option('--model <model>', `${STAFFING_MODELS.join(' | ')} (default erlang-c)`)
    .option('--patience <seconds>', 'mean patience in seconds (erlang-a)')
    .option('--shrinkage <fraction>', 'shrinkage, 0..1: adds fte and scheduledAgents')
    .option('--sl-variant <variant>', `service-level definition under abandonment: ${SL_VARIANTS.join(' | ')}`)
    .option('--short-abandon <seconds>', 'short-abandon threshold in seconds (default 0)');
}

export interface StaffingFlagValues {
  intervalMinutes?: string;
  answerWithin?: string;
  serviceLevel?: string;
  asa?: string;
  maxOccupancy?: string;
  maxAbandon?: string;
  maxBlocking?: string;
  model?: string;
  patience?: string;
  shrinkage?: string;
  slVariant?: string;
  shortAbandon?: string;
}

/** The shared flags as the engine's option fields (undefined ones left out). */
export function staffingOptionsFrom(o: StaffingFlagValues) {
  const out = {
    intervalMinutes: numberFlag('--interval-minutes', o.intervalMinutes)!,
    answerWithin: numberFlag('--answer-within', o.answerWithin)!,
    serviceLevel: fractionFlag('--service-level', o.serviceLevel),
    asa: numberFlag('--asa', o.asa),
    maxOccupancy: fractionFlag('--max-occupancy', o.maxOccupancy),
    maxAbandon: fractionFlag('--max-abandon', o.maxAbandon),
    maxBlocking: fractionFlag('--max-blocking', o.maxBlocking),
    model: choiceFlag<StaffingModel>('--model', o.model, STAFFING_MODELS),
    patience: numberFlag('--patience', o.patience),
    shrinkage: fractionFlag('--shrinkage', o.shrinkage),
    slVariant: choiceFlag<SlVariant>('--sl-variant', o.slVariant, SL_VARIANTS),
    shortAbandon: numberFlag('--short-abandon', o.shortAbandon),
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as typeof out;
}

/** The JSON the issue specifies, in its order, then the extras. */
function jsonOf(r: StaffingResult & { concurrency?: number; slots?: number }): Record<string, unknown> {
  const out: Record<string, unknown> = {
    model: r.model,
    trafficErlangs: r.trafficErlangs,
    agents: r.agents,
    serviceLevel: r.serviceLevel,
    asa: r.asa,
    probWait: r.probWait,
    probAbandon: r.probAbandon,
    occupancy: r.occupancy,
  };
  if (r.fte !== undefined) out.fte = r.fte;
  if (r.scheduledAgents !== undefined) out.scheduledAgents = r.scheduledAgents;
  out.meetsTargets = r.meetsTargets;
  if (r.probBlocked !== undefined) out.probBlocked = r.probBlocked;
  if (r.avgWaitOfWaiting !== undefined) out.avgWaitOfWaiting = r.avgWaitOfWaiting;
  if (r.queueLength !== undefined) out.queueLength = r.queueLength;
  if (r.concurrency !== undefined) {
    out.concurrency = r.concurrency;
    out.slots = r.slots;
  }
  return out;
}

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(100 * v).toFixed(1)}%`);
const secs = (v: number | null | undefined) => (v === null || v === undefined ? '— (unstable)' : `${v.toFixed(1)} s`);

/** A readable summary for the terminal. */
export function formatStaffing(r: StaffingResult & { concurrency?: number; slots?: number }, solved: boolean): string {
  const rows: [string, string][] = [
    ['model', r.model],
    ['offered load', `${r.trafficErlangs.toFixed(3)} Erlangs`],
    [solved ? 'required agents' : 'agents', String(r.agents) + (r.concurrency ? ` (${r.slots} chat slots at ${r.concurrency} each)` : '')],
    ['service level', pct(r.serviceLevel)],
    ['ASA', secs(r.asa)],
    ['P(wait)', pct(r.probWait)],
  ];
  if (r.probAbandon !== null) rows.push(['P(abandon)', pct(r.probAbandon)]);
  if (r.probBlocked !== undefined) rows.push(['P(blocked)', pct(r.probBlocked)]);
  rows.push(['occupancy', pct(r.occupancy)]);
  if (r.fte !== undefined) rows.push(['FTE after shrinkage', r.fte.toFixed(2)], ['scheduled heads', String(r.scheduledAgents)]);
  rows.push(['meets targets', r.meetsTargets ? 'yes' : 'no']);
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n') + '\n';
}

interface ErlangFlags extends StaffingFlagValues {
  calls?: string;
  aht?: string;
  agents?: string;
  concurrency?: string;
  json?: boolean;
}

/** `staffcast erlang`. */
export function registerErlang(program: Command): void {
  const cmd = program
    .command('erlang')
    .description('required agents for one interval (or, with --agents, what that staffing achieves)')
    .option('--calls <n>', 'arrivals in the interval (may be fractional)')
    .option('--aht <seconds>', 'average handle time in seconds');
  addStaffingFlags(cmd)
    .option('--agents <n>', 'evaluate this many agents (erlang-b: lines) instead of solving')
    .option('--concurrency <k>', 'chat: contacts one agent handles at once')
    .option('--json', 'print JSON')
    .action(
      action(async (o: ErlangFlags) => {
        // Imported here, not above: zod takes longer to load than `--help` may.
        const { validateStaffingInput } = await import('../../wfm/staffingSchema.ts');
        const calls = numberFlag('--calls', o.calls);
        const aht = numberFlag('--aht', o.aht);
        if (calls === undefined) throw new UsageError('invalid --calls: required (arrivals in the interval)');
        if (aht === undefined) throw new UsageError('invalid --aht: required (seconds)');
        const agents = numberFlag('--agents', o.agents);
        const concurrency = numberFlag('--concurrency', o.concurrency);
        const input: StaffingInput = asUsage(() => validateStaffingInput({ calls, aht, ...staffingOptionsFrom(o), ...(agents !== undefined ? { agents } : {}) }));
        const result = asUsage(() => (concurrency !== undefined ? staffChat({ ...input, concurrency }) : staff(input)));
        process.stdout.write(o.json ? `${JSON.stringify(jsonOf(result), null, 2)}\n` : formatStaffing(result, agents === undefined));
      }),
    );
}
