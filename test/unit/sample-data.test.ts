/**
 * The generated data itself, on a 60-day run (2026-01-31 … 2026-03-31, outside the
 * enrollment seasons; Presidents Day 2026-02-16 and the spring-forward day inside): every
 * property is computed straight from the records, with the metric definitions of
 * ../shared/DESIGN.md (SL threshold 20 s, short abandon < 5 s, FCR window 7 days).
 */
import { HEADER } from '../fixtures/ingest/helpers.ts';
import { describe, expect, it } from 'vitest';
import { generateContacts, type SampleContact } from '../../server/sample-data/index.ts';
import { localParts } from '../../server/wfm/timezone.ts';

const TZ = 'America/Los_Angeles';
const OPTIONS = { days: 60, seed: 42, endDate: '2026-03-31', timezone: TZ, scale: 1 };
const contacts: SampleContact[] = [...generateContacts(OPTIONS)];
const ms = (iso: string) => Date.parse(iso);

/** Local date, ISO weekday and minute of day of an instant; cached per UTC hour (whole-hour zone). */
const hourCache = new Map<number, { date: string; weekday: number; hour: number }>();
function local(iso: string): { date: string; weekday: number; minute: number } {
  const t = ms(iso);
  const h = Math.floor(t / 3_600_000);
  let e = hourCache.get(h);
  if (!e) {
    const p = localParts(h * 3_600_000, TZ);
    const date = `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
    const wd = new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay();
    e = { date, weekday: wd === 0 ? 7 : wd, hour: p.hour };
    hourCache.set(h, e);
  }
  return { date: e.date, weekday: e.weekday, minute: e.hour * 60 + Math.floor((t % 3_600_000) / 60_000) };
}

const offered = contacts.filter((c) => !c.ivr_contained);
const voice = offered.filter((c) => c.channel === 'voice');
const waitOf = (c: SampleContact) => (ms(c.answered_at ?? c.ended_at!) - ms(c.offered_at)) / 1000;

describe('sample data: determinism', () => {
  it('gives the same contacts for the same seed and different ones for another seed', () => {
    const take = (seed: number, n: number) => {
      const out: SampleContact[] = [];
      for (const c of generateContacts({ ...OPTIONS, seed })) {
        out.push(c);
        if (out.length === n) break;
      }
      return out;
    };
    expect(take(42, 3000)).toEqual(contacts.slice(0, 3000));
    const other = take(43, 3000);
    expect(other).not.toEqual(contacts.slice(0, 3000));
    expect(other.filter((c, i) => c.offered_at === contacts[i]!.offered_at).length).toBeLessThan(300);
  });

  it('rejects unusable options with a message naming the option', () => {
    // Checked when called, before any contact is asked for.
    expect(() => generateContacts({ ...OPTIONS, days: 0 })).toThrow('invalid days');
    expect(() => generateContacts({ ...OPTIONS, days: 2.5 })).toThrow('invalid days');
    expect(() => generateContacts({ ...OPTIONS, seed: -3 })).toThrow('invalid seed');
    expect(() => generateContacts({ ...OPTIONS, endDate: '2026-02-30' })).toThrow('invalid endDate');
    expect(() => generateContacts({ ...OPTIONS, timezone: 'Nowhere/Else' })).toThrow('invalid timezone');
    expect(() => generateContacts({ ...OPTIONS, scale: -1 })).toThrow('invalid scale');
  });
});

describe('sample data: records', () => {
  it('has the canonical columns, unique ids and well-formed values', () => {
    // ≈ 1M rows / 800 days ≈ 1,250 a day; this window is a quiet one without surges.
    expect(contacts.length).toBeGreaterThan(60 * 1000);
    expect(contacts.length).toBeLessThan(60 * 1500);
    // The generator writes the canonical columns in the order the ingest fixtures use.
    expect(Object.keys(contacts[0]!)).toEqual([...HEADER]);
    expect(new Set(contacts.map((c) => c.contact_id)).size).toBe(contacts.length);
    // Per-record checks collect offenders (one expect per record would dominate the runtime).
    const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
    const bad: string[] = [];
    let prev = '';
    for (const c of contacts) {
      const ok =
        /^C\d{10}$/.test(c.contact_id) &&
        iso.test(c.offered_at) &&
        c.offered_at >= prev && // offered order
        (c.member_id === null || /^M\d{8}$/.test(c.member_id)) &&
        (c.csat === null || (Number.isInteger(c.csat) && c.csat >= 1 && c.csat <= 5)) &&
        (c.nps === null || (Number.isInteger(c.nps) && c.nps >= 0 && c.nps <= 10 && c.csat !== null));
      if (!ok) bad.push(c.contact_id);
      prev = c.offered_at;
    }
    expect(bad).toEqual([]);
    expect(new Set(contacts.map((c) => c.queue)).size).toBe(3);
    expect(new Set(contacts.map((c) => c.tier))).toEqual(new Set([1, 2, 3]));
    expect(new Set(contacts.map((c) => c.state)).size).toBeGreaterThanOrEqual(4);
    expect(local(contacts[0]!.offered_at).date).toBe('2026-01-31');
    expect(local(contacts[contacts.length - 1]!.offered_at).date).toBe('2026-03-31');
  });

  it('answers after offering, and abandons leave with an end time and no answer', () => {
    let abandons = 0;
    const bad: string[] = [];
    for (const c of offered) {
      let ok = c.ended_at !== null;
      if (c.answered_at !== null) {
        ok &&=
          ms(c.answered_at) >= ms(c.offered_at) &&
          ms(c.ended_at!) === ms(c.answered_at) + (c.talk_s! + c.hold_s!) * 1000 &&
          c.talk_s! > 0 &&
          c.hold_s! >= 0 &&
          c.acw_s! >= 0 &&
          /^A-[A-Z]+-[VCEP]\d{3}$/.test(c.agent_id ?? '') &&
          c.transferred !== null &&
          c.resolved !== null;
      } else {
        abandons++;
        ok &&= ms(c.ended_at!) >= ms(c.offered_at) && [c.talk_s, c.hold_s, c.acw_s, c.agent_id, c.csat, c.nps].every((v) => v === null) && (c.channel === 'voice' || c.channel === 'chat'); // email/portal never abandon
      }
      if (!ok) bad.push(c.contact_id);
    }
    expect(bad).toEqual([]);
    expect(abandons).toBeGreaterThan(0);
  });

  it('has IVR-contained voice calls with no queue wait, about 8 % of all rows', () => {
    const ivr = contacts.filter((c) => c.ivr_contained);
    const bad = ivr.filter((c) => c.channel !== 'voice' || [c.answered_at, c.ended_at, c.agent_id, c.talk_s].some((v) => v !== null));
    expect(bad).toEqual([]);
    // IVR_RATIO 0.13 × voice share ≈ 0.68 / (1 + 0.088) ≈ 8 %.
    expect(ivr.length / contacts.length).toBeGreaterThan(0.06);
    expect(ivr.length / contacts.length).toBeLessThan(0.11);
  });

  it('answers email and portal hours later, inside back-office hours', () => {
    const messages = offered.filter((c) => c.channel === 'email' || c.channel === 'portal');
    let hours = 0;
    const closed = messages.filter((c) => {
      hours += waitOf(c) / 3600;
      const a = local(c.answered_at!);
      return !(a.weekday <= 5 ? a.minute >= 480 && a.minute < 1080 : a.weekday === 6 && a.minute >= 540 && a.minute < 840);
    });
    expect(closed).toEqual([]);
    expect(hours / messages.length).toBeGreaterThan(2);
    expect(hours / messages.length).toBeLessThan(48);
  });
});

describe('sample data: mix and patterns', () => {
  it('splits offered contacts 60–70 % voice, 20–25 % chat, 5–10 % email + portal', () => {
    const share = (chs: string[]) => offered.filter((c) => chs.includes(c.channel)).length / offered.length;
    expect(share(['voice'])).toBeGreaterThan(0.6);
    expect(share(['voice'])).toBeLessThan(0.7);
    expect(share(['chat'])).toBeGreaterThan(0.2);
    expect(share(['chat'])).toBeLessThan(0.25);
    expect(share(['email', 'portal'])).toBeGreaterThan(0.05);
    expect(share(['email', 'portal'])).toBeLessThan(0.1);
  });

  it('is busiest on Mondays, quieter mid-week, light on Saturdays, closed for voice on Sundays and holidays', () => {
    const perDate = new Map<string, { weekday: number; n: number }>();
    for (const c of voice) {
      const l = local(c.offered_at);
      const e = perDate.get(l.date) ?? { weekday: l.weekday, n: 0 };
      e.n++;
      perDate.set(l.date, e);
    }
    // Skip the holiday and the day after it (carry-over).
    const days = [...perDate.entries()].filter(([d]) => d !== '2026-02-16' && d !== '2026-02-17');
    const mean = (wd: number) => {
      const xs = days.filter(([, e]) => e.weekday === wd).map(([, e]) => e.n);
      return xs.reduce((a, b) => a + b, 0) / xs.length;
    };
    expect(mean(1)).toBeGreaterThan(mean(3) * 1.1);
    expect(mean(3)).toBeGreaterThan(mean(6) * 2);
    expect(days.some(([, e]) => e.weekday === 7)).toBe(false);
    expect(perDate.has('2026-02-16')).toBe(false); // Presidents Day
    expect(offered.filter((c) => c.channel === 'chat' && local(c.offered_at).date === '2026-02-16')).toEqual([]);
    expect(offered.filter((c) => c.channel === 'email' && local(c.offered_at).date === '2026-02-16').length).toBeGreaterThan(0);
  });

  it('peaks in the morning, inside 08:00–20:00 local, also across the spring-forward day', () => {
    const byHour = new Array(24).fill(0) as number[];
    for (const c of voice) byHour[Math.floor(local(c.offered_at).minute / 60)]!++;
    for (let h = 0; h < 24; h++) if (h < 8 || h >= 20) expect(byHour[h]).toBe(0);
    expect(byHour[10]!).toBeGreaterThan(byHour[8]!);
    expect(byHour[10]!).toBeGreaterThan(byHour[16]!);
    expect(byHour.indexOf(Math.max(...byHour))).toBeLessThan(12);
  });

  it('has Tier 1 AHT of 6–9 min and specialists at 20–40 min on voice', () => {
    const aht = (tier: number) => {
      const xs = voice.filter((c) => c.answered_at !== null && c.tier === tier);
      return xs.reduce((a, c) => a + c.talk_s! + c.hold_s! + c.acw_s!, 0) / xs.length / 60;
    };
    expect(aht(1)).toBeGreaterThan(6);
    expect(aht(1)).toBeLessThan(9);
    for (const t of [2, 3]) {
      expect(aht(t)).toBeGreaterThan(20);
      expect(aht(t)).toBeLessThan(40);
    }
  });
});

describe('sample data: outcomes that emerge from the queue and the members', () => {
  it('reaches a service level of 70–92 % and a modest abandon rate on voice', () => {
    let answered = 0;
    let within = 0;
    let abandoned = 0;
    let short = 0;
    for (const c of voice) {
      const w = waitOf(c);
      if (c.answered_at !== null) {
        answered++;
        if (w <= 20) within++;
      } else {
        abandoned++;
        if (w < 5) short++;
      }
    }
    const sl = within / (answered + abandoned - short);
    const abandonRate = (abandoned - short) / (voice.length - short);
    expect(sl).toBeGreaterThan(0.7);
    expect(sl).toBeLessThan(0.92);
    expect(abandonRate).toBeGreaterThan(0.01);
    expect(abandonRate).toBeLessThan(0.1);
    expect(short).toBeGreaterThan(0);
  });

  it('lands repeat-contact FCR at 70–80 %, with repeats on other channels', () => {
    // FCR per DESIGN.md: answered contact with a member, no later contact of that member
    // (IVR included) within 7 × 24 h; windows past the last offered_at are censored. The
    // first two weeks are left out while the callback pool fills.
    const byMember = new Map<string, SampleContact[]>();
    for (const c of contacts) if (c.member_id !== null) (byMember.get(c.member_id) ?? byMember.set(c.member_id, []).get(c.member_id)!).push(c);
    const last = ms(contacts[contacts.length - 1]!.offered_at);
    const from = ms('2026-02-14T08:00:00Z');
    const week = 7 * 86_400_000;
    let eligible = 0;
    let fcr = 0;
    let crossChannel = 0;
    for (const list of byMember.values()) {
      for (let i = 0; i < list.length; i++) {
        const c = list[i]!;
        const t = ms(c.offered_at);
        if (i + 1 < list.length && list[i + 1]!.channel !== c.channel) crossChannel++;
        if (c.answered_at === null || t < from || t + week > last) continue;
        eligible++;
        const next = list[i + 1];
        if (!next || ms(next.offered_at) > t + week) fcr++;
      }
    }
    expect(fcr / eligible).toBeGreaterThan(0.7);
    expect(fcr / eligible).toBeLessThan(0.8);
    expect(crossChannel).toBeGreaterThan(1000);
    // Some contacts have no member (unverified callers): FCR falls back to `resolved`.
    expect(offered.filter((c) => c.member_id === null).length).toBeGreaterThan(0);
  });

  it('surveys 10–20 % of answered contacts, and scores drop after long waits and unresolved contacts', () => {
    const answered = offered.filter((c) => c.answered_at !== null);
    const surveyed = answered.filter((c) => c.csat !== null);
    expect(surveyed.length / answered.length).toBeGreaterThan(0.1);
    expect(surveyed.length / answered.length).toBeLessThan(0.2);
    const mean = (xs: SampleContact[]) => xs.reduce((a, c) => a + c.csat!, 0) / xs.length;
    const live = surveyed.filter((c) => c.channel === 'voice' || c.channel === 'chat');
    const longWait = live.filter((c) => waitOf(c) > 120);
    const shortWait = live.filter((c) => waitOf(c) <= 20);
    expect(longWait.length).toBeGreaterThan(50);
    expect(mean(longWait)).toBeLessThan(mean(shortWait) - 0.25);
    expect(mean(surveyed.filter((c) => c.resolved === false))).toBeLessThan(mean(surveyed.filter((c) => c.resolved === true)) - 0.5);
    const nps = surveyed.filter((c) => c.nps !== null);
    expect(nps.length / surveyed.length).toBeGreaterThan(0.6);
    const score = (100 * (nps.filter((c) => c.nps! >= 9).length - nps.filter((c) => c.nps! <= 6).length)) / nps.length;
    expect(score).toBeGreaterThan(0);
    expect(score).toBeLessThan(60);
  });

  it('transfers a few answered contacts', () => {
    const answered = offered.filter((c) => c.answered_at !== null);
    const rate = answered.filter((c) => c.transferred).length / answered.length;
    expect(rate).toBeGreaterThan(0.02);
    expect(rate).toBeLessThan(0.1);
  });
});
