/**
 * Case logs end to end: the ingest (all or nothing, rejects with reasons, re-ingest without
 * duplicates, updates as cases progress, member IDs pseudonymized, Parquet too), and the
 * /api/cases answers against a real server: timeliness, backlog, the pseudonymized list,
 * rules overrides (admin) and the workload. Calendar: the default one in America/New_York
 * (Monday–Friday 08:00–20:00, Saturday 09:00–14:00, federal holidays closed).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestCaseFile } from '../../server/cases/ingest.ts';
import { backlogAnswer, caseListAnswer, timelinessAnswer, workloadAnswer } from '../../server/cases/service.ts';
import { Database } from '../../server/db/database.ts';
import { pseudonymizeMemberId } from '../../server/pseudonym.ts';
import { serveForTest, type TestServer } from '../helpers/server.ts';

const NY = 'America/New_York';
const KEY = Buffer.alloc(32, 7); // the key serveForTest gives the app
const dir = mkdtempSync(join(tmpdir(), 'staffcast-cases-'));
let db: Database;
let api: TestServer;

const HEADER = 'case_id,member_id,type,priority,program,plan,state,tier,received_at,acknowledged_at,resolved_at,extended,outcome';
// Received Monday 2026-03-02 10:00 EST.
const ROWS = [
  // A1: appeal, ack Tue (met: due end of Wed 03-04 — Tue 1, Wed 2), resolved 03-20 (met: due 04-01).
  'A1,M-001,appeal,standard,medicaid,calchoice,CA,2,2026-03-02T10:00:00-05:00,2026-03-03T10:00:00-05:00,2026-03-20T11:00:00-04:00,false,upheld',
  // A2: expedited appeal, due 03-05 10:00 EST; resolved 03-05 12:00 EST: missed.
  'A2,m-002 ,appeal,expedited,medicare_advantage,calchoice,CA,2,2026-03-02T10:00:00-05:00,2026-03-02T11:00:00-05:00,2026-03-05T12:00:00-05:00,,overturned',
  // C1: claim research, 5 business days (the case unit's Monday–Friday): Tue 3, Wed 4, Thu 5, Fri 6, Mon 9 → due end of 03-09; open.
  'C1,M-003,claim_research,,commercial,,WA,1,2026-03-02T10:00:00-05:00,,,,',
  // G1: Medicaid grievance, extended: 90 + 14 days → 2026-03-02 + 104 = 06-14; open.
  'G1,,grievance,standard,medicaid,calchoice,CA,1,2026-03-02T10:00:00-05:00,,,yes,',
];

function write(name: string, lines: string[]): string {
  const p = join(dir, name);
  writeFileSync(p, `${lines.join('\n')}\n`);
  return p;
}

beforeAll(async () => {
  db = await Database.open(':memory:');
  api = await serveForTest(db, { timezone: NY });
});
afterAll(async () => {
  await api.close();
  db.close();
});

const opts = { hmacKey: KEY, now: new Date('2026-04-15T12:00:00Z') };

describe('case-log ingest', () => {
  it('commits the good rows and rejects a bad one with its reason', async () => {
    const bad = 'X1,M-9,appeal,standard,chip,,CA,1,2026-03-02T10:00:00-05:00,,,,';
    const r = await ingestCaseFile(db, write('cases.csv', [HEADER, ...ROWS, bad]), { ...opts, maxRejectShare: 0.5 });
    expect(r).toMatchObject({ outcome: 'committed', rowsRead: 5, rowsAccepted: 4, rowsUpdated: 0, rowsRejected: 1, rowsAlreadyPresent: 0 });
    expect(r.rejectReasons).toEqual([{ reason: 'invalid program: not one of medicare_advantage, medicaid, marketplace, commercial', count: 1 }]);
    const rejects = await db.query<{ raw: string }>('SELECT raw FROM case_rejects');
    expect(JSON.parse(rejects[0]!.raw).member_id).toBe('[redacted]');
  });

  it('stores member keys, never member IDs (normalized: " m-002 " and "M-002" are one member)', async () => {
    const rows = await db.query<{ case_id: string; member_key: string | null }>('SELECT case_id, member_key FROM cases ORDER BY case_id');
    expect(rows.find((x) => x.case_id === 'A2')!.member_key).toBe(pseudonymizeMemberId(KEY, 'M-002'));
    expect(rows.find((x) => x.case_id === 'G1')!.member_key).toBeNull();
    const dump = JSON.stringify(await db.query('SELECT * FROM cases')) + JSON.stringify(await db.query('SELECT * FROM case_rejects'));
    expect(dump).not.toMatch(/M-00\d|m-00\d|M-9/);
  });

  it('the same file again is a duplicate; the same rows in another file are already present', async () => {
    const again = await ingestCaseFile(db, join(dir, 'cases.csv'), { ...opts, maxRejectShare: 0.5 });
    expect(again).toMatchObject({ outcome: 'duplicate_file', duplicateOf: 1 });
    const r = await ingestCaseFile(db, write('copy.csv', [HEADER, ...ROWS]), opts);
    expect(r).toMatchObject({ outcome: 'committed', rowsRead: 4, rowsAccepted: 0, rowsAlreadyPresent: 4 });
    const [n] = await db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM cases');
    expect(n!.n).toBe(4);
  });

  it('a case that progressed replaces its stored row (counted as updated), and one id twice in a file is rejected', async () => {
    // C1 resolved Friday 03-06 15:00 EST: on time (due end of 03-09).
    const c1 = 'C1,M-003,claim_research,,commercial,,WA,1,2026-03-02T10:00:00-05:00,,2026-03-06T15:00:00-05:00,,paid';
    const r = await ingestCaseFile(db, write('update.csv', [HEADER, c1, c1]), { ...opts, maxRejectShare: 0.5 });
    expect(r).toMatchObject({ outcome: 'committed', rowsRead: 2, rowsAccepted: 1, rowsUpdated: 1, rowsRejected: 1 });
    expect(r.rejectReasons[0]!.reason).toBe('invalid case_id: repeats row 1');
    const rows = await db.query<{ n: number; outcome: string }>("SELECT count(*)::INTEGER AS n, any_value(outcome) AS outcome FROM cases WHERE case_id = 'C1'");
    expect(rows[0]).toEqual({ n: 1, outcome: 'paid' });
  });

  it('refuses the whole file: a missing column, too many bad rows, times without an offset', async () => {
    const before = await db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM cases');
    const missing = await ingestCaseFile(db, write('m.csv', ['case_id,type,received_at', 'Z1,appeal,2026-03-02T10:00:00Z']), opts);
    expect(missing).toMatchObject({ outcome: 'refused', message: 'missing required column(s): program', refusal: { code: 'missing_columns' } });
    const many = await ingestCaseFile(db, write('bad.csv', [HEADER, 'Z2,M,appeal,,medicaid,,CA,9,2026-03-02T10:00:00Z,,,,', 'Z3,M,appeal,,medicaid,,CA,1,2026-03-02T10:00:00Z,,,,']), opts);
    expect(many).toMatchObject({ outcome: 'refused', refusal: { code: 'too_many_bad_rows', rowCount: 1 }, rowsRead: 2, rowsAccepted: 1, rowsRejected: 1 });
    const naive = await ingestCaseFile(db, write('naive.csv', [HEADER, 'Z4,M,appeal,,medicaid,,CA,1,2026-03-02T10:00:00,,,,']), opts);
    expect(naive).toMatchObject({ outcome: 'refused', refusal: { code: 'time_zone_required' }, rowsRead: 0 });
    const after = await db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM cases');
    expect(after).toEqual(before);
    const [z] = await db.query<{ n: number }>("SELECT count(*)::INTEGER AS n FROM case_rejects WHERE batch_id IN (SELECT batch_id FROM case_batches WHERE outcome = 'refused')");
    expect(z!.n).toBe(0);
  });

  it('reads Parquet', async () => {
    const csv = write('p.csv', [HEADER, 'P1,M-010,escalation,,marketplace,,TX,1,2026-04-01T09:00:00-04:00,,2026-04-02T09:00:00-04:00,,done']);
    const pq = join(dir, 'p.parquet');
    await db.withConnection((c) => c.run(`COPY (SELECT * FROM read_csv('${csv}', all_varchar = true)) TO '${pq}' (FORMAT parquet)`));
    const r = await ingestCaseFile(db, pq, { ...opts, source: 'pq' });
    expect(r).toMatchObject({ outcome: 'committed', rowsRead: 1, rowsAccepted: 1 });
  });
});

describe('/api/cases', () => {
  it('timeliness: the hand-worked figures, and the same counts from the case list', async () => {
    const { status, body } = await api.get('/api/cases/timeliness?from=2026-03-01&to=2026-07-01&by=month&as-of=2026-04-15');
    expect(status).toBe(200);
    const by = Object.fromEntries(body.rows.map((r: { period: string }) => [r.period, r]));
    // March resolve: A2 missed (72 h to 03-05 10:00 EST, resolved 12:00), C1 met (03-06 ≤ 03-09).
    expect(by['2026-03-01'].resolve).toMatchObject({ due: 2, met: 1, missed: 1, pending: 0, percentTimely: 0.5 });
    // March acknowledge: A1 (24 h) and A2 (1 h) met; median 12.5 h.
    expect(by['2026-03-01'].acknowledge).toMatchObject({ due: 2, met: 2, missed: 0, medianHours: 12.5 });
    // April: A1 met (due 04-01) and P1 (escalation 48 h, resolved in 24 h) met.
    expect(by['2026-04-01'].resolve).toMatchObject({ due: 2, met: 2, missed: 0, percentTimely: 1 });
    // June: G1 extended to 06-14, pending.
    expect(by['2026-06-01'].resolve).toMatchObject({ due: 1, pending: 1, percentTimely: null });
    // Second path: every case from the list, its resolve status tallied by the month of its deadline.
    const list = await api.get('/api/cases?as-of=2026-04-15&limit=1000');
    const tally: Record<string, Record<string, number>> = {};
    for (const c of list.body.cases) {
      if (!c.resolveDue) continue;
      const d = new Date(Date.parse(c.resolveDue) - 1).toLocaleDateString('en-CA', { timeZone: NY });
      const month = `${d.slice(0, 7)}-01`;
      tally[month] ??= { met: 0, missed: 0, pending: 0 };
      tally[month][c.resolveStatus] += 1;
    }
    for (const [month, counts] of Object.entries(tally)) expect(by[month].resolve).toMatchObject(counts);
  });

  it('backlog as of a date, and the list drills into it with member keys only', async () => {
    // End of Friday 2026-03-06: open A1 (resolved 03-20), C1 (resolved 03-06 15:00 — before
    // the end of the day: not open), G1. A2 resolved 03-05. Ages 4 days → 3-7.
    const { body } = await api.get('/api/cases/backlog?as-of=2026-03-06');
    expect(body.rows.map((r: { type: string; open: number }) => [r.type, r.open])).toEqual([
      ['appeal', 1],
      ['grievance', 1],
    ]);
    expect(body.total).toMatchObject({ open: 2, ages: { '0-2': 0, '3-7': 2, '8-14': 0, '15-30': 0, '31+': 0 }, overdue: 0 });
    const open = await api.get('/api/cases?as-of=2026-03-06&status=open');
    expect(open.body.cases.map((c: { caseId: string }) => c.caseId)).toEqual(['A1', 'G1']);
    expect(open.body.cases[0].memberKey).toBe(pseudonymizeMemberId(KEY, 'M-001'));
    expect(JSON.stringify(open.body)).not.toMatch(/M-00\d/);
    // Due within 4 days of the end of 03-05: C1 was open then and due 03-09 (= 03-05 + 4).
    const soon = await api.get('/api/cases?as-of=2026-03-05&due-within=4');
    expect(soon.body.cases.map((c: { caseId: string }) => c.caseId)).toEqual(['C1']);
  });

  it('rules: built-in with sources; a plan override (admin) changes the deadline; bad input names the field', async () => {
    const rules = await api.get('/api/cases/rules');
    expect(rules.body.builtIn.length).toBeGreaterThan(10);
    const put = await api.put('/api/cases/rules', { milestone: 'resolve', type: 'grievance', program: 'medicaid', plan: 'calchoice', amount: 30, unit: 'calendar_days', source: 'CalChoice contract' });
    expect(put.status).toBe(200);
    expect(put.body.overrides).toHaveLength(1);
    // G1 (plan calchoice, extended but the override allows none): 03-02 + 30 = 04-01; open → missed at 04-15.
    const t = await api.get('/api/cases/timeliness?from=2026-04-01&to=2026-05-01&as-of=2026-04-15');
    expect(t.body.rows[0].resolve).toMatchObject({ due: 3, met: 2, missed: 1 });
    const del = await api.del('/api/cases/rules?milestone=resolve&type=grievance&program=medicaid&plan=calchoice&priority=*');
    expect(del.body).toMatchObject({ removed: true, overrides: [] });
    const bad = await api.put('/api/cases/rules', { milestone: 'resolve', type: 'appeal', amount: 30, unit: 'weeks', source: 'x' });
    expect(bad).toEqual({ status: 400, body: { error: 'invalid unit: must be one of calendar_days, business_days, hours', field: 'unit' } });
    expect((await api.get('/api/cases/timeliness?group=queue')).body.field).toBe('group');
    expect((await api.get('/api/cases/backlog?as-of=2026-13-01')).body.field).toBe('as-of');
    expect((await api.get('/api/cases?due-within=x')).body.field).toBe('due-within');
  });

  it('uploads a case log over HTTP', async () => {
    const form = new FormData();
    form.append('file', new Blob([`${HEADER}\nU1,M-020,grievance,,marketplace,,NV,1,2026-04-10T10:00:00-04:00,,,,\n`]), 'upload.csv');
    form.append('source', 'upload');
    const res = await fetch(`${api.url}/api/cases/ingest`, { method: 'POST', body: form });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ outcome: 'committed', rowsAccepted: 1, fileName: 'upload.csv' });
  });

  it('workload: arrivals of the window by tier and the backlog at its end', async () => {
    const { body } = await api.get('/api/cases/workload?as-of=2026-04-15&weeks=2&shrinkage=0.3');
    // Window 2026-04-02 to 04-16 (exclusive): arrivals U1 (04-10, tier 1) only — P1 was 04-01.
    // Backlog at the end of 04-15: G1 (tier 1, grievance), U1 (tier 1, grievance).
    expect(body.window).toMatchObject({ from: '2026-04-02', to: '2026-04-16', weeks: 2 });
    expect(body.tiers).toHaveLength(1);
    expect(body.tiers[0]).toMatchObject({ tier: '1', arrivals: 1, backlog: 2, ahtSeconds: 3600 });
    expect(body.tiers[0].staffing.agents).toBe(1);
    expect(body.capacityCases).toBeNull();
    // With members: U1 (grievance, tier 1 → tier2) over 2 weeks = 14 / 30.4375 months and
    // 10,000 members: 1 ÷ (14 / 30.4375) ÷ 10 = 0.2174107… per 1,000 a month, 1 h each.
    const withMembers = await api.get('/api/cases/workload?as-of=2026-04-15&weeks=2&members=10000');
    expect(withMembers.body.capacityCases).toEqual([{ type: 'grievance', perThousandMembers: 1 / (14 / 30.4375) / 10, hoursEach: 1, tier: 'tier2' }]);
  });
});

describe('roles', () => {
  it('an executive reads timeliness, backlog, workload and rules, not the case list, and cannot change rules', async () => {
    const exec = await api.as('executive');
    for (const path of ['/api/cases/timeliness', '/api/cases/backlog', '/api/cases/workload', '/api/cases/rules']) expect((await exec.get(path)).status).toBe(200);
    expect((await exec.get('/api/cases')).status).toBe(403);
    expect((await exec.put('/api/cases/rules', { milestone: 'resolve', type: 'appeal', amount: 20, unit: 'calendar_days', source: 'x' })).status).toBe(403);
    const viewer = await api.as('viewer');
    expect((await viewer.get('/api/cases/timeliness')).status).toBe(403);
  });
});

describe('an empty database', () => {
  it('answers no cases, not zeros', async () => {
    const empty = await Database.open(':memory:');
    try {
      expect(await backlogAnswer(empty, NY, undefined)).toEqual({ asOf: null, ageBuckets: ['0-2', '3-7', '8-14', '15-30', '31+'], rows: [], total: null });
      expect((await timelinessAnswer(empty, NY, { by: 'month', group: [] })).rows).toEqual([]);
      expect((await workloadAnswer(empty, NY, { weeks: 4, clearWithinHours: 40, handleMinutes: {}, productivity: 0.85, shrinkage: 0.3 })).window).toBeNull();
      expect(await caseListAnswer(empty, NY, { limit: 10, offset: 0 })).toEqual({ asOf: null, total: 0, cases: [] });
    } finally {
      empty.close();
    }
  });
});
