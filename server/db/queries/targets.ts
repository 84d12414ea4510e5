/**
 * Target overrides per metric, keyed by queue, channel and tier; '*' in a key = any value
 * (server/kpi/targets.ts says which override applies to a scorecard row).
 */
import type { Database } from '../database.ts';
import type { MetricName, Target } from '../../wfm/kpi.ts';

/** The wildcard of a target key: every queue, every channel or every tier. */
export const ANY = '*';

export interface TargetKey {
  metric: MetricName;
  /** A queue name, or '*'. */
  queue: string;
  /** A channel name, or '*'. */
  channel: string;
  /** A tier '1'–'9', or '*'. */
  tier: string;
}

export interface TargetOverride extends TargetKey {
  target: Target;
}

export async function listTargetOverrides(db: Database): Promise<TargetOverride[]> {
  const rows = await db.query<{ metric: MetricName; queue: string; channel: string; tier: string; target: string }>(
    'SELECT metric, queue, channel, tier, target FROM metric_targets ORDER BY metric, queue, channel, tier',
  );
  return rows.map((r) => ({ metric: r.metric, queue: r.queue, channel: r.channel, tier: r.tier, target: JSON.parse(r.target) as Target }));
}

export async function upsertTargetOverride(db: Database, o: TargetOverride): Promise<void> {
  await db.query(
    `INSERT OR REPLACE INTO metric_targets (metric, queue, channel, tier, target, updated_at)
     VALUES ($metric, $queue, $channel, $tier, $target, now())`,
    { metric: o.metric, queue: o.queue, channel: o.channel, tier: o.tier, target: JSON.stringify(o.target) },
  );
}

/** Removes an override; true when there was one. */
export async function deleteTargetOverride(db: Database, key: TargetKey): Promise<boolean> {
  const rows = await db.query(
    `DELETE FROM metric_targets
     WHERE metric = $metric AND queue = $queue AND channel = $channel AND tier = $tier RETURNING metric`,
    { metric: key.metric, queue: key.queue, channel: key.channel, tier: key.tier },
  );
  return rows.length > 0;
}
