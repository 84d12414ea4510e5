/**
 * What case work needs in staff: expected case arrivals and the open backlog, per tier,
 * times handle time per case type, through the deferred-work model (`staffDeferred`,
 * server/wfm/nonVoice.ts): keep pace with the arrivals over the period's business hours,
 * and clear the backlog within `clearWithinHours` business hours while keeping pace. Pure;
 * the capacity planner calls `caseWorkload` with its own forecast of arrivals.
 */
import { InputError } from '../inputError.ts';
import { type DeferredResult, staffDeferred } from '../nonVoice.ts';

/**
 * Handle minutes per case type: Staffcast assumptions (a case log carries no handle time),
 * to be replaced by a plan's own time studies (docs/cases.md).
 */
export const DEFAULT_CASE_HANDLE_MINUTES: Readonly<Record<string, number>> = {
  appeal: 120,
  grievance: 60,
  claim_research: 45,
  escalation: 30,
  other: 30,
};

export interface CaseCount {
  /** '1', '2', '3', or 'unassigned' for cases without a tier. */
  tier: string;
  type: string;
  count: number;
}

export interface CaseWorkloadInput {
  /** Cases expected to arrive over the period, per tier and type. */
  arrivals: readonly CaseCount[];
  /** Cases open at the start, per tier and type. */
  backlog: readonly CaseCount[];
  /** Business hours in the period (the hours the case unit works). */
  periodHours: number;
  /** Business hours within which the backlog is to be cleared (while keeping pace). */
  clearWithinHours: number;
  /** Handle minutes per type; a type not listed takes DEFAULT_CASE_HANDLE_MINUTES, else `other`. */
  handleMinutes?: Readonly<Record<string, number>>;
  productivity?: number;
  shrinkage?: number;
}

export interface TierWorkload {
  tier: string;
  arrivals: number;
  backlog: number;
  /** Mean handle time of the tier's cases (arrivals and backlog together), seconds; null without cases. */
  ahtSeconds: number | null;
  /** The deferred-work answer; null when the tier has no cases. */
  staffing: DeferredResult | null;
}

export interface CaseWorkloadResult {
  tiers: TierWorkload[];
  /** Sums over the tiers: handling hours, required agents (whole, per tier summed) and FTE. */
  total: { workloadHours: number; backlogHours: number; agents: number; fte: number | null };
}

/** Handle minutes of a case type under the given overrides. */
export function handleMinutesFor(type: string, overrides: Readonly<Record<string, number>> = {}): number {
  return overrides[type] ?? DEFAULT_CASE_HANDLE_MINUTES[type] ?? overrides.other ?? DEFAULT_CASE_HANDLE_MINUTES.other!;
}

/**
 * Per tier: items = arrivals, backlog = open cases, AHT = the mean of the types' handle
 * times weighted by the tier's cases (arrivals + backlog), then `staffDeferred`.
 */
export function caseWorkload(input: CaseWorkloadInput): CaseWorkloadResult {
  const minutes = input.handleMinutes ?? {};
  for (const [type, m] of Object.entries(minutes)) {
    if (!Number.isFinite(m) || m <= 0 || m > 24 * 60) throw new InputError(`handleMinutes.${type}`, 'must be minutes above 0 and at most 1440');
  }
  for (const [name, list] of [
    ['arrivals', input.arrivals],
    ['backlog', input.backlog],
  ] as const) {
    list.forEach((c, i) => {
      if (!Number.isFinite(c.count) || c.count < 0) throw new InputError(`${name}[${i}].count`, 'must be a number ≥ 0');
    });
  }
  const tiers = [...new Set([...input.arrivals, ...input.backlog].map((c) => c.tier))].sort();
  const out: TierWorkload[] = tiers.map((tier) => {
    const arrivals = input.arrivals.filter((c) => c.tier === tier);
    const backlog = input.backlog.filter((c) => c.tier === tier);
    const a = arrivals.reduce((s, c) => s + c.count, 0);
    const b = backlog.reduce((s, c) => s + c.count, 0);
    const minutesSum = [...arrivals, ...backlog].reduce((s, c) => s + c.count * handleMinutesFor(c.type, minutes), 0);
    if (a + b === 0) return { tier, arrivals: a, backlog: b, ahtSeconds: null, staffing: null };
    const ahtSeconds = (minutesSum * 60) / (a + b);
    const staffing = staffDeferred({
      items: a,
      periodHours: input.periodHours,
      aht: ahtSeconds,
      responseHours: input.clearWithinHours,
      backlog: b,
      productivity: input.productivity,
      shrinkage: input.shrinkage,
    });
    return { tier, arrivals: a, backlog: b, ahtSeconds, staffing };
  });
  const staffed = out.flatMap((t) => (t.staffing ? [t.staffing] : []));
  return {
    tiers: out,
    total: {
      workloadHours: staffed.reduce((s, r) => s + r.workloadHours, 0),
      backlogHours: staffed.reduce((s, r) => s + r.backlogHours, 0),
      agents: staffed.reduce((s, r) => s + r.agents, 0),
      fte: input.shrinkage === undefined ? null : staffed.reduce((s, r) => s + (r.fte ?? 0), 0),
    },
  };
}
