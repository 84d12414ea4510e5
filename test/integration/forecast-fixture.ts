/**
 * A contact history with a known answer for the forecast integration tests, written as a
 * canonical CSV and loaded straight into `contacts`.
 *
 * Queue `medicare-advantage`, 2025-06-02 (Mon) … 2025-09-28 (Sun), America/Los_Angeles.
 * Voice is open weekdays 08:00–16:00 (16 half-hours) with PER_INTERVAL[weekday] contacts per
 * half-hour and twice that at 10:00: Mon 6·15 + 12 = 102, Tue/Wed 5·15 + 10 = 85, Thu/Fri
 * 4·15 + 8 = 68; weekends and federal holidays (Juneteenth, July 4, Labor Day) closed. Every
 * voice contact is answered with 240 + 30 + 30 = 300 s handle time. One IVR-contained contact
 * a day (not offered). Chat: 2 contacts at 12:00 on open weekdays.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../../server/db/database.ts';
import { federalHolidayOn } from '../../server/wfm/calendar.ts';
import { addDays, isoWeekday, localToUtc } from '../../server/wfm/timezone.ts';
import { loadContactsDirect } from '../helpers/loadContactsDirect.ts';

export const TZ = 'America/Los_Angeles';
export const QUEUE = 'medicare-advantage';
export const FIRST = '2025-06-02';
export const LAST = '2025-09-28';
/** Contacts per open half-hour by ISO weekday (index 0 unused). */
export const PER_INTERVAL = [0, 6, 5, 5, 4, 4, 0, 0];
/** Day totals by ISO weekday. */
export const DAY_TOTAL = PER_INTERVAL.map((c) => c * 15 + 2 * c);

const HEADER = 'contact_id,queue,channel,plan,state,tier,reason,offered_at,answered_at,ended_at,talk_s,hold_s,acw_s,agent_id,member_id,transferred,ivr_contained,resolved,csat,nps';

function instant(date: string, minuteOfDay: number, second: number): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const r = localToUtc({ year: y, month: m, day: d, hour: Math.floor(minuteOfDay / 60), minute: minuteOfDay % 60, second }, TZ);
  if (r.status === 'gap') throw new Error('no such local time');
  return new Date(r.utcMs);
}

const iso = (d: Date) => d.toISOString().replace('.000Z', 'Z');

export function fixtureCsv(): string {
  const lines = [HEADER];
  let id = 0;
  const row = (channel: string, offered: Date, answered: boolean, ivr = false) => {
    id++;
    const ans = answered ? new Date(offered.getTime() + 10_000) : null;
    const end = answered ? new Date(offered.getTime() + 310_000) : ivr ? null : new Date(offered.getTime() + 30_000);
    lines.push(
      [
        `C${id}`,
        QUEUE,
        channel,
        'medicare_advantage',
        'CA',
        '1',
        'claims',
        iso(offered),
        ans ? iso(ans) : '',
        end ? iso(end) : '',
        answered ? '240' : '',
        answered ? '30' : '',
        answered ? '30' : '',
        answered ? 'A1' : '',
        '',
        'false',
        ivr ? 'true' : 'false',
        '',
        '',
        '',
      ].join(','),
    );
  };
  for (let date = FIRST; date <= LAST; date = addDays(date, 1)) {
    const wd = isoWeekday(date);
    if (wd >= 6 || federalHolidayOn(date)) continue;
    for (let slot = 480; slot < 960; slot += 30) {
      const n = PER_INTERVAL[wd]! * (slot === 600 ? 2 : 1);
      for (let k = 0; k < n; k++) row('voice', instant(date, slot, k * 60), true);
    }
    row('voice', instant(date, 545, 0), false, true);
    row('chat', instant(date, 720, 0), true);
    row('chat', instant(date, 720, 30), true);
  }
  return lines.join('\n') + '\n';
}

/** Loads the fixture into `db` (a fresh database). */
export async function loadForecastFixture(db: Database): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'staffcast-forecast-'));
  const path = join(dir, 'contacts.csv');
  writeFileSync(path, fixtureCsv());
  await loadContactsDirect(db, path, TZ);
}
