/**
 * The layering rules of docs/architecture.md, checked on the import statements themselves
 * (`npm run check:layers`, part of `npm test`). Pure: takes file texts, returns problems.
 *
 * - server/wfm is pure and runs in the browser: it imports only server/wfm and packages
 *   that are neither Node built-ins nor server-only (DuckDB, Express, busboy, commander).
 * - server/db imports nothing from server/ingest, server/kpi, server/api or server/cli.
 * - web imports from server/ only server/wfm (type-only imports of server types are fine:
 *   they are erased and bundle nothing).
 * - No import cycles anywhere (type-only imports included: a cycle of types is still two
 *   modules that cannot be understood apart).
 */
import { builtinModules } from 'node:module';
import { posix } from 'node:path';

export interface ImportRef {
  /** As written: './foo.ts', 'node:fs', 'react'. */
  specifier: string;
  /** `import type`, `export type`, or every named specifier marked `type`. */
  typeOnly: boolean;
  /** `import('…')`. */
  dynamic: boolean;
}

const STATIC = /^[ \t]*(import|export)\s+(type\s+)?([^;'"]*?)\s*from\s*['"]([^'"]+)['"]/gm;
const SIDE_EFFECT = /^[ \t]*import\s*['"]([^'"]+)['"]/gm;
const DYNAMIC = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The imports of one TypeScript/JavaScript module, in the order found per kind. */
export function importsOf(source: string): ImportRef[] {
  const out: ImportRef[] = [];
  for (const m of source.matchAll(STATIC)) {
    const clause = m[3]!.trim();
    const named = /^\{([\s\S]*)\}$/.exec(clause);
    const allTypes =
      named !== null &&
      named[1]!
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .every((s) => s.startsWith('type '));
    out.push({ specifier: m[4]!, typeOnly: m[2] !== undefined || allTypes, dynamic: false });
  }
  for (const m of source.matchAll(SIDE_EFFECT)) out.push({ specifier: m[1]!, typeOnly: false, dynamic: false });
  for (const m of source.matchAll(DYNAMIC)) out.push({ specifier: m[1]!, typeOnly: false, dynamic: true });
  return out;
}

const BUILTINS = new Set(builtinModules);
const SERVER_ONLY_PACKAGES = ['@duckdb/node-api', 'express', 'busboy', 'commander'];

export function isBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || BUILTINS.has(specifier.split('/')[0]!);
}

function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

const under = (file: string, dir: string) => file === dir || file.startsWith(`${dir}/`);

export interface Edge {
  from: string;
  /** Repository-relative path for a relative import, else the specifier. */
  to: string;
  ref: ImportRef;
}

/** Every import of every file, relative ones resolved to repository paths (POSIX). */
export function edgesOf(files: ReadonlyMap<string, string>): Edge[] {
  const edges: Edge[] = [];
  for (const [from, text] of files) {
    for (const ref of importsOf(text)) {
      const relative = ref.specifier.startsWith('.');
      edges.push({ from, to: relative ? posix.join(posix.dirname(from), ref.specifier) : ref.specifier, ref });
    }
  }
  return edges;
}

/** The rule an edge breaks, or null. */
export function ruleBroken(edge: Edge): string | null {
  const { from, to, ref } = edge;
  const relative = ref.specifier.startsWith('.');
  if (under(from, 'server/wfm')) {
    if (!relative && isBuiltin(to)) return 'server/wfm is pure (the browser imports it): no Node built-ins';
    if (!relative && SERVER_ONLY_PACKAGES.includes(packageOf(to))) return `server/wfm is pure (the browser imports it): no ${packageOf(to)}`;
    if (relative && !under(to, 'server/wfm') && !ref.typeOnly) return 'server/wfm is pure: it imports only server/wfm';
  }
  if (under(from, 'server/db') && relative) {
    for (const layer of ['server/ingest', 'server/kpi', 'server/api', 'server/cli']) {
      if (under(to, layer)) return `server/db sits below ${layer}: it may not import it`;
    }
  }
  if (under(from, 'web') && relative && under(to, 'server') && !under(to, 'server/wfm') && !ref.typeOnly) {
    return 'web imports from server/ only server/wfm (and types)';
  }
  return null;
}

/** Import cycles among the given files: each as the path around it, first file repeated at the end. */
export function cyclesOf(edges: readonly Edge[], files: ReadonlySet<string>): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) {
    if (!files.has(e.to)) continue;
    const list = next.get(e.from) ?? [];
    if (!list.includes(e.to)) list.push(e.to);
    next.set(e.from, list);
  }
  // Tarjan's strongly connected components; each component of two or more files (or one
  // file importing itself) holds at least one cycle, reported through its first member.
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (next.get(v) ?? []).includes(v)) components.push(component);
    }
  };
  for (const f of [...files].sort()) if (!idx.has(f)) visit(f);
  return components.map((component) => {
    const inside = new Set(component);
    const start = [...component].sort()[0]!;
    // Breadth-first from start back to start, within the component: one shortest cycle.
    const prev = new Map<string, string>();
    const queue = [start];
    while (queue.length) {
      const v = queue.shift()!;
      for (const w of next.get(v) ?? []) {
        if (!inside.has(w)) continue;
        if (w === start) {
          const path = [start];
          for (let u: string | undefined = v; u !== undefined && u !== start; u = prev.get(u)) path.splice(1, 0, u);
          return [...path, start];
        }
        if (!prev.has(w)) {
          prev.set(w, v);
          queue.push(w);
        }
      }
    }
    return [...component, component[0]!];
  });
}

/**
 * Imports that break a rule today and are waiting for their fix, as `from → specifier`.
 * Each is skipped by the rules and left out of the cycle search; one that no longer exists
 * is itself a problem, so the list only shrinks.
 */
export const KNOWN_EXCEPTIONS: ReadonlyMap<string, string> = new Map<string, string>([
  // None today. An entry: ['server/x/a.ts → ../y/b.ts', 'why, and what will remove it'].
]);

/** Every problem, one line each: broken rules, unresolved relative imports, cycles. */
export function layerProblems(files: ReadonlyMap<string, string>, known: ReadonlyMap<string, string> = KNOWN_EXCEPTIONS): string[] {
  const all = edgesOf(files);
  const key = (e: Edge) => `${e.from} → ${e.ref.specifier}`;
  const edges = all.filter((e) => !known.has(key(e)));
  const names = new Set(files.keys());
  const problems: string[] = [];
  const present = new Set(all.map(key));
  for (const k of known.keys()) if (!present.has(k)) problems.push(`${k}: listed in KNOWN_EXCEPTIONS but no longer imported; remove it from the list`);
  for (const e of edges) {
    const rule = ruleBroken(e);
    if (rule) problems.push(`${e.from} → ${e.ref.specifier}: ${rule}`);
    if (e.ref.specifier.startsWith('.') && /\.(ts|tsx)$/.test(e.to) && !names.has(e.to)) problems.push(`${e.from} → ${e.ref.specifier}: no such file`);
  }
  for (const cycle of cyclesOf(edges, names)) problems.push(`import cycle: ${cycle.join(' → ')}`);
  return problems;
}
