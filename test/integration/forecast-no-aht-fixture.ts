/**
 * Two queues without full handle-time history, for the forecast's "no AHT" answers:
 * - `dental`: voice, every contact abandons (no handle time at all). Weekdays 2025-06-02 …
 *   2025-09-26, 10 contacts a day at 09:00–09:09 (one a minute).
 * - `vision`: voice, weekdays 08:00–08:30 answered (AHT 240 + 30 + 30 = 300 s, 4 contacts
 *   per half-hour), Saturdays 4 contacts at 08:00 that all abandon: Saturday has calls but
 *   no handle time.
 * Site zone America/Los_Angeles.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../../server/db/database.ts';
import { addDays, isoWeekday, localToUtc } from '../../server/wfm/timezone.ts';
import { loadContactsDirect } from '../helpers/loadContactsDirect.ts';

export const TZ = 'America/Los_Angeles';
const HEADER = 'contact_id,queue,channel,plan,state,tier,reason,offered_at,answered_at,ended_at,talk_s,hold_s,acw_s,agent_id,member_id,transferred,ivr_contained,resolved,csat,nps';

function instant(date: string, minuteOfDay: number): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const r = localToUtc({ year: y, month: m, day: d, hour: Math.floor(minuteOfDay / 60), minute: minuteOfDay % 60, second: 0 }, TZ);
  if (r.status === 'gap') throw new Error('no such local time');
  return r.utcMs;
}
const iso = (t: number) => new Date(t).toISOString().replace('.000Z', 'Z');

export function noAhtCsv(): string {
  const lines = [HEADER];
  let id = 0;
  const abandoned = (queue: string, t: number) =>
    lines.push([`N${++id}`, queue, 'voice', 'dental', 'CA', '1', 'claims', iso(t), '', iso(t + 30_000), '', '', '', '', '', 'false', 'false', '', '', ''].join(','));
  const answered = (queue: string, t: number) =>
    lines.push([`N${++id}`, queue, 'voice', 'vision', 'CA', '1', 'claims', iso(t), iso(t + 10_000), iso(t + 310_000), '240', '30', '30', 'A1', '', 'false', 'false', '', '', ''].join(','));
  for (let date = '2025-06-02'; date <= '2025-09-27'; date = addDays(date, 1)) {
    const wd = isoWeekday(date);
    if (wd <= 5) {
      for (let k = 0; k < 10; k++) abandoned('dental', instant(date, 540 + k));
      for (let k = 0; k < 4; k++) answered('vision', instant(date, 480 + k));
      for (let k = 0; k < 4; k++) answered('vision', instant(date, 510 + k));
    } else if (wd === 6) {
      for (let k = 0; k < 4; k++) abandoned('vision', instant(date, 480 + k));
    }
  }
  return lines.join('\n') + '\n';
}

export async function loadNoAhtFixture(db: Database): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'staffcast-no-aht-'));
  const path = join(dir, 'contacts.csv');
  writeFileSync(path, noAhtCsv());
  await loadContactsDirect(db, path, TZ);
}
