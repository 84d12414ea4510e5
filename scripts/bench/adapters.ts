/**
 * Vendor adapters: 1 M generated Amazon Connect contact records (JSON lines, ~1 KB each,
 * with transfer chains and re-deliveries as the stream delivers them) through
 * (a) the adapter alone — read, convert, write the canonical CSV — and (b) the whole ingest
 * into a fresh database file (the canonical path after the adapter); then 1 M generated
 * records of each other adapter (./mixes/: Genesys Cloud, Five9, NICE CXone, Zendesk Talk,
 * Twilio TaskRouter, Asterisk queue_log) through the adapter alone. `--quick`: 100 k
 * records. `--adapter a,b` (names as `--format` takes them): only those adapters. The inputs
 * are cached in bench-data/.
 */
import { mulberry32 as rng } from '../../server/wfm/random.ts';
import { createWriteStream, existsSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Database } from '../../server/db/database.ts';
import { adaptFile } from '../../server/ingest/adapter-ingest.ts';
import { amazonConnect } from '../../server/ingest/adapters/amazon-connect.ts';
import { asteriskQueueLog } from '../../server/ingest/adapters/asterisk-queue-log.ts';
import { five9 } from '../../server/ingest/adapters/five9.ts';
import { genesysCloud } from '../../server/ingest/adapters/genesys-cloud.ts';
import { niceCxone } from '../../server/ingest/adapters/nice-cxone.ts';
import { twilioTaskRouter } from '../../server/ingest/adapters/twilio-taskrouter.ts';
import type { ContactAdapter } from '../../server/ingest/adapters/types.ts';
import { zendeskTalk } from '../../server/ingest/adapters/zendesk-talk.ts';
import { ingestFile } from '../../server/ingest/index.ts';
import { stopwatch } from '../../server/progress.ts';
import type { Bench } from './harness.ts';
import { writeQueueLog } from './mixes/asterisk.ts';
import { writeCallLog } from './mixes/five9.ts';
import { writeConversations } from './mixes/genesys.ts';
import { writeCompletedContacts } from './mixes/nice.ts';
import { writeEvents } from './mixes/twilio.ts';
import { writeCallsAndLegs } from './mixes/zendesk.ts';

const KEY = Buffer.alloc(32, 1);
const ZONE = 'America/Los_Angeles';

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** Writes `n` records: 80 % answered, 10 % abandoned, 5 % IVR-contained, 5 % two-leg transfers (2 records), 2 % delivered twice. */
async function writeCtrs(path: string, n: number): Promise<void> {
  const out = createWriteStream(path);
  const random = rng(20260821);
  const t0 = Date.UTC(2025, 0, 6, 15);
  const queues = ['MemberServices', 'Pharmacy', 'Claims', 'Eligibility'];
  let written = 0;
  let i = 0;
  const buf: string[] = [];
  const push = async (o: object) => {
    buf.push(JSON.stringify(o));
    written++;
    if (buf.length >= 2000) {
      if (!out.write(`${buf.join('\n')}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
      buf.length = 0;
    }
  };
  while (written < n) {
    i++;
    const id = `c${i.toString(16).padStart(8, '0')}-0000-4000-8000-${(i * 7919).toString(16).padStart(12, '0')}`;
    const start = t0 + Math.floor(i * 4.5) * 1000; // one every 4.5 s
    const kind = random();
    const queue = queues[Math.floor(random() * queues.length)]!;
    const enq = start + 20_000;
    const wait = Math.floor(random() * 120) * 1000;
    const talk = 60 + Math.floor(random() * 600);
    const hold = random() < 0.3 ? Math.floor(random() * 120) : 0;
    const acw = Math.floor(random() * 90);
    const base = {
      AWSAccountId: '111122223333',
      AWSContactTraceRecordFormatVersion: '2017-03-10',
      Channel: random() < 0.9 ? 'VOICE' : 'CHAT',
      InitiationMethod: 'INBOUND',
      InitiationTimestamp: iso(start),
      ConnectedToSystemTimestamp: iso(start),
      CustomerEndpoint: { Address: `+1555${String(Math.floor(random() * 200_000)).padStart(7, '0')}`, Type: 'TELEPHONE_NUMBER' },
      SystemEndpoint: { Address: '+18005550199', Type: 'TELEPHONE_NUMBER' },
      Attributes: { greeting: 'standard', language: 'en', plan: 'medicaid' },
      DisconnectReason: 'CUSTOMER_DISCONNECT',
      InitialContactId: null as string | null,
      PreviousContactId: null as string | null,
      NextContactId: null as string | null,
      Recording: null,
    };
    const q = (name: string, at: number, w: number) => ({
      ARN: `arn:aws:connect:us-west-2:111122223333:instance/x/queue/${name}`,
      Name: name,
      EnqueueTimestamp: iso(at),
      DequeueTimestamp: iso(at + w),
      Duration: w / 1000,
    });
    const agent = (conn: number, t: number, h: number, a: number) => ({
      ARN: 'arn:aws:connect:us-west-2:111122223333:instance/x/agent/a1',
      Username: `agent${Math.floor(random() * 300)}`,
      ConnectedToAgentTimestamp: iso(conn),
      AgentInteractionDuration: t,
      CustomerHoldDuration: h,
      AfterContactWorkDuration: a,
      AfterContactWorkStartTimestamp: iso(conn + (t + h) * 1000),
      AfterContactWorkEndTimestamp: iso(conn + (t + h + a) * 1000),
      RoutingProfile: { ARN: 'arn:rp', Name: 'Basic' },
    });
    if (kind < 0.8) {
      const conn = enq + wait;
      const end = conn + (talk + hold) * 1000;
      const rec = { ...base, ContactId: id, Queue: q(queue, enq, wait), Agent: agent(conn, talk, hold, acw), DisconnectTimestamp: iso(end), LastUpdateTimestamp: iso(end + acw * 1000 + 5000) };
      await push(rec);
      if (random() < 0.02 && written < n) await push({ ...rec, LastUpdateTimestamp: iso(end + acw * 1000 + 60_000), Attributes: { ...rec.Attributes, survey: 'sent' } });
    } else if (kind < 0.9) {
      await push({ ...base, ContactId: id, Queue: q(queue, enq, wait), Agent: null, DisconnectTimestamp: iso(enq + wait), LastUpdateTimestamp: iso(enq + wait + 1000) });
    } else if (kind < 0.95) {
      await push({ ...base, ContactId: id, Queue: null, Agent: null, DisconnectTimestamp: iso(start + 90_000), LastUpdateTimestamp: iso(start + 91_000) });
    } else {
      const conn = enq + wait;
      const xfer = conn + (talk + hold) * 1000;
      const id2 = `${id}-2`;
      await push({
        ...base,
        ContactId: id,
        NextContactId: id2,
        Queue: q(queue, enq, wait),
        Agent: agent(conn, talk, hold, 0),
        TransferCompletedTimestamp: iso(xfer),
        DisconnectTimestamp: iso(xfer),
        LastUpdateTimestamp: iso(xfer + 1000),
      });
      if (written < n) {
        const conn2 = xfer + 30_000;
        const end2 = conn2 + 200_000;
        await push({
          ...base,
          ContactId: id2,
          InitiationMethod: 'TRANSFER',
          InitialContactId: id,
          PreviousContactId: id,
          InitiationTimestamp: iso(xfer),
          Queue: q('Pharmacy', xfer, 30_000),
          Agent: agent(conn2, 200, 0, acw),
          DisconnectTimestamp: iso(end2),
          LastUpdateTimestamp: iso(end2 + acw * 1000 + 1000),
        });
      }
    }
  }
  if (buf.length) out.write(`${buf.join('\n')}\n`);
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}

/** The other adapters: each with its seeded generator and the file's extension. */
const OTHERS: { adapter: ContactAdapter; ext: string; write: (path: string, n: number) => void }[] = [
  { adapter: genesysCloud, ext: 'jsonl', write: writeConversations },
  { adapter: five9, ext: 'csv', write: writeCallLog },
  { adapter: niceCxone, ext: 'jsonl', write: writeCompletedContacts },
  { adapter: zendeskTalk, ext: 'jsonl', write: writeCallsAndLegs },
  { adapter: twilioTaskRouter, ext: 'jsonl', write: writeEvents },
  { adapter: asteriskQueueLog, ext: 'log', write: writeQueueLog },
];

export default async function (b: Bench): Promise<void> {
  const n = b.quick ? 100_000 : 1_000_000;
  const label = b.quick ? '100k records' : '1M records';
  const args = process.argv;
  const only = args.includes('--adapter') ? new Set((args[args.indexOf('--adapter') + 1] ?? '').split(',')) : null;
  if (!only || only.has(amazonConnect.name)) await benchAmazonConnect(b, n, label);
  for (const o of OTHERS) {
    if (only && !only.has(o.adapter.name)) continue;
    const file = join(b.workDir, `adapters-${o.adapter.name}-${n}.${o.ext}`);
    if (!existsSync(file)) {
      console.error(`  generating ${file}…`);
      o.write(`${file}.part`, n);
      renameSync(`${file}.part`, file);
    }
    await benchAdapterAlone(b, o.adapter, file, label);
  }
}

/** `adaptFile` alone: wall and CPU time, throughput, and what the records became. */
async function benchAdapterAlone(b: Bench, adapter: ContactAdapter, file: string, label: string): Promise<void> {
  const dir = mkdtempSync(join(b.workDir, 'adapter-'));
  try {
    const load = loadavg()[0]!.toFixed(2);
    const t = stopwatch();
    const cpu = process.cpuUsage();
    const a = await adaptFile(file, adapter, { timezone: ZONE }, dir);
    const ms = t.ms();
    const used = process.cpuUsage(cpu);
    const s = a.summary;
    const made = `${s.contacts} contacts, ${s.folded} folded, ${s.rejected} rejected, ${s.excluded} excluded`;
    b.record(`${adapter.label}: adapter alone`, ms / 1000, 's', `${label} (${(statSync(file).size / 2 ** 20).toFixed(0)} MiB) → ${made}; wall time; load ${load} at start`);
    b.record(`${adapter.name} adapter, CPU time`, (used.user + used.system) / 1e6, 's', label);
    b.record(`${adapter.name} adapter throughput`, s.records / (ms / 1000), 'records/s', `${label}, wall time`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function benchAmazonConnect(b: Bench, n: number, label: string): Promise<void> {
  const file = join(b.workDir, `adapters-amazon-connect-${n}.jsonl`);
  if (!existsSync(file)) {
    console.error(`  generating ${file}…`);
    await writeCtrs(file, n);
  }
  const dir = mkdtempSync(join(b.workDir, 'adapter-'));
  try {
    const t = stopwatch();
    const cpu = process.cpuUsage();
    const adapted = await adaptFile(file, amazonConnect, { timezone: ZONE }, dir);
    const ms = t.ms();
    const used = process.cpuUsage(cpu);
    b.record('Amazon Connect adapter: read + convert + canonical CSV', ms / 1000, 's', `${label} → ${adapted.rows} contacts; wall time`);
    // CPU time of this process: less sensitive than wall time to other work on the machine.
    b.record('Amazon Connect adapter, CPU time', (used.user + used.system) / 1e6, 's', label);
    b.record('Amazon Connect adapter throughput', adapted.summary.records / (ms / 1000), 'records/s', `${label}, wall time`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const dbPath = join(b.workDir, 'adapters.duckdb');
  for (const p of [dbPath, `${dbPath}.wal`]) rmSync(p, { force: true });
  const db = await Database.open(dbPath);
  try {
    const t = stopwatch();
    const cpu = process.cpuUsage();
    const r = await ingestFile(db, file, { siteTimezone: ZONE, hmacKey: KEY, now: new Date('2026-01-01T00:00:00Z') });
    await db.query('CHECKPOINT');
    const ms = t.ms();
    const used = process.cpuUsage(cpu);
    b.record('Amazon Connect file, whole ingest, CPU time (all threads, DuckDB included)', (used.user + used.system) / 1e6, 's', label);
    if (r.outcome !== 'committed') throw new Error(`bench adapter ingest ${r.outcome}: ${r.message}`);
    b.record('Amazon Connect file, whole ingest (adapter + canonical ingest, fresh file)', ms / 1000, 's', `${label} → ${r.rowsAccepted} contacts`);
  } finally {
    db.close();
  }
}
