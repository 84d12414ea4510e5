/**
 * Each channel read against its own SLA on the scorecard: for a row whose channel is known
 * (grouped by channel, or filtered to one), service level is the channel's service-level SLA
 * (voice 80% in 20 s in business hours, chat 60 s, email and portal 24 business hours: the
 * stored definitions or the defaults), and for channels whose SLA runs in business time the
 * average wait is the mean business-time wait, shown in hours (docs/sla.md). A row of mixed
 * channels keeps the KPI engine's figures (one threshold for all).
 */
import type { Database } from '../db/database.ts';
import type { Dimension } from '../db/queries/kpis.ts';
import { loadSlaDefinitions, type SlaRow, slaReport } from '../sla/service.ts';
import type { SlaDefinition } from '../wfm/sla/definition.ts';

/** The service-level SLA of each channel: the first service_level definition scoped to that one channel alone. */
export function channelServiceLevels(defs: readonly SlaDefinition[]): Map<string, SlaDefinition> {
  const out = new Map<string, SlaDefinition>();
  for (const d of defs) {
    if (d.metric !== 'service_level' || d.channels.length !== 1 || d.queues.length || d.tiers.length) continue;
    if (!out.has(d.channels[0]!)) out.set(d.channels[0]!, d);
  }
  return out;
}

export interface ChannelSlaReadings {
  byChannel: Map<string, SlaDefinition>;
  /** Readings keyed by JSON of [the row's group values…, channel]. */
  readings: Map<string, SlaRow>;
}

export const channelKey = (values: readonly unknown[], channel: string) => JSON.stringify([...values.map((v) => v ?? null), channel]);

/** The channel SLAs' readings over [from, to) for the scorecard's grouping and filters. */
export async function channelSlaReadings(
  db: Database,
  timezone: string,
  q: { from: string; to: string; where: Partial<Record<Dimension, string[]>>; group: Dimension[] },
): Promise<ChannelSlaReadings> {
  const byChannel = channelServiceLevels((await loadSlaDefinitions(db)).definitions);
  const readings = new Map<string, SlaRow>();
  if (byChannel.size === 0) return { byChannel, readings };
  const group: Dimension[] = q.group.includes('channel') ? q.group : [...q.group, 'channel'];
  const report = await slaReport(db, timezone, { from: q.from, to: q.to, where: q.where, group, period: 'total' }, [...new Set(byChannel.values())]);
  for (const r of report.rows) {
    const channel = String(r.channel);
    if (byChannel.get(channel)?.id !== r.sla) continue;
    readings.set(
      channelKey(
        q.group.map((d) => r[d]),
        channel,
      ),
      r,
    );
  }
  return { byChannel, readings };
}
