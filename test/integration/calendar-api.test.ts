/**
 * GET/PUT /api/calendar against a real server on an ephemeral port, and the calendar's
 * storage (migration 9, server/db/queries/calendar.ts): stored as JSON, checked on the way
 * in and out, an invalid calendar refused with 400 naming the field.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../server/db/database.ts';
import { getSiteCalendar } from '../../server/db/queries/calendar.ts';
import { migrate, MIGRATIONS } from '../../server/db/schema.ts';
import { businessSecondsBetween, defaultCalendar, type SiteCalendar } from '../../server/wfm/siteCalendar.ts';
import { loadContactsDirect } from '../helpers/loadContactsDirect.ts';
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

  it('lists the holidays a site can choose with their observed dates in a year, and which it closes', async () => {
    const { status, body } = await api.get('/api/calendar/holidays?year=2021');
    expect(status).toBe(200);
    const byId = new Map(body.holidays.map((h: { id: string }) => [h.id, h]));
    // New Year's Day 2022 is a Saturday, observed Friday 2021-12-31: two dates in 2021.
    expect(byId.get('new_years_day')).toEqual({ id: 'new_years_day', name: "New Year's Day", kind: 'federal', dates: ['2021-01-01', '2021-12-31'], closed: true });
    // Columbus Day 2021 = second Monday of October = 10-11; the bank calendar does not close it.
    expect(byId.get('columbus_day')).toMatchObject({ dates: ['2021-10-11'], closed: false });
    // Thanksgiving 2021 = fourth Thursday of November = 11-25; the day after 11-26.
    expect(byId.get('day_after_thanksgiving')).toEqual({ id: 'day_after_thanksgiving', name: 'Day after Thanksgiving', kind: 'common', dates: ['2021-11-26'], closed: false });
    expect(byId.get('christmas_eve')).toMatchObject({ dates: ['2021-12-24'], closed: true });
    expect(body.holidays).toHaveLength(13);
    expect((await api.get('/api/calendar/holidays?year=21')).body).toEqual({ error: 'invalid year: must be a year from 1900 to 2200', field: 'year' });
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

describe('GET /api/calendar/proposals', () => {
  // One week of member-services voice contacts, Wed 2025-10-08 … Tue 2025-10-14: three a day
  // Monday–Friday including Columbus Day (Mon 10-13), none on Sat 10-11 and Sun 10-12.
  let other: Database;
  let server: TestServer;
  beforeAll(async () => {
    const header = 'contact_id,queue,channel,plan,state,tier,reason,offered_at,answered_at,ended_at,talk_s,hold_s,acw_s,agent_id,member_id,transferred,ivr_contained,resolved,csat,nps';
    const lines = [header];
    for (const date of ['2025-10-08', '2025-10-09', '2025-10-10', '2025-10-13', '2025-10-14']) {
      for (const h of [10, 11, 12]) lines.push(`C${date}${h},member-services,voice,commercial,NY,1,claims,${date}T${h}:00:00-04:00,${date}T${h}:00:10-04:00,,300,0,60,ag1,M1,false,false,,,`);
    }
    const dir = mkdtempSync(join(tmpdir(), 'staffcast-calendar-'));
    writeFileSync(join(dir, 'week.csv'), `${lines.join('\n')}\n`);
    other = await Database.open(':memory:');
    await loadContactsDirect(other, join(dir, 'week.csv'), NY);
    server = await serveForTest(other, { timezone: NY });
  });
  afterAll(async () => {
    await server.close();
    other.close();
  });

  it('proposes Columbus Day open and Saturday closed, against the default calendar that says the opposite', async () => {
    const { status, body } = await server.get('/api/calendar/proposals');
    expect(status).toBe(200);
    expect(body).toMatchObject({ queue: '*', channel: '*', from: '2025-10-08', to: '2025-10-14', differences: 2 });
    const columbus = body.holidays.find((h: { id: string }) => h.id === 'columbus_day');
    expect(columbus).toEqual({
      id: 'columbus_day',
      name: 'Columbus Day',
      proposal: 'open',
      calendar: 'closed',
      datesSeen: 1,
      datesWithContacts: 1,
      reason: 'contacts on 1 of 1 dates seen, latest 2025-10-13 (3)',
    });
    // Monday is seen only as Columbus Day, a holiday: no ordinary Monday, kept open.
    expect(body.weekdays.map((w: { weekday: number; proposal: string; calendar: string; datesSeen: number }) => [w.weekday, w.proposal, w.calendar, w.datesSeen])).toEqual([
      [1, 'open', 'open', 0],
      [2, 'open', 'open', 1],
      [3, 'open', 'open', 1],
      [4, 'open', 'open', 1],
      [5, 'open', 'open', 1],
      [6, 'closed', 'open', 1], // the default opens Saturdays 09–14
      [7, 'closed', 'closed', 1],
    ]);
    // Labor Day is not in the week: never seen, closed because the default calendar closes it.
    expect(body.holidays.find((h: { id: string }) => h.id === 'labor_day')).toMatchObject({
      proposal: 'closed',
      calendar: 'closed',
      reason: 'never seen in the history: closed because the calendar says closed',
    });
  });

  it('has no history for a queue without contacts, and refuses an unknown parameter naming it', async () => {
    const none = await server.get('/api/calendar/proposals?queue=pharmacy');
    expect(none.body).toMatchObject({ queue: 'pharmacy', from: null, to: null, differences: 0 });
    const bad = await server.get('/api/calendar/proposals?queu=pharmacy');
    expect(bad).toEqual({ status: 400, body: { error: 'invalid queu: unknown parameter', field: 'queu' } });
  });
});
