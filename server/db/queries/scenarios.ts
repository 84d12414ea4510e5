/**
 * Saved capacity scenarios: the scenario JSON exactly as entered, with a unique name and the
 * baseline it was cloned from. Times come back as ISO strings in UTC.
 */
import type { Database } from '../database.ts';

export interface SavedScenario {
  id: number;
  name: string;
  baselineId: number | null;
  /** The scenario as entered (server/wfm/capacity/scenario.ts ScenarioInput). */
  scenario: unknown;
  createdAt: string;
  updatedAt: string;
}

type ScenarioRow = {
  id: number;
  name: string;
  scenario: string;
  baseline_id: number | null;
  created_s: number;
  updated_s: number;
};

const COLUMNS = 'id, name, scenario, baseline_id, epoch(created_at)::DOUBLE AS created_s, epoch(updated_at)::DOUBLE AS updated_s';

function fromRow(r: ScenarioRow): SavedScenario {
  return {
    id: r.id,
    name: r.name,
    baselineId: r.baseline_id,
    scenario: JSON.parse(r.scenario),
    createdAt: new Date(r.created_s * 1000).toISOString(),
    updatedAt: new Date(r.updated_s * 1000).toISOString(),
  };
}

export async function listScenarios(db: Database): Promise<SavedScenario[]> {
  const rows = await db.query<ScenarioRow>(`SELECT ${COLUMNS} FROM scenarios ORDER BY id`);
  return rows.map(fromRow);
}

export async function getScenario(db: Database, id: number): Promise<SavedScenario | null> {
  const rows = await db.query<ScenarioRow>(`SELECT ${COLUMNS} FROM scenarios WHERE id = $id`, { id });
  return rows[0] ? fromRow(rows[0]) : null;
}

/** The id of the scenario with this name (other than `exceptId`), or null. */
export async function scenarioIdByName(db: Database, name: string, exceptId?: number): Promise<number | null> {
  const rows = await db.query<{ id: number }>('SELECT id FROM scenarios WHERE name = $name AND id <> $except', { name, except: exceptId ?? -1 });
  return rows[0]?.id ?? null;
}

export async function insertScenario(db: Database, s: { name: string; scenario: unknown; baselineId: number | null }): Promise<SavedScenario> {
  const rows = await db.query<ScenarioRow>(
    `INSERT INTO scenarios (name, scenario, baseline_id, created_at, updated_at)
     VALUES ($name, $scenario, $baseline::INTEGER, now(), now()) RETURNING ${COLUMNS}`,
    { name: s.name, scenario: JSON.stringify(s.scenario), baseline: s.baselineId },
  );
  return fromRow(rows[0]!);
}

/** Replaces name and scenario; null when there is no such scenario. */
export async function updateScenario(db: Database, id: number, s: { name: string; scenario: unknown }): Promise<SavedScenario | null> {
  const rows = await db.query<ScenarioRow>(`UPDATE scenarios SET name = $name, scenario = $scenario, updated_at = now() WHERE id = $id RETURNING ${COLUMNS}`, {
    id,
    name: s.name,
    scenario: JSON.stringify(s.scenario),
  });
  return rows[0] ? fromRow(rows[0]) : null;
}

/** True when there was such a scenario. Clones of it keep their data and lose the link. */
export async function deleteScenario(db: Database, id: number): Promise<boolean> {
  const rows = await db.query('DELETE FROM scenarios WHERE id = $id RETURNING id', { id });
  if (rows.length) await db.query('UPDATE scenarios SET baseline_id = NULL WHERE baseline_id = $id', { id });
  return rows.length > 0;
}
