/**
 * Stored deadline rule overrides (`case_deadline_overrides`): a plan's own values, one per
 * key (milestone, type, program, priority, plan), kept as JSON and checked by
 * parseDeadlineRule on the way in and out.
 */
import type { Database } from '../database.ts';
import { type DeadlineRule, parseDeadlineRule, type RuleKey } from '../../wfm/cases/deadlineRules.ts';

export async function listRuleOverrides(db: Database): Promise<DeadlineRule[]> {
  const rows = await db.query<{ rule: string }>('SELECT rule FROM case_deadline_overrides ORDER BY milestone, type, program, priority, plan');
  return rows.map((r) => parseDeadlineRule(JSON.parse(r.rule), 'override'));
}

const KEY_WHERE = 'milestone = $milestone AND type = $type AND program = $program AND priority = $priority AND plan = $plan';
const keyParams = (k: RuleKey) => ({ milestone: k.milestone, type: k.type, program: k.program, priority: k.priority, plan: k.plan });

/** Stores an override (replacing one of the same key). */
export async function putRuleOverride(db: Database, rule: DeadlineRule): Promise<void> {
  const { origin: _origin, ...stored } = rule;
  await db.transaction(async (conn) => {
    await conn.run(`DELETE FROM case_deadline_overrides WHERE ${KEY_WHERE}`, keyParams(rule));
    await conn.run('INSERT INTO case_deadline_overrides VALUES ($milestone, $type, $program, $priority, $plan, $rule, now())', { ...keyParams(rule), rule: JSON.stringify(stored) });
  });
}

/** Removes the override of a key; true when there was one. */
export async function deleteRuleOverride(db: Database, key: RuleKey): Promise<boolean> {
  const rows = await db.query<{ n: number }>(`DELETE FROM case_deadline_overrides WHERE ${KEY_WHERE} RETURNING 1 AS n`, keyParams(key));
  return rows.length > 0;
}
