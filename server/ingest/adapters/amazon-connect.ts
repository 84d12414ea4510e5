/**
 * Amazon Connect contact records (CTRs), as the contact-record stream delivers them: JSON
 * lines, a JSON array, or objects written one after another (Kinesis Firehose). One record
 * per leg; a customer contact is the chain of legs that share `InitialContactId`.
 *
 * - Delivered more than once: the copy with the later `LastUpdateTimestamp` wins (the
 *   vendor's versioning), the others are folded; equal stamps keep the later copy in the file.
 * - Chain → one contact: contact_id = the first leg's `ContactId`; queue and offered_at from
 *   the first leg that queued (`Queue.EnqueueTimestamp`), answered_at and agent from the
 *   first leg an agent connected to; ended_at = the last leg's `DisconnectTimestamp` (the
 *   customer's end); talk/hold/ACW are summed over the legs' agents (each leg's handle time
 *   counts). `AgentInteractionDuration` excludes hold, so handle = talk + hold + ACW.
 * - transferred = the chain has more than one leg, or a leg was transferred out
 *   (`NextContactId`, `TransferCompletedTimestamp`, `TransferredToEndpoint`).
 * - No agent on any leg: abandoned when a leg queued, else IVR-contained (queue `ivr`).
 * - Channel VOICE/CHAT/EMAIL → voice/chat/email; TASK (agent work items, not customer
 *   contacts) and outbound contacts (`InitiationMethod` OUTBOUND) are excluded with the reason.
 * - member_id = `CustomerEndpoint.Address` (the caller's number or chat address: PHI, keyed
 *   by the ingest like every member id). Unknown keys are ignored.
 */
import type { AdaptedContact, AdapterOutput, AdapterReject, ContactAdapter, ContactRow, Converter, VendorRecord } from './types.ts';
import { at, bool, Excluded, instantField, isJsonObject, isObject, isoUtc, notJsonObject, RecordProblem, secondsField, textOf } from './values.ts';

/**
 * One leg as kept until the chains are known: only the fields a contact is built from, as
 * numbers and short strings (a million records are held at once; nested objects would keep
 * the collector busy). A field that does not parse is kept as `problem`, which rejects the
 * leg's contact.
 */
interface Leg {
  n: number;
  id: string;
  initialId: string | null;
  nextId: string | null;
  updated: number; // LastUpdateTimestamp (ms), -Infinity when absent
  channel: string | null;
  method: string | null;
  initiated: number | null;
  disconnected: number | null;
  transferredOut: boolean;
  address: string | null;
  queue: string | null;
  enqueued: number | null;
  agent: string | null;
  connected: number | null;
  talk: number | null;
  hold: number | null;
  acw: number | null;
  problem: string | null;
}

function legOf(n: number, id: string, v: Record<string, unknown>): Leg {
  const leg: Leg = {
    n,
    id,
    initialId: textOf(v.InitialContactId),
    nextId: textOf(v.NextContactId),
    updated: Number.NEGATIVE_INFINITY,
    channel: textOf(v.Channel),
    method: textOf(v.InitiationMethod),
    initiated: null,
    disconnected: null,
    transferredOut: textOf(v.NextContactId) !== null || textOf(v.TransferCompletedTimestamp) !== null || isObject(v.TransferredToEndpoint),
    address: textOf(at(v, 'CustomerEndpoint', 'Address')),
    queue: null,
    enqueued: null,
    agent: null,
    connected: null,
    talk: null,
    hold: null,
    acw: null,
    problem: null,
  };
  try {
    leg.updated = instantField(v.LastUpdateTimestamp, 'LastUpdateTimestamp', false) ?? leg.updated;
    leg.initiated = instantField(v.InitiationTimestamp, 'InitiationTimestamp', false);
    leg.disconnected = instantField(v.DisconnectTimestamp, 'DisconnectTimestamp', false);
    leg.enqueued = instantField(at(v, 'Queue', 'EnqueueTimestamp'), 'Queue.EnqueueTimestamp', false);
    if (leg.enqueued !== null) {
      leg.queue = textOf(at(v, 'Queue', 'Name')) ?? textOf(at(v, 'Queue', 'ARN'));
      if (leg.queue === null) throw new RecordProblem('Queue.Name', 'missing on a queued leg');
    }
    if (isObject(v.Agent)) {
      leg.connected = instantField(at(v, 'Agent', 'ConnectedToAgentTimestamp'), 'Agent.ConnectedToAgentTimestamp', false);
      if (leg.connected !== null) {
        leg.agent = textOf(at(v, 'Agent', 'Username')) ?? textOf(at(v, 'Agent', 'ARN'));
        leg.talk = secondsField(at(v, 'Agent', 'AgentInteractionDuration'), 'Agent.AgentInteractionDuration');
        leg.hold = secondsField(at(v, 'Agent', 'CustomerHoldDuration'), 'Agent.CustomerHoldDuration');
        leg.acw = secondsField(at(v, 'Agent', 'AfterContactWorkDuration'), 'Agent.AfterContactWorkDuration');
      }
    }
  } catch (e) {
    if (!(e instanceof RecordProblem)) throw e;
    leg.problem = e.message;
  }
  return leg;
}

const CHANNELS: Record<string, string> = { VOICE: 'voice', CHAT: 'chat', EMAIL: 'email' };

export const amazonConnect: ContactAdapter = {
  name: 'amazon-connect',
  label: 'Amazon Connect contact records (CTR, JSON)',
  target: 'contacts',
  syntax: 'json',
  columns: ['contact_id', 'queue', 'channel', 'offered_at', 'answered_at', 'ended_at', 'talk_s', 'hold_s', 'acw_s', 'agent_id', 'member_id', 'transferred', 'ivr_contained', 'abandoned'],
  detect({ text }) {
    if (!/^\s*[[{]/.test(text)) return 0;
    if (text.includes('"AWSContactTraceRecordFormatVersion"')) return 1;
    return text.includes('"ContactId"') && text.includes('"InitiationTimestamp"') ? 0.8 : 0;
  },
  start() {
    return new AmazonConverter();
  },
};

class AmazonConverter implements Converter {
  private readonly latest = new Map<string, Leg>();
  private readonly rejects: AdapterReject[] = [];
  private folded = 0;

  add(r: VendorRecord): void {
    const v = r.value;
    if (!isJsonObject(v)) return void this.rejects.push({ record: r.n, reason: notJsonObject(v) });
    const id = textOf(v.ContactId);
    if (id === null) return void this.rejects.push({ record: r.n, reason: 'invalid ContactId: missing' });
    const leg = legOf(r.n, id, v);
    const before = this.latest.get(id);
    if (before) {
      this.folded++;
      if (before.updated > leg.updated) return;
    }
    this.latest.set(id, leg);
  }

  finish(): AdapterOutput {
    // Chains by their first leg's id (InitialContactId, or the leg's own id on the first leg).
    const chains = new Map<string, Leg[]>();
    for (const leg of this.latest.values()) {
      const root = leg.initialId ?? leg.id;
      const list = chains.get(root);
      if (list) list.push(leg);
      else chains.set(root, [leg]);
    }
    const contacts: AdaptedContact[] = [];
    const excluded: AdapterReject[] = [];
    let folded = this.folded;
    for (const [root, legs] of chains) {
      const first = legs.find((l) => l.id === root);
      if (!first) {
        // The chain's first leg is in another file: building the contact from later legs
        // alone would give it the wrong offer, queue and wait.
        const n = Math.min(...legs.map((l) => l.n));
        this.rejects.push({ record: n, reason: 'invalid InitialContactId: the first leg of this transfer chain is not in the file (send the legs of a contact together)' });
        folded += legs.length - 1;
        continue;
      }
      folded += legs.length - 1;
      const ordered = orderLegs(first, legs);
      try {
        contacts.push({ record: first.n, row: chainContact(root, ordered) });
      } catch (e) {
        if (e instanceof Excluded) excluded.push({ record: first.n, reason: e.message });
        else if (e instanceof RecordProblem) this.rejects.push({ record: first.n, reason: e.message });
        else throw e;
      }
    }
    contacts.sort((a, b) => a.record - b.record);
    return { contacts, rejects: this.rejects.sort((a, b) => a.record - b.record), excluded: excluded.sort((a, b) => a.record - b.record), folded };
  }
}

/** The legs in transfer order: the first leg, then the others by `InitiationTimestamp` (then file order). */
function orderLegs(first: Leg, legs: Leg[]): Leg[] {
  const rest = legs.filter((l) => l !== first).sort((a, b) => (a.initiated ?? 0) - (b.initiated ?? 0) || a.n - b.n);
  return [first, ...rest];
}

function chainContact(root: string, legs: Leg[]): ContactRow {
  const first = legs[0]!;
  const broken = legs.find((l) => l.problem !== null);
  if (broken) throw new RecordProblem('', '', broken.problem!);
  if (first.method === 'OUTBOUND') throw new Excluded('outbound contact (InitiationMethod OUTBOUND), not an offer to a queue');
  if (first.channel === 'TASK') throw new Excluded('TASK contact (an agent work item, not a customer contact)');
  const channel = first.channel === null ? null : CHANNELS[first.channel];
  if (channel === undefined) throw new RecordProblem('Channel', 'not one of VOICE, CHAT, TASK, EMAIL');
  const queued = legs.find((l) => l.enqueued !== null);
  const answering = legs.filter((l) => l.connected !== null);
  const answered = answering[0];
  let talk = 0;
  let hold = 0;
  let acw = 0;
  for (const l of answering) {
    talk += l.talk ?? 0;
    hold += l.hold ?? 0;
    acw += l.acw ?? 0;
  }
  const ended = legs[legs.length - 1]!.disconnected;
  const contained = queued === undefined && answered === undefined;
  if (queued === undefined && first.initiated === null) throw new RecordProblem('InitiationTimestamp', 'missing');
  return {
    contact_id: root,
    queue: contained ? 'ivr' : (queued?.queue ?? 'direct'),
    channel,
    // A contact an agent took without queueing (rare: agent-to-agent) is offered when it started.
    offered_at: isoUtc(queued?.enqueued ?? first.initiated!),
    answered_at: answered ? isoUtc(answered.connected!) : null,
    ended_at: ended === null ? null : isoUtc(ended),
    talk_s: answered ? String(talk) : null,
    hold_s: answered ? String(hold) : null,
    acw_s: answered ? String(acw) : null,
    agent_id: answered ? answered.agent : null,
    member_id: first.address,
    transferred: bool(legs.length > 1 || answering.length > 1 || legs.some((l) => l.transferredOut)),
    ivr_contained: bool(contained),
    abandoned: bool(!contained && answered === undefined),
  };
}
