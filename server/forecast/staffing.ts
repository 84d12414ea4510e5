/**
 * Staffing from a forecast: required agents per interval at the forecast volume (the median
 * plan) and at its upper 80% bound (the cautious plan), with the forecast AHT of the
 * interval, and FTE after shrinkage; agent-hours per day. Both plans go through the staffing
 * engine's `planIntervals` (server/wfm/intervalPlan.ts), as the Staffing page's plans do.
 * A day's `callsUpper80` is the sum of its intervals' upper bounds (what the cautious plan
 * staffs for), not the day's own 80% bound.
 *
 * Both plans use the AHT forecast, not its bound: volume uncertainty dominates staffing risk
 * and a high AHT on top of a high volume would plan for a day that almost never happens.
 *
 * An interval with forecast calls but no AHT (none for its time of day, none for its day, or
 * none in the whole history: every contact abandoned) shows its calls and `null` agents and
 * FTE, and its day's agent-hours are `null` too (they cannot be summed without it); a note
 * says how many intervals and why. Never 0 agents for calls that are expected.
 */
import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { planIntervals, type PlanOptions } from '../wfm/intervalPlan.ts';
import { STAFFING_MODELS, type StaffingModel } from '../wfm/staffing.ts';
import { NoAhtHistoryError } from './errors.ts';
import { ForecastQuerySchema, MAX_INTERVAL_DAYS, type ForecastQuery } from './query.ts';
import { forecastDetail, type ForecastDetail } from './service.ts';

const num = (message: string) => z.coerce.number({ message }).refine(Number.isFinite, { message });

export const StaffingQuerySchema = z
  .object({
    queue: z.string({ message: 'required' }).min(1, { message: 'required' }),
    channel: ForecastQuerySchema.shape.channel,
    granularity: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['interval15', 'interval30'], { message: 'expected interval15 or interval30' }).default('interval30')),
    horizon: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int({ message: 'expected a whole number' }).min(1, { message: 'must be at least 1' }).optional()),
    model: ForecastQuerySchema.shape.model,
    start: ForecastQuerySchema.shape.start,
    answerWithin: z.preprocess(
      (v) => (v === '' ? undefined : v),
      num('expected seconds')
        .pipe(z.number().min(0, { message: 'must be ≥ 0 seconds' }))
        .default(20),
    ),
    serviceLevel: z.preprocess(
      (v) => (v === '' ? undefined : v),
      num('expected a fraction')
        .pipe(z.number().min(0, { message: 'must be in [0, 1)' }).lt(1, { message: 'must be in [0, 1)' }))
        .default(0.8),
    ),
    shrinkage: z.preprocess(
      (v) => (v === '' ? undefined : v),
      num('expected a fraction')
        .pipe(z.number().min(0, { message: 'must be in [0, 1)' }).lt(1, { message: 'must be in [0, 1)' }))
        .default(0.3),
    ),
    patience: z.preprocess(
      (v) => (v === '' ? undefined : v),
      num('expected seconds')
        .pipe(z.number().gt(0, { message: 'must be > 0 seconds' }))
        .optional(),
    ),
    maxOccupancy: z.preprocess(
      (v) => (v === '' ? undefined : v),
      num('expected a fraction')
        .pipe(z.number().gt(0, { message: 'must be in (0, 1]' }).max(1, { message: 'must be in (0, 1]' }))
        .optional(),
    ),
    staffingModel: z.preprocess((v) => (v === '' ? undefined : v), z.enum(STAFFING_MODELS, { message: `expected one of ${STAFFING_MODELS.join(', ')}` }).optional()),
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
  /** Forecast AHT in seconds; null where there is none (then agents and FTE are null when calls are expected). */
  aht: number | null;
  requiredAgents: number | null;
  requiredAgentsUpper80: number | null;
  fte: number | null;
  fteUpper80: number | null;
}

export interface StaffedDay {
  date: string;
  calls: number;
  callsUpper80: number;
  /** Null when an interval of the day has calls but no AHT. */
  requiredAgentHours: number | null;
  requiredAgentHoursUpper80: number | null;
  fteHours: number | null;
  fteHoursUpper80: number | null;
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
  const notes: string[] = [];
  let aht: ForecastDetail | null = null;
  try {
    aht = await forecastDetail(db, timeZone, { ...base, metric: 'aht' });
  } catch (e) {
    if (!(e instanceof NoAhtHistoryError)) throw e;
    notes.push(`${e.problem}: required agents and FTE are null wherever calls are forecast`);
  }
  const ahtByStart = new Map(aht ? aht.intervalPoints.map((p) => [p.start, p.forecast]) : []);
  const dayAht = new Map(aht ? aht.daily.dates.map((d, j) => [d, aht.daily.forecast[j]!]) : []);
  const model: StaffingModel = q.staffingModel ?? (q.patience !== undefined ? 'erlang-a' : 'erlang-c');
  let ahtFallbacks = 0;
  let noAht = 0;
  const rows = volume.intervalPoints.map((p) => {
    const calls = p.forecast ?? 0;
    const upper = p.upper80 ?? calls;
    let a = ahtByStart.get(p.start) ?? null;
    if (a === null || !Number.isFinite(a) || a <= 0) {
      const d = dayAht.get(p.date);
      a = d !== undefined && Number.isFinite(d) && d > 0 ? d : null;
      if (calls > 0 && a !== null) ahtFallbacks++;
    }
    // Calls without an AHT cannot be staffed: planned as empty, reported as null agents.
    const missing = a === null && (calls > 0 || upper > 0);
    if (missing) noAht++;
    return { period: p.period, calls, upper, aht: a, missing, planCalls: a === null ? 0 : calls, planUpper: a === null ? 0 : upper, planAht: a ?? 1 };
  });
  const options: PlanOptions = {
    intervalMinutes: minutes,
    answerWithin: q.answerWithin,
    serviceLevel: q.serviceLevel,
    shrinkage: q.shrinkage,
    model,
    ...(q.patience !== undefined ? { patience: q.patience } : {}),
    ...(q.maxOccupancy !== undefined ? { maxOccupancy: q.maxOccupancy } : {}),
  };
  const mid = planIntervals(
    rows.map((r) => ({ period: r.period, calls: r.planCalls, aht: r.planAht })),
    options,
  );
  const high = planIntervals(
    rows.map((r) => ({ period: r.period, calls: r.planUpper, aht: r.planAht })),
    options,
  );
  const intervals: StaffedInterval[] = rows.map((r, i) => ({
    period: r.period,
    forecast: r.calls,
    upper80: r.upper,
    aht: r.aht,
    requiredAgents: r.missing ? null : mid.intervals[i]!.requiredAgents,
    requiredAgentsUpper80: r.missing ? null : high.intervals[i]!.requiredAgents,
    fte: r.missing ? null : (mid.intervals[i]!.fte ?? 0),
    fteUpper80: r.missing ? null : (high.intervals[i]!.fte ?? 0),
  }));
  // Days: the plan's sums, with the calls it could not staff added back, and the agent-hours
  // null for a day that has any of them.
  const unstaffed = new Map<string, { calls: number; upper: number }>();
  for (const r of rows) {
    if (!r.missing) continue;
    const date = r.period.slice(0, 10);
    const u = unstaffed.get(date) ?? { calls: 0, upper: 0 };
    u.calls += r.calls;
    u.upper += r.upper;
    unstaffed.set(date, u);
  }
  const highDays = new Map(high.days.map((d) => [d.date, d]));
  const days: StaffedDay[] = mid.days.map((d) => {
    const h = highDays.get(d.date)!;
    const u = unstaffed.get(d.date);
    return {
      date: d.date,
      calls: d.calls + (u?.calls ?? 0),
      callsUpper80: h.calls + (u?.upper ?? 0),
      requiredAgentHours: u ? null : d.requiredAgentHours,
      requiredAgentHoursUpper80: u ? null : h.requiredAgentHours,
      fteHours: u ? null : (d.fteHours ?? 0),
      fteHoursUpper80: u ? null : (h.fteHours ?? 0),
    };
  });
  if (ahtFallbacks) notes.push(`${ahtFallbacks} intervals had no AHT history for their time of day: the day's AHT forecast was used`);
  if (noAht && aht) {
    notes.push(
      `${noAht} intervals have forecast calls but no AHT (no handle time in the history for their time of day or their day): ` + "their required agents and FTE, and their days' agent-hours, are null",
    );
  }
  return {
    queue: q.queue,
    channel: q.channel ?? null,
    granularity: q.granularity,
    model: volume.response.model,
    staffingModel: model,
    intervals,
    days,
    notes: [...volume.response.notes, ...notes],
  };
}
