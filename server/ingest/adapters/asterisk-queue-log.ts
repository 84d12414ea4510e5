/**
 * Asterisk / FreePBX `queue_log`: one pipe-delimited event per line,
 * `epoch|uniqueid|queue|agent|EVENT|data1|data2|…`, several lines per call, calls
 * interleaved. A contact is the call's events under its `uniqueid`, from ENTERQUEUE to the
 * event that closes it.
 *
 * - contact_id = `uniqueid`; queue, offered_at and member_id (ENTERQUEUE data2, the caller
 *   id: PHI, keyed by the ingest) from the first ENTERQUEUE; a later ENTERQUEUE of the same
 *   call (moved to another queue) folds into it and marks it transferred.
 * - answered_at and agent_id from CONNECT; talk_s = COMPLETECALLER/COMPLETEAGENT data2;
 *   ended_at = the closing event's time. RINGNOANSWER (an agent rang and did not answer,
 *   RONA) folds into the call: that agent is not the answering agent.
 * - abandoned = ABANDON, EXITWITHTIMEOUT, EXITEMPTY or EXITWITHKEY (the caller left the
 *   queue unanswered: timed out, no agents, or a key pressed).
 * - TRANSFER / BLINDTRANSFER / ATTENDEDTRANSFER close an answered call as transferred; their
 *   data fields differ between Asterisk versions, so talk_s is left unknown for them.
 * - hold_s and acw_s are not logged (null); calls that never queued are not in the log, so
 *   ivr_contained is unknown (null), never false.
 * - A call with no closing event in the file (still in progress when the log was cut, or a
 *   version that writes none) is rejected: its outcome is unknown. Events of a call whose
 *   ENTERQUEUE is not in the file are excluded with that reason (read rotated logs together).
 * - Exact repeats of a line (a rotated file read twice) fold; agent and system events
 *   (ADDMEMBER, PAUSE, QUEUESTART, …) and unknown events are excluded with their name.
 */
import type { AdapterOutput, AdapterReject, ContactAdapter, ContactRow, Converter, VendorRecord } from './types.ts';
import { bool, isoUtc } from './values.ts';

const LINE = /^(\d{9,11})\|([^|]*)\|([^|]*)\|([^|]*)\|([A-Za-z_]+)(?:\|(.*))?$/;
const CLOSE_ABANDON = new Set(['ABANDON', 'EXITWITHTIMEOUT', 'EXITEMPTY', 'EXITWITHKEY']);
const CLOSE_COMPLETE = new Set(['COMPLETECALLER', 'COMPLETEAGENT']);
const CLOSE_TRANSFER = new Set(['TRANSFER', 'BLINDTRANSFER', 'ATTENDEDTRANSFER']);
const IN_CALL = new Set(['RINGNOANSWER', 'CONNECT', 'ENTERQUEUE', 'RINGCANCELED', 'SYSCOMPAT', 'EXITCODE']);

export const asteriskQueueLog: ContactAdapter = {
  name: 'asterisk-queue-log',
  label: 'Asterisk / FreePBX queue_log',
  target: 'contacts',
  syntax: 'lines',
  columns: ['contact_id', 'queue', 'channel', 'offered_at', 'answered_at', 'ended_at', 'talk_s', 'agent_id', 'member_id', 'transferred', 'abandoned'],
  detect({ text }) {
    const lines = text.split(/\r?\n/, 5).filter((l) => l.trim() !== '');
    if (!lines.length) return 0;
    const ok = lines.filter((l) => LINE.test(l)).length;
    return ok === lines.length ? 1 : ok > 0 ? 0.5 : 0;
  },
  start() {
    return new QueueLogConverter();
  },
};

interface Call {
  n: number;
  queue: string;
  offered: number;
  caller: string | null;
  answered: number | null;
  agent: string | null;
  ended: number | null;
  talk: number | null;
  abandoned: boolean;
  transferred: boolean;
}

class QueueLogConverter implements Converter {
  private readonly seen = new Set<string>();
  private readonly calls = new Map<string, Call>();
  private readonly rejects: AdapterReject[] = [];
  private readonly excluded: AdapterReject[] = [];
  private folded = 0;

  add(r: VendorRecord): void {
    const text = String(r.value);
    if (this.seen.has(text)) {
      this.folded++;
      return;
    }
    this.seen.add(text);
    const m = LINE.exec(text.trim());
    if (!m) return void this.rejects.push({ record: r.n, reason: 'invalid line: not epoch|uniqueid|queue|agent|EVENT|data…' });
    const [, epoch, uid, queue, agent, event] = m as unknown as [string, string, string, string, string, string];
    const data = (m[6] ?? '').split('|');
    const at = Number(epoch) * 1000;
    const ev = event.toUpperCase();
    const call = this.calls.get(uid);
    if (ev === 'ENTERQUEUE') {
      if (call) {
        call.transferred = true;
        this.folded++;
        return;
      }
      if (queue.trim() === '') return void this.rejects.push({ record: r.n, reason: 'invalid queue: empty' });
      this.calls.set(uid, { n: r.n, queue: queue.trim(), offered: at, caller: nonEmpty(data[1]), answered: null, agent: null, ended: null, talk: null, abandoned: false, transferred: false });
      return;
    }
    const known = IN_CALL.has(ev) || CLOSE_ABANDON.has(ev) || CLOSE_COMPLETE.has(ev) || CLOSE_TRANSFER.has(ev);
    if (!known || uid === 'NONE' || uid === 'REALTIME') {
      return void this.excluded.push({ record: r.n, reason: `excluded: ${known ? 'an event not tied to a call' : 'an agent, system or custom event'} (${ev})` });
    }
    if (!call) return void this.excluded.push({ record: r.n, reason: 'excluded: an event of a call whose ENTERQUEUE is not in the file (read rotated logs together)' });
    this.folded++;
    if (call.ended !== null) return; // events after the call closed (e.g. a second COMPLETE)
    if (ev === 'CONNECT' && call.answered === null) {
      call.answered = at;
      call.agent = nonEmpty(agent === 'NONE' ? '' : agent);
    } else if (CLOSE_COMPLETE.has(ev)) {
      call.ended = at;
      const talk = Number(data[1]);
      call.talk = data[1] !== undefined && /^\d+$/.test(data[1]) ? talk : null;
    } else if (CLOSE_ABANDON.has(ev)) {
      call.ended = at;
      call.abandoned = call.answered === null;
    } else if (CLOSE_TRANSFER.has(ev)) {
      call.ended = at;
      call.transferred = true;
    }
  }

  finish(): AdapterOutput {
    const contacts = [];
    for (const [uid, c] of this.calls) {
      if (c.ended === null) {
        this.rejects.push({ record: c.n, reason: 'invalid call: no closing event in the file (COMPLETE*, ABANDON, EXIT*, TRANSFER): outcome unknown' });
        continue;
      }
      const row: ContactRow = {
        contact_id: uid,
        queue: c.queue,
        channel: 'voice',
        offered_at: isoUtc(c.offered),
        answered_at: c.answered === null ? null : isoUtc(c.answered),
        ended_at: isoUtc(c.ended),
        talk_s: c.answered === null || c.talk === null ? null : String(c.talk),
        agent_id: c.answered === null ? null : c.agent,
        member_id: c.caller,
        transferred: bool(c.transferred),
        abandoned: bool(c.answered === null),
      };
      contacts.push({ record: c.n, row });
    }
    const order = (a: { record: number }, b: { record: number }) => a.record - b.record;
    return { contacts: contacts.sort(order), rejects: this.rejects.sort(order), excluded: this.excluded.sort(order), folded: this.folded };
  }
}

function nonEmpty(v: string | undefined): string | null {
  const t = (v ?? '').trim();
  return t === '' || t === 'NONE' ? null : t;
}
