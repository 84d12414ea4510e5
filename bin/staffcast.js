#!/usr/bin/env node
// Entry point of the `staffcast` command: runs the CLI compiled to dist/ by `npm run build`
// (which `npm install`, `npm start` and `npm test` run). Compiling once instead of at every
// start is what makes `staffcast --help` answer in a fraction of a second (docs/benchmarks.md).
// A missing or stale build is refused with the command that fixes it, rather than running
// code older than the source in a checkout.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const main = join(root, 'dist', 'cli', 'main.js');

function fail(message) {
  process.stderr.write(`staffcast: ${message}\n`);
  process.exit(1);
}

/** The newest .ts file under dir (recursively), or null when there is none. */
function newestSource(dir) {
  let newest = null;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const inner = newestSource(path);
      if (inner && (!newest || inner.mtimeMs > newest.mtimeMs)) newest = inner;
    } else if (entry.name.endsWith('.ts')) {
      const { mtimeMs } = statSync(path);
      if (!newest || mtimeMs > newest.mtimeMs) newest = { path, mtimeMs };
    }
  }
  return newest;
}

if (!existsSync(main)) fail('the compiled CLI (dist/cli/main.js) is missing: run `npm run build` (npm install and npm start run it)');

// In a checkout (server/ present), refuse a build older than the source it came from.
const source = join(root, 'server');
if (existsSync(source)) {
  const newest = newestSource(source);
  const built = statSync(main).mtimeMs; // tsc rewrites every output, and writes none on an error
  if (newest && newest.mtimeMs > built) {
    fail(`the compiled CLI in dist/ is older than ${newest.path.slice(root.length)}: run \`npm run build\``);
  }
}

await import(main);
