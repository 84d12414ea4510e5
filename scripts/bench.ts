/**
 * `npm run bench [-- --quick] [-- --only AREA]`: runs every module in scripts/bench/ that
 * exports a default `(bench) => Promise<void>` and prints the figures as a table (paste it
 * into docs/benchmarks.md). Generated inputs are cached under bench-data/ (git-ignored).
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Bench, Figure } from './bench/harness.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const workDir = join(here, '..', 'bench-data');
mkdirSync(workDir, { recursive: true });

const figures: Figure[] = [];
const modules = readdirSync(join(here, 'bench'))
  .filter((f) => f.endsWith('.ts') && f !== 'harness.ts')
  .map((f) => f.replace(/\.ts$/, ''))
  .filter((area) => !only || area === only)
  .sort();

for (const area of modules) {
  const mod = (await import(`./bench/${area}.ts`)) as { default: (b: Bench) => Promise<void> };
  console.error(`bench: ${area}…`);
  const bench: Bench = {
    quick,
    workDir,
    record(name, value, unit, note) {
      figures.push({ area, name, value, unit, note });
      console.error(`  ${name}: ${format(value)} ${unit}${note ? ` (${note})` : ''}`);
    },
  };
  await mod.default(bench);
}

function format(v: number): string {
  return Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en-US') : v.toPrecision(3);
}

console.log(`| area | figure | value | unit | note |\n|---|---|---:|---|---|`);
for (const f of figures) console.log(`| ${f.area} | ${f.name} | ${format(f.value)} | ${f.unit} | ${f.note ?? ''} |`);
