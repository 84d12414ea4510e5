/**
 * Seeded NICE CXone completed contacts (`contacts/completed`), one contact leg per line,
 * every value a string, written from test/fixtures/adapters/nice-cxone-completed.json and
 * /work/shared/datasets/exports/nice-cxone.md. Mix: 72 % answered calls and chats, 12 %
 * abandoned, 4 % IVR-contained (no agent, never queued), 6 % transferred (a second leg
 * under the same `masterContactId`), 3 % outbound, 1 % work items; 2 % re-pulled (the
 * same `contactId` again further on with a later `lastUpdateTime`).
 */
import { mulberry32 } from '../../../server/wfm/random.ts';
import { iso, writeRecords } from './write.ts';

export function writeCompletedContacts(path: string, n: number): void {
  const random = mulberry32(20261203);
  const skills = [
    ['4101', 'Member Services'],
    ['4102', 'Pharmacy'],
    ['4103', 'Claims'],
    ['4104', 'Eligibility'],
  ] as const;
  const t0 = Date.UTC(2025, 5, 2, 13);
  const later: { at: number; text: string }[] = [];
  let i = 0;
  let written = 0;
  const put = (emit: (t: string) => void, text: string) => {
    emit(text);
    written++;
  };
  writeRecords(path, n, (emit) => {
    i++;
    const start = t0 + i * 4000;
    const [skillId, skillName] = skills[Math.floor(random() * skills.length)]!;
    const pre = 5 + Math.floor(random() * 30);
    const inQueue = 1 + Math.floor(random() * 120);
    const agentSeconds = 30 + Math.floor(random() * 600);
    const hold = random() < 0.3 ? Math.floor(random() * Math.min(120, agentSeconds)) : 0;
    const acw = Math.floor(random() * 90);
    const agentId = String(9000 + Math.floor(random() * 300));
    const leg = (
      id: string,
      master: string,
      at: number,
      o: { agent: string; inQ: number; agentS: number; holdS: number; acwS: number; abandoned: boolean; outbound?: boolean; media?: string; transfer?: boolean },
    ) => {
      const total = pre + o.inQ + o.agentS;
      return {
        contactId: id,
        masterContactId: master,
        contactStart: iso(at),
        lastUpdateTime: iso(at + (total + o.acwS + 60) * 1000),
        skillId,
        skillName,
        campaignId: '77',
        campaignName: 'Inbound',
        teamId: '12',
        teamName: 'Team A',
        agentId: o.agent,
        firstName: o.agent === '0' ? '' : 'Ana',
        lastName: o.agent === '0' ? '' : 'Diaz',
        mediaType: o.media === 'Chat' ? '3' : '4',
        mediaTypeName: o.media ?? 'Call',
        isOutbound: o.outbound ? 'True' : 'False',
        pointOfContactId: '3',
        pointOfContactName: 'Main Line',
        fromAddr: `555${String(Math.floor(random() * 1e7)).padStart(7, '0')}`,
        toAddr: '8005550199',
        preQueueSeconds: String(pre),
        inQueueSeconds: String(o.inQ),
        postQueueSeconds: '0',
        agentSeconds: String(o.agentS),
        holdSeconds: String(o.holdS),
        holdCount: o.holdS ? '1' : '0',
        ACWSeconds: String(o.acwS),
        confSeconds: '0',
        releaseSeconds: '0',
        totalDurationSeconds: String(total),
        abandoned: o.abandoned ? 'True' : 'False',
        abandonSeconds: o.abandoned ? String(o.inQ) : '0',
        isShortAbandon: o.abandoned && o.inQ < 5 ? 'True' : 'False',
        serviceLevelFlag: o.inQ <= 30 ? '1' : '0',
        routingTime: '0',
        primaryDispositionId: '0',
        secondaryDispositionId: '0',
        dispositionNotes: '',
        transferIndicatorId: o.transfer ? '1' : '0',
        transferIndicatorName: o.transfer ? 'Transfer' : 'None',
        isRefused: 'False',
        refuseReason: '',
        refuseTime: '',
        isTakeover: 'False',
        state: 'EndContact',
        stateId: '10',
        isWarehoused: 'True',
        dateContactWarehoused: iso(at + (total + o.acwS + 60) * 1000),
        dateACWWarehoused: iso(at + (total + o.acwS + 60) * 1000),
      };
    };
    const id = String(5_000_000 + i * 3);
    const kind = random();
    const legs: Record<string, string>[] = [];
    const answered = { agent: agentId, inQ: inQueue, agentS: agentSeconds, holdS: hold, acwS: acw, abandoned: false };
    if (kind < 0.72) legs.push(leg(id, id, start, { ...answered, media: random() < 0.9 ? 'Call' : 'Chat' }));
    else if (kind < 0.84) legs.push(leg(id, id, start, { agent: '0', inQ: inQueue, agentS: 0, holdS: 0, acwS: 0, abandoned: true }));
    else if (kind < 0.88) legs.push(leg(id, id, start, { agent: '0', inQ: 0, agentS: 0, holdS: 0, acwS: 0, abandoned: false }));
    else if (kind < 0.94) {
      legs.push(leg(id, id, start, { ...answered, acwS: 0, transfer: true }));
      const second = start + (pre + inQueue + agentSeconds) * 1000;
      legs.push(leg(String(Number(id) + 1), id, second, { agent: String(9300 + (i % 50)), inQ: 20, agentS: 200, holdS: 0, acwS: acw, abandoned: false }));
    } else if (kind < 0.97) legs.push(leg(id, id, start, { ...answered, inQ: 0, outbound: true }));
    else if (kind < 0.98) legs.push(leg(id, id, start, { ...answered, media: 'Work Item' }));
    else {
      const first = leg(id, id, start, answered);
      legs.push(first);
      const again = { ...first, lastUpdateTime: iso(Date.parse(first.lastUpdateTime) + 600_000), ACWSeconds: String(acw + 30) };
      later.push({ at: written + 2 + Math.floor(random() * 200), text: `${JSON.stringify(again)}\n` });
    }
    for (const l of legs) put(emit, `${JSON.stringify(l)}\n`);
    for (let k = later.length - 1; k >= 0; k--) {
      if (later[k]!.at <= written) {
        put(emit, later[k]!.text);
        later.splice(k, 1);
      }
    }
  });
}
