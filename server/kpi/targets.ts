/**
 * Which target a metric is scored against: an override for the queue, else an override for
 * every queue, else the registry's default. Overrides are checked so their bands are
 * ordered (green inside amber).
 */
import { z } from 'zod';
import { ALL_QUEUES, type TargetOverride } from '../db/queries/targets.ts';
import { METRICS, metricDef, type MetricName, type Target } from '../wfm/kpi.ts';

export type TargetSource = 'default' | 'all-queues' | 'queue';

export function resolveTarget(
  metric: MetricName,
  queue: string | null,
  overrides: readonly TargetOverride[],
): { target: Target | null; source: TargetSource } {
  const forQueue = queue === null ? undefined : overrides.find((o) => o.metric === metric && o.queue === queue);
  if (forQueue) return { target: forQueue.target, source: 'queue' };
  const forAll = overrides.find((o) => o.metric === metric && o.queue === ALL_QUEUES);
  if (forAll) return { target: forAll.target, source: 'all-queues' };
  return { target: metricDef(metric).target, source: 'default' };
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

/** Which override: `{ metric, queue }` (queue defaults to '*', every queue). */
export const TargetKeySchema = z
  .object({
    metric: z.enum(TARGETABLE),
    queue: z.string().trim().min(1).max(200).default(ALL_QUEUES),
  })
  .strict();

export const TargetOverrideSchema = TargetKeySchema.extend({ target: TargetSchema })
  .strict()
  .superRefine((o, ctx) => {
    if (o.target.kind !== metricDef(o.metric).target!.kind) {
      ctx.addIssue({ code: 'custom', path: ['target', 'kind'], message: `${o.metric} takes a '${metricDef(o.metric).target!.kind}' target` });
    }
  });
