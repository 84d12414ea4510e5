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
import { InputError } from '../wfm/inputError.ts';
import type { SlaDefinition } from '../wfm/sla/definition.ts';
import { addDays } from '../wfm/timezone.ts';

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

/** What `GET /api/kpis?sla=channel` adds to a row: the row's channel read against its own SLA. */
export interface RowChannelSla {
  id: string;
  label: string;
  threshold: number | null;
  unit: SlaDefinition['unit'];
  target: number;
  value: number | null;
  status: SlaRow['status'];
  numerator: number;
  denominator: number;
  /** Mean wait of the answered contacts, seconds: business seconds for an SLA in business time. */
  averageWaitSeconds: number | null;
}

/**
 * Each KPI row's channel read against its own service-level SLA (`channelSla`, null when the
 * channel has none or no contacts in scope). Rows must know their channel (grouped by it, or
 * filtered to one) and be by day, week, month, quarter or none: SLAs are not read per interval.
 */
export async function attachChannelSla<R extends { period: string; channel?: unknown }>(
  db: Database,
  timezone: string,
  q: { from?: string; to?: string; by?: string; where: Partial<Record<Dimension, string[]>>; group: Dimension[] },
  rows: R[],
): Promise<(R & { channelSla: RowChannelSla | null })[]> {
  const period = q.by === undefined ? 'total' : (['day', 'week', 'month', 'quarter'] as const).find((p) => p === q.by);
  if (!period) throw new InputError('sla', 'channel SLAs are read by day, week, month or quarter (or without by), not per interval or hour');
  const only = q.where.channel?.length === 1 ? q.where.channel[0]! : null;
  if (!q.group.includes('channel') && !only) throw new InputError('sla', 'needs rows of one channel: group by channel or filter to one (where=channel=…)');
  if (rows.length === 0) return [];
  const from = q.from ?? rows[0]!.period.slice(0, 10);
  const to = q.to ?? addDays(rows.at(-1)!.period.slice(0, 10), 1);
  const byChannel = channelServiceLevels((await loadSlaDefinitions(db)).definitions);
  const group: Dimension[] = q.group.includes('channel') ? q.group : [...q.group, 'channel'];
  const report = byChannel.size ? await slaReport(db, timezone, { from, to, where: q.where, group, period }, [...new Set(byChannel.values())]) : { rows: [] as SlaRow[] };
  const readings = new Map<string, SlaRow>();
  for (const r of report.rows) {
    if (byChannel.get(String(r.channel))?.id !== r.sla) continue;
    readings.set(JSON.stringify([period === 'total' ? '' : r.period, ...q.group.map((d) => r[d] ?? null), String(r.channel)]), r);
  }
  return rows.map((row) => {
    const channel = only ?? String(row.channel);
    const def = byChannel.get(channel);
    const key = JSON.stringify([period === 'total' ? '' : row.period.slice(0, 10), ...q.group.map((d) => (row as Record<string, unknown>)[d] ?? null), channel]);
    const r = def ? readings.get(key) : undefined;
    return {
      ...row,
      channelSla: def
        ? {
            id: def.id,
            label: def.label,
            threshold: def.threshold,
            unit: def.unit,
            target: def.target,
            value: r?.value ?? null,
            status: r?.status ?? null,
            numerator: r?.numerator ?? 0,
            denominator: r?.denominator ?? 0,
            averageWaitSeconds: r?.averageWaitSeconds ?? null,
          }
        : null,
    };
  });
}
