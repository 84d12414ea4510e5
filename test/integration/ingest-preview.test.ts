/**
 * The preview of a file before loading (issue 9): the first rows as the real ingest reads
 * them, through a mapping profile's value rules, each accepted or rejected with the reason;
 * the member ID column never shown; nothing stored.
 */
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
