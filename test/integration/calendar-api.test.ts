/**
 * GET/PUT /api/calendar against a real server on an ephemeral port, and the calendar's
 * storage (migration 9, server/db/queries/calendar.ts): stored as JSON, checked on the way
 * in and out, an invalid calendar refused with 400 naming the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../server/db/database.ts';
import { getSiteCalendar } from '../../server/db/queries/calendar.ts';
import { migrate, MIGRATIONS } from '../../server/db/schema.ts';
import { businessSecondsBetween, defaultCalendar, type SiteCalendar } from '../../server/wfm/siteCalendar.ts';
import { serveForTest, type TestServer } from '../helpers/server.ts';

const NY = 'America/New_York';
let db: Database;
let api: TestServer;

beforeAll(async () => {
  db = await Database.open(':memory:');
  api = await serveForTest(db, { timezone: NY });
});
afterAll(async () => {
  await api.close();
  db.close();
});

const bank: SiteCalendar = {
  timeZone: NY,
  hours: [
    {
      queue: '*',
      channel: '*',
      weekly: {
        1: [{ start: '07:00', end: '24:00' }],
        2: [{ start: '07:00', end: '24:00' }],
        3: [{ start: '07:00', end: '24:00' }],
        4: [{ start: '07:00', end: '24:00' }],
        5: [{ start: '07:00', end: '24:00' }],
        6: [{ start: '08:00', end: '17:00' }],
      },
    },
    {
      queue: 'Email',
      channel: 'email',
      weekly: {
        1: [{ start: '09:00', end: '17:00' }],
        2: [{ start: '09:00', end: '17:00' }],
        3: [{ start: '09:00', end: '17:00' }],
        4: [{ start: '09:00', end: '17:00' }],
        5: [{ start: '09:00', end: '17:00' }],
      },
    },
  ],
  holidays: ['new_years_day', 'thanksgiving_day', 'christmas_day', 'christmas_eve'],
  customHolidays: [],
  exceptions: [{ date: '2003-12-31', queue: '*', channel: '*', name: 'Closing early', open: [{ start: '07:00', end: '15:00' }] }],
};

describe('/api/calendar', () => {
  it('answers the default calendar in the site zone before one is stored', async () => {
    const { status, body } = await api.get('/api/calendar');
    expect(status).toBe(200);
    expect(body).toEqual({ calendar: defaultCalendar(NY), source: 'default', updatedAt: null });
  });

  it('stores a calendar and answers it back, checked, from the database', async () => {
    const put = await api.put('/api/calendar', bank);
    expect(put.status).toBe(200);
    expect(put.body.source).toBe('stored');
    expect(put.body.calendar).toEqual(bank);
    expect(put.body.updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    const get = await api.get('/api/calendar');
    expect(get.body).toEqual(put.body);
    // The stored calendar answers business time: Columbus Day 2003-10-13 is not observed, so
    // the email queue works 09–17 = 8 h that Monday; the voice queue 07–24 = 17 h.
    const stored = (await getSiteCalendar(db))!.calendar;
    const mon = Date.UTC(2003, 9, 13, 4); // 00:00 EDT
    const tue = Date.UTC(2003, 9, 14, 4);
    expect(businessSecondsBetween(stored, 'Email', 'email', mon, tue)).toBe(8 * 3600);
    expect(businessSecondsBetween(stored, 'Retail', 'voice', mon, tue)).toBe(17 * 3600);
  });

  it.each([
    [{ ...bank, hours: [{ queue: '*', channel: '*', weekly: { 1: [{ start: '25:00', end: '26:00' }] } }] }, 'hours[0].weekly.1[0].start'],
    [{ ...bank, holidays: ['boxing_day'] }, 'holidays[0]'],
    [{ ...bank, exceptions: [{ date: '2003-12-31', queue: '*', channel: '*', name: 'x' }] }, 'exceptions[0].open'],
    [{ ...bank, timeZone: 'Europe/London' }, 'timeZone'],
    [{ ...bank, timeZone: 'Nowhere/Else' }, 'timeZone'],
    [[], 'calendar'],
  ])('refuses %j with 400 naming %s, and keeps the stored calendar', async (body, field) => {
    const { status, body: answer } = await api.put('/api/calendar', body);
    expect(status).toBe(400);
    expect(answer.field).toBe(field);
    expect(answer.error).toMatch(new RegExp(`^invalid ${field.replace(/[[\].]/g, '\\$&')}: `));
    expect((await api.get('/api/calendar')).body.calendar).toEqual(bank);
  });

  it('refuses a stored row that is not a valid calendar when reading it, naming the field', async () => {
    const other = await Database.open(':memory:');
    try {
      await other.query(`INSERT INTO site_calendar VALUES ('default', '{"timeZone":"America/New_York","hours":[],"holidays":["x"]}', now())`);
      await expect(getSiteCalendar(other)).rejects.toThrow('invalid holidays[0]: unknown holiday x');
    } finally {
      other.close();
    }
  });
});

describe('migration 9', () => {
  it('adds the calendar table to a database at version 7, and runs a version below the highest it has not run', async () => {
    const other = await Database.open(':memory:', { migrate: false });
    try {
      await other.withConnection(async (conn) => {
        await conn.run('CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description VARCHAR, applied_at TIMESTAMPTZ NOT NULL)');
        // A database made on a branch whose migrations skip one: every one but 7 has run.
        for (const m of MIGRATIONS.filter((x) => x.version !== 7)) {
          await conn.run(m.sql);
          await conn.run('INSERT INTO schema_version VALUES ($v, $d, now())', { v: m.version, d: m.description });
        }
        await migrate(conn);
      });
      const versions = await other.query<{ v: number }>('SELECT version::INTEGER AS v FROM schema_version ORDER BY 1');
      expect(versions.map((r) => r.v)).toEqual(MIGRATIONS.map((m) => m.version).sort((a, b) => a - b));
      expect(await getSiteCalendar(other)).toBeNull();
    } finally {
      other.close();
    }
  });
});
