/** Target overrides per metric and queue (queue '*' = every queue). */
import type { Database } from '../database.ts';
import type { MetricName, Target } from '../../wfm/kpi.ts';

export const ALL_QUEUES = '*';

export interface TargetOverride {
  metric: MetricName;
  queue: string;
  target: Target;
}

export async function listTargetOverrides(db: Database): Promise<TargetOverride[]> {
  const rows = await db.query<{ metric: MetricName; queue: string; target: string }>(
    'SELECT metric, queue, target FROM metric_targets ORDER BY metric, queue',
  );
  return rows.map((r) => ({ metric: r.metric, queue: r.queue, target: JSON.parse(r.target) as Target }));
}

export async function upsertTargetOverride(db: Database, o: TargetOverride): Promise<void> {
  await db.query('INSERT OR REPLACE INTO metric_targets VALUES ($metric, $queue, $target, now())', {
    metric: o.metric,
    queue: o.queue,
    target: JSON.stringify(o.target),
  });
}

/** Removes an override; true when there was one. */
export async function deleteTargetOverride(db: Database, metric: MetricName, queue: string): Promise<boolean> {
  const rows = await db.query('DELETE FROM metric_targets WHERE metric = $metric AND queue = $queue RETURNING metric', { metric, queue });
  return rows.length > 0;
}
