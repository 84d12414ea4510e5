/**
 * Seeded Twilio TaskRouter Event Streams events (CloudEvents, one per line), written from
 * test/fixtures/adapters/twilio-taskrouter-events.jsonl and
 * /work/shared/datasets/exports/twilio-taskrouter.md. A task's events: created, queue
 * entered, reservation created/accepted, wrap-up, completed (a RONA reservation that timed out
 * first on 8 %); abandoned tasks canceled in the queue (12 %); 5 % transferred (a
 * `task.transfer-initiated`, then a second task of the same `call_sid`); 2 % outbound; worker
 * activity events between them (one in 30); events of several tasks interleave; 1 % of
 * events delivered twice (the same `sid`).
 */
import { mulberry32 } from '../../../server/wfm/random.ts';
import { iso, writeRecords } from './write.ts';

export function writeEvents(path: string, n: number): void {
  const random = mulberry32(20261203);
  const queues = [
    ['WQ11111111111111111111111111111111', 'Member Services'],
    ['WQ22222222222222222222222222222222', 'Pharmacy'],
    ['WQ33333333333333333333333333333333', 'Claims'],
    ['WQ44444444444444444444444444444444', 'Eligibility'],
  ] as const;
  const t0 = Date.UTC(2025, 5, 2, 13);
  let i = 0;
  let ev = 0;
  let pending: { at: number; text: string }[] = [];
  const event = (name: string, at: number, data: Record<string, unknown>) => {
    ev++;
    const sid = `EV${ev.toString(16).padStart(32, '0')}`;
    const group = name.split('.')[0]!;
    return {
      at,
      text: `${JSON.stringify({
        specversion: '1.0',
        type: `com.twilio.taskrouter.${name}`,
        source: 'AB00000000000000000000000000',
        id: `NO${ev.toString(16).padStart(26, '0')}`,
        dataschema: 'https://events-schemas.twilio.com/TaskRouter.WDSEvent/4',
        datacontenttype: 'application/json',
        time: iso(at),
        data: {
          sid,
          name,
          account_sid: 'AC00000000000000000000000000000000',
          timestamp: iso(at),
          level: 'INFO',
          group,
          product_name: 'TaskRouter',
          workspace_sid: 'WS00000000000000000000000000000000',
          workspace_name: 'Health Plan',
          ...data,
        },
      })}\n`,
    };
  };
  writeRecords(path, n, (emit) => {
    i++;
    const start = t0 + i * 4000;
    const [qsid, qname] = queues[Math.floor(random() * queues.length)]!;
    const callSid = `CA${i.toString(16).padStart(32, '0')}`;
    const from = `+1555${String(Math.floor(random() * 1e7)).padStart(7, '0')}`;
    const wait = 2000 + Math.floor(random() * 120) * 1000;
    const talk = (30 + Math.floor(random() * 600)) * 1000;
    const acw = Math.floor(random() * 90) * 1000;
    const worker = `WK${Math.floor(random() * 300)
      .toString(16)
      .padStart(32, '0')}`;
    const kind = random();
    const direction = kind >= 0.98 ? 'outbound' : 'inbound';
    const task = (k: number, at: number, opts: { answer: boolean; rona?: boolean; transfer?: boolean; talkMs: number }) => {
      const taskSid = `WT${(i * 2 + k).toString(16).padStart(32, '0')}`;
      const base = {
        task_sid: taskSid,
        task_channel_unique_name: random() < 0.9 ? 'voice' : 'chat',
        task_queue_name: qname,
        task_queue_sid: qsid,
        task_attributes: JSON.stringify({ call_sid: callSid, from, to: '+18005550199', direction }),
        task_age: 0,
        task_priority: 0,
        task_assignment_status: 'pending',
      };
      const out = [event('task.created', at, base), event('task-queue.entered', at + 500, base)];
      let t = at + wait;
      if (opts.rona) {
        out.push(event('reservation.created', t, { ...base, worker_sid: 'WK00000000000000000000000000000199', reservation_sid: `WR${i}r` }));
        out.push(event('reservation.timeout', t + 20_000, { ...base, worker_sid: 'WK00000000000000000000000000000199', reservation_sid: `WR${i}r` }));
        t += 25_000;
      }
      if (!opts.answer) {
        out.push(event('task.canceled', t, { ...base, task_canceled_reason: 'Task canceled on Workflow' }));
        return out;
      }
      const res = { ...base, worker_sid: worker, reservation_sid: `WR${i}-${k}` };
      out.push(event('reservation.created', t, res), event('reservation.accepted', t + 3000, res));
      const talkEnd = t + 3000 + opts.talkMs;
      if (opts.transfer) out.push(event('task.transfer-initiated', talkEnd - 1000, res));
      out.push(event('task.wrapup', talkEnd, res), event('task.completed', talkEnd + acw, res));
      return out;
    };
    let events: { at: number; text: string }[];
    if (kind < 0.73 || kind >= 0.98) events = task(0, start, { answer: true, talkMs: talk });
    else if (kind < 0.81) events = task(0, start, { answer: true, rona: true, talkMs: talk });
    else if (kind < 0.93) events = task(0, start, { answer: false, talkMs: 0 });
    else {
      events = task(0, start, { answer: true, transfer: true, talkMs: talk });
      events.push(...task(1, start + wait + talk + 5000, { answer: true, talkMs: 200_000 }));
    }
    if (i % 30 === 0) events.push(event('worker.activity.update', start + 1000, { worker_sid: worker, worker_activity_name: 'Available' }));
    for (const e of events) {
      pending.push(e);
      if (random() < 0.01) pending.push(e);
    }
    if (i % 200 === 0) {
      pending.sort((a, b) => a.at - b.at);
      const cut = pending.findIndex((p) => p.at > start);
      const ready = cut < 0 ? pending : pending.slice(0, cut);
      pending = cut < 0 ? [] : pending.slice(cut);
      for (const p of ready) emit(p.text);
    }
  });
}
