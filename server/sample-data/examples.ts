/**
 * Regenerates the small example files committed in sample-data/ (run from the repository
 * root: `node --import tsx server/sample-data/examples.ts`). They are derived from the
 * generator so they stay consistent with it; docs/sample-data.md describes each file and,
 * for the bad-rows file, exactly which lines are bad and why.
 */
import { writeFileSync } from 'node:fs';
import { formatLocalIso } from '../wfm/timezone.ts';
import { csvField } from './format.ts';
import { CONTACT_COLUMNS, contactLine, generateContacts, writeSampleData, type SampleContact } from './index.ts';

const TZ = 'America/Los_Angeles';
const DIR = 'sample-data';

/** 2025-11-02 (the fall-back Sunday: email and portal only) to Tuesday 2025-11-04. */
async function contactsSample(): Promise<void> {
  const r = await writeSampleData({ days: 3, seed: 42, endDate: '2025-11-04', timezone: TZ, scale: 0.25, out: `${DIR}/contacts-sample.csv` });
  console.log(`contacts-sample.csv: ${r.rows} rows`);
}

/** One Monday of contacts with six rows made bad and one with an out-of-range survey score. */
function contactsWithBadRows(): void {
  // Ids start with B so this file never collides with contacts-sample.csv in one source.
  const rows = [...generateContacts({ days: 1, seed: 42, endDate: '2025-11-03', timezone: TZ, scale: 0.5 })].map((c) => ({
    ...c,
    contact_id: 'B' + c.contact_id.slice(1),
  }));
  const answered = (from: number) => {
    let i = from;
    while (rows[i]!.answered_at === null) i++;
    return i;
  };
  const lines = rows.map((c) => contactLine(c).slice(0, -1));
  const edit = (i: number, change: Partial<Record<keyof SampleContact, string | number>>) => {
    const c: Record<string, unknown> = { ...rows[i]!, ...change };
    lines[i] = CONTACT_COLUMNS.map((k) => csvField(c[k] as string | number | null)).join(',');
    return i + 1; // data row as the ingest reports it (the file line is one more: the header)
  };
  const shift = (iso: string, seconds: number) => new Date(Date.parse(iso) + seconds * 1000).toISOString().slice(0, 19) + 'Z';
  const report: string[] = [];
  let i = answered(0);
  report.push(`row ${edit(i, { offered_at: '2025-11-03T25:10:00Z' })}: ${rows[i]!.contact_id} offered_at 2025-11-03T25:10:00Z (hour 25: unparseable timestamp)`);
  i = answered(i + 1);
  const early = shift(rows[i]!.offered_at, -120);
  report.push(`row ${edit(i, { answered_at: early })}: ${rows[i]!.contact_id} answered_at ${early}, 2 min before offered_at (answered before offered)`);
  i = answered(i + 1);
  report.push(`row ${edit(i, { talk_s: -42 })}: ${rows[i]!.contact_id} talk_s -42 (negative duration)`);
  i = answered(i + 1);
  report.push(`row ${edit(i, { channel: 'fax' })}: ${rows[i]!.contact_id} channel fax (unknown channel)`);
  i = answered(i + 1);
  report.push(`row ${edit(i, { csat: 9, nps: '' })}: ${rows[i]!.contact_id} csat 9 (out of 1–5: the score is dropped and flagged, the contact is kept)`);
  i = answered(i + 1);
  const dupId = rows[i]!.contact_id;
  const first = i + 1;
  i = answered(i + 1);
  report.push(`rows ${first} and ${edit(i, { contact_id: dupId })}: both contact_id ${dupId} with different values (conflicting duplicate: both rejected)`);
  writeFileSync(`${DIR}/contacts-with-bad-rows.csv`, CONTACT_COLUMNS.join(',') + '\n' + lines.join('\n') + '\n');
  console.log(`contacts-with-bad-rows.csv: ${rows.length} data rows`);
  for (const r of report) console.log('  ' + r);
}

/** An ACD export: its own header names and column order, BOM, CRLF, every field quoted, local times with offsets, two extra columns. */
function acdExport(): void {
  const columns: [string, keyof SampleContact | null][] = [
    ['Interaction ID', 'contact_id'],
    ['Start Time', 'offered_at'],
    ['Answer Time', 'answered_at'],
    ['End Time', 'ended_at'],
    ['Skill', 'queue'],
    ['Media Type', 'channel'],
    ['Site', null],
    ['Agent Login', 'agent_id'],
    ['Talk Time (sec)', 'talk_s'],
    ['Hold Time (sec)', 'hold_s'],
    ['Wrap Time (sec)', 'acw_s'],
    ['Subscriber ID', 'member_id'],
    ['Line of Business', 'plan'],
    ['Member State', 'state'],
    ['Support Tier', 'tier'],
    ['Call Reason', 'reason'],
    ['Transfer Flag', 'transferred'],
    ['IVR Self Service', 'ivr_contained'],
    ['First Call Resolved', 'resolved'],
    ['Survey CSAT', 'csat'],
    ['Survey NPS', 'nps'],
    ['Trunk Group', null],
  ];
  const all = [...generateContacts({ days: 1, seed: 7, endDate: '2025-11-04', timezone: TZ, scale: 0.25 })];
  const picked = all.filter((_, k) => k % Math.ceil(all.length / 40) === 0).map((c) => ({ ...c, contact_id: 'ACD-' + c.contact_id.slice(1) }));
  const q = (s: string) => '"' + s.replace(/"/g, '""') + '"';
  const local = (iso: string | null) => (iso === null ? '' : formatLocalIso(Date.parse(iso), TZ));
  const out = ['\uFEFF' + columns.map(([h]) => q(h)).join(',')];
  picked.forEach((c, k) => {
    out.push(
      columns
        .map(([, key]) => {
          if (key === null) return q(k % 2 === 0 ? 'Sacramento, CA' : 'Phoenix, AZ');
          const v = c[key];
          if (key === 'offered_at' || key === 'answered_at' || key === 'ended_at') return q(local(v as string | null));
          return q(v === null ? '' : String(v));
        })
        .map((v, idx) => (columns[idx]![0] === 'Trunk Group' ? q(`TG-${100 + (k % 3)}`) : v))
        .join(','),
    );
  });
  writeFileSync(`${DIR}/acd-export-example.csv`, out.join('\r\n') + '\r\n');
  const mapping = { columns: Object.fromEntries(columns.filter(([, k]) => k !== null).map(([h, k]) => [k!, h])) };
  writeFileSync(`${DIR}/acd-mapping.json`, JSON.stringify(mapping, null, 2) + '\n');
  console.log(`acd-export-example.csv: ${picked.length} rows`);
}

await contactsSample();
contactsWithBadRows();
acdExport();
