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
import type { AdaptedContact, AdapterOutput, AdapterReject, ContactAdapter, ContactRow, Converter, StreamedOutput, VendorRecord } from './types.ts';
import { at, bool, Excluded, instantField, isJsonObject, isObject, isoUtc, notJsonObject, ownValue, RecordProblem, secondsField, textOf } from './values.ts';

/**
 * One leg: only the fields a contact is built from, as numbers and short strings (held in
 * a LegTable until the chains are known). A field that does not parse is kept as
 * `problem`, which rejects the leg's contact.
 */
interface Leg {
  n: number;
  id: string;
  initialId: string | null;
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
  private readonly legs = new LegTable();
  private readonly rejects: AdapterReject[] = [];
  private folded = 0;

  add(r: VendorRecord): void {
    const v = r.value;
    if (!isJsonObject(v)) return void this.rejects.push({ record: r.n, reason: notJsonObject(v) });
    const id = textOf(v.ContactId);
    if (id === null) return void this.rejects.push({ record: r.n, reason: 'invalid ContactId: missing' });
    const leg = legOf(r.n, id, v);
    const before = this.legs.slotOf.get(id);
    if (before !== undefined) {
      this.folded++;
      if (this.legs.updated[before]! > leg.updated) return;
    }
    this.legs.put(before, leg);
  }

  finish(): AdapterOutput {
    const contacts: AdaptedContact[] = [];
    return { ...this.finishEach((c) => contacts.push(c)), contacts };
  }

  finishEach(onContact: (contact: AdaptedContact) => void): StreamedOutput {
    const t = this.legs;
    // Chains by their first leg's id (InitialContactId, or the leg's own id on the first
    // leg): the first legs are found by their record number, the later legs by that id.
    const later = new Map<string, number[]>();
    let last = 0;
    for (let s = 0; s < t.size; s++) {
      if (!t.isFirst(s)) {
        const root = t.initialId[s]!;
        const list = later.get(root);
        if (list) list.push(s);
        else later.set(root, [s]);
      }
      last = Math.max(last, t.n[s]!);
    }
    let folded = this.folded;
    const firstAt = new Int32Array(last + 1).fill(-1);
    for (let s = 0; s < t.size; s++) if (t.isFirst(s)) firstAt[t.n[s]!] = s;
    for (const [root, slots] of later) {
      const first = t.slotOf.get(root);
      if (first !== undefined && t.isFirst(first)) continue;
      // The chain's first leg is in another file: building the contact from later legs
      // alone would give it the wrong offer, queue and wait.
      const n = Math.min(...slots.map((s) => t.n[s]!));
      this.rejects.push({ record: n, reason: 'invalid InitialContactId: the first leg of this transfer chain is not in the file (send the legs of a contact together)' });
      folded += slots.length - 1;
    }
    const excluded: AdapterReject[] = [];
    let contacts = 0;
    for (let n = 1; n <= last; n++) {
      const s = firstAt[n]!;
      if (s < 0) continue;
      const first = t.leg(s);
      const rest = later.get(first.id);
      folded += rest ? rest.length : 0;
      const ordered = rest ? orderLegs(first, [first, ...rest.map((x) => t.leg(x))]) : [first];
      let row: ContactRow;
      try {
        row = chainContact(first.id, ordered);
      } catch (e) {
        if (e instanceof Excluded) excluded.push({ record: n, reason: e.message });
        else if (e instanceof RecordProblem) this.rejects.push({ record: n, reason: e.message });
        else throw e;
        continue;
      }
      contacts++;
      onContact({ record: n, row });
    }
    return { contacts, rejects: this.rejects.sort((a, b) => a.record - b.record), excluded, folded };
  }
}

/**
 * The legs held until the chains are known (a million records at once), one column per
 * field: instants and seconds in arrays of doubles (NaN when absent), the few distinct
 * queue, agent, channel and method texts shared, and no object per leg for the collector
 * to trace. A later delivery of a contact takes its earlier one's slot.
 */
class LegTable {
  readonly slotOf = new Map<string, number>();
  readonly n: number[] = [];
  readonly id: string[] = [];
  readonly initialId: (string | null)[] = [];
  readonly updated: number[] = [];
  readonly channel: (string | null)[] = [];
  readonly method: (string | null)[] = [];
  readonly initiated: number[] = [];
  readonly disconnected: number[] = [];
  readonly transferredOut: boolean[] = [];
  readonly address: (string | null)[] = [];
  readonly queue: (string | null)[] = [];
  readonly enqueued: number[] = [];
  readonly agent: (string | null)[] = [];
  readonly connected: number[] = [];
  readonly talk: number[] = [];
  readonly hold: number[] = [];
  readonly acw: number[] = [];
  readonly problem: (string | null)[] = [];
  private readonly shared = new Map<string, string>();

  get size(): number {
    return this.id.length;
  }

  /** A first leg: its chain is its own (no InitialContactId, or its own id). */
  isFirst(s: number): boolean {
    const initial = this.initialId[s];
    return initial === null || initial === this.id[s];
  }

  /** Stores `leg` in `slot`, or in a new slot. */
  put(slot: number | undefined, leg: Leg): void {
    const s = slot ?? this.size;
    if (slot === undefined) this.slotOf.set(leg.id, s);
    this.n[s] = leg.n;
    this.id[s] = leg.id;
    this.initialId[s] = leg.initialId;
    this.updated[s] = leg.updated;
    this.channel[s] = this.share(leg.channel);
    this.method[s] = this.share(leg.method);
    this.initiated[s] = leg.initiated ?? Number.NaN;
    this.disconnected[s] = leg.disconnected ?? Number.NaN;
    this.transferredOut[s] = leg.transferredOut;
    this.address[s] = leg.address;
    this.queue[s] = this.share(leg.queue);
    this.enqueued[s] = leg.enqueued ?? Number.NaN;
    this.agent[s] = this.share(leg.agent);
    this.connected[s] = leg.connected ?? Number.NaN;
    this.talk[s] = leg.talk ?? Number.NaN;
    this.hold[s] = leg.hold ?? Number.NaN;
    this.acw[s] = leg.acw ?? Number.NaN;
    this.problem[s] = leg.problem;
  }

  /** The leg in slot `s`, as built by `legOf`. */
  leg(s: number): Leg {
    return {
      n: this.n[s]!,
      id: this.id[s]!,
      initialId: this.initialId[s] ?? null,
      updated: this.updated[s]!,
      channel: this.channel[s] ?? null,
      method: this.method[s] ?? null,
      initiated: orNull(this.initiated[s]!),
      disconnected: orNull(this.disconnected[s]!),
      transferredOut: this.transferredOut[s]!,
      address: this.address[s] ?? null,
      queue: this.queue[s] ?? null,
      enqueued: orNull(this.enqueued[s]!),
      agent: this.agent[s] ?? null,
      connected: orNull(this.connected[s]!),
      talk: orNull(this.talk[s]!),
      hold: orNull(this.hold[s]!),
      acw: orNull(this.acw[s]!),
      problem: this.problem[s] ?? null,
    };
  }

  /** One copy of a text that repeats across legs (up to 100,000 distinct). */
  private share(text: string | null): string | null {
    if (text === null) return null;
    const known = this.shared.get(text);
    if (known !== undefined) return known;
    if (this.shared.size < 100_000) this.shared.set(text, text);
    return text;
  }
}

const orNull = (x: number): number | null => (Number.isNaN(x) ? null : x);

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
  const channel = first.channel === null ? null : ownValue(CHANNELS, first.channel);
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
