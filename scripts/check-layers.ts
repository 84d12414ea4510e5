/**
 * `npm run check:layers`: the layering rules of scripts/layers.ts over every TypeScript and
 * JavaScript file of the repository (server, web, scripts, test, bin). Exit 1 on a problem.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { layerProblems } from './layers.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const SKIP = new Set(['node_modules', 'dist', '.git']);

function walk(dir: string, out: Map<string, string>): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else if (/\.(ts|tsx|js|mjs)$/.test(entry.name)) out.set(relative(root, path).split(sep).join('/'), readFileSync(path, 'utf8'));
  }
}

const files = new Map<string, string>();
for (const dir of ['server', 'web', 'scripts', 'test', 'bin']) walk(join(root, dir), files);
const problems = layerProblems(files);
for (const p of problems) process.stderr.write(`${p}\n`);
if (problems.length) {
  process.stderr.write(`check:layers: ${problems.length} problem(s) in ${files.size} files (rules: scripts/layers.ts, docs/architecture.md)\n`);
  process.exit(1);
}
process.stdout.write(`check:layers: ${files.size} files, no layering problem, no import cycle\n`);
