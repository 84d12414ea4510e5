/**
 * `staffcast cases` as a user runs it: ingest a case log, then timeliness, backlog and
 * workload as JSON equal to what the service answers (the API's answers), and usage errors
 * naming the flag (exit 2). Default calendar in America/New_York.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { backlogAnswer, timelinessAnswer } from '../../server/cases/service.ts';
import { Database } from '../../server/db/database.ts';
import { runCli } from '../helpers/cli.ts';

const TZ = 'America/New_York';
const dir = mkdtempSync(join(tmpdir(), 'staffcast-cases-cli-'));
const dbPath = join(dir, 'staffcast.duckdb');
const run = (args: string[]) => runCli(args, { STAFFCAST_TIMEZONE: TZ, STAFFCAST_DB: dbPath, STAFFCAST_KEY_FILE: join(dir, 'key') });

const LOG = [
  'case_id,member_id,type,priority,program,plan,state,tier,received_at,acknowledged_at,resolved_at,extended,outcome',
  // Appeal received Mon 2026-03-02 10:00 EST; acknowledged Tue (met); resolved 03-20 (met, due end of 04-01).
  'A1,M-1,appeal,standard,medicaid,p,CA,2,2026-03-02T10:00:00-05:00,2026-03-03T10:00:00-05:00,2026-03-20T10:00:00-04:00,,upheld',
  // Escalation received 03-02 10:00 EST, 48 h → due 03-04 10:00 EST; resolved 03-05: missed.
  'E1,M-2,escalation,,commercial,,WA,1,2026-03-02T10:00:00-05:00,,2026-03-05T10:00:00-05:00,,done',
  // Claim research received Fri 03-27; open.
  'C1,,claim_research,,marketplace,,OR,1,2026-03-27T09:00:00-04:00,,,,',
].join('\n');

beforeAll(() => {
  writeFileSync(join(dir, 'cases.csv'), `${LOG}\n`);
});

describe('staffcast cases', () => {
  it('ingests a case log, and the same file again is a duplicate', async () => {
    const r = await run(['cases', 'ingest', join(dir, 'cases.csv'), '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ outcome: 'committed', rowsRead: 3, rowsAccepted: 3, rowsRejected: 0 });
    const again = await run(['cases', 'ingest', join(dir, 'cases.csv')]);
    expect(again.stdout).toContain('duplicate_file');
  });

  it('timeliness and backlog as JSON: the hand-worked figures, equal to the service answers', async () => {
    const t = await run(['cases', 'timeliness', '--from', '2026-03-01', '--to', '2026-05-01', '--as-of', '2026-04-10', '--format', 'json']);
    expect(t.code).toBe(0);
    const timeliness = JSON.parse(t.stdout);
    // March: E1 missed (resolve); A1 ack met. April: A1 resolve met (due end of 04-01); C1
    // (received Fri 03-27; business days of the case unit are Monday–Friday in the default
    // calendar: Mon 03-30 (1), Tue 03-31 (2), Wed 04-01 (3), Thu 04-02 (4), Fri 04-03 (5)) due
    // end of 04-03, open: missed at 04-10.
    expect(timeliness.rows.map((r: { period: string; resolve: { met: number; missed: number } }) => [r.period, r.resolve.met, r.resolve.missed])).toEqual([
      ['2026-03-01', 0, 1],
      ['2026-04-01', 1, 1],
    ]);
    const b = await run(['cases', 'backlog', '--as-of', '2026-03-31', '--format', 'json']);
    const backlog = JSON.parse(b.stdout);
    // End of 03-31: C1 open, due end of 04-03 = 03-31 + 3 days: within 3 days.
    expect(backlog.total).toMatchObject({ open: 1, dueWithin3Days: 1, overdue: 0 });
    // The same answers through the service the API calls.
    const db = await Database.open(dbPath, { readOnly: true });
    try {
      expect(timeliness).toEqual(await timelinessAnswer(db, TZ, { from: '2026-03-01', to: '2026-05-01', by: 'month', group: [], asOf: '2026-04-10' }));
      expect(backlog).toEqual(await backlogAnswer(db, TZ, '2026-03-31'));
    } finally {
      db.close();
    }
  });

  it('usage errors name the flag and exit 2', async () => {
    const r = await run(['cases', 'timeliness', '--group', 'queue']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('invalid group');
    const f = await run(['cases', 'backlog', '--format', 'xml']);
    expect(f.code).toBe(2);
    expect(f.stderr).toContain('invalid --format');
  });
});
