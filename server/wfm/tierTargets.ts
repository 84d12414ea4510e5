/**
 * Built-in targets for the specialist tiers (pure data; server/kpi/targets.ts applies them).
 *
 * Tier 2 and 3 contacts (prior authorisation, appeals, behavioural health) go to
 * specialists and take 20–40 minutes by design (the sample data's voice means are about 24
 * and 36 minutes), so the registry's Tier-1 AHT band of 6–9 minutes would paint them red
 * for doing their job. Green 20–40 min, amber 15–45 min.
 */
import type { MetricName, Target } from './kpi.ts';

export interface TierTarget {
  metric: MetricName;
  tier: string;
  target: Target;
}

export const TIER_TARGETS: readonly TierTarget[] = (['2', '3'] as const).map((tier) => ({
  metric: 'aht' as MetricName,
  tier,
  target: { kind: 'range', low: 1200, high: 2400, amberLow: 900, amberHigh: 2700 } as Target,
}));
