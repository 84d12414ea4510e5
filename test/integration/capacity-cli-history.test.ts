/**
 * `staffcast capacity --from-history` through bin/staffcast.js on a database file: contact
 * rates from the stored enrollment history (or, without it, the entered rates and a note on
 * stderr saying why), AHT from the contacts; the scenario's own fields win.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeEnrollmentHistory } from '../../server/db/queries/capacityHistory.ts';
import { Database } from '../../server/db/database.ts';
import { runCli } from '../helpers/cli.ts';
import { loadContactsDirect } from '../helpers/loadContactsDirect.ts';

const dir = mkdtempSync(join(tmpdir(), 'staffcast-capacity-cli-history-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const run = (db: string, args: string[]) => runCli(['--db', db, 'capacity', ...args], { TZ: 'UTC', STAFFCAST_TIMEZONE: 'America/Los_Angeles' });

const HEADER = 'contact_id,queue,channel,plan,state,tier,reason,offered_at,answered_at,ended_at,talk_s,hold_s,acw_s,agent_id,member_id,transferred,ivr_contained,resolved,csat,nps';
// March 2025 whole (1st and 31st, Los Angeles): 3 voice contacts of 300 + 60 + 60 = 420 s, 1 chat.
const LINES = [
  'e1,ms,voice,medicaid,CA,1,billing,2025-03-01T17:00:00Z,2025-03-01T17:00:10Z,2025-03-01T17:07:10Z,300,60,60,a1,,false,false,true,,',
  'e2,ms,voice,medicaid,CA,1,billing,2025-03-12T17:00:00Z,2025-03-12T17:00:10Z,2025-03-12T17:07:10Z,300,60,60,a1,,false,false,true,,',
  'e3,ms,voice,medicaid,CA,1,billing,2025-03-31T17:00:00Z,2025-03-31T17:00:10Z,2025-03-31T17:07:10Z,300,60,60,a1,,false,false,true,,',
  'e4,ms,chat,medicaid,CA,1,billing,2025-03-20T17:00:00Z,2025-03-20T17:00:10Z,2025-03-20T17:10:10Z,480,0,120,a1,,false,false,true,,',
];

async function makeDb(name: string, enrolled: boolean): Promise<string> {
  const path = join(dir, `${name}.duckdb`);
  const csv = join(dir, `${name}.csv`);
  writeFileSync(csv, `${HEADER}\n${LINES.join('\n')}\n`);
  const db = await Database.open(path);
  try {
    await loadContactsDirect(db, csv, 'America/Los_Angeles');
    if (enrolled) {
      await storeEnrollmentHistory(db, [
        { month: '2025-03', plan: 'medicaid', members: 1000 },
        { month: '2025-03', plan: 'chip', members: 500 },
      ]);
    }
  } finally {
    db.close();
  }
  return path;
}

let withEnrollment: string;
let without: string;
beforeAll(async () => {
  withEnrollment = await makeDb('enrolled', true);
  without = await makeDb('bare', false);
});

describe('staffcast capacity --from-history', () => {
  it('rates from enrollment history, AHT from the contacts, the scenario file over both', async () => {
    writeFileSync(join(dir, 'own.json'), JSON.stringify({ aht: { chat: 700 } }));
    const [r, bare] = await Promise.all([
      run(withEnrollment, ['--members', '15000', '--start-month', '2027-01', '--months', '2', '--from-history', '--scenario', join(dir, 'own.json'), '--json']),
      run(without, ['--members', '15000', '--start-month', '2027-01', '--months', '2', '--from-history', '--json']),
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      'history: Contacts per member per month from 1 whole month with enrollment (2025-03 to 2025-03), on the default seasonal shape. Seasonal shape needs 12 whole months of contacts (1 here): the default shape is kept. Voice: default weekly and intraday shape (fewer than 500 contacts); chat: default weekly and intraday shape (fewer than 500 contacts).\n',
    );
    const plan = JSON.parse(r.stdout);
    expect(plan.history.enrollmentHistory).toBe(true);
    // 1,500 members in March, index 0.95 × 12 ÷ 12.1: voice 3 × 12.1 ÷ 17,100, chat 1 × 12.1 ÷ 17,100.
    expect(plan.scenario.contactRates.voice).toBeCloseTo((3 * 12.1) / 17_100, 12);
    expect(plan.scenario.contactRates.chat).toBeCloseTo(12.1 / 17_100, 12);
    // Voice AHT from the contacts (420 s); chat from the scenario file (700 s), not the history's 600 s.
    expect(plan.scenario.aht).toMatchObject({ voice: 420, chat: 700 });

    expect(bare.code).toBe(0);
    expect(bare.stderr).toContain('history: No enrollment history is stored, so contacts per member cannot be estimated: contact rates are entered');
    const barePlan = JSON.parse(bare.stdout);
    expect(barePlan.history.enrollmentHistory).toBe(false);
    expect(barePlan.scenario.contactRates).toEqual({ voice: 0.1, chat: 0.01, email: 0.004, portal: 0.006 });
    expect(barePlan.scenario.aht).toMatchObject({ voice: 420, chat: 600 });
  });
});
