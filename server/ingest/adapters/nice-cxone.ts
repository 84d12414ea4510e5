/**
 * NICE CXone Reporting API completed contacts (`contacts/completed`): a JSON list (or a
 * response `{"completedContacts": [...]}`, or one contact per line), one object per contact
 * leg, **every value a string** (`"187"`, `"True"`), parsed explicitly.
 *
 * - Re-pulls: the copy of a `contactId` with the latest `lastUpdateTime` wins; the others fold.
 * - Legs of one interaction share `masterContactId`: one contact, contact_id =
 *   `masterContactId`, built from the earliest leg (by `contactStart`); the other legs fold
 *   into it and mark it transferred; each leg's agent time counts.
 * - offered_at = `contactStart` + `preQueueSeconds`; answered_at = offered_at +
 *   `inQueueSeconds` when an agent took it (`agentId` set, not abandoned); ended_at =
 *   `contactStart` + `totalDurationSeconds` (the customer's end; ACW lies outside it).
 * - talk = `agentSeconds` − `holdSeconds`: `totalDurationSeconds` = pre-queue + in-queue +
 *   `agentSeconds`, which leaves no room for hold outside `agentSeconds`, so hold is inside
 *   it (inferred, not documented by NICE); hold = `holdSeconds`; ACW = `ACWSeconds` (newer
 *   versions `acwSeconds`). Handle = talk + hold + ACW counts hold once.
 * - abandoned = `abandoned` "True" (short abandons, `isShortAbandon`, are not dropped here:
 *   the KPI's short-abandon setting applies). Not abandoned and no agent: IVR-contained
 *   when it never queued (`inQueueSeconds` 0), else rejected (contradictory).
 * - `isOutbound` "True" and Work Items are excluded; channel from `mediaTypeName`: Call →
 *   voice, Chat/SMS/Digital → chat, Email → email.
 * - member_id = `fromAddr` (the caller's number or address: PHI, keyed by the ingest).
 */
import type { AdaptedContact, AdapterOutput, AdapterReject, ContactAdapter, ContactRow, Converter, VendorRecord } from './types.ts';
import { bool, Excluded, instantField, isJsonObject, isObject, isoUtc, notJsonObject, ownValue, RecordProblem, secondsField, textOf } from './values.ts';

type Obj = Record<string, unknown>;

const MEDIA: Record<string, string | null> = { call: 'voice', voice: 'voice', 'phone call': 'voice', chat: 'chat', sms: 'chat', digital: 'chat', email: 'email', 'work item': null };

export const niceCxone: ContactAdapter = {
  name: 'nice-cxone',
  label: 'NICE CXone completed contacts (JSON)',
  target: 'contacts',
  syntax: 'json',
  columns: ['contact_id', 'queue', 'channel', 'offered_at', 'answered_at', 'ended_at', 'talk_s', 'hold_s', 'acw_s', 'agent_id', 'member_id', 'transferred', 'ivr_contained', 'abandoned'],
  detect({ text }) {
    if (!/^\s*[[{]/.test(text)) return 0;
    const keys = ['"contactId"', '"masterContactId"', '"skillName"', '"inQueueSeconds"', '"agentSeconds"'].filter((k) => text.includes(k)).length;
    return keys >= 4 ? 1 : keys >= 2 && text.includes('"contactId"') ? 0.6 : 0;
  },
  unwrap(value) {
    if (!isObject(value) || 'contactId' in value) return null;
    for (const k of ['completedContacts', 'contacts', 'data']) if (Array.isArray(value[k])) return value[k] as unknown[];
    return null;
  },
  start() {
    return new CxoneConverter();
  },
};

interface Leg {
  n: number;
  id: string;
  updated: number;
  start: number | null;
  v: Obj;
}

/** `"True"`/`"False"` (any case), JSON booleans; empty = null; else a RecordProblem. */
function boolField(v: unknown, field: string): boolean | null {
  if (typeof v === 'boolean') return v;
  const t = textOf(v)?.toLowerCase() ?? null;
  if (t === null) return null;
  if (t === 'true' || t === '1') return true;
  if (t === 'false' || t === '0') return false;
  throw new RecordProblem(field, 'not True or False');
}

/**
 * The fields of a contact record read after it is kept (a copy holding only these: a
 * million records of some 50 fields each would otherwise be held until the end).
 */
function kept(v: Obj): Obj {
  return {
    masterContactId: v.masterContactId,
    isOutbound: v.isOutbound,
    mediaTypeName: v.mediaTypeName,
    mediaType: v.mediaType,
    skillName: v.skillName,
    skillId: v.skillId,
    preQueueSeconds: v.preQueueSeconds,
    inQueueSeconds: v.inQueueSeconds,
    totalDurationSeconds: v.totalDurationSeconds,
    abandoned: v.abandoned,
    agentId: v.agentId,
    agentSeconds: v.agentSeconds,
    holdSeconds: v.holdSeconds,
    ACWSeconds: v.ACWSeconds,
    acwSeconds: v.acwSeconds,
    transferIndicatorName: v.transferIndicatorName,
    fromAddr: v.fromAddr,
  };
}

class CxoneConverter implements Converter {
  private readonly latest = new Map<string, Leg>();
  private readonly rejects: AdapterReject[] = [];
  private folded = 0;

  add(r: VendorRecord): void {
    const v = r.value;
    if (!isJsonObject(v)) return void this.rejects.push({ record: r.n, reason: notJsonObject(v) });
    const id = textOf(v.contactId);
    if (id === null) return void this.rejects.push({ record: r.n, reason: 'invalid contactId: missing' });
    let updated = Number.NEGATIVE_INFINITY;
    let start: number | null = null;
    try {
      updated = instantField(v.lastUpdateTime, 'lastUpdateTime', false) ?? updated;
      start = instantField(v.contactStart ?? v.contactStartDate, 'contactStart', false);
    } catch (e) {
      return void this.rejects.push({ record: r.n, reason: (e as Error).message });
    }
    const leg = { n: r.n, id, updated, start, v: kept(v) };
    const before = this.latest.get(id);
    if (before) {
      this.folded++;
      if (before.updated > updated) return;
    }
    this.latest.set(id, leg);
  }

  finish(): AdapterOutput {
    const groups = new Map<string, Leg[]>();
    for (const leg of this.latest.values()) {
      const master = textOf(leg.v.masterContactId) ?? leg.id;
      const g = groups.get(master);
      if (g) g.push(leg);
      else groups.set(master, [leg]);
    }
    const contacts: AdaptedContact[] = [];
    const excluded: AdapterReject[] = [];
    let folded = this.folded;
    for (const [master, legs] of groups) {
      legs.sort((a, b) => (a.start ?? 0) - (b.start ?? 0) || a.n - b.n);
      folded += legs.length - 1;
      const first = legs[0]!;
      try {
        contacts.push({ record: first.n, row: masterContact(master, legs) });
      } catch (e) {
        if (e instanceof Excluded) excluded.push({ record: first.n, reason: e.message });
        else if (e instanceof RecordProblem) this.rejects.push({ record: first.n, reason: e.message });
        else throw e;
      }
    }
    const order = (a: { record: number }, b: { record: number }) => a.record - b.record;
    return { contacts: contacts.sort(order), rejects: this.rejects.sort(order), excluded: excluded.sort(order), folded };
  }
}

function masterContact(master: string, legs: Leg[]): ContactRow {
  const first = legs[0]!;
  const v = first.v;
  if (boolField(v.isOutbound, 'isOutbound') === true) throw new Excluded('outbound contact (isOutbound True), not an offer to a queue');
  const mediaName = (textOf(v.mediaTypeName) ?? textOf(v.mediaType))?.toLowerCase() ?? null;
  const channel = mediaName === null ? null : ownValue(MEDIA, mediaName);
  if (channel === undefined) throw new RecordProblem('mediaTypeName', 'not Call, Chat, SMS, Digital, Email or Work Item');
  if (channel === null && mediaName !== null) throw new Excluded('Work Item (agent work, not a customer contact)');
  if (first.start === null) throw new RecordProblem('contactStart', 'missing');
  const queue = textOf(v.skillName) ?? textOf(v.skillId);
  if (queue === null) throw new RecordProblem('skillName', 'empty');
  const preQueue = secondsField(v.preQueueSeconds, 'preQueueSeconds') ?? 0;
  const inQueue = secondsField(v.inQueueSeconds, 'inQueueSeconds');
  const total = secondsField(v.totalDurationSeconds, 'totalDurationSeconds');
  const abandoned = boolField(v.abandoned, 'abandoned') === true;
  const agent = textOf(v.agentId) === '0' ? null : textOf(v.agentId);
  const answered = agent !== null && !abandoned;
  let contained = false;
  if (!answered && !abandoned) {
    if ((inQueue ?? 0) > 0) throw new RecordProblem('abandoned', 'False but the contact queued and reached no agent');
    contained = true;
  }
  if (answered && inQueue === null) throw new RecordProblem('inQueueSeconds', 'empty on an answered contact (the wait is unknown)');
  let talk = 0;
  let hold = 0;
  let acw = 0;
  for (const leg of legs) {
    const a = textOf(leg.v.agentId);
    if (a === null || a === '0') continue;
    const agentSeconds = secondsField(leg.v.agentSeconds, 'agentSeconds') ?? 0;
    const holdSeconds = secondsField(leg.v.holdSeconds, 'holdSeconds') ?? 0;
    if (holdSeconds > agentSeconds) throw new RecordProblem('holdSeconds', 'more than agentSeconds, which includes it');
    talk += agentSeconds - holdSeconds;
    hold += holdSeconds;
    acw += secondsField(leg.v.ACWSeconds ?? leg.v.acwSeconds, 'ACWSeconds') ?? 0;
  }
  const transferName = textOf(v.transferIndicatorName)?.toLowerCase() ?? null;
  const offered = contained ? first.start : first.start + preQueue * 1000;
  return {
    contact_id: master,
    queue,
    channel,
    offered_at: isoUtc(offered),
    answered_at: answered ? isoUtc(offered + inQueue! * 1000) : null,
    ended_at: total === null ? null : isoUtc(first.start + total * 1000),
    talk_s: answered ? String(talk) : null,
    hold_s: answered ? String(hold) : null,
    acw_s: answered ? String(acw) : null,
    agent_id: answered ? agent : null,
    member_id: textOf(v.fromAddr),
    transferred: bool(legs.length > 1 || (transferName !== null && transferName !== 'none')),
    ivr_contained: bool(contained),
    abandoned: bool(abandoned),
  };
}
