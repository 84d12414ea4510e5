/**
 * The compliance templates: the ones shipped as JSON in the repository
 * (server/compliance/templates/*.json, read from the source tree, so the compiled dist/ reads
 * the same files) and the editable copies in DuckDB, a copy replacing the shipped template
 * of the same name.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Database } from '../db/database.ts';
import { listStoredTemplates } from '../db/queries/complianceTemplates.ts';
import { InputError } from '../wfm/inputError.ts';
import { type ComplianceTemplate, parseComplianceTemplate } from '../wfm/sla/compliance.ts';

/** server/compliance/templates, from server/compliance/ and from dist/compliance/ alike. */
const DIR = fileURLToPath(new URL('../../server/compliance/templates/', import.meta.url));

let shipped: ComplianceTemplate[] | null = null;

/** The templates in the repository, checked (a broken file is a bug: it throws). */
export function shippedTemplates(): ComplianceTemplate[] {
  if (!shipped) {
    shipped = readdirSync(DIR)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => {
        const t = parseComplianceTemplate(JSON.parse(readFileSync(DIR + f, 'utf8')));
        if (`${t.name}.json` !== f) throw new Error(`compliance template ${f} is named ${t.name}`);
        return t;
      });
  }
  return shipped;
}

export interface TemplateEntry {
  template: ComplianceTemplate;
  /** `repository`: as shipped; `stored`: an edited copy (replacing the shipped one of its name, if any). */
  source: 'repository' | 'stored';
  updatedAt: string | null;
  /** Whether a shipped template of this name exists (a stored copy can be deleted back to it). */
  shipped: boolean;
}

export async function listTemplates(db: Database): Promise<TemplateEntry[]> {
  const stored = new Map((await listStoredTemplates(db)).map((s) => [s.template.name, s]));
  const out: TemplateEntry[] = [];
  const names = new Set<string>();
  for (const t of shippedTemplates()) {
    const s = stored.get(t.name);
    out.push(s ? { template: s.template, source: 'stored', updatedAt: s.updatedAt, shipped: true } : { template: t, source: 'repository', updatedAt: null, shipped: true });
    names.add(t.name);
  }
  for (const [name, s] of stored) if (!names.has(name)) out.push({ template: s.template, source: 'stored', updatedAt: s.updatedAt, shipped: false });
  return out;
}

/** One template by name, or InputError naming `template` with the names there are. */
export async function getTemplate(db: Database, name: string): Promise<TemplateEntry> {
  const all = await listTemplates(db);
  const hit = all.find((e) => e.template.name === name);
  if (!hit) throw new InputError('template', `no template ${JSON.stringify(name.slice(0, 64))}; expected one of ${all.map((e) => e.template.name).join(', ')}`);
  return hit;
}
