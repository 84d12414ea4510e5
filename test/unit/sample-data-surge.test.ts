/**
 * Enrollment surges in the generated data, computed from the records: Medicare AEP
 * (Oct 15 – Dec 7) and Marketplace open enrollment (Nov 1 – Jan 15) lift their queues by
 * 30–50 %, the January ID-card spike lifts every queue, and service level falls in the first
 * weeks of a surge because the staffing plan lags it.
 */
import { describe, expect, it } from 'vitest';
import { generateContacts, type SampleContact } from '../../server/sample-data/index.ts';
import { federalHolidayOn } from '../../server/wfm/calendar.ts';
import { isoWeekday, localDateOf } from '../../server/wfm/timezone.ts';

const TZ = 'America/Los_Angeles';
const dateCache = new Map<number, string>();
/** Local date of an instant (cached per UTC hour: the zone's offsets are whole hours). */
function localDate(iso: string): string {
  const h = Math.floor(Date.parse(iso) / 3_600_000);
  let d = dateCache.get(h);
  if (d === undefined) dateCache.set(h, (d = localDateOf(h * 3_600_000, TZ)));
  return d;
}

function offeredByDate(contacts: SampleContact[], queue: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of contacts) {
    if (c.ivr_contained || c.queue !== queue) continue;
    const d = localDate(c.offered_at);
    out.set(d, (out.get(d) ?? 0) + 1);
  }
  return out;
}

/** Mean offered per ordinary weekday (no holiday, not the day after one) in [from, to]. */
function weekdayMean(byDate: Map<string, number>, from: string, to: string): number {
  const xs = [...byDate.entries()]
    .filter(([d]) => d >= from && d <= to && isoWeekday(d) <= 5 && !federalHolidayOn(d))
    .filter(([d]) => !federalHolidayOn(new Date(Date.parse(d) - 86_400_000).toISOString().slice(0, 10)))
    .map(([, n]) => n);
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

function voiceServiceLevel(contacts: SampleContact[], queue: string, from: string, to: string): number {
  let within = 0;
  let denominator = 0;
  for (const c of contacts) {
    if (c.ivr_contained || c.queue !== queue || c.channel !== 'voice') continue;
    const d = localDate(c.offered_at);
    if (d < from || d > to) continue;
    const wait = (Date.parse(c.answered_at ?? c.ended_at!) - Date.parse(c.offered_at)) / 1000;
    if (c.answered_at !== null) {
      denominator++;
      if (wait <= 20) within++;
    } else if (wait >= 5) denominator++;
  }
  return within / denominator;
}

describe('sample data: autumn enrollment seasons (2025-10-02 … 2025-11-30, scale 0.5)', () => {
  const contacts = [...generateContacts({ days: 60, seed: 42, endDate: '2025-11-30', timezone: TZ, scale: 0.5 })];

  it('lifts Medicare Advantage by 30–60 % from Oct 15 and Marketplace from Nov 1', () => {
    const ma = offeredByDate(contacts, 'medicare-advantage');
    const maLift = weekdayMean(ma, '2025-10-15', '2025-11-30') / weekdayMean(ma, '2025-10-02', '2025-10-14');
    expect(maLift).toBeGreaterThan(1.3);
    expect(maLift).toBeLessThan(1.6);
    const mkt = offeredByDate(contacts, 'marketplace-small-group');
    const mktLift = weekdayMean(mkt, '2025-11-01', '2025-11-30') / weekdayMean(mkt, '2025-10-02', '2025-10-31');
    expect(mktLift).toBeGreaterThan(1.3);
    expect(mktLift).toBeLessThan(1.6);
    // Medicaid has no autumn season.
    const mcd = offeredByDate(contacts, 'medicaid-member-services');
    const mcdLift = weekdayMean(mcd, '2025-10-15', '2025-11-30') / weekdayMean(mcd, '2025-10-02', '2025-10-14');
    expect(mcdLift).toBeGreaterThan(0.9);
    expect(mcdLift).toBeLessThan(1.1);
  });

  it('loses service level in the first weeks of the Medicare season, when staffing lags', () => {
    const before = voiceServiceLevel(contacts, 'medicare-advantage', '2025-10-02', '2025-10-14');
    const early = voiceServiceLevel(contacts, 'medicare-advantage', '2025-10-15', '2025-10-31');
    expect(early).toBeLessThan(before - 0.05);
    expect(early).toBeGreaterThan(0.4);
  });
});

describe('sample data: January ID-card spike (2025-12-31 … 2026-02-28, scale 0.5)', () => {
  const contacts = [...generateContacts({ days: 60, seed: 42, endDate: '2026-02-28', timezone: TZ, scale: 0.5 })];

  it('lifts Medicaid by 30–50 % in January against February, mostly ID-card calls', () => {
    const mcd = offeredByDate(contacts, 'medicaid-member-services');
    const lift = weekdayMean(mcd, '2026-01-02', '2026-01-31') / weekdayMean(mcd, '2026-02-01', '2026-02-28');
    expect(lift).toBeGreaterThan(1.3);
    expect(lift).toBeLessThan(1.5);
    const share = (from: string, to: string) => {
      const xs = contacts.filter((c) => c.queue === 'medicaid-member-services' && !c.ivr_contained);
      const inRange = xs.filter((c) => localDate(c.offered_at) >= from && localDate(c.offered_at) <= to);
      return inRange.filter((c) => c.reason === 'id_card').length / inRange.length;
    };
    expect(share('2026-01-02', '2026-01-31')).toBeGreaterThan(2 * share('2026-02-01', '2026-02-28'));
  });
});
