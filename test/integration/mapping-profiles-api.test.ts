/** Mapping profiles through the API: saved by name, read back checked, refused naming the field. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../server/db/database.ts';
import { serveForTest, type TestServer } from '../helpers/server.ts';

let db: Database;
let server: TestServer;
beforeAll(async () => {
  db = await Database.open(':memory:');
  server = await serveForTest(db);
});
afterAll(async () => {
  await server.close();
  db.close();
});

const PROFILE = { columns: { contact_id: 'Call ID', queue: 'Skill', offered_at: 'Start' }, delimiter: 'semicolon', durationUnit: 'hms', booleans: { true: ['Ja'] } };

describe('/api/ingest/profiles', () => {
  it('saves, lists, replaces and deletes a profile', async () => {
    expect(await server.get('/api/ingest/profiles')).toEqual({ status: 200, body: { profiles: [] } });
    const put = await server.put('/api/ingest/profiles/acme%20acd', PROFILE);
    // Tokens are stored lower-cased, as they are matched.
    expect(put).toMatchObject({ status: 200, body: { name: 'acme acd', profile: { ...PROFILE, booleans: { true: ['ja'], false: [] } } } });
    expect((await server.get('/api/ingest/profiles')).body.profiles.map((p: { name: string }) => p.name)).toEqual(['acme acd']);
    await server.put('/api/ingest/profiles/acme%20acd', { ...PROFILE, delimiter: 'tab' });
    expect((await server.get('/api/ingest/profiles/acme%20acd')).body.profile.delimiter).toBe('tab');
    expect((await server.del('/api/ingest/profiles/acme%20acd')).status).toBe(204);
    expect(await server.get('/api/ingest/profiles/acme%20acd')).toMatchObject({ status: 404, body: { field: 'name' } });
  });

  it('answers 400 naming the field', async () => {
    expect(await server.put('/api/ingest/profiles/x', { columns: { contact_id: 'a' } })).toMatchObject({ status: 400, body: { field: 'columns.queue' } });
    expect(await server.put('/api/ingest/profiles/x', { ...PROFILE, timeZone: 'Nowhere/Else' })).toMatchObject({
      status: 400,
      body: { error: 'invalid timeZone: Nowhere/Else is not an IANA time zone', field: 'timeZone' },
    });
    expect(await server.put('/api/ingest/profiles/%20bad', PROFILE)).toMatchObject({ status: 400, body: { field: 'name' } });
  });
});
