/**
 * Rules the test suite keeps about itself: every property test has a fixed seed (an
 * unseeded one once failed on one run in many), no test kills a process on a timer, and a
 * test that needs ../shared fails under CI instead of skipping.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedFile } from '../helpers/shared.ts';

const ROOT = join(import.meta.dirname, '../..');

/** Every test source but this file (whose examples would match). */
function testSources(dir = join(ROOT, 'test')): { file: string; text: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return testSources(path);
    const file = relative(ROOT, path).split('\\').join('/');
    return /\.(ts|tsx|mjs)$/.test(e.name) && file !== 'test/unit/test-hygiene.test.ts' ? [{ file, text: readFileSync(path, 'utf8') }] : [];
  });
}

/** The argument text of every `fc.assert(…)` call, with the line it starts on. */
function assertCalls(text: string): { line: number; args: string }[] {
  const out: { line: number; args: string }[] = [];
  const marker = 'fc.assert' + '(';
  for (let at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + 1)) {
    let depth = 1;
    let i = at + marker.length;
    let quote: string | null = null;
    for (; i < text.length && depth > 0; i++) {
      const c = text[i]!;
      if (quote) {
        if (c === '\\') i++;
        else if (c === quote) quote = null;
      } else if (c === "'" || c === '"' || c === '`') quote = c;
      else if ('([{'.includes(c)) depth++;
      else if (')]}'.includes(c)) depth--;
    }
    out.push({ line: text.slice(0, at).split('\n').length, args: text.slice(at + marker.length, i - 1) });
  }
  return out;
}

describe('test hygiene', () => {
  it('finds property-test calls and their options', () => {
    const sample = ['fc.assert(fc.property(fc.nat(), (n) => n >= 0), { seed: 4 });', '', "fc.assert(fc.property(fc.string(), (s) => s !== ')'));"].join('\n');
    expect(assertCalls(sample)).toEqual([
      { line: 1, args: 'fc.property(fc.nat(), (n) => n >= 0), { seed: 4 }' },
      { line: 3, args: "fc.property(fc.string(), (s) => s !== ')')" },
    ]);
  });

  it('every property test has a fixed seed', () => {
    const unseeded = testSources().flatMap(({ file, text }) =>
      assertCalls(text)
        .filter((c) => !/\bseed\s*:/.test(c.args))
        .map((c) => `${file}:${c.line}`),
    );
    expect(unseeded).toEqual([]);
  });

  it('no test kills a process on a timer (wait for a marker the process prints instead)', () => {
    const timed = testSources()
      .filter(({ text }) => /setTimeout\([^;]*\.kill\(/.test(text))
      .map(({ file }) => file);
    expect(timed).toEqual([]);
  });

  it('a test that needs ../shared is skipped without it only outside CI', () => {
    const missing = 'datasets/no-such-file.tsv';
    const env = { STAFFCAST_SHARED: join(ROOT, 'no-such-dir') };
    expect(sharedFile(missing, env).skip).toBe(true);
    expect(sharedFile(missing, { ...env, CI: 'true' }).skip).toBe(false);
    expect(sharedFile(missing, { ...env, CI: 'false' }).skip).toBe(true);
    expect(sharedFile('package.json', { STAFFCAST_SHARED: ROOT, CI: 'true' })).toEqual({ path: join(ROOT, 'package.json'), present: true, skip: false });
  });
});
