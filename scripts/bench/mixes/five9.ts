/**
 * A seeded Five9 Call Log report (CSV) of `n` rows, written from
 * test/fixtures/adapters/five9-call-log.csv and /work/shared/datasets/exports/five9.md: the
 * report's 25 columns, local times without a zone (`Mon, 02 Jun 2025 09:00:12`),
 * `HH:MM:SS[.mmm]` durations, `[None]` for no agent. Mix: 72 % answered, 12 % abandoned,
 * 4 % IVR-contained, 6 % transferred (a second row under the same CALL ID, sometimes a
 * `3rd party transfer` leg), 5 % outbound, 1 % rows repeated exactly.
 */
import { mulberry32 } from '../../../server/wfm/random.ts';
import { writeRecords } from './write.ts';

const HEADER =
  'CALL ID,TIMESTAMP,CAMPAIGN,CALL TYPE,AGENT,AGENT NAME,DISPOSITION,ANI,CUSTOMER NAME,DNIS,CALL TIME,BILL TIME (ROUNDED),COST,IVR TIME,QUEUE WAIT TIME,RING TIME,TALK TIME,HOLD TIME,PARK TIME,AFTER CALL WORK TIME,TRANSFERS,CONFERENCES,HOLDS,ABANDONED,RECORDINGS\n';
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (x: number) => String(x).padStart(2, '0');

/** Wall-clock text of `ms` read as local time (the generator counts in a zone-less clock). */
function five9Time(ms: number): string {
  const d = new Date(ms);
  return `"${DAYS[d.getUTCDay()]}, ${p2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}"`;
}

function hms(ms: number): string {
  const s = Math.floor(ms / 1000);
  const frac = ms % 1000 ? `.${String(ms % 1000).padStart(3, '0')}` : '';
  return `${p2(Math.floor(s / 3600))}:${p2(Math.floor(s / 60) % 60)}:${p2(s % 60)}${frac}`;
}

export function writeCallLog(path: string, n: number): void {
  const random = mulberry32(20261203);
  const campaigns = ['Member Services', 'Pharmacy', 'Claims', 'Eligibility'];
  const t0 = Date.UTC(2025, 5, 2, 8); // 08:00 local (wall clock)
  let i = 0;
  writeRecords(
    path,
    n,
    (emit) => {
      i++;
      const id = String(300000 + i);
      const start = t0 + i * 4000;
      const campaign = campaigns[Math.floor(random() * campaigns.length)]!;
      const ivr = (5 + Math.floor(random() * 30)) * 1000;
      const wait = Math.floor(random() * 120_000);
      const ring = Math.floor(random() * 8000);
      const talk = (30 + Math.floor(random() * 600)) * 1000;
      const hold = random() < 0.3 ? Math.floor(random() * 120) * 1000 : 0;
      const acw = Math.floor(random() * 90) * 1000;
      const user = Math.floor(random() * 300);
      const ani = `555${String(Math.floor(random() * 1e7)).padStart(7, '0')}`;
      const row = (
        type: string,
        agent: string | null,
        disposition: string,
        callTime: number,
        i2: number,
        w: number,
        r: number,
        t: number,
        h: number,
        a: number,
        transfers: number,
        abandoned: string,
      ) =>
        `${id},${five9Time(start)},${campaign},${type},${agent ?? '[None]'},${agent ? `Agent ${user} - Team ${user % 7}` : '[None]'},${disposition},${ani},,8005550199,${hms(callTime)},${hms(Math.ceil(callTime / 60000) * 60000)},0.${p2(user % 100)},${hms(i2)},${hms(w)},${hms(r)},${hms(t)},${hms(h)},00:00:00,${hms(a)},${transfers},0,${h ? 1 : 0},${abandoned},${t ? `"${p2(9)}:01:07(${Math.floor(t / 60000)}:${p2((t / 1000) % 60)})"` : ''}\n`;
      const agent = `agent${user}@plan.example`;
      const kind = random();
      let text: string;
      if (kind < 0.72) text = row('Inbound', agent, 'Resolved', ivr + wait + ring + talk + hold, ivr, wait, ring, talk, hold, acw, 0, random() < 0.5 ? '0' : '');
      else if (kind < 0.84) text = row('Inbound', null, 'Abandon', ivr + wait, ivr, wait || 1000, 0, 0, 0, 0, 0, '1');
      else if (kind < 0.88) text = row('Inbound', null, 'Caller Disconnected', ivr, ivr, 0, 0, 0, 0, 0, 0, '0');
      else if (kind < 0.94) {
        text = row('Inbound', agent, 'Transferred To Skill', ivr + wait + ring + talk + hold, ivr, wait, ring, talk, hold, 0, 1, '0');
        text +=
          random() < 0.3
            ? row('3rd party transfer', null, 'Transferred', 200_000, 0, 0, 0, 200_000, 0, 0, 0, '')
            : row('Inbound', `agent${(user + 1) % 300}@plan.example`, 'Resolved', 200_000, 0, 20_000, 3000, 180_000, 0, acw, 0, '0');
      } else if (kind < 0.99) text = row(random() < 0.5 ? 'Outbound' : 'Manual', agent, 'Left Message', talk, 0, 0, 0, talk, 0, acw, 0, '');
      else text = row('Inbound', agent, 'Resolved', ivr + wait + ring + talk, ivr, wait, ring, talk, 0, acw, 0, '0').repeat(2);
      // One record per CSV row: a text of two rows is emitted as two.
      for (const line of text.split(/(?<=\n)/)) emit(line);
    },
    HEADER,
  );
}
