/**
 * The capacity planner's history defaults on real data (/work/shared/datasets, README there):
 *
 * - NHS 111 England 2015-16 (`nhs111-mds-2015-16-provider-ccg-month.csv`): the one public file
 *   with both contacts and the population served, per provider per month — contacts per member
 *   per month from it, as enrollment history would give them. The 43 providers present all
 *   twelve months (111AF5, 111AF6 and 111AF8 break their series in October and are left out).
 * - Anonymous Bank 1999 (`anonymous-bank-1999-6min.csv`, every row): a year of calls with no
 *   enrollment, as the real histories we receive are: the seasonal shape and the weekly and
 *   intraday shape come from it, and the answer says the rates stay entered.
 *
 * Expected figures were summed from the files with Python's csv module (independently of this
 * code); the sums are written in the comments.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addMonths } from '../../server/wfm/capacity/demand.ts';
import type { EnrollmentRow } from '../../server/wfm/capacity/enrollment.ts';
import { historyDefaults, type MonthHistoryRow, type ShapeHistoryRow } from '../../server/wfm/capacity/history.ts';
import { planCapacity } from '../../server/wfm/capacity/plan.ts';
import { readCsvRecords } from '../../server/wfm/csv.ts';
import { requirePresent, sharedFile } from '../helpers/shared.ts';

const NHS = sharedFile('datasets/nhs111-mds-2015-16-provider-ccg-month.csv');
const BANK = sharedFile('datasets/anonymous-bank-1999-6min.csv');

function records(path: string): Record<string, string>[] {
  const t = readCsvRecords(readFileSync(path, 'utf8'));
  return t.records.map((r) => Object.fromEntries(t.header.map((h, i) => [h, r.fields[i] ?? ''])));
}

function lastDay(month: string): string {
  return `${month}-${String(new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate()).padStart(2, '0')}`;
}

const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

describe.skipIf(NHS.skip)('NHS 111 2015-16: contacts per member from population and calls offered', () => {
  it('rates, the seasonal shape and the months they come from', () => {
    const rows = records(requirePresent(NHS));
    const monthsOf = new Map<string, Set<string>>();
    for (const r of rows) monthsOf.set(r['Provider Org Code']!, (monthsOf.get(r['Provider Org Code']!) ?? new Set()).add(r.Periodname!));
    const kept = rows.filter((r) => monthsOf.get(r['Provider Org Code']!)!.size === 12);
    const month = (p: string) => `20${p.slice(4, 6)}-${String(MON.indexOf(p.slice(0, 3)) + 1).padStart(2, '0')}`;
    const offered = new Map<string, number>();
    const enrollment: EnrollmentRow[] = [];
    for (const r of kept) {
      const m = month(r.Periodname!);
      offered.set(m, (offered.get(m) ?? 0) + Number(r['Nhs1 Number Calls Offered SUM']));
      enrollment.push({ month: m, plan: `${r['Provider Org Code']}|${r['Commissioner Org Code']}`, members: Number(r['Nhs1 Population SUM']) });
    }
    const history: MonthHistoryRow[] = [...offered].map(([m, n]) => ({ month: m, channel: 'voice', tier: null, offered: n, handled: 0, handleSum: 0, firstDate: `${m}-01`, lastDate: lastDay(m) }));
    const h = historyDefaults(history, enrollment);
    // 43 providers, April 2015 – March 2016: 12,479,550 calls offered over 570,557,600
    // person-months (47,420,200 people April–December, 47,798,400 in January, 47,988,700 in
    // February and March). Seasonal index = month ÷ (12,479,550 ÷ 12): December 1,163,638 →
    // 1.11892, March 1,295,166 → 1.24539, September 874,016 → 0.84043. Rate = 12,479,550 ÷
    // Σ population × index = 0.0218653 calls per person a month (0.262 a year); the plain ratio
    // 12,479,550 ÷ 570,557,600 = 0.0218726 differs only because the population grew in the
    // busy months.
    expect(h.enrollmentHistory).toBe(true);
    expect(h.rateMonths).toEqual(Array.from({ length: 12 }, (_, k) => addMonths('2015-04', k)));
    expect(h.rateMemberMonths).toBe(570_557_600);
    expect(h.seasonality![11]).toBeCloseTo(1_163_638 / (12_479_550 / 12), 12);
    expect(h.seasonality![2]).toBeCloseTo(1_295_166 / (12_479_550 / 12), 12);
    expect(h.contactRates!.voice).toBeCloseTo(0.021865335314692366, 12);
    expect(h.contactRates!.chat).toBe(0);
    // The plan on these rates for a year from April gives back the year's contacts per person:
    // 1,000,000 people × 0.0218653 × Σ indexes (12) = 262,384 calls.
    const plan = planCapacity({ members: 1_000_000, startMonth: '2027-04', contactRates: h.contactRates!, seasonality: h.seasonality! });
    expect(plan.totals.contacts).toBeCloseTo(1_000_000 * 0.021865335314692366 * 12, 3);
  });
});

describe.skipIf(BANK.skip)('Anonymous Bank 1999: an enrollment-free year', () => {
  it('seasonal, weekly and intraday shape from the calls; rates stay entered, and it says so', () => {
    const rows = records(requirePresent(BANK));
    const byMonth = new Map<string, number>();
    const shapes = new Map<string, ShapeHistoryRow>();
    for (const r of rows) {
      const calls = Number(r.calls);
      const m = r.date!.slice(0, 7);
      byMonth.set(m, (byMonth.get(m) ?? 0) + calls);
      const weekday = ((new Date(`${r.date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
      const [hh, mm] = r.start_local!.split(':').map(Number) as [number, number];
      const slot = Math.floor((hh * 60 + mm) / 30) * 30;
      const time = `${String(Math.floor(slot / 60)).padStart(2, '0')}:${String(slot % 60).padStart(2, '0')}`;
      const key = `${weekday}|${time}`;
      const s = shapes.get(key) ?? { channel: 'voice', weekday, time, contacts: 0 };
      s.contacts += calls;
      shapes.set(key, s);
    }
    const history: MonthHistoryRow[] = [...byMonth].map(([m, n]) => ({ month: m, channel: 'voice', tier: null, offered: n, handled: 0, handleSum: 0, firstDate: `${m}-01`, lastDate: lastDay(m) }));
    const h = historyDefaults(history, [], [...shapes.values()]);
    // 445,414.5 calls (1999-05-23 is imputed in halves); mean month 37,117.875. August 42,078 →
    // 1.13363; September 31,371 → 0.84517; December 43,065 → 1.16022.
    expect(h.contacts).toBe(445_414.5);
    expect(h.seasonality![7]).toBeCloseTo(42_078 / (445_414.5 / 12), 12);
    expect(h.seasonality![8]).toBeCloseTo(31_371 / (445_414.5 / 12), 12);
    expect(h.enrollmentHistory).toBe(false);
    expect(h.contactRates).toBeNull();
    expect(h.note).toContain('No enrollment history is stored, so contacts per member cannot be estimated: contact rates are entered');
    // Weekday shares, Monday first: Mon 81,038, Tue 82,772, Wed 77,836, Thu 79,727, Fri 28,548,
    // Sat 10,736, Sun 84,757.5 of 445,414.5 (the bank's week runs Sunday to Thursday).
    const voice = h.shapes.voice!;
    expect(voice.weekdayShares.map((v) => v * 445_414.5)).toEqual([81_038, 82_772, 77_836, 79_727, 28_548, 10_736, 84_757.5].map((v) => expect.closeTo(v, 6)));
    // Calls in every half-hour of the day: the profile opens at 00:00 and has 48 intervals; the
    // busiest is 10:00–10:30 (4.677% of the year's calls).
    expect(voice.openingTime).toBe('00:00');
    expect(voice.intradayProfile).toHaveLength(48);
    expect(voice.intradayProfile.indexOf(Math.max(...voice.intradayProfile))).toBe(20);
    expect(h.shapes.chat).toBeNull();

    // A 15,000-member block on the bank's shape (open round the clock, six days and a half)
    // needs more Tier-1 FTE than on the default weekday 08:00–18:00 shape: the same calls spread
    // thinly over 48 intervals a day still need an agent in each.
    const base = { members: 15_000, startMonth: '2027-01' };
    const onBank = planCapacity({ ...base, shapes: { voice: { weekdayShares: voice.weekdayShares, intradayProfile: voice.intradayProfile, openingTime: voice.openingTime } } });
    const onDefault = planCapacity(base);
    expect(onBank.ruleOfThumb.tier1Fte).toBeGreaterThan(onDefault.ruleOfThumb.tier1Fte);
  });
});
