/**
 * `staffcast batches` as a user runs it: list the batches, undo one (text and JSON), and
 * refuse what cannot be undone with exit 2 naming the id.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { CLI_ACTOR, cliAuditRows } from '../helpers/cliAudit.ts';
import { csv, row } from '../fixtures/ingest/helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'staffcast-batches-cli-'));
const env = { STAFFCAST_DB: join(dir, 'staffcast.duckdb'), STAFFCAST_KEY_FILE: join(dir, 'k.key'), STAFFCAST_TIMEZONE: 'America/Los_Angeles' };
const run = (args: string[]) => runCli(args, env);

describe('staffcast batches', () => {
  it('lists, undoes, and refuses to undo twice', async () => {
    const file = join(dir, 'a.csv');
    writeFileSync(file, csv([row({ contact_id: 'a1' }), row({ contact_id: 'a2', member_id: 'M2' })]));
    expect((await run(['ingest', file])).code).toBe(0);

    const list = await run(['batches']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^\s+1 .* committed\s+2 loaded {2}default \/ a\.csv$/m);

    const undo = await run(['batches', 'undo', '1']);
    expect(undo).toMatchObject({ code: 0, stderr: '' });
    expect(undo.stdout).toBe("Batch 1 (a.csv) undone: 2 contacts removed; 0 other contacts' next-contact links recomputed; 1 day of rollups rebuilt.\n");

    // Loaded and undone from the command line: recorded as the operating-system user, and audited.
    const json = JSON.parse((await run(['batches', '--json'])).stdout) as { batches: { outcome: string; loadedBy: string }[] };
    expect(json.batches.map((b) => [b.outcome, b.loadedBy])).toEqual([['undone', CLI_ACTOR]]);

    const again = await run(['batches', 'undo', '1']);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/invalid id: batch 1 \(a\.csv\) is already undone/);
    expect((await run(['batches', 'undo', 'x'])).stderr).toMatch(/invalid id: batches undo needs a positive integer batch id/);

    const os = CLI_ACTOR;
    expect(await cliAuditRows(env.STAFFCAST_DB)).toEqual([
      { actor: os, action: 'ingest', path: 'a.csv', outcome: 'ok', detail: 'batch 1: committed, 2 accepted, 0 rejected' },
      { actor: os, action: 'batch.undo', path: '1', outcome: 'ok', detail: 'batch 1 undone' },
      { actor: os, action: 'batch.undo', path: '1', outcome: 'failed', detail: 'batch 1 (a.csv) is already undone' },
    ]);
  });
});
