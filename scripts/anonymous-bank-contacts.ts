/**
 * The Anonymous Bank call log of February 1999 (/work/shared/datasets/anonymous-bank-1999-02.tsv,
 * README there) as canonical contacts, to read the SLA engine on real calls (docs/sla.md,
 * "Real data"). `npx tsx scripts/anonymous-bank-contacts.ts IN.tsv OUT.csv`.
 *
 * - Queue entry (offered_at) = vru_exit, in Israel's standard time (+02:00; no DST change in
 *   February). The wait is q_time (seconds in queue): answered_at = offered_at + q_time for
 *   AGENT, ended_at = offered_at + q_time for HANG (the log's ser_start disagrees with the
 *   queue clocks by a second or two, so it is not used).
 * - Dropped: PHANTOM rows, rows with a negative vru_time, and HANG with q_time 0 (hung up in
 *   the VRU before reaching the queue: never offered).
 * - queue = the service type (PS, NW, …), channel voice, member = customer_id (0 = unknown).
 * - Dates moved to 2010, which has 1999's calendar (same weekdays, not a leap year; Israel's
 *   clocks did not change in February of either): the ingest refuses dates before 2000.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { toCsv } from '../server/wfm/csv.ts';

const [input, output] = process.argv.slice(2);
if (!input || !output) throw new Error('usage: anonymous-bank-contacts.ts IN.tsv OUT.csv');
const [head, ...lines] = readFileSync(input, 'utf8').trim().split('\n');
const cols = head!.split('\t');
const iso = (yymmdd: string, seconds: number) => {
  const base = Date.parse(`2010-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}T00:00:00+02:00`);
  return new Date(base + seconds * 1000 + 2 * 3600_000).toISOString().replace('Z', '+02:00').replace('.000', '');
};
const secs = (hms: string) => hms.split(':').reduce((a, x) => a * 60 + Number(x), 0);
const rows: Record<string, unknown>[] = [];
const dropped = { phantom: 0, negativeVru: 0, hungUpInVru: 0 };
for (const line of lines) {
  const v = Object.fromEntries(line.split('\t').map((x, i) => [cols[i], x.trim()]));
  if (v.outcome === 'PHANTOM') {
    dropped.phantom++;
    continue;
  }
  if (Number(v.vru_time) < 0) {
    dropped.negativeVru++;
    continue;
  }
  const wait = Number(v.q_time);
  if (v.outcome === 'HANG' && wait === 0) {
    dropped.hungUpInVru++;
    continue;
  }
  const t0 = secs(v.vru_exit!);
  const answered = v.outcome === 'AGENT';
  rows.push({
    contact_id: `${v['vru+line']}-${v.call_id}`,
    queue: `bank-${v.type!.toLowerCase()}`,
    channel: 'voice',
    tier: 1,
    offered_at: iso(v.date!, t0),
    answered_at: answered ? iso(v.date!, t0 + wait) : '',
    ended_at: answered ? '' : iso(v.date!, t0 + wait),
    talk_s: answered ? Number(v.ser_time) : '',
    hold_s: answered ? 0 : '',
    acw_s: answered ? 0 : '',
    member_id: v.customer_id === '0' ? '' : v.customer_id,
  });
}
writeFileSync(output, toCsv(rows));
process.stderr.write(`${rows.length} contacts written; dropped ${JSON.stringify(dropped)}\n`);
