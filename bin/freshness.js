// Whether dist/ (the compiled server and CLI) is there and newer than the TypeScript it came
// from. Used by bin/staffcast.js, which refuses a missing or stale build, and by the tests'
// global setup, which rebuilds one before spawning the CLI.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const MAIN = join(ROOT, 'dist', 'cli', 'main.js');

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

/**
 * null when dist/ is usable, else why not, as a sentence that ends with the fix. In a
 * checkout (server/ present) a build older than any source file is stale; tsc rewrites every
 * output on each build and writes none on an error, so dist/cli/main.js dates the build.
 */
export function buildProblem() {
  if (!existsSync(MAIN)) return 'the compiled CLI (dist/cli/main.js) is missing: run `npm run build` (npm install and npm start run it)';
  const source = join(ROOT, 'server');
  if (!existsSync(source)) return null;
  const newest = newestSource(source);
  if (newest && newest.mtimeMs > statSync(MAIN).mtimeMs) {
    return `the compiled CLI in dist/ is older than ${newest.path.slice(ROOT.length)}: run \`npm run build\``;
  }
  return null;
}
