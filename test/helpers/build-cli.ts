/**
 * Vitest global setup: the tests that spawn `bin/staffcast.js` run the compiled CLI in dist/,
 * so it is rebuilt here when missing or older than the source (as after an edit); `npm test`
 * has built it already and this does nothing.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { buildProblem, ROOT } from '../../bin/freshness.js';

export default function setup(): void {
  if (buildProblem() === null) return;
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
}
