/**
 * Editable copies of the compliance templates (migration 12), JSON checked with
 * parseComplianceTemplate on the way in and out. A copy with a shipped template's name is
 * used instead of it; deleting it brings the shipped one back.
 */
import type { Database } from '../database.ts';
import { type ComplianceTemplate, parseComplianceTemplate } from '../../wfm/sla/compliance.ts';

export interface StoredTemplate {
  template: ComplianceTemplate;
  updatedAt: string;
}

export async function listStoredTemplates(db: Database): Promise<StoredTemplate[]> {
  const table = await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name = 'compliance_templates'`);
  if (table[0]!.n === 0) return [];
  const rows = await db.query<{ template: string; updated_at: string }>(
    `SELECT template, strftime(updated_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS updated_at FROM compliance_templates ORDER BY name`,
  );
  return rows.map((r) => ({ template: parseComplianceTemplate(JSON.parse(r.template)), updatedAt: r.updated_at }));
}

/** Stores a checked copy under its name (InputError naming the field when invalid). */
export async function putStoredTemplate(db: Database, input: unknown): Promise<ComplianceTemplate> {
  const template = parseComplianceTemplate(input);
  await db.query('INSERT OR REPLACE INTO compliance_templates (name, template, updated_at) VALUES ($name, $t, now())', { name: template.name, t: JSON.stringify(template) });
  return template;
}

/** Removes the copy; true when there was one. */
export async function deleteStoredTemplate(db: Database, name: string): Promise<boolean> {
  const rows = await db.query<{ n: number }>('DELETE FROM compliance_templates WHERE name = $name RETURNING 1 AS n', { name });
  return rows.length > 0;
}
