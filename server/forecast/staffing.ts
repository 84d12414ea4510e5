/**
 * Staffing from a forecast: required agents per interval at the forecast volume (the median
 * plan) and at its upper 80% bound (the cautious plan), with the forecast AHT of the
 * interval, and FTE after shrinkage; agent-hours per day.
 *
 * Both plans use the AHT forecast, not its bound: volume uncertainty dominates staffing risk
 * and a high AHT on top of a high volume would plan for a day that almost never happens.
 */
import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { STAFFING_MODELS, staff, type StaffingInput, type StaffingModel } from '../wfm/staffing.ts';
import { ForecastQuerySchema, MAX_INTERVAL_DAYS, type ForecastQuery } from './query.ts';
import { forecastDetail } from './service.ts';

const num = (message: string) => z.coerce.number({ message }).refine(Number.isFinite, { message });

export const StaffingQuerySchema = z
  .object({
    queue: z.string({ message: 'required' }).min(1, { message: 'required' }),
    channel: ForecastQuerySchema.shape.channel,
    granularity: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.enum(['interval15', 'interval30'], { message: 'expected interval15 or interval30' }).default('interval30'),
    ),
    horizon: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int({ message: 'expected a whole number' }).min(1, { message: 'must be at least 1' }).optional()),
    model: ForecastQuerySchema.shape.model,
    start: ForecastQuerySchema.shape.start,
    answerWithin: z.preprocess((v) => (v === '' ? undefined : v), num('expected seconds').pipe(z.number().min(0, { message: 'must be ≥ 0 seconds' })).default(20)),
    serviceLevel: z.preprocess(
      (v) => (v === '' ? undefined : v),
      num('expected a fraction').pipe(z.number().min(0, { message: 'must be in [0, 1)' }).lt(1, { message: 'must be in [0, 1)' })).default(0.8),
    ),
    shrinkage: z.preprocess(
      (v) => (v === '' ? undefined : v),
      num('expected a fraction').pipe(z.number().min(0, { message: 'must be in [0, 1)' }).lt(1, { message: 'must be in [0, 1)' })).default(0.3),
    ),
    patience: z.preprocess((v) => (v === '' ? undefined : v), num('expected seconds').pipe(z.number().gt(0, { message: 'must be > 0 seconds' })).optional()),
    maxOccupancy: z.preprocess(
      (v) => (v === '' ? undefined : v),
      num('expected a fraction').pipe(z.number().gt(0, { message: 'must be in (0, 1]' }).max(1, { message: 'must be in (0, 1]' })).optional(),
    ),
    staffingModel: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.enum(STAFFING_MODELS, { message: `expected one of ${STAFFING_MODELS.join(', ')}` }).optional(),
    ),
  })
  .superRefine((q, ctx) => {
    const max = MAX_INTERVAL_DAYS * (q.granularity === 'interval15' ? 96 : 48);
    if (q.horizon !== undefined && q.horizon > max) {
      ctx.addIssue({ code: 'custom', path: ['horizon'], message: `must be at most ${max} intervals (8 weeks)` });
    }
    if (q.staffingModel === 'erlang-a' && q.patience === undefined) {
      ctx.addIssue({ code: 'custom', path: ['patience'], message: 'required for staffingModel erlang-a (mean patience in seconds)' });
    }
  });

export type StaffingQuery = z.infer<typeof StaffingQuerySchema>;

export interface StaffedInterval {
  period: string;
  forecast: number;
  upper80: number;
  aht: number | null;
  requiredAgents: number;
  requiredAgentsUpper80: number;
  fte: number;
  fteUpper80: number;
}

export interface StaffedDay {
  date: string;
  calls: number;
  callsUpper80: number;
  requiredAgentHours: number;
  requiredAgentHoursUpper80: number;
  fteHours: number;
  fteHoursUpper80: number;
}

export interface StaffingFromForecast {
  queue: string;
  channel: string | null;
  granularity: 'interval15' | 'interval30';
  model: string;
  staffingModel: StaffingModel;
  intervals: StaffedInterval[];
  days: StaffedDay[];
  notes: string[];
}

export async function staffingFromForecast(db: Database, timeZone: string, q: StaffingQuery): Promise<StaffingFromForecast> {
  const minutes = q.granularity === 'interval15' ? 15 : 30;
  const base: ForecastQuery = {
    queue: q.queue,
    channel: q.channel,
    granularity: q.granularity,
    horizon: q.horizon ?? 7 * (1440 / minutes),
    metric: 'volume',
    model: q.model,
    history: 0,
    start: q.start,
  };
  const volume = await forecastDetail(db, timeZone, base);
  const aht = await forecastDetail(db, timeZone, { ...base, metric: 'aht' });
  const ahtByStart = new Map(aht.intervalPoints.map((p) => [p.start, p.forecast]));
  const dayAht = new Map(aht.daily.dates.map((d, j) => [d, aht.daily.forecast[j]!]));
  const model: StaffingModel = q.staffingModel ?? (q.patience !== undefined ? 'erlang-a' : 'erlang-c');
  const notes: string[] = [];
  const intervals: StaffedInterval[] = [];
  const days = new Map<string, StaffedDay>();
  let ahtFallbacks = 0;
  for (const p of volume.intervalPoints) {
    const calls = p.forecast ?? 0;
    const upper = p.upper80 ?? calls;
    let a = ahtByStart.get(p.start) ?? null;
    if (a === null || !Number.isFinite(a) || a <= 0) {
      const d = dayAht.get(p.date);
      a = d !== undefined && Number.isFinite(d) && d > 0 ? d : null;
      if (calls > 0 && a !== null) ahtFallbacks++;
    }
    const input = (c: number): StaffingInput => ({
      calls: c,
      intervalMinutes: minutes,
      aht: a ?? 1,
      answerWithin: q.answerWithin,
      serviceLevel: q.serviceLevel,
      shrinkage: q.shrinkage,
      model,
      ...(q.patience !== undefined ? { patience: q.patience } : {}),
      ...(q.maxOccupancy !== undefined ? { maxOccupancy: q.maxOccupancy } : {}),
    });
    const mid = calls > 0 && a !== null ? staff(input(calls)) : null;
    const high = upper > 0 && a !== null ? staff(input(upper)) : null;
    const row: StaffedInterval = {
      period: p.period,
      forecast: calls,
      upper80: upper,
      aht: a,
      requiredAgents: mid?.agents ?? 0,
      requiredAgentsUpper80: high?.agents ?? 0,
      fte: mid?.fte ?? 0,
      fteUpper80: high?.fte ?? 0,
    };
    intervals.push(row);
    const day = days.get(p.date) ?? {
      date: p.date,
      calls: 0,
      callsUpper80: 0,
      requiredAgentHours: 0,
      requiredAgentHoursUpper80: 0,
      fteHours: 0,
      fteHoursUpper80: 0,
    };
    const hours = minutes / 60;
    day.calls += row.forecast;
    day.callsUpper80 += row.upper80;
    day.requiredAgentHours += row.requiredAgents * hours;
    day.requiredAgentHoursUpper80 += row.requiredAgentsUpper80 * hours;
    day.fteHours += row.fte * hours;
    day.fteHoursUpper80 += row.fteUpper80 * hours;
    days.set(p.date, day);
  }
  if (ahtFallbacks) notes.push(`${ahtFallbacks} intervals had no AHT history for their time of day: the day's AHT forecast was used`);
  return {
    queue: q.queue,
    channel: q.channel ?? null,
    granularity: q.granularity,
    model: volume.response.model,
    staffingModel: model,
    intervals,
    days: [...days.values()],
    notes: [...volume.response.notes, ...notes],
  };
}
