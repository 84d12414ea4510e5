/**
 * Layering: server/db (the SQL and the schema) sits below the ingest, the KPI layer and the
 * API, so nothing under server/db imports from server/ingest, server/kpi or server/api.
 * Shared definitions live below both (the canonical contact record: server/wfm/canonical.ts).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const UPPER = ['server/ingest', 'server/kpi', 'server/api'];
const KNOWN = new Set<string>();

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('server/db imports', () => {
  it('nothing from server/ingest, server/kpi or server/api', () => {
    const bad: string[] = [];
    for (const file of tsFiles(join(ROOT, 'server/db'))) {
      const rel = relative(ROOT, file);
      if (KNOWN.has(rel)) continue;
      for (const m of readFileSync(file, 'utf8').matchAll(/from\s+'([^']+)'/g)) {
        if (!m[1]!.startsWith('.')) continue;
        const target = relative(ROOT, resolve(file, '..', m[1]!));
        if (UPPER.some((u) => target.startsWith(u + '/'))) bad.push(`${rel} -> ${target}`);
      }
    }
    expect(bad).toEqual([]);
  });
});
