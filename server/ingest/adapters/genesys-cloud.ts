/**
 * Genesys Cloud analytics conversation details: the response of
 * `POST /api/v2/analytics/conversations/details/query` (`{"conversations": [...]}`, pages
 * one after another or one per line) or one conversation object per line. One conversation
 * is one contact, all its legs included.
 *
 * - Complete only with `conversationEnd`: without it the conversation is still active and is
 *   rejected with that reason (send it again once it has ended); a later copy with
 *   `conversationEnd` replaces an earlier one without it (re-pulls), others fold into the
 *   last copy in the file.
 * - queue = the first acd participant's `participantName` (the queue's name; its segment
 *   `queueId` when unnamed); offered_at = the `emitDate` of its `nOffered` metric, else its
 *   first `interact` segment's start.
 * - The answering agent = the first agent participant with a `tAnswered` metric: answered_at
 *   = that metric's `emitDate`, agent_id = its `userId`. An agent alerted who never answered
 *   (RONA: `tNotResponding`, no `tAnswered`) is not the answering agent and none of their
 *   time counts, not even a wrap-up (`tAcw`) they were given.
 * - talk = Σ `tTalkComplete` (Σ `tTalk` where the agent has no `tTalkComplete`), hold =
 *   Σ `tHeldComplete` (else `tHeld`), ACW = Σ `tAcw`, over every agent that answered
 *   (transfers add agents), milliseconds / 1000. A metric that is absent is null (unknown),
 *   not 0; the canonical handle time counts an empty part as 0.
 * - abandoned = the acd participant has `tAbandon`: ended_at = offered_at + tAbandon (the
 *   wait until the caller left); otherwise ended_at = `conversationEnd`.
 * - No acd participant and no agent: IVR-contained (queue `ivr`).
 * - transferred = an answering agent has `nTransferred` > 0 or more than one agent answered.
 *   The acd participant's `disconnectType: transfer` is the queue handing the contact to the
 *   agent, not a transfer.
 * - channel from the customer's session `mediaType`: voice/callback → voice, chat/message →
 *   chat, email → email; outbound conversations (`originatingDirection` outbound) are
 *   excluded. member_id = the customer session's `ani` (PHI, keyed by the ingest).
 * - Every timestamp used is parsed strictly: a malformed one (`2021-04-2T15:30:51.418Z`)
 *   rejects the conversation, naming the field.
 */
import type { AdaptedContact, AdapterOutput, AdapterReject, ContactAdapter, ContactRow, Converter, StreamedOutput, VendorRecord } from './types.ts';
import { bool, Excluded, instantField, isJsonObject, isObject, isoUtc, numberOf, notJsonObject, ownValue, parseInstant, RecordProblem, secondsFromMs, textOf } from './values.ts';

type Obj = Record<string, unknown>;

const MEDIA: Record<string, string> = { voice: 'voice', callback: 'voice', chat: 'chat', message: 'chat', webchat: 'chat', email: 'email' };

export const genesysCloud: ContactAdapter = {
  name: 'genesys-cloud',
  label: 'Genesys Cloud analytics conversation details (JSON)',
  target: 'contacts',
  syntax: 'json',
  columns: ['contact_id', 'queue', 'channel', 'offered_at', 'answered_at', 'ended_at', 'talk_s', 'hold_s', 'acw_s', 'agent_id', 'member_id', 'transferred', 'ivr_contained', 'abandoned'],
  detect({ text }) {
    if (!/^\s*[[{]/.test(text)) return 0;
    return text.includes('"conversationId"') && text.includes('"participants"') ? 1 : 0;
  },
  unwrap(value) {
    return isObject(value) && Array.isArray(value.conversations) && !('conversationId' in value) ? value.conversations : null;
  },
  start() {
    return new GenesysConverter();
  },
};

/**
 * The copy of a conversation kept so far: its record number, whether it is complete, and
 * what it becomes (a contact, or the reason it is excluded or rejected). A conversation is
 * converted when it is read, not held as parsed JSON until the end: a million of them
 * (several KB each) would not fit in memory. The conversion is pure, so converting each
 * copy as it comes and keeping the outcome of the last one kept gives what converting the
 * kept copy at the end gave.
 */
interface Kept {
  n: number;
  complete: boolean;
  /** What the copy becomes: a contact (`text` its packed row), or excluded or rejected (`text` the reason). */
  kind: 'row' | 'excluded' | 'rejected';
  text: string;
}

/**
 * A contact row held until the end as one text (its values in the order of `COLUMNS`, as a
 * JSON array), not an object of fourteen texts: a million held rows were most of what the
 * garbage collector walked again and again. JSON gives every text back exactly.
 */
const COLUMNS = ['contact_id', 'queue', 'channel', 'offered_at', 'answered_at', 'ended_at', 'talk_s', 'hold_s', 'acw_s', 'agent_id', 'member_id', 'transferred', 'ivr_contained', 'abandoned'] as const;
const packRow = (row: ContactRow): string => JSON.stringify(COLUMNS.map((c) => row[c]));
function unpackRow(text: string): ContactRow {
  const v = JSON.parse(text) as (string | null)[];
  const row: ContactRow = {};
  for (let k = 0; k < COLUMNS.length; k++) row[COLUMNS[k]!] = v[k]!;
  return row;
}

function convert(id: string, conv: Obj): Pick<Kept, 'kind' | 'text'> {
  try {
    return { kind: 'row', text: packRow(conversationContact(id, conv)) };
  } catch (e) {
    if (e instanceof Excluded) return { kind: 'excluded', text: e.message };
    if (e instanceof RecordProblem) return { kind: 'rejected', text: e.message };
    throw e;
  }
}

class GenesysConverter implements Converter {
  private readonly byId = new Map<string, Kept>();
  private readonly rejects: AdapterReject[] = [];
  private folded = 0;

  add(r: VendorRecord): void {
    const v = r.value;
    if (!isJsonObject(v)) return void this.rejects.push({ record: r.n, reason: notJsonObject(v) });
    const id = textOf(v.conversationId);
    if (id === null) return void this.rejects.push({ record: r.n, reason: 'invalid conversationId: missing' });
    const complete = v.conversationEnd !== undefined && v.conversationEnd !== null;
    const before = this.byId.get(id);
    if (before) {
      this.folded++;
      if (before.complete && !complete) return;
    }
    const { kind, text } = convert(id, v);
    this.byId.set(id, { n: r.n, complete, kind, text });
  }

  finish(): AdapterOutput {
    const contacts: AdaptedContact[] = [];
    const rest = this.finishEach((c) => contacts.push(c));
    return { ...rest, contacts };
  }

  /** The contacts in record order, each unpacked only as it is handed on (not a million rows at once). */
  finishEach(onContact: (contact: AdaptedContact) => void): StreamedOutput {
    const kept = [...this.byId.values()].sort((a, b) => a.n - b.n);
    this.byId.clear();
    const excluded: AdapterReject[] = [];
    let contacts = 0;
    for (const k of kept) {
      if (k.kind === 'row') {
        onContact({ record: k.n, row: unpackRow(k.text) });
        contacts++;
      } else if (k.kind === 'excluded') excluded.push({ record: k.n, reason: k.text });
      else this.rejects.push({ record: k.n, reason: k.text });
    }
    const order = (a: { record: number }, b: { record: number }) => a.record - b.record;
    return { contacts, rejects: this.rejects.sort(order), excluded, folded: this.folded };
  }
}

const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObject) : []);
const sessionsOf = (p: Obj) => list(p.sessions);

/**
 * A participant with its metrics and segments over all its sessions, in order, gathered once
 * per conversation (they are looked up several times; gathering them anew for each look-up
 * was a fifth of the adapter's time at a million conversations).
 */
interface Part {
  p: Obj;
  purpose: string | null;
  metrics: Obj[];
  segments: Obj[];
}

function gather(p: Obj): Part {
  const metrics: Obj[] = [];
  const segments: Obj[] = [];
  const sessions = p.sessions;
  if (Array.isArray(sessions)) {
    for (const s of sessions) {
      if (!isObject(s)) continue;
      if (Array.isArray(s.metrics)) for (const m of s.metrics) if (isObject(m)) metrics.push(m);
      if (Array.isArray(s.segments)) for (const g of s.segments) if (isObject(g)) segments.push(g);
    }
  }
  return { p, purpose: textOf(p.purpose), metrics, segments };
}

/** Checks every timestamp of the conversation strictly, naming the first malformed one. */
function checkTimestamps(conv: Obj, parts: Part[]): void {
  instantField(conv.conversationStart, 'conversationStart', true);
  for (const part of parts) {
    for (const seg of part.segments) {
      instantField(seg.segmentStart, 'segmentStart', false);
      instantField(seg.segmentEnd, 'segmentEnd', false);
    }
    for (const m of part.metrics) {
      // The field's name is only needed for the message: built when there is one to give.
      if (m.emitDate === null || m.emitDate === undefined || m.emitDate === '' || parseInstant(m.emitDate) === null) instantField(m.emitDate, `${textOf(m.name) ?? 'metric'}.emitDate`, false);
    }
  }
}

function metric(part: Part, name: string): Obj[] {
  return part.metrics.filter((m) => m.name === name);
}

/** Σ of a duration metric in ms, or null when the participant has none. */
function sumMs(part: Part, name: string): number | null {
  const ms = metric(part, name);
  if (!ms.length) return null;
  let total = 0;
  for (const m of ms) {
    const v = numberOf(m.value);
    if (v === null || v < 0) throw new RecordProblem(`${name}`, 'not a non-negative number of milliseconds');
    total += v;
  }
  return total;
}

const addNullable = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : a + b);

function conversationContact(id: string, conv: Obj): ContactRow {
  if (textOf(conv.originatingDirection) === 'outbound') throw new Excluded('outbound conversation (originatingDirection outbound), not an offer to a queue');
  if (conv.conversationEnd === undefined || conv.conversationEnd === null) {
    throw new RecordProblem('conversationEnd', 'missing: the conversation is not complete (send it again once it has ended)');
  }
  const participants = list(conv.participants);
  const parts = participants.map(gather);
  checkTimestamps(conv, parts);
  const end = instantField(conv.conversationEnd, 'conversationEnd', true)!;
  const start = instantField(conv.conversationStart, 'conversationStart', true)!;
  const customer = parts.find((p) => p.purpose === 'customer' || p.purpose === 'external');
  const acd = parts.find((p) => p.purpose === 'acd');
  const agents = parts.filter((p) => p.purpose === 'agent' || p.purpose === 'user');

  const media = textOf(sessionsOf(customer?.p ?? acd?.p ?? participants[0] ?? {})[0]?.mediaType);
  const channel = media === null ? null : ownValue(MEDIA, media);
  if (channel === undefined) throw new RecordProblem('mediaType', 'not one of voice, callback, chat, message, email');

  let queue: string | null = null;
  let offered: number | null = null;
  let abandonMs: number | null = null;
  if (acd) {
    queue = textOf(acd.p.participantName) ?? textOf(acd.segments.find((s) => textOf(s.queueId))?.queueId);
    if (queue === null) throw new RecordProblem('participantName', 'the acd participant names no queue');
    const nOffered = metric(acd, 'nOffered')[0];
    const interact = acd.segments.find((s) => s.segmentType === 'interact');
    offered = instantField(nOffered?.emitDate ?? interact?.segmentStart, 'nOffered.emitDate', true);
    abandonMs = sumMs(acd, 'tAbandon');
  }

  // Answering agents: those with tAnswered, in the order they answered.
  const answering = agents
    .map((p) => ({ p, at: instantField(metric(p, 'tAnswered')[0]?.emitDate, 'tAnswered.emitDate', false) }))
    .filter((a): a is { p: Part; at: number } => a.at !== null)
    .sort((a, b) => a.at - b.at);
  let talk: number | null = null;
  let hold: number | null = null;
  let acw: number | null = null;
  let transfers = 0;
  for (const { p } of answering) {
    talk = addNullable(talk, sumMs(p, 'tTalkComplete') ?? sumMs(p, 'tTalk'));
    hold = addNullable(hold, sumMs(p, 'tHeldComplete') ?? sumMs(p, 'tHeld'));
    acw = addNullable(acw, sumMs(p, 'tAcw'));
    for (const m of metric(p, 'nTransferred')) transfers += numberOf(m.value) ?? 0;
  }
  const first = answering[0];
  const contained = acd === undefined && first === undefined;
  const abandoned = !contained && first === undefined;
  if (abandoned && abandonMs === null && acd) {
    // Queued, never answered, no tAbandon: the conversation ended in the queue (e.g. a flow
    // disconnect); the caller's wait ends with the conversation.
    abandonMs = end - offered!;
  }
  const offeredAt = offered ?? start;
  return {
    contact_id: id,
    queue: contained ? 'ivr' : (queue ?? 'direct'),
    channel,
    offered_at: isoUtc(offeredAt),
    answered_at: first ? isoUtc(first.at) : null,
    ended_at: isoUtc(abandoned && abandonMs !== null ? offeredAt + abandonMs : end),
    talk_s: first && talk !== null ? secondsFromMs(talk) : null,
    hold_s: first && hold !== null ? secondsFromMs(hold) : null,
    acw_s: first && acw !== null ? secondsFromMs(acw) : null,
    agent_id: first ? textOf(first.p.p.userId) : null,
    member_id: textOf(sessionsOf(customer?.p ?? {})[0]?.ani),
    transferred: bool(transfers > 0 || answering.length > 1),
    ivr_contained: bool(contained),
    abandoned: bool(abandoned),
  };
}
