/**
 * The Genesys Cloud, Five9 and NICE CXone adapters, sped up for a million records (a
 * conversation is converted when it is read instead of held as parsed JSON until the end; a
 * participant's metrics and segments are gathered once; a Five9 row is held as its values and
 * its repeats looked for among its call's rows; a CXone record is held as the 17 fields read
 * later), give what the code before the change gave: on seeded mixed files (the
 * benchmark's generators, scripts/bench/mixes/, at 3,000 records, with hand-written
 * oddities appended: invalid JSON, no id, a later copy that is not complete, two complete
 * copies, a query-response page; for Five9 short rows, an empty CALL ID, a time in the
 * daylight-saving gap and one in the repeated hour, a bad duration) and on the fixture files
 * of test/fixtures/adapters/, the canonical CSV, the rejects, the record lines and the
 * summary are byte for byte those of commit 85e7b78 (the SHA-256 digests below were taken by
 * running that commit's adaptFile on the same files).
 */
import { createHash } from 'node:crypto';
import { appendFileSync, copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeCallLog } from '../../scripts/bench/mixes/five9.ts';
import { writeConversations } from '../../scripts/bench/mixes/genesys.ts';
import { writeCompletedContacts } from '../../scripts/bench/mixes/nice.ts';
import { adaptFile } from '../../server/ingest/adapter-ingest.ts';
import { five9 } from '../../server/ingest/adapters/five9.ts';
import { genesysCloud } from '../../server/ingest/adapters/genesys-cloud.ts';
import { niceCxone } from '../../server/ingest/adapters/nice-cxone.ts';
import type { ContactAdapter } from '../../server/ingest/adapters/types.ts';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const OPTIONS = { timezone: 'America/Los_Angeles' };
const FIXTURES = join(import.meta.dirname, '../fixtures/adapters');

const dir = mkdtempSync(join(tmpdir(), 'staffcast-adapter-identity-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** One digest of everything adaptFile gives for the file. */
async function digest(path: string, adapter: ContactAdapter): Promise<{ digest: string; summary: object }> {
  const a = await adaptFile(path, adapter, OPTIONS, dir);
  const csv = readFileSync(a.csvPath, 'utf8');
  const lines = Array.from({ length: a.summary.records + 2 }, (_, k) => a.lineOf(k));
  return { digest: sha256(JSON.stringify([csv, a.rejects, lines, a.summary])), summary: a.summary };
}

const GENESYS_ODDITIES = [
  '{"conversationId": G-BROKEN}',
  '{"participants": []}',
  '[{"conversationId": "G-ARRAY"}, {"conversationId": "G-ARRAY-2", "conversationEnd": "2025-06-02T13:01:00Z"}]',
  // G-TWICE: complete, then complete again with a later end (the last complete copy wins), then active (ignored).
  '{"conversationId":"G-TWICE","conversationStart":"2025-06-02T13:00:00.000Z","conversationEnd":"2025-06-02T13:01:00.000Z","participants":[{"purpose":"customer","sessions":[{"mediaType":"voice","ani":"tel:+1"}]},{"purpose":"ivr","sessions":[{"mediaType":"voice"}]}]}',
  '{"conversationId":"G-TWICE","conversationStart":"2025-06-02T13:00:00.000Z","conversationEnd":"2025-06-02T13:02:00.000Z","participants":[{"purpose":"customer","sessions":[{"mediaType":"voice","ani":"tel:+1"}]},{"purpose":"ivr","sessions":[{"mediaType":"voice"}]}]}',
  '{"conversationId":"G-TWICE","conversationStart":"2025-06-02T13:00:00.000Z","participants":[]}',
  '{"conversations":[{"conversationId":"G-PAGE","conversationStart":"2025-06-02T13:00:00Z","conversationEnd":"2025-06-02T13:03:00Z","participants":[{"purpose":"customer","sessions":[{"mediaType":"fax"}]}]},{"conversationId":"G-PAGE-2","conversationStart":"2025-06-02T13:00:00Z","conversationEnd":"2025-06-02T13:03:00Z","participants":[{"purpose":"acd","participantName":"Claims","sessions":[{"mediaType":"chat","metrics":[{"name":"tAbandon","value":-1,"emitDate":"2025-06-02T13:01:00Z"}]}]}]}]}',
];

describe('Genesys Cloud: the converted-when-read path gives the output of the code before it', () => {
  it('on a seeded mix of 3,000 conversations and oddities', async () => {
    const path = join(dir, 'genesys-mix.jsonl');
    writeConversations(path, 3000);
    appendFileSync(path, `${GENESYS_ODDITIES.join('\n')}\n`);
    const r = await digest(path, genesysCloud);
    expect(r.summary).toMatchObject({ records: 3009 });
    expect(r.digest).toBe('da54d358fcad0f1f17996c06f8e2111882dff798ded0c525bb5e604735a9988f');
  });
  it.each([
    ['genesys-cloud-details.jsonl', 'c9b926f1ef775776c8ba632c6c153d795e593578aecd0e65df600adb90fcfe0e'],
    ['genesys-cloud-query-response.json', '460db561b8cd610c977ad4dced5fd8fe32806d7252e0c69cc6db457357f54a8a'],
    ['genesys-blueprint-conversation1.json', '090f32090184b3a2d2da24621f7dcd27136210873f25fb8bc889bac1aa3b4577'],
    ['genesys-blueprint-conversation2.json', '687b3cd95bd85686172115ddd1cf729d45ac09ebbc1b570f163168ff243bd503'],
  ])('on the fixture %s', async (name, expected) => {
    const path = join(dir, name);
    copyFileSync(join(FIXTURES, name), path);
    expect((await digest(path, genesysCloud)).digest).toBe(expected);
  });
});

const FIVE9_ODDITIES = [
  '400001,"Mon, 02 Jun 2025 09:00:12",Member Services',
  ',"Mon, 02 Jun 2025 09:00:12",Member Services,Inbound,a@x,A,Resolved,5550100021,,8005550199,00:06:00,00:07:00,0.12,00:00:20,00:00:29.500,00:00:05.250,00:04:30,00:00:30,00:00:00,00:01:00,0,0,1,,',
  '400002,"Sun, 09 Mar 2025 02:30:00",Member Services,Inbound,a@x,A,Resolved,5550100021,,8005550199,00:06:00,00:07:00,0.12,00:00:20,00:00:29.500,00:00:05.250,00:04:30,00:00:30,00:00:00,00:01:00,0,0,1,,',
  '400003,"Sun, 02 Nov 2025 01:30:00",Member Services,Inbound,a@x,A,Resolved,5550100021,,8005550199,00:06:00,00:07:00,0.12,00:00:20,00:00:29.500,00:00:05.250,00:04:30,00:00:30,00:00:00,00:01:00,0,0,1,,',
  '400004,"Mon, 02 Jun 2025 09:00:12",Member Services,Inbound,a@x,A,Resolved,5550100021,,8005550199,6 min,00:07:00,0.12,00:00:20,00:00:29.500,00:00:05.250,00:04:30,00:00:30,00:00:00,00:01:00,0,0,1,,',
  '400005,"Mon, 02 Jun 2025 09:00:12",Member Services,Inbound,[None],[None],Abandon,5550100021,,8005550199,00:01:00,,0,00:00:20,00:00:40,00:00:00,00:00:00,00:00:00,00:00:00,00:00:00,0,0,0,0,',
  '400005,"Mon, 02 Jun 2025 09:01:12",Member Services,3rd party transfer,b@x,B,Transferred,5550100021,,8005550199,00:01:00,,0,00:00:00,00:00:00,00:00:00,00:01:00,00:00:00,00:00:00,00:00:00,x,0,0,,',
];

describe('Five9: the faster rows give the output of the code before them', () => {
  it('on a seeded mix of 3,000 rows and oddities', async () => {
    const path = join(dir, 'five9-mix.csv');
    writeCallLog(path, 3000);
    appendFileSync(path, `${FIVE9_ODDITIES.join('\r\n')}\r\n`);
    const r = await digest(path, five9);
    expect(r.summary).toMatchObject({ records: 3007 });
    expect(r.digest).toBe('4e56930cf4de6f8d2f4ab29798ea7f042b72920dfb3e29ad8f5277beb7c13689');
  });
  it('on the same mix with its header in mixed case (each row copied under upper-case names)', async () => {
    const path = join(dir, 'five9-lower.csv');
    writeCallLog(path, 3000);
    const text = readFileSync(path, 'utf8');
    const nl = text.indexOf('\n');
    writeFileSync(path, `${text.slice(0, nl).toLowerCase().replace('call id', 'Call Id')}${text.slice(nl)}400009,"Mon, 02 Jun 2025 09:00:12",X\n`);
    const r = await digest(path, five9);
    expect(r.summary).toMatchObject({ records: 3001, contacts: 2660 });
    expect(r.digest).toBe('feccc731f67854852900378067dc6cd342e84e2e06358220cdb064ae766be430');
  });
  it.each([
    ['five9-call-log.csv', '9bd450b50f57031c8010c7787acf6747986fd4b61f40b5def573be065dda0810'],
    ['five9-inbound-call-log.csv', 'ff784ffccbf38474db5544424db0ac832e2c0be9389011eb73d5376cc4c22922'],
  ])('on the fixture %s', async (name, expected) => {
    const path = join(dir, name);
    copyFileSync(join(FIXTURES, name), path);
    expect((await digest(path, five9)).digest).toBe(expected);
  });
});

const NICE_ODDITIES = [
  '{"contactId": 5x}',
  '{"masterContactId": "1"}',
  '{"contactId": "N-1", "masterContactId": "N-1", "contactStart": "2025-06-02T16:00:00Z", "lastUpdateTime": "2025-06-02T16:10:00Z", "skillName": "Claims", "mediaTypeName": "Fax", "agentId": "1", "inQueueSeconds": "3"}',
  '{"contactId": "N-2", "contactStart": "2025-06-02T16:00:00Z", "lastUpdateTime": "2025-06-02T16:10:00Z", "skillName": "Claims", "mediaTypeName": "Call", "agentId": "1", "inQueueSeconds": "3", "agentSeconds": "10", "holdSeconds": "20"}',
  '{"contactId": "N-3", "contactStart": "2025-06-02T16:00:00Z", "lastUpdateTime": "2025-06-02T16:10:00Z", "skillName": "Claims", "mediaTypeName": "Call", "agentId": "0", "inQueueSeconds": "30", "abandoned": "False"}',
  '{"contactId": "N-4", "contactStart": "2025-06-02T16:00:00Z", "lastUpdateTime": "2025-06-02T16:11:00Z", "skillId": "9", "mediaType": "Email", "agentId": "7", "inQueueSeconds": "30", "acwSeconds": "15", "agentSeconds": "100", "totalDurationSeconds": "130", "transferIndicatorName": "Warm", "isOutbound": false}',
  '{"contactId": "N-4", "contactStart": "2025-06-02T16:00:00Z", "lastUpdateTime": "2025-06-02T16:10:00Z", "skillId": "9", "mediaType": "Email", "agentId": "7"}',
  '{"contactId": "N-5", "contactStart": "bad", "lastUpdateTime": "2025-06-02T16:10:00Z"}',
];

describe('NICE CXone: records held as the fields read later give the output of the code before it', () => {
  it('on a seeded mix of 3,000 records and oddities (invalid JSON, no contactId, unknown media, hold over agent time, a contradiction, an older re-pull, a bad start)', async () => {
    const path = join(dir, 'nice-mix.jsonl');
    writeCompletedContacts(path, 3000);
    appendFileSync(path, `${NICE_ODDITIES.join('\n')}\n`);
    const r = await digest(path, niceCxone);
    // 3,008 records = 2,664 contacts + 6 rejected + 122 excluded + 216 folded.
    expect(r.summary).toMatchObject({ records: 3008, contacts: 2664, rejected: 6, excluded: 122, folded: 216 });
    expect(r.digest).toBe('907235095d681318d56ea82558537ec8ee8e1ce856fd25d4fe181bf7d3d6db9b');
  });
  it('on the fixture nice-cxone-completed.json', async () => {
    const path = join(dir, 'nice-cxone-completed.json');
    copyFileSync(join(FIXTURES, 'nice-cxone-completed.json'), path);
    expect((await digest(path, niceCxone)).digest).toBe('d32da6b114429383417c7125fa08673f720a8d06cae0f0584c143d77203cbf11');
  });
});
