/**
 * The CLI starts fast because a command loads only what it runs: `--help` and `erlang` must
 * not load DuckDB, Express or zod (hundreds of milliseconds between them): the staffing input
 * is checked by its own table (server/wfm/staffingSchema.ts), not by zod.
 * Checked on the modules the process resolves, not on a clock.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'staffcast-startup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function modulesLoadedBy(args: string[]): string[] {
  const out = join(dir, `${args[0]}.txt`);
  execFileSync(process.execPath, ['--import', join(ROOT, 'test/fixtures/list-modules.mjs'), join(ROOT, 'bin/staffcast.js'), ...args], {
    env: { ...process.env, LIST_MODULES_OUT: out },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return readFileSync(out, 'utf8').split('\n');
}

const HEAVY = ['/node_modules/@duckdb/', '/node_modules/express/', '/node_modules/zod/'];
const loaded = (urls: string[], part: string) => urls.some((u) => u.includes(part));

describe('CLI start-up', () => {
  it('runs the compiled CLI, and --help loads neither DuckDB, Express nor zod', () => {
    const urls = modulesLoadedBy(['--help']);
    expect(loaded(urls, '/dist/cli/main.js')).toBe(true);
    expect(loaded(urls, '/server/')).toBe(false); // no TypeScript source compiled at start
    expect(HEAVY.filter((h) => loaded(urls, h))).toEqual([]);
  });

  it('erlang loads neither DuckDB, Express nor zod', () => {
    const urls = modulesLoadedBy(['erlang', '--calls', '100', '--aht', '300', '--json']);
    expect(HEAVY.filter((h) => loaded(urls, h))).toEqual([]);
  });
});
