/**
 * Planner events (a mailing, an outage, a plan change): validated, stored, listed, deleted.
 * The forecast divides an event's lift out of the history it covers and multiplies it onto
 * the forecast days it covers.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { deleteForecastEvent, insertForecastEvent, listForecastEvents, type ForecastEventRow } from '../db/queries/forecastEvents.ts';
import { parseDate } from '../wfm/timezone.ts';
import { CHANNELS } from '../wfm/canonical.ts';

const dateString = z.string({ message: 'expected a date YYYY-MM-DD' }).refine((s) => parseDate(s) !== null, {
  message: 'expected a date YYYY-MM-DD',
});

export const ForecastEventBodySchema = z
  .object({
    name: z.string({ message: 'required' }).trim().min(1, { message: 'required' }).max(200, { message: 'at most 200 characters' }),
    queue: z.string().trim().min(1, { message: 'must not be empty' }).nullish(),
    channel: z.enum(CHANNELS, { message: `expected one of ${CHANNELS.join(', ')}` }).nullish(),
    start: dateString,
    end: dateString,
    lift: z.number({ message: 'expected a number (1.2 = +20%)' }).min(0, { message: 'must be at least 0 (0 = closed)' }).max(20, { message: 'must be at most 20' }),
  })
  .refine((e) => e.end >= e.start, { path: ['end'], message: 'must not be before start' });

export type ForecastEventBody = z.infer<typeof ForecastEventBodySchema>;

export function listEvents(db: Database): Promise<ForecastEventRow[]> {
  return listForecastEvents(db);
}

/** Validates and stores an event; returns it with its new id. Throws ZodError naming the field. */
export async function createEvent(db: Database, body: unknown, now: Date): Promise<ForecastEventRow> {
  const e = ForecastEventBodySchema.parse(body);
  const row: ForecastEventRow = {
    id: randomUUID(),
    name: e.name,
    queue: e.queue ?? null,
    channel: e.channel ?? null,
    start: e.start,
    end: e.end,
    lift: e.lift,
  };
  await insertForecastEvent(db, row, now.toISOString());
  return row;
}

export function deleteEvent(db: Database, id: string): Promise<boolean> {
  return deleteForecastEvent(db, id);
}
