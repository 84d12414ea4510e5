/**
 * A seeded Asterisk `queue_log` of `n` lines, written from test/fixtures/adapters/asterisk-queue_log
 * and /work/shared/datasets/exports/asterisk-queue-log.md: calls interleaved (a new call every
 * 3 s, each spread over minutes), 70 % answered (ENTERQUEUE, sometimes RINGNOANSWER first,
 * CONNECT, COMPLETECALLER/COMPLETEAGENT), 18 % abandoned (ABANDON or EXITWITHTIMEOUT), 5 %
 * moved to a second queue (two ENTERQUEUE), 4 % blind-transferred, agent events (PAUSE,
 * ADDMEMBER) between them, 1 % of lines repeated (a rotated file read twice).
 */
import { mulberry32 } from '../../../server/wfm/random.ts';
import { writeRecords } from './write.ts';

export function writeQueueLog(path: string, n: number): void {
  const random = mulberry32(20261203);
  const queues = ['8000', '8001', '8002', '8003'];
  const t0 = 1748880000; // 2025-06-02T16:00:00Z
  let i = 0;
  // Pending lines, released in time order so calls interleave as in a real log.
  let pending: { at: number; text: string }[] = [];
  writeRecords(path, n, (emit) => {
    i++;
    const start = t0 + i * 3;
    const id = `${start}.${i}`;
    const q = queues[Math.floor(random() * queues.length)]!;
    const agent = `PJSIP/${200 + Math.floor(random() * 300)}`;
    const caller = `555${String(Math.floor(random() * 1e7)).padStart(7, '0')}`;
    const wait = 5 + Math.floor(random() * 120);
    const talk = 30 + Math.floor(random() * 600);
    const at = (t: number, text: string) => pending.push({ at: t, text: `${t}|${text}\n` });
    const kind = random();
    // A call's first line; an agent event (the last 3 %) is not a call.
    if (kind < 0.97) at(start, `${id}|${q}|NONE|ENTERQUEUE||${caller}|1`);
    if (kind < 0.7) {
      if (random() < 0.1) at(start + 12, `${id}|${q}|PJSIP/199|RINGNOANSWER|12000`);
      at(start + wait, `${id}|${q}|${agent}|CONNECT|${wait}|${start + wait}.${i + 7}|${1 + Math.floor(random() * 20)}`);
      at(start + wait + talk, `${id}|${q}|${agent}|${random() < 0.6 ? 'COMPLETECALLER' : 'COMPLETEAGENT'}|${wait}|${talk}|1`);
    } else if (kind < 0.88) {
      at(start + wait, random() < 0.8 ? `${id}|${q}|NONE|ABANDON|1|1|${wait}` : `${id}|${q}|NONE|EXITWITHTIMEOUT|1|1|${wait}`);
    } else if (kind < 0.93) {
      const q2 = queues[(queues.indexOf(q) + 1) % queues.length]!;
      at(start + wait, `${id}|${q2}|NONE|ENTERQUEUE||${caller}|1`);
      at(start + 2 * wait, `${id}|${q2}|${agent}|CONNECT|${wait}|${start + 2 * wait}.${i + 7}|3`);
      at(start + 2 * wait + talk, `${id}|${q2}|${agent}|COMPLETEAGENT|${wait}|${talk}|1`);
    } else if (kind < 0.97) {
      at(start + wait, `${id}|${q}|${agent}|CONNECT|${wait}|${start + wait}.${i + 7}|2`);
      at(start + wait + talk, `${id}|${q}|${agent}|BLINDTRANSFER|300|from-internal|${wait}|${talk}|1`);
    } else {
      at(start + 1, `NONE|${q}|${agent}|${random() < 0.5 ? 'PAUSE|Lunch' : 'ADDMEMBER|'}`);
    }
    if (pending.length > 2000 || i % 50 === 0) {
      pending.sort((a, b) => a.at - b.at);
      const cut = pending.findIndex((p) => p.at > start);
      const ready = cut < 0 ? pending : pending.slice(0, cut);
      pending = cut < 0 ? [] : pending.slice(cut);
      for (const p of ready) {
        emit(p.text);
        if (random() < 0.01) emit(p.text);
      }
    }
  });
}
