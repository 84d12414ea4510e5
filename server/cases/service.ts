/**
 * The case answers for the API and the CLI: deadline rules (built-in and stored overrides),
 * timeliness, backlog, the pseudonymized case list and the case workload in FTE. The math
 * is in server/wfm/cases (pure); the SQL in server/db/queries/cases*.ts (docs/cases.md).
 */
import { loadSiteCalendar } from '../calendar/service.ts';
import type { Database } from '../db/database.ts';
import { allCaseFacts, caseArrivals, latestCaseInstant, listCases } from '../db/queries/casesRead.ts';
import { deleteRuleOverride, listRuleOverrides, putRuleOverride } from '../db/queries/casesRules.ts';
import { AGE_BUCKETS, type BacklogRow, caseBacklog } from '../wfm/cases/backlog.ts';
import type { CaseFacts } from '../wfm/cases/caseRecord.ts';
import { BUILT_IN_RULES, type DeadlineRule, effectiveRules, parseDeadlineRule, type RuleKey } from '../wfm/cases/deadlineRules.ts';
import { CASE_CHANNEL, CASE_QUEUE } from '../wfm/cases/dueDates.ts';
import { caseTimeliness, type TimelinessRow, timeMilestone } from '../wfm/cases/timeliness.ts';
import { type CaseWorkloadResult, caseWorkload, DEFAULT_CASE_HANDLE_MINUTES, handleMinutesFor } from '../wfm/cases/workload.ts';
import { InputError } from '../wfm/inputError.ts';
import { periodStartDate } from '../wfm/periods.ts';
import { businessSecondsBetween, type SiteCalendar } from '../wfm/siteCalendar.ts';
import { addDays, formatLocalIso, localDateOf, startOfLocalDay } from '../wfm/timezone.ts';
import type { ListParams, TimelinessParams, WorkloadParams } from './params.ts';

export interface CaseRulesAnswer {
  builtIn: readonly DeadlineRule[];
  overrides: DeadlineRule[];
  /** The rules in force: built-in ones not overridden, then the overrides. */
  effective: DeadlineRule[];
}

export async function caseRules(db: Database): Promise<CaseRulesAnswer> {
  const overrides = await listRuleOverrides(db);
  return { builtIn: BUILT_IN_RULES, overrides, effective: effectiveRules(overrides) };
}

/** Stores a plan's own rule (PUT body: a rule without origin); an invalid one is a 400 naming the field. */
export async function saveCaseRule(db: Database, body: unknown): Promise<CaseRulesAnswer> {
  if (typeof body === 'object' && body !== null && 'origin' in body) throw new InputError('origin', 'unknown field');
  await putRuleOverride(db, parseDeadlineRule(body, 'override'));
  return caseRules(db);
}

/** Removes a stored rule by its key; 400 naming the field when the key is not one. */
export async function removeCaseRule(db: Database, key: Partial<RuleKey>): Promise<{ removed: boolean } & CaseRulesAnswer> {
  const parsed = parseDeadlineRule({ ...key, amount: 1, unit: 'hours', source: 'key' }, 'override');
  const removed = await deleteRuleOverride(db, parsed);
  return { removed, ...(await caseRules(db)) };
}

interface Context {
  cal: SiteCalendar;
  rules: DeadlineRule[];
  cases: CaseFacts[];
  /** The latest instant in the case data, epoch ms; null without cases. */
  latest: number | null;
}

// The deadline math memoizes per calendar and rules object (siteCalendar.ts caches a day's
// open hours per calendar object, dueDates.ts the due dates): equal ones loaded again are
// answered with the object first seen, so those caches last across requests.
const sameObjects = new Map<string, unknown>();
function canonical<T>(x: T): T {
  const key = JSON.stringify(x);
  const hit = sameObjects.get(key);
  if (hit !== undefined) return hit as T;
  if (sameObjects.size > 50) sameObjects.clear();
  sameObjects.set(key, x);
  return x;
}

async function context(db: Database, timeZone: string): Promise<Context> {
  const [{ calendar }, overrides, cases, latest] = await Promise.all([loadSiteCalendar(db, timeZone), listRuleOverrides(db), allCaseFacts(db), latestCaseInstant(db)]);
  return { cal: canonical(calendar), rules: canonical(effectiveRules(overrides)), cases, latest };
}

/** The as-of date and instant: the end of the given date, or the latest instant in the data. */
function asOfOf(ctx: Context, date: string | undefined): { date: string; ms: number } | null {
  if (date) return { date, ms: startOfLocalDay(addDays(date, 1), ctx.cal.timeZone) };
  if (ctx.latest === null) return null;
  return { date: localDateOf(ctx.latest, ctx.cal.timeZone), ms: ctx.latest + 1 };
}

const addMonths = (monthStart: string, n: number) => {
  const m = Number(monthStart.slice(0, 4)) * 12 + Number(monthStart.slice(5, 7)) - 1 + n;
  return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-01`;
};

export interface TimelinessAnswer {
  from: string | null;
  to: string | null;
  by: string;
  group: string[];
  /** The instant statuses are judged at, local ISO; null without cases. */
  asOf: string | null;
  rows: TimelinessRow[];
}

/** Timeliness per period and group; default range: the 12 months up to the as-of month, inclusive. */
export async function timelinessAnswer(db: Database, timeZone: string, p: TimelinessParams): Promise<TimelinessAnswer> {
  const ctx = await context(db, timeZone);
  const asOf = asOfOf(ctx, p.asOf);
  if (!asOf) return { from: p.from ?? null, to: p.to ?? null, by: p.by, group: p.group, asOf: null, rows: [] };
  const to = p.to ?? addMonths(periodStartDate('month', asOf.date), 1);
  const from = p.from ?? addMonths(periodStartDate('month', addDays(to, -1)), -11);
  if (to <= from) throw new InputError('to', 'must be after from (to is exclusive)');
  const rows = caseTimeliness(ctx.cases, ctx.rules, ctx.cal, { from, to, by: p.by, group: p.group, asOf: asOf.ms });
  return { from, to, by: p.by, group: p.group, asOf: formatLocalIso(asOf.ms - 1, timeZone), rows };
}

export interface BacklogAnswer {
  asOf: string | null;
  ageBuckets: string[];
  rows: BacklogRow[];
  total: BacklogRow | null;
}

export async function backlogAnswer(db: Database, timeZone: string, asOfDate: string | undefined): Promise<BacklogAnswer> {
  const ctx = await context(db, timeZone);
  const asOf = asOfOf(ctx, asOfDate);
  const ageBuckets = AGE_BUCKETS.map((b) => b.label);
  if (!asOf) return { asOf: null, ageBuckets, rows: [], total: null };
  const { rows, total } = caseBacklog(ctx.cases, ctx.rules, ctx.cal, asOf.date);
  return { asOf: asOf.date, ageBuckets, rows, total };
}

export interface CaseListItem {
  source: string;
  caseId: string;
  /** Keyed HMAC pseudonym of the member ID (never the ID). */
  memberKey: string | null;
  type: string;
  priority: string;
  program: string;
  plan: string | null;
  state: string | null;
  tier: number | null;
  receivedAt: string;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
  extended: boolean;
  outcome: string | null;
  acknowledgeDue: string | null;
  acknowledgeStatus: string | null;
  resolveDue: string | null;
  resolveStatus: string | null;
}

/**
 * Cases received in [from, to) (default: every case), filtered, oldest first, with their
 * deadlines and statuses at the as-of instant (status open / resolved: as of it too); `dueWithin` N keeps the open cases whose
 * resolve deadline is at or before the end of as-of + N days (overdue ones included).
 */
export async function caseListAnswer(db: Database, timeZone: string, p: ListParams): Promise<{ asOf: string | null; total: number; cases: CaseListItem[] }> {
  const ctx = await context(db, timeZone);
  const asOf = asOfOf(ctx, p.asOf);
  if (!asOf) return { asOf: null, total: 0, cases: [] };
  const fromMs = p.from ? startOfLocalDay(p.from, timeZone) : 0;
  const toMs = p.to ? startOfLocalDay(p.to, timeZone) : Math.max(asOf.ms, (ctx.latest ?? 0) + 1);
  const isOpen = (c: { receivedAt: number; resolvedAt: number | null }) => c.receivedAt < asOf.ms && (c.resolvedAt === null || c.resolvedAt >= asOf.ms);
  // Open and resolved as of the as-of instant, not as of the latest data.
  const openAt = p.status === 'open' ? asOf.ms : undefined;
  const rows = (await listCases(db, { fromMs, toMs, type: p.type, program: p.program, priority: p.priority, openAt })).filter((c) =>
    p.status === 'open' ? isOpen(c) : p.status === 'resolved' ? c.resolvedAt !== null && c.resolvedAt < asOf.ms : true,
  );
  const iso = (ms: number | null) => (ms === null ? null : formatLocalIso(ms, timeZone));
  const timed = rows.map((c) => ({ c, ack: timeMilestone(c, 'acknowledge', ctx.rules, ctx.cal, asOf.ms), res: timeMilestone(c, 'resolve', ctx.rules, ctx.cal, asOf.ms) }));
  let kept = timed;
  if (p.dueWithin !== undefined) {
    const limit = startOfLocalDay(addDays(asOf.date, p.dueWithin + 1), timeZone);
    kept = timed.filter((t) => isOpen(t.c) && t.res !== null && t.res.due.dueMs <= limit).sort((a, b) => a.res!.due.dueMs - b.res!.due.dueMs);
  }
  const page = kept.slice(p.offset, p.offset + p.limit);
  return {
    asOf: formatLocalIso(asOf.ms - 1, timeZone),
    total: kept.length,
    cases: page.map(({ c, ack, res }) => ({
      source: c.source,
      caseId: c.caseId,
      memberKey: c.memberKey,
      type: c.type,
      priority: c.priority,
      program: c.program,
      plan: c.plan,
      state: c.state,
      tier: c.tier,
      receivedAt: iso(c.receivedAt)!,
      acknowledgedAt: iso(c.acknowledgedAt),
      resolvedAt: iso(c.resolvedAt),
      extended: c.extended,
      outcome: c.outcome,
      acknowledgeDue: ack ? iso(ack.due.dueMs) : null,
      acknowledgeStatus: ack?.status ?? null,
      resolveDue: res ? iso(res.due.dueMs) : null,
      resolveStatus: res?.status ?? null,
    })),
  };
}

export interface WorkloadAnswer extends CaseWorkloadResult {
  asOf: string | null;
  /** The arrival window: local dates [from, to), its weeks and business hours (queue `cases`). */
  window: { from: string; to: string; weeks: number; businessHours: number } | null;
  handleMinutes: Record<string, number>;
  clearWithinHours: number;
  productivity: number;
  shrinkage: number;
}

/**
 * The deferred-work requirement of the case work per tier: the arrivals of the last `weeks`
 * weeks up to the as-of date over the business hours of that window, the backlog open at
 * its end, handle minutes per type (defaults: assumptions), through caseWorkload.
 */
export async function workloadAnswer(db: Database, timeZone: string, p: WorkloadParams): Promise<WorkloadAnswer> {
  const ctx = await context(db, timeZone);
  const handleMinutes = Object.fromEntries(Object.keys(DEFAULT_CASE_HANDLE_MINUTES).map((t) => [t, handleMinutesFor(t, p.handleMinutes)]));
  const base = { handleMinutes, clearWithinHours: p.clearWithinHours, productivity: p.productivity, shrinkage: p.shrinkage };
  const asOf = asOfOf(ctx, p.asOf);
  if (!asOf) return { ...base, asOf: null, window: null, tiers: [], total: { workloadHours: 0, backlogHours: 0, agents: 0, fte: null } };
  const to = addDays(asOf.date, 1);
  const from = addDays(to, -7 * p.weeks);
  const fromMs = startOfLocalDay(from, timeZone);
  const toMs = startOfLocalDay(to, timeZone);
  const businessHours = businessSecondsBetween(ctx.cal, CASE_QUEUE, CASE_CHANNEL, fromMs, toMs) / 3600;
  if (businessHours <= 0) throw new InputError('weeks', `the case unit (calendar queue ${CASE_QUEUE}) has no business hours from ${from} to ${to}`);
  const arrivals = await caseArrivals(db, fromMs, toMs);
  const open = new Map<string, { tier: string; type: string; count: number }>();
  for (const c of ctx.cases) {
    if (c.receivedAt >= toMs || (c.resolvedAt !== null && c.resolvedAt < toMs)) continue;
    const tier = c.tier === null ? 'unassigned' : String(c.tier);
    const k = `${tier}\u0000${c.type}`;
    const e = open.get(k) ?? { tier, type: c.type, count: 0 };
    e.count += 1;
    open.set(k, e);
  }
  const result = caseWorkload({
    arrivals,
    backlog: [...open.values()],
    periodHours: businessHours,
    clearWithinHours: p.clearWithinHours,
    handleMinutes: p.handleMinutes,
    productivity: p.productivity,
    shrinkage: p.shrinkage,
  });
  return { ...base, asOf: asOf.date, window: { from, to, weeks: p.weeks, businessHours }, ...result };
}
