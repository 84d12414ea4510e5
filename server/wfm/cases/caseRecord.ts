/**
 * The case log record (appeals, grievances, claim research, escalations) as an ingest reads
 * it, and the validation of one raw row: each value parsed explicitly, the row's first
 * failing rule its reject reason (`invalid <column>: <problem>`, never the value). Pure.
 * docs/cases.md lists the rules.
 */
import { FALSE_TOKENS, LIMITS, SENTINEL_DATES, SENTINEL_EPOCH, STATES, TRUE_TOKENS } from '../canonical.ts';
import { localToUtc } from '../timezone.ts';

export const CASE_TYPES = ['appeal', 'grievance', 'claim_research', 'escalation', 'other'] as const;
export const CASE_PRIORITIES = ['standard', 'expedited'] as const;
export const CASE_PROGRAMS = ['medicare_advantage', 'medicaid', 'marketplace', 'commercial'] as const;
export type CaseType = (typeof CASE_TYPES)[number];
export type CasePriority = (typeof CASE_PRIORITIES)[number];
export type CaseProgram = (typeof CASE_PROGRAMS)[number];

/** The columns of a case log, in the order the CSV template lists them. */
export const CASE_COLUMNS = ['case_id', 'member_id', 'type', 'priority', 'program', 'plan', 'state', 'tier', 'received_at', 'acknowledged_at', 'resolved_at', 'extended', 'outcome'] as const;
export type CaseColumn = (typeof CASE_COLUMNS)[number];
export const REQUIRED_CASE_COLUMNS: readonly CaseColumn[] = ['case_id', 'type', 'program', 'received_at'];

/** A validated case row: instants in epoch ms; the member ID still raw (keyed by the caller). */
export interface ParsedCase {
  caseId: string;
  memberId: string | null;
  type: CaseType;
  priority: CasePriority;
  program: CaseProgram;
  plan: string | null;
  state: string | null;
  tier: number | null;
  receivedAt: number;
  acknowledgedAt: number | null;
  resolvedAt: number | null;
  extended: boolean;
  outcome: string | null;
}

/** A case as the deadline, timeliness and backlog math reads it (member key, never the ID). */
export interface CaseFacts {
  caseId: string;
  type: string;
  priority: string;
  program: string;
  plan: string | null;
  state: string | null;
  tier: number | null;
  receivedAt: number;
  acknowledgedAt: number | null;
  resolvedAt: number | null;
  extended: boolean;
}

export type RowCheck = { ok: true; value: ParsedCase } | { ok: false; reason: string } | { ok: false; naive: true; column: string };

// YYYY-MM-DD[T ]HH:MM[:SS[.fff]] then Z or ±HH[:MM] or nothing (naive).
const TS_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

type TsResult = { ok: true; ms: number } | { ok: false; problem: string } | { ok: false; naive: true };

/**
 * An ISO 8601 timestamp. With an offset (or Z) it is that instant; without, the declared zone
 * `tz` decides (a wall time in the spring-forward gap is refused, one in the repeated hour
 * takes the earlier instant); without a zone the caller refuses the file.
 */
export function parseCaseTimestamp(text: string, tz: string | null): TsResult {
  const m = TS_RE.exec(text);
  if (!m) return { ok: false, problem: 'not an ISO 8601 timestamp (YYYY-MM-DDTHH:MM[:SS][±HH:MM|Z])' };
  const [year, month, day, hour, minute] = [1, 2, 3, 4, 5].map((i) => Number(m[i]));
  const second = m[6] ? Number(m[6]) : 0;
  const frac = m[7] ? Number(`0.${m[7]}`) * 1000 : 0;
  const probe = new Date(Date.UTC(year!, month! - 1, day!, hour!, minute!, second));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month! - 1 || probe.getUTCDate() !== day || hour! > 23 || minute! > 59 || second > 59) {
    return { ok: false, problem: 'not a valid date and time' };
  }
  const zone = m[8];
  if (zone) {
    if (zone.toUpperCase() === 'Z') return { ok: true, ms: probe.getTime() + frac };
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (oh > 14 || om > 59) return { ok: false, problem: 'not a valid UTC offset' };
    return { ok: true, ms: probe.getTime() + frac - sign * (oh * 60 + om) * 60_000 };
  }
  if (tz === null) return { ok: false, naive: true };
  const r = localToUtc({ year: year!, month: month!, day: day!, hour: hour!, minute: minute!, second }, tz);
  if (r.status === 'gap') return { ok: false, problem: 'a local time that does not exist (skipped by daylight saving)' };
  return { ok: true, ms: r.utcMs + frac };
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
const CONTROL = /[\u0000-\u001f\u007f]/;
const norm = (s: string) => s.trim().toLowerCase().replace(/[ -]/g, '_');
const STATE_SET: ReadonlySet<string> = new Set(STATES);

export interface CheckOptions {
  /** Zone of timestamps written without an offset, or null. */
  tz: string | null;
  /** Latest allowed instant (epoch ms): the ingest's now plus a day. */
  latestMs: number;
}

/** Validates one raw row (column name → text, absent columns undefined); first failing rule wins. */
export function checkCaseRow(raw: Partial<Record<CaseColumn, string>>, o: CheckOptions): RowCheck {
  const fail = (column: string, problem: string): RowCheck => ({ ok: false, reason: `invalid ${column}: ${problem}` });
  const text = (c: CaseColumn) => {
    const v = raw[c];
    return v === undefined ? '' : v.trim();
  };
  for (const c of ['case_id', 'member_id', 'plan', 'outcome'] as const) {
    if (CONTROL.test(raw[c] ?? '')) return fail(c, 'control character');
    if (text(c).length > LIMITS.maxTextLength) return fail(c, `longer than ${LIMITS.maxTextLength} characters`);
  }
  const caseId = text('case_id');
  if (caseId === '') return fail('case_id', 'empty');
  const type = norm(text('type'));
  if (!(CASE_TYPES as readonly string[]).includes(type)) return fail('type', `not one of ${CASE_TYPES.join(', ')}`);
  const priorityText = norm(text('priority'));
  const priority = priorityText === '' ? 'standard' : priorityText;
  if (!(CASE_PRIORITIES as readonly string[]).includes(priority)) return fail('priority', 'not one of standard, expedited');
  const program = norm(text('program'));
  if (!(CASE_PROGRAMS as readonly string[]).includes(program)) return fail('program', `not one of ${CASE_PROGRAMS.join(', ')}`);
  const stateText = text('state').toUpperCase();
  if (stateText !== '' && !STATE_SET.has(stateText)) return fail('state', 'not a two-letter US state or territory code');
  const tierText = text('tier');
  if (tierText !== '' && !/^[123]$/.test(tierText)) return fail('tier', 'not 1, 2 or 3');
  const extText = text('extended').toLowerCase();
  let extended = false;
  if ((TRUE_TOKENS as readonly string[]).includes(extText)) extended = true;
  else if (extText !== '' && !(FALSE_TOKENS as readonly string[]).includes(extText)) return fail('extended', 'not a boolean (true/false, yes/no, 1/0)');

  const times: Partial<Record<'received_at' | 'acknowledged_at' | 'resolved_at', number | null>> = {};
  for (const c of ['received_at', 'acknowledged_at', 'resolved_at'] as const) {
    const t = text(c);
    if (t === '') {
      if (c === 'received_at') return fail(c, 'empty');
      times[c] = null;
      continue;
    }
    const r = parseCaseTimestamp(t, o.tz);
    if (!r.ok) {
      if ('naive' in r) return { ok: false, naive: true, column: c };
      return fail(c, r.problem);
    }
    // No date floor (real history goes back decades); placeholder dates are not recorded times.
    if (SENTINEL_DATES.some((d) => t.startsWith(d)) || r.ms === Date.parse(SENTINEL_EPOCH)) return fail(c, `a sentinel date (${SENTINEL_DATES.join(', ')} or ${SENTINEL_EPOCH}), not a recorded time`);
    times[c] = r.ms;
  }
  const receivedAt = times.received_at!;
  for (const c of ['received_at', 'acknowledged_at', 'resolved_at'] as const) {
    const t = times[c];
    if (t != null && t > o.latestMs) return fail(c, 'more than a day in the future');
  }
  if (times.acknowledged_at != null && times.acknowledged_at < receivedAt) return fail('acknowledged_at', 'before received_at');
  if (times.resolved_at != null && times.resolved_at < receivedAt) return fail('resolved_at', 'before received_at');
  const member = text('member_id');
  const outcome = text('outcome');
  const plan = text('plan');
  return {
    ok: true,
    value: {
      caseId,
      memberId: member === '' ? null : member,
      type: type as CaseType,
      priority: priority as CasePriority,
      program: program as CaseProgram,
      plan: plan === '' ? null : plan,
      state: stateText === '' ? null : stateText,
      tier: tierText === '' ? null : Number(tierText),
      receivedAt,
      acknowledgedAt: times.acknowledged_at ?? null,
      resolvedAt: times.resolved_at ?? null,
      extended,
      outcome: outcome === '' ? null : outcome,
    },
  };
}
