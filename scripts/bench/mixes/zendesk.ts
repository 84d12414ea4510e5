/**
 * Seeded Zendesk Talk incremental exports, calls and their legs in one file, one object per
 * line, written from test/fixtures/adapters/zendesk-talk-calls-legs.jsonl and
 * /work/shared/datasets/exports/zendesk-talk.md. Calls: 74 % answered, 12 % abandoned in
 * queue, 3 % abandoned to voicemail, 4 % ended in the IVR, 5 % transferred (two agent legs,
 * `transferred_to`), 2 % outbound; every call with a customer leg and one agent leg per agent;
 * 1 % of records repeated exactly, 2 % of calls sent again as a later version
 * (`updated_at` moved), 0.5 % of legs whose call is not in the file.
 */
import { mulberry32 } from '../../../server/wfm/random.ts';
import { isoS, writeRecords } from './write.ts';

export function writeCallsAndLegs(path: string, n: number): void {
  const random = mulberry32(20261203);
  const groups = ['Member Services', 'Pharmacy', 'Claims', 'Eligibility'];
  const t0 = Date.UTC(2025, 5, 2, 13);
  let i = 0;
  let legId = 0;
  writeRecords(path, n, (emit) => {
    i++;
    const id = 9000 + i;
    const created = t0 + i * 4000;
    const ivr = 5 + Math.floor(random() * 30);
    const wait = 1 + Math.floor(random() * 120);
    const talk = 30 + Math.floor(random() * 600);
    const hold = random() < 0.3 ? Math.floor(random() * 120) : 0;
    const acw = Math.floor(random() * 90);
    const agent = 300 + Math.floor(random() * 300);
    const customer = 7_000_000 + Math.floor(random() * 2_000_000);
    const group = groups[Math.floor(random() * groups.length)]!;
    const call = (
      o: { agent: number | null; status: string; duration: number; toAnswer: number | null; talk: number | null; hold: number | null; acw: number | null; direction?: string },
      updated: number,
    ) => ({
      id,
      created_at: isoS(created),
      updated_at: isoS(updated),
      agent_id: o.agent,
      direction: o.direction ?? 'inbound',
      phone_number: '+18005550199',
      phone_number_id: 41,
      line: 'Main Line',
      line_id: 41,
      line_type: 'phone',
      call_channel: 'phone',
      duration: o.duration,
      time_to_answer: o.toAnswer,
      wait_time: o.toAnswer === null && o.status === 'completed' ? null : wait,
      exceeded_queue_wait_time: false,
      hold_time: o.hold,
      talk_time: o.talk,
      wrap_up_time: o.acw,
      consultation_time: null,
      completion_status: o.status,
      voicemail: o.status === 'voicemail',
      customer_requested_voicemail: false,
      callback: false,
      callback_source: null,
      overflowed: false,
      overflowed_to: null,
      outside_business_hours: false,
      ivr_time_spent: ivr,
      ivr_hops: null,
      ivr_routed_to: null,
      ivr_action: null,
      ivr_destination_group_name: random() < 0.5 ? group : null,
      default_group: group,
      ticket_id: 500_000 + i,
      customer_id: customer,
      minutes_billed: Math.ceil(o.duration / 60),
      call_charge: '0.02',
      quality_issues: [],
      recording_time: 0,
      not_recording_time: 0,
      recording_control_interactions: 0,
      call_recording_consent: 'always',
      call_group_id: null,
    });
    const leg = (callId: number, type: string, who: number | null, duration: number, t: number | null, to: number | null = null) => ({
      id: ++legId,
      call_id: callId,
      type,
      agent_id: type === 'agent' ? who : null,
      user_id: type === 'customer' ? customer : null,
      created_at: isoS(created),
      updated_at: isoS(created + duration * 1000 + 60_000),
      duration,
      talk_time: t,
      hold_time: null,
      wrap_up_time: null,
      transferred_from: null,
      transferred_to: to,
      forwarded_to: null,
      consultation_from: null,
      consultation_to: null,
      consultation_time: null,
      conference_from: null,
      conference_to: null,
      conference_time: null,
      completion_status: 'completed',
      available_via: 'browser',
      minutes_billed: Math.ceil(duration / 60),
      call_charge: '0.01',
      quality_issues: [],
    });
    const kind = random();
    const out: object[] = [];
    const answeredDuration = ivr + wait + talk + hold;
    if (kind < 0.74 || kind >= 0.98) {
      const c = call(
        { agent, status: 'completed', duration: answeredDuration, toAnswer: ivr + wait, talk, hold, acw, direction: kind >= 0.98 ? 'outbound' : 'inbound' },
        created + (answeredDuration + acw + 30) * 1000,
      );
      out.push(c, leg(id, 'customer', null, answeredDuration, null), leg(id, 'agent', agent, talk + hold, talk));
      if (random() < 0.02 / 0.76) out.push({ ...c, updated_at: isoS(created + (answeredDuration + acw + 600) * 1000), wrap_up_time: acw + 30 });
    } else if (kind < 0.86)
      out.push(
        call({ agent: null, status: 'abandoned_in_queue', duration: ivr + wait, toAnswer: null, talk: null, hold: null, acw: null }, created + (ivr + wait + 30) * 1000),
        leg(id, 'customer', null, ivr + wait, null),
      );
    else if (kind < 0.89)
      out.push(
        call({ agent: null, status: 'voicemail', duration: ivr + wait + 40, toAnswer: null, talk: null, hold: null, acw: null }, created + (ivr + wait + 70) * 1000),
        leg(id, 'customer', null, ivr + wait + 40, null),
      );
    else if (kind < 0.93)
      out.push(call({ agent: null, status: 'abandoned_in_ivr', duration: ivr, toAnswer: null, talk: null, hold: null, acw: null }, created + (ivr + 30) * 1000), leg(id, 'customer', null, ivr, null));
    else {
      const second = 600 + (i % 50);
      const duration = answeredDuration + 200;
      out.push(call({ agent, status: 'completed', duration, toAnswer: ivr + wait, talk: talk + 180, hold, acw }, created + (duration + acw + 30) * 1000));
      out.push(leg(id, 'customer', null, duration, null), leg(id, 'agent', agent, talk + hold, talk, second), leg(id, 'agent', second, 200, 180));
    }
    if (random() < 0.005) out.push(leg(1_000_000_000 + i, 'agent', agent, 100, 90)); // its call is in another export
    for (const o of out) {
      const text = `${JSON.stringify(o)}\n`;
      emit(text);
      if (random() < 0.01) emit(text);
    }
  });
}
