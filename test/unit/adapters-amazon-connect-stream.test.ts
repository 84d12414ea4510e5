/**
 * The Amazon Connect adapter's streamed path (legs held in columns, each contact written as it
 * is built: `finishEach` in server/ingest/adapters/amazon-connect.ts, `adaptFile` in
 * server/ingest/adapter-ingest.ts) gives what the code before it gave: on a seeded mix of
 * 3,001 records (test/fixtures/adapters/ctrMix.ts: transfer chains of two and three legs, some
 * in reverse order, re-deliveries newer and older, missing first legs, broken instants,
 * unknown channels, invalid JSON, records over several lines and two on a line, CRLF), the
 * canonical CSV, the rejects and the line of every record are byte for byte those of commit
 * bff36a8 (the SHA-256 digests below were taken by running that commit's adaptFile on the
 * same text), and a few contacts are checked by hand.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { adaptFile, csvLine } from '../../server/ingest/adapter-ingest.ts';
import { amazonConnect } from '../../server/ingest/adapters/amazon-connect.ts';
import { convertRecords } from '../../server/ingest/adapters/index.ts';
import { readRecords } from '../../server/ingest/adapters/read.ts';
import type { VendorRecord } from '../../server/ingest/adapters/types.ts';
import { ctrMix } from '../fixtures/adapters/ctrMix.ts';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const OPTIONS = { timezone: 'America/Los_Angeles' };

describe('Amazon Connect: the streamed path gives the output of the code before it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'staffcast-ctr-mix-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'mix.jsonl');
  writeFileSync(file, ctrMix(3000));

  it('the same canonical CSV, rejects, record lines and summary as commit bff36a8', async () => {
    const a = await adaptFile(file, amazonConnect, OPTIONS, dir);
    const csv = readFileSync(a.csvPath, 'utf8');
    expect(sha256(csv)).toBe('d5a75c8096b973b468b6255196bd3eb6b87d5bc95d8497789a689c17fc07f82e');
    expect(sha256(JSON.stringify(a.rejects))).toBe('5ff3f8f79fb846c097b22ffe4ca6fdfb739e7ed5a6bdb7ccea1d0823d15f2028');
    const lines = Array.from({ length: a.summary.records + 2 }, (_, k) => a.lineOf(k));
    expect(sha256(JSON.stringify(lines))).toBe('c0bd8f8fa8ffc4e34dc9387111147a59b1957e42fe9b24be62412d2d876a5095');
    // 3,001 records = 1,917 contacts + 325 rejected + 88 excluded + 671 folded.
    expect(a.summary).toMatchObject({ records: 3001, contacts: 1917, rejected: 325, excluded: 88, folded: 671 });
    expect(a.rows).toBe(1917);

    // The rows in record order are what the array path (`finish`, as the tests of the pure
    // conversion read it) gives, written the same way.
    const records: VendorRecord[] = [];
    await readRecords(file, { syntax: 'json' }, (r) => records.push(r));
    const out = convertRecords(amazonConnect, records, OPTIONS);
    const header = [...amazonConnect.columns];
    expect(csv).toBe(`${[...header, '__rn'].join(',')}\n${out.contacts.map((c) => csvLine(c.row, header, c.record)).join('')}`);

    const row = (id: string) => csv.split('\n').find((l) => l.startsWith(`${id},`));
    // K2, records 2-4, three legs in order: queued to Éligibilité at 15:00:29Z, answered by
    // agent26 at 15:00:56Z, ended with the last leg at 15:05:51Z; talk 55 + 100 + 100 = 255,
    // hold 0 + 5 + 5 = 10, ACW 0 + 11 + 11 = 22.
    expect(row('K2')).toBe('K2,Éligibilité,voice,2025-06-02T15:00:29Z,2025-06-02T15:00:56Z,2025-06-02T15:05:51Z,255,10,22,agent26,+15550000002,true,false,false,2');
    // K18: legs 3, 2, 1 as records 24, 25, 26 (reverse order), and leg 2 delivered again as
    // record 41 with a later LastUpdateTimestamp (15:06:57Z > 15:05:57Z) and ACW 77, which wins.
    // The contact is reported under its first leg (record 26); legs ordered by
    // InitiationTimestamp (15:02:06Z, 15:03:56Z, 15:05:56Z), so it ends with leg 3 at 15:07:56Z;
    // channel from the first leg (VOICE; leg 3 says CHAT); talk 49 + 100 + 100 = 249,
    // hold 0 + 5 + 5 = 10, ACW 0 + 77 + 50 = 127. The first leg's 15:03:07.000Z is written without its zero fraction.
    expect(row('K18')).toBe('K18,MemberServices,voice,2025-06-02T15:02:21Z,2025-06-02T15:03:07Z,2025-06-02T15:07:56Z,249,10,127,agent18,+15550000018,true,false,false,26');
    // K41: record 57, delivered again as record 104 (LastUpdate 15:13:05Z > 15:12:05Z, ACW 77
    // instead of 56): the later copy wins and the contact is reported under record 104.
    expect(row('K41')).toBe('K41,MemberServices,voice,2025-06-02T15:05:02Z,2025-06-02T15:05:58Z,2025-06-02T15:12:00Z,362,0,77,agent0,+15550000041,false,false,false,104');
  });

  it('a line longer than the write buffer holds (1 MiB / 3 bytes per UTF-16 unit) is written whole, in order, in UTF-8', async () => {
    const ivr = (id: string, address: string) =>
      JSON.stringify({ ContactId: id, Channel: 'VOICE', InitiationTimestamp: '2025-06-02T15:00:00Z', CustomerEndpoint: { Address: address }, DisconnectTimestamp: '2025-06-02T15:01:00Z' });
    const long = `${'é'.repeat(400_000)},x`; // 400,002 units > 349,525; needs quotes for its comma
    const path = join(dir, 'long.jsonl');
    writeFileSync(path, [ivr('A', '+1'), ivr('B', long), ivr('C', '+3')].join('\n'));
    const a = await adaptFile(path, amazonConnect, OPTIONS, dir);
    // Never queued, no agent: IVR-contained, offered when it started, ended at its disconnect.
    const tail = 'voice,2025-06-02T15:00:00Z,,2025-06-02T15:01:00Z,,,,'; // no answer, talk, hold, ACW, agent
    expect(readFileSync(a.csvPath, 'utf8').split('\n').slice(1)).toEqual([
      `A,ivr,${tail},+1,false,true,false,1`,
      `B,ivr,${tail},"${long}",false,true,false,2`,
      `C,ivr,${tail},+3,false,true,false,3`,
      '',
    ]);
  });
});
