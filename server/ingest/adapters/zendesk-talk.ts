/**
 * Zendesk Talk incremental exports: calls (`/api/v2/channels/voice/stats/incremental/calls`)
 * and call legs (`…/incremental/legs`), as the API pages (`{"calls": [...]}`,
 * `{"legs": [...]}`), one object per line, or wrapped by Airbyte
 * (`{"stream": …, "data": {…}, "emitted_at": …}`, unwrapped). Calls and legs may be in one
 * file. One call is one contact; legs only tell whether it was transferred.
 *
 * - Exact duplicates fold; versions of a call (same `id`) fold into the one with the latest
 *   `updated_at` (`updated_at` moves whenever the record changes: it is not the call's end).
 * - offered_at = `created_at` + `ivr_time_spent`; answered_at = `created_at` +
 *   `time_to_answer` (else offered_at + `wait_time`) when the call was answered
 *   (`completion_status` completed with an agent); ended_at = `created_at` + `duration`.
 * - talk/hold/ACW = `talk_time` / `hold_time` / `wrap_up_time`: null where Zendesk sends null
 *   (not applicable), never 0.
 * - abandoned = `completion_status` abandoned_in_queue, abandoned_in_voicemail or voicemail
 *   (not answered live after reaching the queue); abandoned_in_ivr and calls that ended in
 *   the IVR are IVR-contained (ended in the IVR); failed calls and outbound calls are excluded.
 * - transferred = a leg of the call with `transferred_to`/`transferred_from`, or more than one
 *   agent leg; **null when the file has no legs of the call** (a calls-only export cannot say).
 * - A leg whose call is not in the file is excluded with that reason: a leg never creates a
 *   call (send it with its call).
 * - queue = `ivr_destination_group_name`, else `default_group`, else `line`;
 *   member_id = `customer_id` (the Zendesk user: PHI, keyed by the ingest).
 */
import { InvalidJson } from './read.ts';
import type { AdaptedContact, AdapterOutput, AdapterReject, ContactAdapter, ContactRow, Converter, VendorRecord } from './types.ts';
import { bool, Excluded, instantField, isObject, isoUtc, RecordProblem, secondsField, textOf } from './values.ts';

type Obj = Record<string, unknown>;

export const zendeskTalk: ContactAdapter = {
  name: 'zendesk-talk',
  label: 'Zendesk Talk calls and call legs (JSON)',
  target: 'contacts',
  syntax: 'json',
  columns: ['contact_id', 'queue', 'channel', 'offered_at', 'answered_at', 'ended_at', 'talk_s', 'hold_s', 'acw_s', 'agent_id', 'member_id', 'transferred', 'ivr_contained', 'abandoned'],
  detect({ text }) {
    if (!/^\s*[[{]/.test(text)) return 0;
    if (!text.includes('"completion_status"')) return 0;
    return text.includes('"time_to_answer"') || text.includes('"wrap_up_time"') || text.includes('"call_id"') ? 1 : 0.5;
  },
  unwrap(value) {
    if (!isObject(value)) return null;
    if (Array.isArray(value.calls)) return value.calls;
    if (Array.isArray(value.legs)) return value.legs;
    return null;
  },
  start() {
    return new ZendeskConverter();
  },
};

interface Kept {
  n: number;
  updated: number;
  v: Obj;
}

class ZendeskConverter implements Converter {
  private readonly calls = new Map<string, Kept>();
  private readonly legs = new Map<string, { n: number; v: Obj }>();
  private readonly seen = new Set<string>();
  private readonly rejects: AdapterReject[] = [];
  private folded = 0;

  add(r: VendorRecord): void {
    let v = r.value;
    if (v instanceof InvalidJson) return void this.rejects.push({ record: r.n, reason: 'invalid record: not valid JSON' });
    if (isObject(v) && 'stream' in v && isObject(v.data)) v = v.data; // Airbyte's envelope
    if (!isObject(v)) return void this.rejects.push({ record: r.n, reason: 'invalid record: not a JSON object' });
    const text = JSON.stringify(v);
    if (this.seen.has(text)) {
      this.folded++;
      return;
    }
    this.seen.add(text);
    const id = textOf(v.id);
    if (id === null) return void this.rejects.push({ record: r.n, reason: 'invalid id: missing' });
    if ('call_id' in v) {
      this.legs.set(id, { n: r.n, v });
      return;
    }
    let updated = Number.NEGATIVE_INFINITY;
    try {
      updated = instantField(v.updated_at, 'updated_at', false) ?? updated;
    } catch (e) {
      return void this.rejects.push({ record: r.n, reason: (e as Error).message });
    }
    const before = this.calls.get(id);
    if (before) {
      this.folded++;
      if (before.updated > updated) return;
    }
    this.calls.set(id, { n: r.n, updated, v });
  }

  finish(): AdapterOutput {
    const excluded: AdapterReject[] = [];
    const legsOf = new Map<string, Obj[]>();
    for (const leg of this.legs.values()) {
      const callId = textOf(leg.v.call_id);
      if (callId === null || !this.calls.has(callId)) {
        excluded.push({ record: leg.n, reason: 'excluded: a leg whose call is not in the file (a leg never creates a call; send it with its call)' });
        continue;
      }
      this.folded++;
      const list = legsOf.get(callId);
      if (list) list.push(leg.v);
      else legsOf.set(callId, [leg.v]);
    }
    const contacts: AdaptedContact[] = [];
    for (const [id, k] of this.calls) {
      try {
        contacts.push({ record: k.n, row: callContact(id, k.v, legsOf.get(id) ?? null) });
      } catch (e) {
        if (e instanceof Excluded) excluded.push({ record: k.n, reason: e.message });
        else if (e instanceof RecordProblem) this.rejects.push({ record: k.n, reason: e.message });
        else throw e;
      }
    }
    const order = (a: { record: number }, b: { record: number }) => a.record - b.record;
    return { contacts: contacts.sort(order), rejects: this.rejects.sort(order), excluded: excluded.sort(order), folded: this.folded };
  }
}

const ABANDONED = new Set(['abandoned_in_queue', 'abandoned_in_voicemail', 'voicemail']);
const IN_IVR = new Set(['abandoned_in_ivr', 'completed_in_ivr', 'ivr']);

function callContact(id: string, v: Obj, legs: Obj[] | null): ContactRow {
  if (textOf(v.direction) === 'outbound') throw new Excluded('outbound call (direction outbound), not an offer to a queue');
  const status = textOf(v.completion_status);
  if (status === 'failed') throw new Excluded('failed call (completion_status failed: it never connected)');
  const created = instantField(v.created_at, 'created_at', true)!;
  const ivr = secondsField(v.ivr_time_spent, 'ivr_time_spent') ?? 0;
  const duration = secondsField(v.duration, 'duration');
  const agent = textOf(v.agent_id);
  const answered = status === 'completed' && agent !== null;
  const contained = !answered && (status === null ? false : IN_IVR.has(status) || (status === 'completed' && agent === null));
  const abandoned = !answered && !contained;
  if (abandoned && status !== null && !ABANDONED.has(status)) throw new RecordProblem('completion_status', 'not a known outcome');
  const queue = textOf(v.ivr_destination_group_name) ?? textOf(v.default_group) ?? textOf(v.line);
  if (queue === null) throw new RecordProblem('default_group', 'empty (and no ivr_destination_group_name or line)');
  let answeredAt: number | null = null;
  if (answered) {
    const toAnswer = secondsField(v.time_to_answer, 'time_to_answer');
    const wait = secondsField(v.wait_time, 'wait_time');
    if (toAnswer === null && wait === null) throw new RecordProblem('time_to_answer', 'empty on an answered call (the wait is unknown)');
    answeredAt = toAnswer !== null ? created + toAnswer * 1000 : created + (ivr + wait!) * 1000;
  }
  let transferred: boolean | null = null;
  if (legs !== null && legs.length > 0) {
    const agentLegs = legs.filter((l) => textOf(l.type) === 'agent').length;
    transferred = agentLegs > 1 || legs.some((l) => textOf(l.transferred_to) !== null || textOf(l.transferred_from) !== null);
  }
  const secs = (x: unknown, f: string) => {
    const s = secondsField(x, f);
    return answered && s !== null ? String(s) : null;
  };
  return {
    contact_id: id,
    queue,
    channel: 'voice',
    offered_at: isoUtc(contained ? created : created + ivr * 1000),
    answered_at: answeredAt === null ? null : isoUtc(answeredAt),
    ended_at: duration === null ? null : isoUtc(created + duration * 1000),
    talk_s: secs(v.talk_time, 'talk_time'),
    hold_s: secs(v.hold_time, 'hold_time'),
    acw_s: secs(v.wrap_up_time, 'wrap_up_time'),
    agent_id: answered ? agent : null,
    member_id: textOf(v.customer_id),
    transferred: bool(transferred),
    ivr_contained: bool(contained),
    abandoned: bool(abandoned),
  };
}
