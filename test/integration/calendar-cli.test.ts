/**
 * `staffcast calendar` as a user runs it: show the default, set a file, show it back as
 * text and JSON, and refuse an invalid file naming the field (exit 2).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { Database } from '../../server/db/database.ts';
import { defaultCalendar } from '../../server/wfm/siteCalendar.ts';

const TZ = 'America/Chicago';
const dir = mkdtempSync(join(tmpdir(), 'staffcast-calendar-cli-'));
const dbPath = join(dir, 'staffcast.duckdb');

const run = (args: string[]) => runCli(args, { STAFFCAST_TIMEZONE: TZ, STAFFCAST_DB: dbPath });

const sunThu = { start: '08:00', end: '17:00' };
const calendar = {
  timeZone: TZ,
  hours: [{ queue: '*', channel: '*', weekly: { 7: [sunThu], 1: [sunThu], 2: [sunThu], 3: [sunThu], 4: [sunThu] } }],
  holidays: ['christmas_day', 'plan_retreat'],
  customHolidays: [{ id: 'plan_retreat', name: 'Plan retreat', dates: ['2026-05-14'] }],
  exceptions: [{ date: '2026-12-31', queue: 'Claims', channel: 'voice', name: 'Closing early', open: [{ start: '08:00', end: '12:00' }] }],
};

beforeAll(async () => {
  (await Database.open(dbPath)).close(); // a migrated, empty database
  writeFileSync(join(dir, 'ok.json'), JSON.stringify(calendar));
  writeFileSync(join(dir, 'bad.json'), JSON.stringify({ ...calendar, exceptions: [{ ...calendar.exceptions[0], date: '2026-13-01' }] }));
  writeFileSync(join(dir, 'broken.json'), '{ "timeZone": ');
});

describe('staffcast calendar', () => {
  it('shows the default calendar before one is set, then sets and shows a file', async () => {
    const before = await run(['calendar', '--json']);
    expect(before.code).toBe(0);
    expect(JSON.parse(before.stdout)).toEqual({ calendar: defaultCalendar(TZ), source: 'default', updatedAt: null });

    const set = await run(['calendar', 'set', join(dir, 'ok.json'), '--json']);
    expect(set.stderr).toBe('');
    expect(set.code).toBe(0);
    expect(JSON.parse(set.stdout)).toMatchObject({ calendar, source: 'stored' });

    const text = await run(['calendar', 'show']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('zone America/Chicago');
    expect(text.stdout).toContain('    Sun  08:00–17:00');
    expect(text.stdout).toContain('    Fri  closed');
    expect(text.stdout).toContain('Holidays closed: Christmas Day, Plan retreat');
    expect(text.stdout).toContain('  2026-12-31  Claims / voice  Closing early: 08:00–12:00');
  });

  it('proposes from an empty history what the calendar says, with nothing to confirm', async () => {
    // No contacts: every weekday and holiday is unseen, so each keeps the stored calendar's value.
    const r = await run(['calendar', 'propose', '--json']);
    expect(r.code).toBe(0);
    const p = JSON.parse(r.stdout);
    expect(p).toMatchObject({ queue: '*', channel: '*', from: null, to: null, differences: 0 });
    expect(p.weekdays.map((w: { proposal: string }) => w.proposal)).toEqual(['open', 'open', 'open', 'open', 'closed', 'closed', 'open']);
    const text = await run(['calendar', 'propose']);
    expect(text.stdout.split('\n')[0]).toBe('Closed days learned from no history (queue *, channel *); 0 differ from the calendar');
  });

  it.each([
    [['calendar', 'set', join(dir, 'bad.json')], 'staffcast: invalid exceptions[0].date: must be a date YYYY-MM-DD\n'],
    [['calendar', 'set', join(dir, 'broken.json')], `staffcast: invalid file: ${join(dir, 'broken.json')} is not valid JSON\n`],
    [['calendar', 'set'], 'staffcast: invalid file: calendar set needs a JSON file (or - for standard input)\n'],
    [['calendar', 'edit'], 'staffcast: invalid action: expected show, set or propose, got "edit"\n'],
    [['calendar', 'set', join(dir, 'missing.json')], `staffcast: invalid file: cannot read ${join(dir, 'missing.json')}\n`],
    [['calendar', 'show', '--queue', 'Claims'], 'staffcast: invalid --queue: only for calendar propose\n'],
  ])('%j exits 2 with the field named', async (args, message) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(message);
  });
});
