/**
 * The site's SLA definitions, stored as JSON rows in list order (migration 12) and checked
 * with parseSlaDefinitions on the way in and out. No rows: the defaults in code apply.
 */
import type { Database } from '../database.ts';
import { parseSlaDefinitions, type SlaDefinition } from '../../wfm/sla/definition.ts';

async function hasTable(db: Database, name: string): Promise<boolean> {
  const rows = await db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name = $name', { name });
  return rows[0]!.n > 0;
}

/** The stored definitions, or null when none are stored (or the database predates migration 12). */
export async function getStoredSlaDefinitions(db: Database): Promise<{ definitions: SlaDefinition[]; updatedAt: string } | null> {
  if (!(await hasTable(db, 'sla_definitions'))) return null;
  const rows = await db.query<{ definition: string; updated_at: string }>(
    `SELECT definition, strftime(updated_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS updated_at FROM sla_definitions ORDER BY position`,
  );
  if (rows.length === 0) return null;
  return {
    definitions: parseSlaDefinitions(rows.map((r) => JSON.parse(r.definition))),
    updatedAt: rows
      .map((r) => r.updated_at)
      .sort()
      .at(-1)!,
  };
}

/** Replaces the stored list after checking it (InputError naming the field when invalid). */
export async function putSlaDefinitions(db: Database, input: unknown): Promise<SlaDefinition[]> {
  const definitions = parseSlaDefinitions(input);
  await db.transaction(async (conn) => {
    await conn.run('DELETE FROM sla_definitions');
    for (const [i, d] of definitions.entries()) {
      await conn.run('INSERT INTO sla_definitions VALUES ($id, $pos, $def, now())', { id: d.id, pos: i, def: JSON.stringify(d) });
    }
  });
  return definitions;
}

/** Forgets the stored list: the defaults apply again. */
export async function deleteSlaDefinitions(db: Database): Promise<void> {
  await db.query('DELETE FROM sla_definitions');
}
