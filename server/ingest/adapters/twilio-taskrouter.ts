/**
 * Twilio TaskRouter events: Event Streams (CloudEvents: `type`
 * `com.twilio.taskrouter.<event>`, snake_case `data`) or the Workspace event callback's
 * parameters as JSON objects (PascalCase `EventType`, `TaskSid`, …; read as snake_case), one
 * per line or in an array. A contact is rebuilt from its task's events, in event-time order.
 *
 * - Repeats (the same event `sid`, or the same object) fold.
 * - One task per leg; tasks of one call (the same `call_sid` in `task_attributes`, a JSON
 *   string parsed a second time) are one contact: the first task's, marked transferred;
 *   `task.transfer-initiated` marks it too.
 * - offered_at = `task-queue.entered` (else `task.created`); answered_at =
 *   the first `reservation.accepted`, agent_id its `worker_sid`; a reservation that timed out
 *   or was rejected (RONA) is not the answer. Customer's end = `task.wrapup` (else
 *   `reservation.wrapup`); the agent's end = `task.completed`.
 * - talk_s = wrap-up − accepted, **hold included** (TaskRouter does not log hold: hold_s is
 *   null, not 0); acw_s = completed − wrap-up. Handle = talk + ACW.
 * - abandoned = `task.canceled` with no accepted reservation (caller hung up, TTL exceeded).
 *   Tasks are created after the IVR (Studio), so IVR containment is not in the events: left
 *   empty. Each accepted leg's talk and ACW count; ended_at = the last leg's customer end.
 * - A task with neither `task.completed` nor `task.canceled` in the file is not finished:
 *   rejected with that reason. Outbound tasks (`direction` outbound in the attributes) are
 *   excluded, as are worker, activity and workflow events (not tied to a task).
 * - channel = `task_channel_unique_name`: voice → voice; chat, sms, messaging → chat;
 *   email → email. queue = `task_queue_name`. member_id = `from` in the attributes (the
 *   caller: PHI, keyed by the ingest).
 */
import type { AdaptedContact, AdapterOutput, AdapterReject, ContactAdapter, ContactRow, Converter, VendorRecord } from './types.ts';
import { bool, Excluded, isJsonObject, isObject, isoUtc, numberOf, parseInstant, notJsonObject, ownValue, RecordProblem, textOf } from './values.ts';

type Obj = Record<string, unknown>;

const CHANNELS: Record<string, string> = { voice: 'voice', chat: 'chat', sms: 'chat', messaging: 'chat', email: 'email' };

export const twilioTaskRouter: ContactAdapter = {
  name: 'twilio-taskrouter',
  label: 'Twilio TaskRouter events (JSON)',
  target: 'contacts',
  syntax: 'json',
  columns: ['contact_id', 'queue', 'channel', 'offered_at', 'answered_at', 'ended_at', 'talk_s', 'hold_s', 'acw_s', 'agent_id', 'member_id', 'transferred', 'abandoned'],
  detect({ text }) {
    if (!/^\s*[[{]/.test(text)) return 0;
    if (text.includes('com.twilio.taskrouter.')) return 1;
    return text.includes('"EventType"') && text.includes('"TaskSid"') ? 1 : 0;
  },
  start() {
    return new TaskRouterConverter();
  },
};

interface Event {
  n: number;
  type: string;
  at: number;
  d: Obj;
}

const snake = (k: string) => k.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

/** The event's type, time and snake_case fields, or a reason it is not one. */
function normalize(v: Obj): Event | string {
  let type: string | null;
  let d: Obj;
  if (isObject(v.data) && typeof v.type === 'string') {
    type = v.type.replace(/^com\.twilio\.taskrouter\./, '');
    d = v.data;
  } else {
    d = Object.fromEntries(Object.entries(v).map(([k, x]) => [snake(k), x]));
    type = textOf(d.event_type);
  }
  if (type === null) return 'invalid EventType: missing';
  const ts = d.timestamp;
  const at = typeof ts === 'number' || (typeof ts === 'string' && /^\d+(\.\d+)?$/.test(ts)) ? numberOf(ts)! * 1000 : parseInstant(ts);
  if (at === null) return 'invalid timestamp: not an ISO 8601 timestamp or epoch seconds';
  return { n: 0, type, at, d };
}

function attributes(d: Obj): Obj {
  const a = d.task_attributes;
  if (isObject(a)) return a;
  if (typeof a !== 'string') return {};
  try {
    const parsed = JSON.parse(a);
    return isObject(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

class TaskRouterConverter implements Converter {
  private readonly seen = new Set<string>();
  private readonly tasks = new Map<string, Event[]>();
  private readonly rejects: AdapterReject[] = [];
  private readonly excluded: AdapterReject[] = [];
  private folded = 0;

  add(r: VendorRecord): void {
    const v = r.value;
    if (!isJsonObject(v)) return void this.rejects.push({ record: r.n, reason: notJsonObject(v) });
    const e = normalize(v);
    if (typeof e === 'string') return void this.rejects.push({ record: r.n, reason: e });
    const key = textOf(e.d.sid) ?? JSON.stringify(v);
    if (this.seen.has(key)) {
      this.folded++;
      return;
    }
    this.seen.add(key);
    const task = textOf(e.d.task_sid);
    if (task === null) return void this.excluded.push({ record: r.n, reason: `excluded: not a task event (${e.type.split('.')[0]})` });
    e.n = r.n;
    const list = this.tasks.get(task);
    if (list) list.push(e);
    else this.tasks.set(task, [e]);
  }

  finish(): AdapterOutput {
    // Tasks of one call (call_sid) are one contact.
    const byCall = new Map<string, string[]>();
    for (const [sid, events] of this.tasks) {
      events.sort((a, b) => a.at - b.at || a.n - b.n);
      const callSid = events.map((e) => textOf(attributes(e.d).call_sid)).find((x) => x !== null) ?? sid;
      const list = byCall.get(callSid);
      if (list) list.push(sid);
      else byCall.set(callSid, [sid]);
    }
    const contacts: AdaptedContact[] = [];
    for (const sids of byCall.values()) {
      const tasks = sids.map((s) => ({ sid: s, events: this.tasks.get(s)! })).sort((a, b) => a.events[0]!.at - b.events[0]!.at);
      const first = tasks[0]!;
      const n = first.events[0]!.n;
      const all = tasks.reduce((k, t) => k + t.events.length, 0);
      this.folded += all - 1;
      try {
        contacts.push({
          record: n,
          row: taskContact(
            first.sid,
            tasks.map((t) => t.events),
          ),
        });
      } catch (e) {
        if (e instanceof Excluded) this.excluded.push({ record: n, reason: e.message });
        else if (e instanceof RecordProblem) this.rejects.push({ record: n, reason: e.message });
        else throw e;
      }
    }
    const order = (a: { record: number }, b: { record: number }) => a.record - b.record;
    return { contacts: contacts.sort(order), rejects: this.rejects.sort(order), excluded: this.excluded.sort(order), folded: this.folded };
  }
}

function taskContact(sid: string, tasks: Event[][]): ContactRow {
  const events = tasks[0]!;
  const field = (k: string) => events.map((e) => textOf(e.d[k])).find((x) => x !== null) ?? null;
  const attrs = events.map((e) => attributes(e.d)).find((a) => Object.keys(a).length > 0) ?? {};
  if (textOf(attrs.direction) === 'outbound') throw new Excluded('outbound task (direction outbound in the task attributes), not an offer to a queue');
  const find = (list: Event[], type: string) => list.find((e) => e.type === type) ?? null;
  for (const t of tasks) {
    if (!find(t, 'task.completed') && !find(t, 'task.canceled')) throw new RecordProblem('task', 'no task.completed or task.canceled in the file: the task is not finished');
  }
  const channelName = field('task_channel_unique_name');
  const channel = channelName === null ? null : ownValue(CHANNELS, channelName.toLowerCase());
  if (channel === undefined) throw new RecordProblem('task_channel_unique_name', 'not voice, chat, sms, messaging or email');
  const queue = field('task_queue_name') ?? field('task_queue_sid');
  if (queue === null) throw new RecordProblem('task_queue_name', 'missing');
  const offered = (find(events, 'task-queue.entered') ?? find(events, 'task.created') ?? events[0]!).at;
  const transferred = tasks.length > 1 || tasks.some((t) => find(t, 'task.transfer-initiated') !== null);
  // Each leg (task) an agent accepted: talk = customer's end − accepted, ACW = completed − wrap-up.
  let answered: Event | null = null;
  let talk = 0;
  let acw: number | null = null;
  let end = 0;
  for (const t of tasks) {
    const accepted = find(t, 'reservation.accepted');
    const wrapup = find(t, 'task.wrapup') ?? find(t, 'reservation.wrapup');
    const completed = find(t, 'task.completed');
    const canceled = find(t, 'task.canceled');
    if (accepted) {
      const customerEnd = wrapup ?? completed;
      if (!customerEnd) throw new RecordProblem('task', 'accepted and then canceled: the outcome is contradictory');
      answered ??= accepted;
      talk += customerEnd.at - accepted.at;
      if (wrapup && completed) acw = (acw ?? 0) + (completed.at - wrapup.at);
      end = Math.max(end, customerEnd.at);
    } else {
      end = Math.max(end, (canceled ?? completed)!.at);
    }
  }
  return {
    contact_id: sid,
    queue,
    channel,
    offered_at: isoUtc(offered),
    answered_at: answered ? isoUtc(answered.at) : null,
    ended_at: isoUtc(end),
    talk_s: answered ? String(talk / 1000) : null,
    hold_s: null,
    acw_s: answered && acw !== null ? String(acw / 1000) : null,
    agent_id: answered ? textOf(answered.d.worker_sid) : null,
    member_id: textOf(attrs.from),
    transferred: bool(transferred),
    abandoned: bool(answered === null),
  };
}
