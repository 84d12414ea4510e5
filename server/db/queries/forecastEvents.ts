/**
 * Planner-defined forecast events (a mailing, an outage, a plan change): a date range and a
 * volume multiplier, for one queue/channel or all. Rows come back with the API's names.
 */
import type { Database } from '../database.ts';

export interface ForecastEventRow {
  id: string;
  name: string;
  queue: string | null;
  channel: string | null;
  start: string;
  end: string;
  lift: number;
}

const SELECT = `SELECT event_id AS id, name, queue, channel,
  strftime(start_date, '%Y-%m-%d') AS start, strftime(end_date, '%Y-%m-%d') AS "end", lift::DOUBLE AS lift
  FROM forecast_events`;

/** Every event, by start date then name. */
export function listForecastEvents(db: Database): Promise<ForecastEventRow[]> {
  return db.query<ForecastEventRow & Record<string, unknown>>(`${SELECT} ORDER BY start_date, name, event_id`);
}

/** Events that apply to a series and overlap local dates [from, to]. */
export function forecastEventsFor(db: Database, queue: string, channel: string | null, from: string, to: string): Promise<ForecastEventRow[]> {
  // A forecast of all channels takes only the events that are not tied to one channel.
  const channelSql = channel === null ? 'channel IS NULL' : '(channel IS NULL OR channel = $channel)';
  return db.query<ForecastEventRow & Record<string, unknown>>(
    `${SELECT}
     WHERE (queue IS NULL OR queue = $queue) AND ${channelSql}
       AND start_date <= $to::DATE AND end_date >= $from::DATE
     ORDER BY start_date, name, event_id`,
    channel === null ? { queue, from, to } : { queue, channel, from, to },
  );
}

export async function insertForecastEvent(db: Database, e: ForecastEventRow, createdAt: string): Promise<void> {
  await db.query(
    `INSERT INTO forecast_events (event_id, name, queue, channel, start_date, end_date, lift, created_at)
     VALUES ($id, $name, $queue::VARCHAR, $channel::VARCHAR, $start::DATE, $end::DATE, $lift::DOUBLE, $createdAt::TIMESTAMPTZ)`,
    { id: e.id, name: e.name, queue: e.queue, channel: e.channel, start: e.start, end: e.end, lift: e.lift, createdAt },
  );
}

/** Deletes one event; false when there was none with that id. */
export async function deleteForecastEvent(db: Database, id: string): Promise<boolean> {
  const rows = await db.query<{ n: number }>(`DELETE FROM forecast_events WHERE event_id = $id RETURNING 1 AS n`, { id });
  return rows.length > 0;
}
