/**
 * Vitest global setup: the tests that spawn `bin/staffcast.js` run the compiled CLI in dist/,
 * so it is rebuilt here when missing or older than the source (as after an edit); `npm test`
 * has built it already and this does nothing. A build that fails (a type error in server/)
 * does not stop the other tests: the CLI then refuses to run its stale build, and the tests
 * that spawn it fail with that message.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { buildProblem, ROOT } from '../../bin/freshness.js';

export default function setup(): void {
  const problem = buildProblem();
  if (problem === null) return;
  process.stderr.write(`test setup: ${problem.split(':')[0]}; compiling server/ to dist/\n`);
  try {
    execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
  } catch {
    process.stderr.write('test setup: the build failed (above); tests that run bin/staffcast.js will fail\n');
  }
}
