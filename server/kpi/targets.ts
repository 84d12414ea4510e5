/**
 * Which target a metric is scored against.
 *
 * Candidates are the overrides in `metric_targets` (keyed by queue, channel and tier, each
 * possibly '*') and the built-in tier defaults below. A candidate applies to a scorecard
 * row when each of its keys is '*' or equals the row's value for that dimension; a row
 * knows a dimension's value only when it is grouped by it or filtered to one value of it.
 * Of the candidates that apply, the most specific wins:
 *   1. more named keys (queue, channel, tier) beat fewer;
 *   2. on a tie, the key that names the queue wins, then the one that names the tier,
 *      then the channel (queue > tier > channel);
 *   3. on a full tie, a stored override beats a built-in default.
 * With no candidate, the metric registry's default (server/wfm/kpi.ts) applies.
 *
 * Overrides are checked so their bands are ordered (green inside amber).
 */
import { z } from 'zod';
import { ANY, type TargetKey, type TargetOverride } from '../db/queries/targets.ts';
import { METRICS, metricDef, type MetricName, type Target } from '../wfm/kpi.ts';
import { TIER_TARGETS } from '../wfm/tierTargets.ts';

/**
 * Where a target comes from: the registry, a built-in tier default, a stored override, or
 * (service level and business-time waits of a row with a known channel) the channel's SLA.
 */
export type TargetSource = 'default' | 'tier-default' | 'override' | 'sla';

/** The dimension values a scorecard row is known to have (null: mixed or unknown). */
export interface TargetContext {
  queue: string | null;
  channel: string | null;
  tier: string | null;
}

/** The built-in tier targets (server/wfm/tierTargets.ts: Tier 2/3 AHT 20–40 min) as overrides of any queue and channel. */
export const TIER_DEFAULTS: readonly TargetOverride[] = TIER_TARGETS.map((t) => ({ metric: t.metric, queue: ANY, channel: ANY, tier: t.tier, target: t.target }));

/** Precedence of a key: named keys count most, then queue > tier > channel (higher wins). */
export function specificity(key: Pick<TargetKey, 'queue' | 'channel' | 'tier'>): number {
  const q = key.queue !== ANY ? 1 : 0;
  const t = key.tier !== ANY ? 1 : 0;
  const c = key.channel !== ANY ? 1 : 0;
  return (q + t + c) * 8 + q * 4 + t * 2 + c;
}

const applies = (key: TargetKey, ctx: TargetContext) =>
  (key.queue === ANY || key.queue === ctx.queue) && (key.channel === ANY || key.channel === ctx.channel) && (key.tier === ANY || key.tier === ctx.tier);

export interface ResolvedTarget {
  target: Target | null;
  source: TargetSource;
  /** The key of the override or tier default used; null for the registry default. */
  scope: Omit<TargetKey, 'metric'> | null;
}

export function resolveTarget(metric: MetricName, ctx: TargetContext, overrides: readonly TargetOverride[]): ResolvedTarget {
  let best: { o: TargetOverride; rank: number; builtIn: boolean } | null = null;
  const consider = (o: TargetOverride, builtIn: boolean) => {
    if (o.metric !== metric || !applies(o, ctx)) return;
    const rank = specificity(o) * 2 + (builtIn ? 0 : 1);
    if (!best || rank > best.rank) best = { o, rank, builtIn };
  };
  for (const o of overrides) consider(o, false);
  for (const o of TIER_DEFAULTS) consider(o, true);
  if (best === null) return { target: metricDef(metric).target, source: 'default', scope: null };
  const { o, builtIn } = best as { o: TargetOverride; builtIn: boolean };
  return { target: o.target, source: builtIn ? 'tier-default' : 'override', scope: { queue: o.queue, channel: o.channel, tier: o.tier } };
}

const finite = z.number().finite();
export const TargetSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('higher'), green: finite, amber: finite }),
    z.object({ kind: z.literal('lower'), green: finite, amber: finite }),
    z.object({ kind: z.literal('range'), low: finite, high: finite, amberLow: finite, amberHigh: finite }),
  ])
  .superRefine((t, ctx) => {
    const bad = (message: string) => ctx.addIssue({ code: 'custom', message });
    if (t.kind === 'higher' && t.amber > t.green) bad('amber must be at most green for a higher-is-better target');
    if (t.kind === 'lower' && t.amber < t.green) bad('amber must be at least green for a lower-is-better target');
    if (t.kind === 'range' && !(t.amberLow <= t.low && t.low <= t.high && t.high <= t.amberHigh)) {
      bad('expected amberLow ≤ low ≤ high ≤ amberHigh');
    }
  });

const TARGETABLE = METRICS.filter((m) => m.target !== null).map((m) => m.name) as [MetricName, ...MetricName[]];
const keyValue = z.string().trim().min(1).max(200).default(ANY);

/** Which override: `{ metric, queue?, channel?, tier? }`, each key defaulting to '*' (any). */
export const TargetKeySchema = z
  .object({
    metric: z.enum(TARGETABLE),
    queue: keyValue,
    channel: keyValue,
    tier: z
      .union([z.number().int(), z.string()])
      .transform(String)
      .pipe(z.string().regex(/^([1-9]|\*)$/, "expected a tier 1–9 or '*'"))
      .default(ANY),
  })
  .strict();

export const TargetOverrideSchema = TargetKeySchema.extend({ target: TargetSchema })
  .strict()
  .superRefine((o, ctx) => {
    if (o.target.kind !== metricDef(o.metric).target!.kind) {
      ctx.addIssue({ code: 'custom', path: ['target', 'kind'], message: `${o.metric} takes a '${metricDef(o.metric).target!.kind}' target` });
    }
  });
