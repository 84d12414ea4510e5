/**
 * Interval plan: for a range of intervals (a week, a season, a forecast), the agents each
 * interval needs, its FTE after shrinkage, daily totals of agent-hours, and — given the
 * scheduled headcount — the over/under gap and what the schedule would actually achieve.
 *
 * Definitions:
 * - `scheduled` is the number of agents available to take contacts in the interval (net of
 *   breaks and other shrinkage, as WFM tools' "scheduled open" figure); `gap` = scheduled −
 *   required (positive: over-staffed). A fractional schedule (someone on for half the
 *   interval) is evaluated by linear interpolation between its floor and ceiling.
 * - Agent-hours = agents × interval length; FTE hours = agent-hours / (1 − shrinkage); paid FTE
 *   over the plan = FTE hours / (paid hours per FTE per week × weeks), where weeks = operating
 *   days in the plan (dates with calls) / operating days per week (default 7, stated in the
 *   totals). A Monday-to-Friday plan of a 5-day operation is one week, not 5/7 of one.
 * - Day and total service levels are ratios of sums: Σ calls × SL / Σ calls over the intervals
 *   with a schedule (exact for the default variant, whose denominator is the arrivals).
 * - A day is the local date written in the interval's ISO period (its first 10 characters),
 *   so a forecast in the site's time zone rolls up to the site's days; a week is the days
 *   from a Monday to the Sunday after it, with its own paid FTE.
 * - An interval is identified by the instant it starts (`periodInstant`), never by its
 *   wall-clock time: the two 01:30 intervals of a fall-back day stay two, and one instant
 *   written twice (`…T01:30:00-08:00`, `…T09:30:00Z`) is refused.
 *
 * Pure: the forecast engine calls this for "staffing from a forecast".
 */
import { InputError } from './inputError.ts';
import { addDays, isoWeekday } from './timezone.ts';
import { createStaffingEvaluator, intervalInput, type SolveHint, type StaffingInput, type StaffingResult } from './staffing.ts';

export interface PlanInterval {
  period: string; // ISO local start with offset, e.g. 2025-01-06T08:00:00-05:00
  calls: number;
  aht: number; // seconds
  scheduled?: number;
}

export interface PlanOptions extends Omit<StaffingInput, 'calls' | 'aht' | 'agents' | 'intervalMinutes'> {
  intervalMinutes: number;
  /** Paid hours per FTE per week, for the plan's paid-FTE figure (default 40). */
  paidHoursPerFte?: number;
  /** Days a week the operation is open, for the plan's paid-FTE figure (default 7). */
  operatingDaysPerWeek?: number;
}

export interface PlannedInterval {
  period: string;
  calls: number;
  aht: number;
  trafficErlangs: number;
  requiredAgents: number;
  fte: number | null;
  scheduled: number | null;
  gap: number | null;
  serviceLevelRequired: number;
  serviceLevelScheduled: number | null;
  asaScheduled: number | null;
  probAbandonScheduled: number | null;
  /** Occupancy at the required staffing. */
  occupancyRequired: number;
  /** Occupancy the schedule would run at. */
  occupancyScheduled: number | null;
}

export interface PlanDay {
  date: string;
  calls: number;
  requiredAgentHours: number;
  fteHours: number | null;
  scheduledAgentHours: number | null;
  /** Σ (scheduled − required) × hours over the intervals with a schedule; null without one. */
  gapAgentHours: number | null;
  /** Calls-weighted service level the schedule reaches; null without a schedule or calls. */
  serviceLevelScheduled: number | null;
  peakRequiredAgents: number;
}

/** A day's figures over the whole plan, and a few more. */
export interface PlanTotals extends Omit<PlanDay, 'date'> {
  /**
   * FTE hours / (paid hours per FTE per week × operatingDays / operatingDaysPerWeek); null
   * without shrinkage or without a day with calls.
   */
  paidFte: number | null;
  /** Calendar days from the first to the last date of the plan. */
  days: number;
  /** Dates with calls: the days the operation is open in the plan. */
  operatingDays: number;
  /** As given (default 7): operatingDays / operatingDaysPerWeek is the plan's length in weeks. */
  operatingDaysPerWeek: number;
  paidHoursPerFte: number;
  /** Intervals whose schedule is short of the requirement. */
  understaffedIntervals: number;
}

/** A week's figures: the days of one Monday-to-Sunday week of the plan, summed. */
export interface PlanWeek extends Omit<PlanDay, 'date'> {
  /** The Monday that starts the week (weeks start on Monday, like every Staffcast week). */
  weekStart: string;
  /** Dates of the week with calls. */
  operatingDays: number;
  /** FTE hours / (paid hours per FTE per week × operatingDays / operatingDaysPerWeek); null without shrinkage or calls. */
  paidFte: number | null;
}

export interface IntervalPlan {
  intervals: PlannedInterval[];
  days: PlanDay[];
  weeks: PlanWeek[];
  totals: PlanTotals;
}

const PERIOD = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The instant (epoch milliseconds) an ISO period with offset starts at, or null when the text
 * is not one. Intervals are identified by instant, never by wall-clock time: on the fall-back
 * day `2025-11-02T01:30:00-07:00` and `2025-11-02T01:30:00-08:00` are two intervals an hour
 * apart, and `2025-11-02T09:30:00Z` is the second of them written in UTC.
 */
export function periodInstant(period: string): number | null {
  if (typeof period !== 'string' || !PERIOD.test(period)) return null;
  const t = Date.parse(period);
  return Number.isFinite(t) ? t : null;
}

export interface ScheduleRow {
  period: string;
  scheduled: number;
}

/**
 * The intervals with `scheduled` set from a separate schedule, matched by instant (see
 * `periodInstant`). Throws an InputError naming `schedule.<i>.period` for a period that is not
 * an ISO time with offset, that appears twice, or that matches no interval.
 */
export function applySchedule(intervals: PlanInterval[], schedule: ScheduleRow[]): PlanInterval[] {
  const byInstant = new Map<number, number>();
  intervals.forEach((iv, i) => {
    const t = periodInstant(iv.period);
    if (t === null) throw new InputError(`intervals.${i}.period`, 'expected an ISO local time with offset, e.g. 2025-01-06T08:00:00-05:00');
    if (!byInstant.has(t)) byInstant.set(t, i);
  });
  const seen = new Map<number, string>();
  const out = intervals.map((iv) => ({ ...iv }));
  schedule.forEach((row, j) => {
    const t = periodInstant(row.period);
    if (t === null) throw new InputError(`schedule.${j}.period`, 'expected an ISO local time with offset, e.g. 2025-01-06T08:00:00-05:00');
    const earlier = seen.get(t);
    if (earlier !== undefined) throw new InputError(`schedule.${j}.period`, `${row.period} is the same interval as ${earlier}, given earlier`);
    seen.set(t, row.period);
    const i = byInstant.get(t);
    if (i === undefined) throw new InputError(`schedule.${j}.period`, `${row.period} is not one of the intervals`);
    out[i]!.scheduled = row.scheduled;
  });
  return out;
}

/**
 * Plans every interval. Throws an InputError naming the field (`intervals.3.calls`,
 * `options.patience`, …) for invalid input.
 */
export function planIntervals(intervals: PlanInterval[], options: PlanOptions): IntervalPlan {
  const paidHours = options.paidHoursPerFte ?? 40;
  if (!(Number.isFinite(paidHours) && paidHours > 0)) throw new InputError('options.paidHoursPerFte', 'must be a positive number of hours');
  const openDays = options.operatingDaysPerWeek ?? 7;
  if (!(Number.isInteger(openDays) && openDays >= 1 && openDays <= 7)) {
    throw new InputError('options.operatingDaysPerWeek', 'must be a whole number of days from 1 to 7');
  }
  const hours = options.intervalMinutes / 60;
  const seen = new Map<number, string>(); // instant → period as first written
  const planned: PlannedInterval[] = [];
  const dayMap = new Map<string, DayAccumulator>();
  const hint: SolveHint = {}; // neighbouring intervals need similar staffing

  intervals.forEach((iv, i) => {
    const m = typeof iv.period === 'string' ? PERIOD.exec(iv.period) : null;
    if (!m) throw new InputError(`intervals.${i}.period`, 'expected an ISO local time with offset, e.g. 2025-01-06T08:00:00-05:00');
    const instant = periodInstant(iv.period);
    if (instant === null) throw new InputError(`intervals.${i}.period`, 'not a valid date and time');
    const earlier = seen.get(instant);
    if (earlier !== undefined) {
      throw new InputError(`intervals.${i}.period`, earlier === iv.period ? `${iv.period} appears twice` : `${iv.period} is the same interval as ${earlier}`);
    }
    seen.set(instant, iv.period);
    if (iv.scheduled !== undefined && !(Number.isFinite(iv.scheduled) && iv.scheduled >= 0)) {
      throw new InputError(`intervals.${i}.scheduled`, 'must be a number ≥ 0');
    }
    let evaluator;
    try {
      evaluator = createStaffingEvaluator(intervalInput(options, iv.calls, iv.aht));
    } catch (e) {
      if (e instanceof InputError) {
        const perInterval = e.field === 'calls' || e.field === 'aht';
        throw new InputError(perInterval ? `intervals.${i}.${e.field}` : `options.${e.field}`, e.problem);
      }
      throw e;
    }
    const required = evaluator.solve(hint);
    const sched = iv.scheduled === undefined ? null : atFractional(evaluator.at, iv.scheduled, `intervals.${i}.scheduled`);
    const row: PlannedInterval = {
      period: iv.period,
      calls: iv.calls,
      aht: iv.aht,
      trafficErlangs: required.trafficErlangs,
      requiredAgents: required.agents,
      fte: required.fte ?? null,
      scheduled: iv.scheduled ?? null,
      gap: iv.scheduled === undefined ? null : iv.scheduled - required.agents,
      serviceLevelRequired: required.serviceLevel,
      serviceLevelScheduled: sched ? sched.serviceLevel : null,
      asaScheduled: sched ? sched.asa : null,
      probAbandonScheduled: sched ? sched.probAbandon : null,
      occupancyRequired: required.occupancy,
      occupancyScheduled: sched ? sched.occupancy : null,
    };
    planned.push(row);
    const date = m[1]!;
    let day = dayMap.get(date);
    if (!day) dayMap.set(date, (day = new DayAccumulator(date)));
    day.add(row, hours);
  });

  const days = [...dayMap.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
  const total = new DayAccumulator('');
  for (const d of days) total.merge(d);
  const spanDays = days.length ? daySpan(days[0]!.date, days[days.length - 1]!.date) : 0;
  const totalDay = total.toDay();
  const operating = days.filter((d) => d.calls > 0).map((d) => d.date);
  checkOperatingDays(operating, openDays);
  const paidFteOf = (fteHours: number | null, open: number) => (fteHours === null || open === 0 ? null : fteHours / (paidHours * (open / openDays)));
  const weekMap = new Map<string, { acc: DayAccumulator; open: number }>();
  for (const d of days) {
    const monday = addDays(d.date, 1 - isoWeekday(d.date));
    let w = weekMap.get(monday);
    if (!w) weekMap.set(monday, (w = { acc: new DayAccumulator(monday), open: 0 }));
    w.acc.merge(d);
    if (d.calls > 0) w.open++;
  }
  const weeks: PlanWeek[] = [...weekMap.values()].map(({ acc, open }) => {
    const { date, ...sums } = acc.toDay();
    return { weekStart: date, ...sums, operatingDays: open, paidFte: paidFteOf(sums.fteHours, open) };
  });
  return {
    intervals: planned,
    days: days.map((d) => d.toDay()),
    weeks,
    totals: {
      calls: totalDay.calls,
      requiredAgentHours: totalDay.requiredAgentHours,
      fteHours: totalDay.fteHours,
      scheduledAgentHours: totalDay.scheduledAgentHours,
      gapAgentHours: totalDay.gapAgentHours,
      serviceLevelScheduled: totalDay.serviceLevelScheduled,
      peakRequiredAgents: totalDay.peakRequiredAgents,
      paidFte: paidFteOf(totalDay.fteHours, operating.length),
      days: spanDays,
      operatingDays: operating.length,
      operatingDaysPerWeek: openDays,
      paidHoursPerFte: paidHours,
      understaffedIntervals: total.understaffed,
    },
  };
}

type Metrics = Pick<StaffingResult, 'serviceLevel' | 'asa' | 'probAbandon' | 'occupancy'>;

/** Metrics at a possibly fractional headcount: linear between floor and ceiling. */
function atFractional(at: (n: number) => StaffingResult, agents: number, field: string): Metrics {
  const lo = Math.floor(agents);
  const w = agents - lo;
  try {
    const a = at(lo);
    if (w === 0) return a;
    const b = at(lo + 1);
    const mix = (x: number | null, y: number | null) => (x === null || y === null ? null : x + w * (y - x));
    return {
      serviceLevel: a.serviceLevel + w * (b.serviceLevel - a.serviceLevel),
      asa: mix(a.asa, b.asa),
      probAbandon: mix(a.probAbandon, b.probAbandon),
      occupancy: a.occupancy + w * (b.occupancy - a.occupancy),
    };
  } catch (e) {
    if (e instanceof InputError) throw new InputError(field, e.problem);
    throw e;
  }
}

/** No week (Monday to Sunday) may have more days with calls than the operation is open. */
function checkOperatingDays(dates: string[], perWeek: number): void {
  const byWeek = new Map<string, number>();
  for (const d of dates) {
    const monday = addDays(d, 1 - isoWeekday(d));
    const n = (byWeek.get(monday) ?? 0) + 1;
    byWeek.set(monday, n);
    if (n > perWeek) {
      throw new InputError('options.operatingDaysPerWeek', `the week of Monday ${monday} has calls on ${n} days, more than ${perWeek} operating days a week`);
    }
  }
}

/** Days from `a` to `b` inclusive (YYYY-MM-DD). */
function daySpan(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000) + 1;
}

/** Sums for one day (or the whole plan). */
class DayAccumulator {
  calls = 0;
  required = 0;
  fte = 0;
  hasFte = false;
  scheduled = 0;
  hasSchedule = false;
  slCalls = 0; // Σ calls × SL over scheduled intervals
  scheduledCalls = 0;
  gap = 0; // Σ (scheduled − required) × hours over scheduled intervals
  peak = 0;
  understaffed = 0;
  constructor(readonly date: string) {}

  add(row: PlannedInterval, hours: number): void {
    this.calls += row.calls;
    this.required += row.requiredAgents * hours;
    if (row.fte !== null) {
      this.fte += row.fte * hours;
      this.hasFte = true;
    }
    if (row.scheduled !== null) {
      this.scheduled += row.scheduled * hours;
      this.hasSchedule = true;
      this.slCalls += row.calls * row.serviceLevelScheduled!;
      this.scheduledCalls += row.calls;
      this.gap += row.gap! * hours;
      if (row.gap! < 0) this.understaffed++;
    }
    this.peak = Math.max(this.peak, row.requiredAgents);
  }

  merge(o: DayAccumulator): void {
    this.calls += o.calls;
    this.required += o.required;
    this.fte += o.fte;
    this.hasFte ||= o.hasFte;
    this.scheduled += o.scheduled;
    this.hasSchedule ||= o.hasSchedule;
    this.slCalls += o.slCalls;
    this.scheduledCalls += o.scheduledCalls;
    this.gap += o.gap;
    this.peak = Math.max(this.peak, o.peak);
    this.understaffed += o.understaffed;
  }

  toDay(): PlanDay {
    return {
      date: this.date,
      calls: this.calls,
      requiredAgentHours: this.required,
      fteHours: this.hasFte ? this.fte : null,
      scheduledAgentHours: this.hasSchedule ? this.scheduled : null,
      gapAgentHours: this.hasSchedule ? this.gap : null,
      serviceLevelScheduled: this.hasSchedule && this.scheduledCalls > 0 ? this.slCalls / this.scheduledCalls : null,
      peakRequiredAgents: this.peak,
    };
  }
}
