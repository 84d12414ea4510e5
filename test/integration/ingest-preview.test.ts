/**
 * The preview of a file before loading (issue 9): the first rows as the real ingest reads
 * them, through a mapping profile's value rules, each accepted or rejected with the reason;
 * the member ID column never shown; nothing stored.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../server/db/database.ts';
import { serveForTest, type TestServer } from '../helpers/server.ts';

let db: Database;
let server: TestServer;
beforeAll(async () => {
  db = await Database.open(':memory:');
  server = await serveForTest(db, { timezone: 'America/New_York' });
});
afterAll(async () => {
  await server.close();
  db.close();
});

const FILE = [
  'Call ID;Skill;Start;Answer;End;Talk;Caller;Xfer',
  'c1;Billing Q;03.02.2026 07:05;03.02.2026 07:06;03.02.2026 07:12;0:05:30;M1;Ja',
  'c2;Billing Q;31.02.2026 07:05;31.02.2026 07:06;31.02.2026 07:08;0:01:00;M2;Nein',
  'c3;Billing Q;03.02.2026 08:00;03.02.2026 08:01;03.02.2026 08:09;abc;M3;Ja',
  '',
].join('\n');
const PROFILE = {
  columns: { contact_id: 'Call ID', queue: 'Skill', offered_at: 'Start', answered_at: 'Answer', ended_at: 'End', talk_s: 'Talk', member_id: 'Caller', transferred: 'Xfer' },
  constants: { channel: 'voice' },
  delimiter: 'semicolon',
  timeFormat: 'DD.MM.YYYY HH:mm',
  timeZone: 'America/New_York',
  durationUnit: 'hms',
  booleans: { true: ['ja'], false: ['nein'] },
  values: { queue: { 'billing q': 'billing' } },
};

describe('POST /api/ingest/preview', () => {
  it('reads an unknown layout through a profile: values converted, each row judged by the ingest', async () => {
    const r = await server.post('/api/ingest/preview', { text: FILE, mapping: PROFILE });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ delimiter: 'semicolon', header: ['Call ID', 'Skill', 'Start', 'Answer', 'End', 'Talk', 'Caller', 'Xfer'], missing: [], accepted: 1, rejected: 2, refusal: null });
    // The sample hides the member column.
    expect(r.body.sample[0]).toEqual(['c1', 'Billing Q', '03.02.2026 07:05', '03.02.2026 07:06', '03.02.2026 07:12', '0:05:30', '(hidden)', 'Ja']);
    expect(r.body.columns).toEqual(['contact_id', 'queue', 'channel', 'offered_at', 'answered_at', 'ended_at', 'talk_s', 'member_id', 'transferred']);
    // 0:05:30 = 330 s; Feb 3 07:05 local (the ingest applies the zone).
    expect(r.body.rows[0]).toEqual({
      row: 1,
      values: {
        contact_id: 'c1',
        queue: 'billing',
        channel: 'voice',
        offered_at: '2026-02-03T07:05:00',
        answered_at: '2026-02-03T07:06:00',
        ended_at: '2026-02-03T07:12:00',
        talk_s: '330',
        member_id: '(hidden)',
        transferred: 'true',
      },
      outcome: 'accepted',
      reason: null,
    });
    expect(r.body.rows[1]).toMatchObject({ row: 2, outcome: 'rejected', reason: expect.stringMatching(/^invalid offered_at/) });
    expect(r.body.rows[2]).toMatchObject({ row: 3, outcome: 'rejected', reason: expect.stringMatching(/^invalid talk_s/) });
    expect(JSON.stringify(r.body)).not.toMatch(/M1|M2|M3/);
    // Nothing was stored.
    expect(await db.query('SELECT count(*)::INTEGER AS n FROM ingest_batches')).toEqual([{ n: 0 }]);
  });

  it('without a profile: says which required columns are missing and guesses a mapping from the names', async () => {
    const r = await server.post('/api/ingest/preview', { text: FILE });
    expect(r.body).toMatchObject({ delimiter: 'semicolon', missing: ['contact_id (required)', 'queue (required)', 'offered_at (required)'], rows: [] });
    expect(r.body.suggestion).toEqual({ contact_id: 'Call ID', queue: 'Skill', offered_at: 'Start', answered_at: 'Answer', ended_at: 'End', talk_s: 'Talk', member_id: 'Caller', transferred: 'Xfer' });
  });

  it('a slice of a larger file drops its cut last line; bad profiles answer 400 naming the field', async () => {
    const r = await server.post('/api/ingest/preview', { text: `${FILE}c4;Billing Q;03.0`, partial: true, mapping: PROFILE });
    expect(r.body.rows).toHaveLength(3);
    expect(await server.post('/api/ingest/preview', { text: FILE, mapping: { ...PROFILE, durationUnit: 'hours' } })).toMatchObject({ status: 400, body: { field: 'durationUnit' } });
    expect(await server.post('/api/ingest/preview', { text: 5 })).toMatchObject({ status: 400, body: { field: 'text' } });
  });
});

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');

describe('POST /api/ingest/preview of a platform export or an interval report', () => {
  it('detects an Amazon Connect file and shows its contacts by vendor record, as the load judges them', async () => {
    // The fixture's 11 records (test/unit/adapters-amazon-connect.test.ts): 5 contacts, 2 folded
    // (2: older delivery of C-ANS; 6: second leg of T-1), 2 excluded (8 TASK, 9 outbound),
    // 2 rejected (10: hour 25; 11: not JSON). Rows: the 5 contacts and the 2 rejects, by record.
    const r = await server.post('/api/ingest/preview', { text: fixture('adapters/amazon-connect-ctr.jsonl') });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ format: { name: 'amazon-connect' }, refusal: null, accepted: 5, rejected: 2 });
    expect(r.body.summary).toMatch(/^11 record\(s\) → 5 contact\(s\); 2 folded .*; 2 rejected; 2 excluded/);
    expect(r.body.rows.map((x: { row: number; outcome: string }) => `${x.row}:${x.outcome}`)).toEqual([
      '1:accepted',
      '3:accepted',
      '4:accepted',
      '5:accepted',
      '7:accepted',
      '10:rejected',
      '11:rejected',
    ]);
    // Record 1 (C-ANS) as it will be stored: queued 16:00:20Z, talk = AgentInteractionDuration 300 s; the caller's number hidden.
    expect(r.body.rows[0].values).toMatchObject({ contact_id: 'C-ANS', offered_at: '2025-06-02T16:00:20Z', talk_s: '300', hold_s: '30', acw_s: '60', member_id: '(hidden)', transferred: 'false' });
    expect(r.body.rows[5]).toEqual({ row: 10, values: {}, outcome: 'rejected', reason: 'invalid Queue.EnqueueTimestamp: not an ISO 8601 timestamp with a UTC offset' });
    expect(JSON.stringify(r.body)).not.toContain('+1555');
    expect(await db.query('SELECT count(*)::INTEGER AS n FROM ingest_batches')).toEqual([{ n: 0 }]);
  });

  it('a slice cut inside a Genesys Cloud query response keeps its complete conversations', async () => {
    const text = fixture('adapters/genesys-cloud-query-response.json');
    // Cut inside the third conversation (G-ABN's complete delivery): records 1 (G-ABN without
    // conversationEnd: not yet complete) and 2 (G-RONA) are whole; the slice is closed after 2.
    const cut = text.indexOf('"conversationId"', text.indexOf('"G-RONA"')) + 10;
    const r = await server.post('/api/ingest/preview', { text: text.slice(0, cut), partial: true });
    expect(r.body).toMatchObject({ format: { name: 'genesys-cloud' }, accepted: 1, rejected: 1 });
    expect(r.body.rows.map((x: { row: number; values: { contact_id?: string }; outcome: string }) => `${x.row}:${x.values.contact_id ?? ''}:${x.outcome}`)).toEqual([
      '1::rejected',
      '2:G-RONA:accepted',
    ]);
    expect(r.body.rows[0].reason).toMatch(/^invalid conversationEnd: missing/);
  });

  it('a declared format the content contradicts is refused naming both; Parquet is not previewed', async () => {
    const r = await server.post('/api/ingest/preview', { text: fixture('adapters/five9-call-log.csv'), format: 'amazon-connect' });
    expect(r.body.refusal).toMatch(/declared Amazon Connect .*\(amazon-connect\), but its content is Five9 .*\(five9\)/);
    expect(r.body.format.name).toBe('amazon-connect');
    expect(r.body.rows).toEqual([]);
    expect(await server.post('/api/ingest/preview', { text: 'x', format: 'parquet' })).toMatchObject({ status: 400, body: { field: 'format' } });
    expect(await server.post('/api/ingest/preview', { text: 'x', format: 'five9', delimiter: 'comma' })).toMatchObject({ status: 400, body: { field: 'format' } });
  });

  it('an Avaya CMS report asks for its zone, then shows its intervals as stored', async () => {
    const text = fixture('intervals/avaya-hsplit.csv');
    expect((await server.post('/api/ingest/preview', { text })).body).toMatchObject({ format: { name: 'avaya-cms' }, refusal: expect.stringMatching(/^time zone required/) });
    const r = await server.post('/api/ingest/preview', { text, timezone: 'America/Chicago' });
    expect(r.body).toMatchObject({ format: { name: 'avaya-cms' }, refusal: null, accepted: 3, rejected: 0, summary: '3 row(s) read: 3 interval(s), 0 rejected.' });
    expect(r.body.columns.slice(0, 5)).toEqual(['queue', 'channel', 'interval_start', 'interval_minutes', 'offered']);
    // Row 1: split 101, 08:00 CDT (UTC−5) = 13:00Z, 30 min; 40 offered, 36 ACD calls, 4 abandoned, 30 within the
    // split's 20 s; ANSTIME 540 s; handle = ACDTIME 9000 + ACWTIME 2160 = 11160 s (ACDTIME includes hold in CMS;
    // HOLDTIME 600 s is shown apart).
    expect(r.body.rows[0]).toEqual({
      row: 1,
      values: {
        queue: '101',
        channel: 'voice',
        interval_start: '2025-06-02T13:00:00Z',
        interval_minutes: '30',
        offered: '40',
        answered: '36',
        abandoned: '4',
        answered_within: '30',
        sl_threshold_s: '20',
        answered_wait_sum: '540',
        abandoned_wait_sum: '160',
        talk_sum: '9000',
        hold_sum: '600',
        acw_sum: '2160',
        handle_sum: '11160',
      },
      outcome: 'accepted',
      reason: null,
    });
  });
});

describe('POST /api/ingest with a mapping profile', () => {
  const upload = async (fields: Record<string, string>) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    form.set('file', new Blob([FILE]), 'acme.csv');
    const res = await fetch(`${server.url}/api/ingest`, { method: 'POST', body: form });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('loads exactly what the preview showed, under the original file name; again: a duplicate', async () => {
    const r = await upload({ mapping: JSON.stringify(PROFILE), maxRejectShare: '1' });
    // Row 1 loads; rows 2 (31 February) and 3 (talk "abc") are rejected, as in the preview.
    expect(r).toMatchObject({ status: 201, body: { outcome: 'committed', fileName: 'acme.csv', rowsRead: 3, rowsAccepted: 1, rowsRejected: 2 } });
    // 07:05 in New York on 3 Feb 2026 (EST, UTC−5) = 12:05 UTC; 0:05:30 = 330 s; Ja = true.
    const [c] = await db.query(
      `SELECT contact_id, queue, channel, strftime(offered_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS offered, talk_s, transferred, member_key IS NOT NULL AS keyed FROM contacts`,
    );
    expect(c).toEqual({ contact_id: 'c1', queue: 'billing', channel: 'voice', offered: '2026-02-03T12:05:00Z', talk_s: 330, transferred: true, keyed: true });
    expect((await upload({ mapping: JSON.stringify(PROFILE), maxRejectShare: '1' })).body).toMatchObject({ outcome: 'duplicate_file' });
  });

  it('takes a saved profile by name, and names what is wrong', async () => {
    await server.put('/api/ingest/profiles/acme', PROFILE);
    expect((await upload({ profile: 'acme', maxRejectShare: '1', source: 'acme2' })).body).toMatchObject({ outcome: 'committed', rowsAccepted: 1 });
    expect(await upload({ profile: 'nope' })).toMatchObject({ status: 400, body: { field: 'profile' } });
    expect(await upload({ mapping: JSON.stringify({ ...PROFILE, columns: { ...PROFILE.columns, agent_id: 'Agent' } }) })).toMatchObject({
      status: 400,
      body: { error: 'invalid mapping: the file has no column Agent (for agent_id)', field: 'mapping' },
    });
  });
});
