/**
 * Seeded Genesys Cloud analytics conversation details, one conversation per line (as the
 * details jobs are exported), written from test/fixtures/adapters/genesys-cloud-details.jsonl
 * and /work/shared/datasets/exports/genesys-cloud.md: customer, ivr, acd and agent
 * participants with their sessions, segments and metrics (ms). Mix: 68 % answered, 10 %
 * answered after a RONA agent, 12 % abandoned in queue (`tAbandon`), 4 % IVR-contained, 5 %
 * transferred to a second agent, 1 % outbound; 2 % delivered first while active (no
 * `conversationEnd`) and again complete further on; 0.5 % with a malformed timestamp.
 */
import { mulberry32 } from '../../../server/wfm/random.ts';
import { iso, writeRecords } from './write.ts';

type Obj = Record<string, unknown>;

export function writeConversations(path: string, n: number): void {
  const random = mulberry32(20261203);
  const queues = [
    ['q-member-services', 'Member Services'],
    ['q-pharmacy', 'Pharmacy'],
    ['q-claims', 'Claims'],
    ['q-eligibility', 'Eligibility'],
  ] as const;
  const t0 = Date.UTC(2025, 5, 2, 13);
  const later: { at: number; text: string }[] = [];
  let i = 0;
  let written = 0;
  writeRecords(path, n, (emit) => {
    i++;
    const id = `${i.toString(16).padStart(8, '0')}-6c1e-4b7a-9d3f-${(i * 7919).toString(16).padStart(12, '0')}`;
    const start = t0 + i * 4500;
    const [qid, qname] = queues[Math.floor(random() * queues.length)]!;
    const ivrEnd = start + 10_000 + Math.floor(random() * 30) * 1000;
    const wait = 5000 + Math.floor(random() * 120) * 1000;
    const talk = (30 + Math.floor(random() * 600)) * 1000;
    const hold = random() < 0.3 ? Math.floor(random() * 120) * 1000 : 0;
    const acw = Math.floor(random() * 90) * 1000;
    const ani = `tel:+1555${String(Math.floor(random() * 1e7)).padStart(7, '0')}`;
    const seg = (type: string, a: number, b: number, extra: Obj = {}) => ({ segmentStart: iso(a), segmentEnd: iso(b), segmentType: type, ...extra });
    const m = (name: string, value: number, at: number) => ({ name, value, emitDate: iso(at) });
    const session = (segments: Obj[], metrics: Obj[], extra: Obj = {}) => ({
      mediaType: 'voice',
      direction: 'inbound',
      sessionId: `s${i}-${segments.length}`,
      provider: 'Edge',
      ...extra,
      segments,
      metrics,
    });
    const participant = (purpose: string, pid: string, sessions: Obj[], extra: Obj = {}) => ({ participantId: `${pid}-${i}`, purpose, ...extra, sessions });
    const agent = (user: string, answered: number, t: number, h: number, w: number, transferred = false) =>
      participant(
        'agent',
        `a${user}`,
        [
          session(
            [
              seg('alert', answered - 4000, answered, { queueId: qid }),
              seg('interact', answered, answered + t, { queueId: qid }),
              ...(h ? [seg('hold', answered + t, answered + t + h, { queueId: qid })] : []),
              seg('wrapup', answered + t + h, answered + t + h + w, { wrapUpCode: 'b3c1' }),
            ],
            [
              m('tAlert', 4000, answered),
              m('tAnswered', 4000, answered),
              m('tTalk', t, answered + t),
              m('tTalkComplete', t, answered + t),
              ...(h ? [m('tHeld', h, answered + t + h), m('tHeldComplete', h, answered + t + h)] : []),
              m('tAcw', w, answered + t + h + w),
              m('tHandle', t + h + w, answered + t + h + w),
              ...(transferred ? [m('nTransferred', 1, answered + t + h)] : []),
            ],
          ),
        ],
        { userId: `user-${user}`, participantName: `Agent ${user}` },
      );
    const rona = (at: number) =>
      participant(
        'agent',
        'rona',
        [
          session(
            [seg('alert', at, at + 30_000, { queueId: qid }), seg('wrapup', at + 30_000, at + 35_000, { wrapUpCode: 'ININ-WRAP-UP-TIMEOUT' })],
            [m('tAlert', 30_000, at + 30_000), m('tNotResponding', 30_000, at + 30_000)],
          ),
        ],
        { userId: 'user-rona' },
      );
    const customer = (end: number) =>
      participant('customer', 'cust', [session([seg('interact', start, end, { queueId: qid, disconnectType: 'peer' })], [m('nConnected', 1, start)], { ani, dnis: 'tel:+18005550199' })]);
    const ivr = participant('ivr', 'ivr', [session([seg('ivr', start, ivrEnd, { disconnectType: 'transfer' })], [m('tIvr', ivrEnd - start, ivrEnd)])], { participantName: 'Main IVR' });
    const acd = (until: number, abandon: boolean) =>
      participant(
        'acd',
        'acd',
        [
          session(
            [seg('interact', ivrEnd, until, { queueId: qid, disconnectType: abandon ? 'peer' : 'transfer' })],
            [m('nOffered', 1, ivrEnd), abandon ? m('tAbandon', until - ivrEnd, until) : m('tAcd', until - ivrEnd, until)],
          ),
        ],
        { participantName: qname },
      );
    const user = String(Math.floor(random() * 300));
    const kind = random();
    let participants: Obj[];
    let end: number;
    let direction = 'inbound';
    if (kind < 0.68 || (kind >= 0.99 && kind < 1)) {
      const answered = ivrEnd + wait;
      end = answered + talk + hold;
      participants = [customer(end), ivr, acd(answered, false), agent(user, answered, talk, hold, acw)];
      if (kind >= 0.99) direction = 'outbound';
    } else if (kind < 0.78) {
      const answered = ivrEnd + wait + 35_000;
      end = answered + talk + hold;
      participants = [customer(end), ivr, acd(answered, false), rona(ivrEnd + wait), agent(user, answered, talk, hold, acw)];
    } else if (kind < 0.9) {
      end = ivrEnd + wait;
      participants = [customer(end), ivr, acd(end, true)];
    } else if (kind < 0.94) {
      end = ivrEnd + 20_000;
      participants = [customer(end), participant('ivr', 'ivr', [session([seg('ivr', start, end, { disconnectType: 'peer' })], [m('tIvr', end - start, end)])], { participantName: 'Main IVR' })];
    } else {
      const answered = ivrEnd + wait;
      const second = answered + talk + hold + 15_000;
      end = second + 200_000;
      participants = [customer(end), ivr, acd(answered, false), agent(user, answered, talk, hold, 0, true), agent(String(300 + (i % 50)), second, 200_000, 0, acw)];
    }
    const conv: Obj = {
      conversationId: id,
      conversationStart: iso(start),
      conversationEnd: iso(end),
      originatingDirection: direction,
      divisionIds: ['d1'],
      mediaStatsMinConversationMos: 4.88,
      participants,
    };
    if (random() < 0.005) conv.conversationStart = `${iso(start).slice(0, 8)}2${iso(start).slice(10)}`; // a one-digit day: malformed
    if (random() < 0.02) {
      const { conversationEnd: _, ...active } = conv;
      emit(`${JSON.stringify(active)}\n`);
      written++;
      later.push({ at: written + 1 + Math.floor(random() * 200), text: `${JSON.stringify(conv)}\n` });
    } else {
      emit(`${JSON.stringify(conv)}\n`);
      written++;
    }
    for (let k = later.length - 1; k >= 0; k--) {
      if (later[k]!.at <= written) {
        emit(later[k]!.text);
        written++;
        later.splice(k, 1);
      }
    }
  });
}
