/**
 * Files from the shared reference folder (`../shared` next to the checkout, or
 * $STAFFCAST_SHARED): datasets and reference cases some tests check against. Without the
 * folder such a test is skipped on a developer's machine, but under CI (CI set, as .ci/run
 * sets it) it runs and fails naming the missing file, so a CI run never passes by skipping.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface SharedFile {
  path: string;
  present: boolean;
  /** Skip the test: the file is missing and this is not a CI run. */
  skip: boolean;
}

export function sharedFile(relative: string, env: NodeJS.ProcessEnv = process.env): SharedFile {
  const dir = env.STAFFCAST_SHARED ?? fileURLToPath(new URL('../../../shared', import.meta.url));
  const path = join(dir, relative);
  const present = existsSync(path);
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0';
  return { path, present, skip: !present && !ci };
}

/** Throws, naming the file, when it is missing (reached only in CI: elsewhere the test is skipped). */
export function requirePresent(file: SharedFile): string {
  if (!file.present) throw new Error(`${file.path} is missing: CI needs the shared reference folder next to the checkout (or STAFFCAST_SHARED)`);
  return file.path;
}
