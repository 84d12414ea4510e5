/**
 * Case deadline rules as data: per milestone (acknowledge, resolve), case type, program,
 * priority and plan ('*' = any), a deadline from receipt in calendar days, business days or
 * hours, the extension allowed for a case marked `extended`, and the source. The built-in
 * rules are deadline-rules.json; a plan's own values are stored overrides of the same shape
 * (server/db/queries/casesRules.ts). Of the rules that match a case, the most specific wins;
 * at equal specificity an override wins over a built-in rule. Pure (docs/cases.md).
 */
import { InputError } from '../inputError.ts';
import { CASE_PRIORITIES, CASE_PROGRAMS, CASE_TYPES } from './caseRecord.ts';
import builtIn from './deadline-rules.json' with { type: 'json' };

export const ANY = '*';
export const MILESTONES = ['acknowledge', 'resolve'] as const;
export const DEADLINE_UNITS = ['calendar_days', 'business_days', 'hours'] as const;
export type Milestone = (typeof MILESTONES)[number];
export type DeadlineUnit = (typeof DEADLINE_UNITS)[number];

/** Which cases a rule applies to: each '*' or one value. */
export interface RuleKey {
  milestone: Milestone;
  type: string;
  program: string;
  priority: string;
  plan: string;
}

export interface DeadlineRule extends RuleKey {
  id: string;
  amount: number;
  unit: DeadlineUnit;
  /** Calendar days added to the deadline of a case marked extended; 0 = no extension allowed. */
  extensionDays: number;
  source: string;
  /** Checked against the regulation text (false: a default a plan confirms). */
  verified: boolean;
  /** 'built-in' (deadline-rules.json) or 'override' (stored). */
  origin: 'built-in' | 'override';
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function oneOf(x: unknown, field: string, values: readonly string[], any: boolean): string {
  if (x === undefined && any) return ANY;
  if (typeof x !== 'string' || !(values.includes(x) || (any && x === ANY))) throw new InputError(field, `must be ${any ? "'*' or " : ''}one of ${values.join(', ')}`);
  return x;
}

/**
 * Checks one rule as it arrives (JSON: the built-in file, an API body, a stored override),
 * naming the field at fault. `plan` is '*' or a plan's name as the case log writes it.
 */
export function parseDeadlineRule(x: unknown, origin: DeadlineRule['origin'], prefix = ''): DeadlineRule {
  const f = (name: string) => `${prefix}${name}`;
  if (!isObject(x)) throw new InputError(prefix.replace(/\.$/, '') || 'rule', 'must be an object');
  for (const k of Object.keys(x)) {
    if (!['id', 'milestone', 'type', 'program', 'priority', 'plan', 'amount', 'unit', 'extensionDays', 'source', 'verified', 'origin'].includes(k)) throw new InputError(f(k), 'unknown field');
  }
  const milestone = oneOf(x.milestone, f('milestone'), MILESTONES, false) as Milestone;
  const type = oneOf(x.type, f('type'), CASE_TYPES, true);
  const program = oneOf(x.program, f('program'), CASE_PROGRAMS, true);
  const priority = oneOf(x.priority, f('priority'), CASE_PRIORITIES, true);
  const plan = x.plan === undefined ? ANY : x.plan;
  if (typeof plan !== 'string' || plan.trim() === '' || plan.length > 256) throw new InputError(f('plan'), "must be '*' or a plan name (1-256 characters)");
  const unit = oneOf(x.unit, f('unit'), DEADLINE_UNITS, false) as DeadlineUnit;
  const amount = x.amount;
  const maxAmount = unit === 'hours' ? 24 * 366 : 366;
  if (typeof amount !== 'number' || !Number.isInteger(amount) || amount < 1 || amount > maxAmount) throw new InputError(f('amount'), `must be a whole number from 1 to ${maxAmount}`);
  const extensionDays = x.extensionDays === undefined ? 0 : x.extensionDays;
  if (typeof extensionDays !== 'number' || !Number.isInteger(extensionDays) || extensionDays < 0 || extensionDays > 90)
    throw new InputError(f('extensionDays'), 'must be a whole number of calendar days from 0 to 90');
  const source = x.source === undefined ? (origin === 'override' ? 'plan override' : '') : x.source;
  if (typeof source !== 'string' || source.trim() === '') throw new InputError(f('source'), 'must name where the value comes from');
  const verified = x.verified === undefined ? false : x.verified;
  if (typeof verified !== 'boolean') throw new InputError(f('verified'), 'must be true or false');
  const key = { milestone, type, program, priority, plan };
  const id = typeof x.id === 'string' && x.id !== '' ? x.id : ruleKeyId(key);
  return { id, ...key, amount, unit, extensionDays, source, verified, origin };
}

/** A readable id of a rule key: `resolve:appeal:medicaid:standard:*`. */
export function ruleKeyId(k: RuleKey): string {
  return [k.milestone, k.type, k.program, k.priority, k.plan].join(':');
}

/** The built-in rules (deadline-rules.json), checked. */
export const BUILT_IN_RULES: readonly DeadlineRule[] = builtIn.rules.map((r, i) => parseDeadlineRule(r, 'built-in', `rules[${i}].`));

/** 8 plan, 4 program, 2 type, 1 priority: the more named, the more specific; -1 = no match. */
function specificity(r: RuleKey, c: { type: string; program: string; priority: string; plan: string | null }): number {
  const parts: [string, string | null, number][] = [
    [r.plan, c.plan, 8],
    [r.program, c.program, 4],
    [r.type, c.type, 2],
    [r.priority, c.priority, 1],
  ];
  let score = 0;
  for (const [rule, value, weight] of parts) {
    if (rule === ANY) continue;
    if (rule !== value) return -1;
    score += weight;
  }
  return score;
}

/** The rules in force: the built-in ones and the overrides (an override of the same key replaces it). */
export function effectiveRules(overrides: readonly DeadlineRule[], builtIns: readonly DeadlineRule[] = BUILT_IN_RULES): DeadlineRule[] {
  const replaced = new Set(overrides.map(ruleKeyId));
  return [...builtIns.filter((r) => !replaced.has(ruleKeyId(r))), ...overrides];
}

const ruleMemo = new WeakMap<readonly DeadlineRule[], Map<string, DeadlineRule | null>>();

/** The rule that times a case's milestone: the most specific match (an override on a tie), or null. */
export function ruleFor(rules: readonly DeadlineRule[], milestone: Milestone, c: { type: string; program: string; priority: string; plan: string | null }): DeadlineRule | null {
  let memo = ruleMemo.get(rules);
  if (!memo) ruleMemo.set(rules, (memo = new Map()));
  const key = `${milestone}|${c.type}|${c.program}|${c.priority}|${c.plan ?? ''}`;
  const hit = memo.get(key);
  if (hit !== undefined) return hit;
  let best: DeadlineRule | null = null;
  let bestScore = -1;
  for (const r of rules) {
    if (r.milestone !== milestone) continue;
    const s = specificity(r, c);
    if (s > bestScore || (s === bestScore && s >= 0 && r.origin === 'override' && best?.origin !== 'override')) {
      best = r;
      bestScore = s;
    }
  }
  if (memo.size > 100_000) memo.clear();
  memo.set(key, best);
  return best;
}
