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
import { InvalidJson } from './read.ts';
import type { AdaptedContact, AdapterOutput, AdapterReject, ContactAdapter, ContactRow, Converter, VendorRecord } from './types.ts';
import { at, bool, Excluded, instantField, isObject, isoUtc, RecordProblem, secondsField, textOf } from './values.ts';

interface Leg {
  n: number;
  id: string;
  initialId: string | null;
  previousId: string | null;
  nextId: string | null;
  updated: number; // LastUpdateTimestamp (ms), -Infinity when absent
  raw: Record<string, unknown>;
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
    if (v instanceof InvalidJson) return void this.rejects.push({ record: r.n, reason: 'invalid record: not valid JSON' });
    if (!isObject(v)) return void this.rejects.push({ record: r.n, reason: 'invalid record: not a JSON object' });
    const id = textOf(v.ContactId);
    if (id === null) return void this.rejects.push({ record: r.n, reason: 'invalid ContactId: missing' });
    let updated = Number.NEGATIVE_INFINITY;
    try {
      updated = instantField(v.LastUpdateTimestamp, 'LastUpdateTimestamp', false) ?? updated;
    } catch (e) {
      return void this.rejects.push({ record: r.n, reason: (e as Error).message });
    }
    const leg: Leg = { n: r.n, id, initialId: textOf(v.InitialContactId), previousId: textOf(v.PreviousContactId), nextId: textOf(v.NextContactId), updated, raw: slim(v) };
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

/**
 * The fields a contact is built from, in the record's own shape: a million records are
 * held until the chains are known, without their attributes, recordings and the rest.
 */
function slim(v: Record<string, unknown>): Record<string, unknown> {
  const pick = (o: unknown, keys: string[]) => (isObject(o) ? Object.fromEntries(keys.map((k) => [k, o[k] ?? null])) : null);
  return {
    Channel: v.Channel ?? null,
    InitiationMethod: v.InitiationMethod ?? null,
    InitiationTimestamp: v.InitiationTimestamp ?? null,
    DisconnectTimestamp: v.DisconnectTimestamp ?? null,
    TransferCompletedTimestamp: v.TransferCompletedTimestamp ?? null,
    TransferredToEndpoint: isObject(v.TransferredToEndpoint) ? {} : null,
    CustomerEndpoint: pick(v.CustomerEndpoint, ['Address']),
    Queue: pick(v.Queue, ['Name', 'ARN', 'EnqueueTimestamp']),
    Agent: pick(v.Agent, ['Username', 'ARN', 'ConnectedToAgentTimestamp', 'AgentInteractionDuration', 'CustomerHoldDuration', 'AfterContactWorkDuration']),
  };
}

/** The legs in transfer order: the first leg, then the others by `InitiationTimestamp` (then file order). */
function orderLegs(first: Leg, legs: Leg[]): Leg[] {
  const start = (l: Leg) => (typeof l.raw.InitiationTimestamp === 'string' ? l.raw.InitiationTimestamp : '');
  const rest = legs.filter((l) => l !== first).sort((a, b) => start(a).localeCompare(start(b)) || a.n - b.n);
  return [first, ...rest];
}

function chainContact(root: string, legs: Leg[]): ContactRow {
  const first = legs[0]!.raw;
  const method = textOf(first.InitiationMethod);
  if (method === 'OUTBOUND') throw new Excluded('outbound contact (InitiationMethod OUTBOUND), not an offer to a queue');
  const channelCode = textOf(first.Channel);
  if (channelCode === 'TASK') throw new Excluded('TASK contact (an agent work item, not a customer contact)');
  const channel = channelCode === null ? null : CHANNELS[channelCode];
  if (channel === undefined) throw new RecordProblem('Channel', 'not one of VOICE, CHAT, TASK, EMAIL');

  let queue: string | null = null;
  let offered: number | null = null;
  let answered: number | null = null;
  let agent: string | null = null;
  let talk = 0;
  let hold = 0;
  let acw = 0;
  let agentLegs = 0;
  let transferredOut = false;
  for (const leg of legs) {
    const r = leg.raw;
    const enq = instantField(at(r, 'Queue', 'EnqueueTimestamp'), 'Queue.EnqueueTimestamp', false);
    if (offered === null && enq !== null) {
      offered = enq;
      queue = textOf(at(r, 'Queue', 'Name')) ?? textOf(at(r, 'Queue', 'ARN'));
      if (queue === null) throw new RecordProblem('Queue.Name', 'missing on a queued leg');
    }
    if (isObject(r.Agent)) {
      const conn = instantField(at(r, 'Agent', 'ConnectedToAgentTimestamp'), 'Agent.ConnectedToAgentTimestamp', false);
      if (conn !== null) {
        agentLegs++;
        if (answered === null) {
          answered = conn;
          agent = textOf(at(r, 'Agent', 'Username')) ?? textOf(at(r, 'Agent', 'ARN'));
        }
        talk += secondsField(at(r, 'Agent', 'AgentInteractionDuration'), 'Agent.AgentInteractionDuration') ?? 0;
        hold += secondsField(at(r, 'Agent', 'CustomerHoldDuration'), 'Agent.CustomerHoldDuration') ?? 0;
        acw += secondsField(at(r, 'Agent', 'AfterContactWorkDuration'), 'Agent.AfterContactWorkDuration') ?? 0;
      }
    }
    if (leg.nextId !== null || textOf(r.TransferCompletedTimestamp) !== null || isObject(r.TransferredToEndpoint)) transferredOut = true;
  }
  const last = legs[legs.length - 1]!.raw;
  const ended = instantField(last.DisconnectTimestamp, 'DisconnectTimestamp', false);
  const initiated = instantField(first.InitiationTimestamp, 'InitiationTimestamp', offered === null);
  const contained = offered === null && answered === null;
  const answeredFirst = answered !== null;
  return {
    contact_id: root,
    queue: contained ? 'ivr' : (queue ?? 'direct'),
    channel,
    // A contact an agent took without queueing (rare: agent-to-agent) is offered when it started.
    offered_at: isoUtc(offered ?? initiated!),
    answered_at: answered === null ? null : isoUtc(answered),
    ended_at: ended === null ? null : isoUtc(ended),
    talk_s: answeredFirst ? String(talk) : null,
    hold_s: answeredFirst ? String(hold) : null,
    acw_s: answeredFirst ? String(acw) : null,
    agent_id: agent,
    member_id: textOf(at(first, 'CustomerEndpoint', 'Address')),
    transferred: bool(legs.length > 1 || transferredOut || agentLegs > 1),
    ivr_contained: bool(contained),
    abandoned: bool(!contained && !answeredFirst),
  };
}
