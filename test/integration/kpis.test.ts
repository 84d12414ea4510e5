/**
 * The KPI engine on a hand-made fixture of 30 contacts (test/fixtures/kpi-fixture.csv), every
 * figure worked out by hand below. Site zone America/Los_Angeles (PDT, UTC−7 in June 2025);
 * T = 20 s, short abandon < 5 s, FCR window 7 × 24 h. The latest offered_at in the data is
 * B07 at 2025-06-12 12:00, so FCR windows are known only for contacts offered by
 * 2025-06-05 12:00.
 *
 * medicaid (19 rows): IVR A06. Offered 18 = answered 12 (A01 w10 h390, A19 w0 h150, A02 w25
 *   h450, A05 w20 h240, A07 w60 h780, A08 w5 h300, A10 w15 h400, A11 w30 h480, A14 w45 h600,
 *   A15 w10 h300, A17 w19 h330, A13 w10 h220) + abandoned 6 (A03 w3 short, A04 w60, A18 w15,
 *   A09 w5, A12 w120, A16 w25).
 * medicare (11 rows): IVR B08, B11. Offered 9 = answered 8 (B01 w40 h700, B02 w0 h0→flagged,
 *   B03 w10 h900, B05 w20 h360, B09 w21 h420, B10 w2 h29000→flagged (> 8 h), B06 w5 h300,
 *   B07 w50 h240) + abandoned 1 (B04 w2 short).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../server/db/database.ts';
import { parseKpiParams } from '../../server/kpi/params.ts';
import { kpiRows, scorecard, type KpiRow } from '../../server/kpi/service.ts';
import { loadContactsDirect } from '../helpers/loadContactsDirect.ts';

const TZ = 'America/Los_Angeles';
const FIXTURE = new URL('../fixtures/kpi-fixture.csv', import.meta.url).pathname;
let db: Database;

beforeAll(async () => {
  db = await Database.open(':memory:');
  await loadContactsDirect(db, FIXTURE, TZ);
});
afterAll(() => db.close());

const rows = (raw: Record<string, string>) => kpiRows(db, parseKpiParams(raw), TZ);
const byQueue = (list: KpiRow[], q: string) => list.find((r) => r.queue === q)!;

describe('KPIs of the hand-made fixture', () => {
  it('medicaid: every KPI', async () => {
    const m = byQueue(await rows({ group: 'queue' }), 'medicaid');
    expect(m.period).toBe('2025-06-02T00:00:00-07:00'); // first day with data, local midnight
    expect(m.offered).toBe(18);
    expect(m.answered).toBe(12);
    expect(m.abandoned).toBe(6);
    expect(m.shortAbandoned).toBe(1); // A03 (3 s); A09 waited exactly 5 s: not short
    // within 20 s: A01 10, A19 0, A05 20 (≤ T counts), A08 5, A10 15, A15 10, A17 19, A13 10
    expect(m.answeredWithinThreshold).toBe(8);
    expect(m.serviceLevel).toBeCloseTo(8 / 17, 12); // 8 / (12 + 6 − 1)
    // ASA = (10+0+25+20+60+5+15+30+45+10+19+10) / 12 = 249 / 12
    expect(m.asa).toBeCloseTo(20.75, 12);
    expect(m.abandonRate).toBeCloseTo(5 / 17, 12); // (6 − 1) / (18 − 1)
    // long abandons A04 60, A18 15, A09 5, A12 120, A16 25 → 225 / 5
    expect(m.avgTimeToAbandon).toBeCloseTo(45, 12);
    // 390+150+450+240+780+300+400+480+600+300+330+220 = 4640 over 12
    expect(m.aht).toBeCloseTo(4640 / 12, 9);
    // hold of the same 12: A01 30 + A07 60 + A10 10, the other nine 0 → 100 / 12
    expect(m.avgHoldTime).toBeCloseTo(100 / 12, 12);
    // FCR eligible: A01 (M1 again at A05: repeat), A19 (resolved), A02 (M2's IVR call A06 is a
    // repeat), A05 (resolved), A07 (no member, disposition resolved), A10 (M5 next on 06-12,
    // 10 days later: resolved), A11 (M6 abandoned A12: repeat), A14 (A15: repeat), A15, A17
    // (resolved). Excluded: A08 (no member, no disposition), A13 (window censored).
    expect(m.fcrEligible).toBe(10);
    expect(m.fcr).toBeCloseTo(6 / 10, 12);
    // CSAT: 5,4,3,4,1,5 → 4 of 6 are 4–5; mean 22/6
    expect(m.csatResponses).toBe(6);
    expect(m.csat).toBeCloseTo(4 / 6, 12);
    expect(m.csatMean).toBeCloseTo(22 / 6, 12);
    // NPS: 10 (promoter), 7 (passive), 0 (detractor) → 100 × (1 − 1) / 3
    expect(m.npsResponses).toBe(3);
    expect(m.nps).toBe(0);
    expect(m.transferRate).toBeCloseTo(1 / 12, 12); // A07
    expect(m.ivrContained).toBe(1);
    expect(m.ivrContainment).toBeCloseTo(1 / 19, 12); // 1 / (18 + 1)
  });

  it('medicare: flagged handle times, only short abandons, censored windows', async () => {
    const m = byQueue(await rows({ group: 'queue' }), 'medicare');
    expect([m.offered, m.answered, m.abandoned, m.shortAbandoned]).toEqual([9, 8, 1, 1]);
    // within 20 s: B02 0, B03 10, B05 20, B10 2, B06 5 → 5 / (8 + 1 − 1)
    expect(m.serviceLevel).toBeCloseTo(5 / 8, 12);
    expect(m.asa).toBeCloseTo(148 / 8, 12); // 40+0+10+20+21+2+5+50
    expect(m.abandonRate).toBe(0); // (1 − 1) / (9 − 1)
    expect(m.avgTimeToAbandon).toBeNull(); // no long abandons: undefined, not 0
    // B02 (0 s) and B10 (29,000 s > 8 h) excluded: 700+900+360+420+300+240 = 2920 over 6
    expect(m.aht).toBeCloseTo(2920 / 6, 9);
    // hold of the same 6 (flagged B02 and B10 left out as for AHT): B01 100, the others 0
    expect(m.avgHoldTime).toBeCloseTo(100 / 6, 12);
    // eligible: B01 (repeat B05), B02, B03 (IVR B08 repeat), B05, B09, B10 (no member,
    // disposition false); B06 and B07 censored → 3 resolved of 6
    expect(m.fcrEligible).toBe(6);
    expect(m.fcr).toBeCloseTo(0.5, 12);
    expect(m.csat).toBeCloseTo(2 / 3, 12); // 4, 2, 4
    expect(m.nps).toBeCloseTo(25, 12); // 9, 6, 8, 10 → 100 × (2 − 1) / 4
    expect(m.ivrContainment).toBeCloseTo(2 / 11, 12);
  });

  it('all contacts: ratios of sums, and wait percentiles by linear interpolation', async () => {
    const [all] = await rows({});
    expect(all!.offered).toBe(27);
    expect(all!.serviceLevel).toBeCloseTo(13 / 25, 12); // (8 + 5) / (20 + 7 − 2)
    expect(all!.asa).toBeCloseTo(397 / 20, 12);
    expect(all!.abandonRate).toBeCloseTo(5 / 25, 12);
    expect(all!.aht).toBeCloseTo(7560 / 18, 9); // = 420
    expect(all!.fcr).toBeCloseTo(9 / 16, 12);
    expect(all!.nps).toBeCloseTo(100 / 7, 9); // 3 promoters, 2 detractors, 7 responses
    // sorted answered waits: 0 0 2 5 5 10 10 10 10 15 19 20 20 21 25 30 40 45 50 60
    // p50 at position 9.5 → (15 + 19) / 2; p90 at 17.1 → 45 + 0.1 × (50 − 45)
    expect(all!.waitP50).toBeCloseTo(17, 12);
    expect(all!.waitP90).toBeCloseTo(45.5, 12);
  });

  it('FCR options: a shorter window and same-reason repeats', async () => {
    // 1-day window: outcomes are known for contacts offered by 2025-06-11 12:00. Repeats
    // within a day stay repeats (A01→A05, A02→A06, A11→A12, A14→A15); B01→B05 (2 days 3 h)
    // and B03→B08 (2 days 23 h 40 min) become resolved; A13 (06-10) and B06 (06-06) become
    // eligible and resolved. Eligible 16 + 2 = 18; resolved 9 + 2 + 2 = 13.
    const [short] = await rows({ 'fcr-days': '1' });
    expect(short!.fcrEligible).toBe(18);
    expect(short!.fcr).toBeCloseTo(13 / 18, 12);
    // Same reason only: A01→A05 both eligibility (repeat); A02 claims → A06 id_card (now
    // resolved); A11→A12 claims (repeat); A14→A15 pcp_change (repeat); B01→B05
    // appeal_grievance (repeat); B03 claims → B08 claims (repeat). 9 + 1 = 10 of 16.
    const [same] = await rows({ 'fcr-same-reason': 'true' });
    expect(same!.fcr).toBeCloseTo(10 / 16, 12);
  });

  it('service-level variants', async () => {
    const v = async (variant: string) => (await rows({ 'sl-variant': variant }))[0]!.serviceLevel;
    // answered within / answered = 13 / 20
    expect(await v('answered_of_answered')).toBeCloseTo(13 / 20, 12);
    // abandoned within 20 s: A03 3, A18 15, A09 5, B04 2 → (13 + 4) / 27
    expect(await v('answered_or_abandoned_within_of_offered')).toBeCloseTo(17 / 27, 12);
    expect(await v('answered_of_offered_excl_abandoned_within')).toBeCloseTo(13 / 23, 12); // 27 − 4
    // T = 30 s adds A02 25, B09 21, A11 30 (≤ T), A16 is an abandon → 16 / 25
    expect((await rows({ 'sl-seconds': '30' }))[0]!.serviceLevel).toBeCloseTo(16 / 25, 12);
  });

  it('30-minute intervals are labelled in local time with the offset', async () => {
    const list = await rows({ from: '2025-06-02', to: '2025-06-03', by: 'interval30', where: 'queue=medicaid' });
    expect(list).toHaveLength(48); // a 24-hour day, filled
    const nine = list.find((r) => r.period === '2025-06-02T09:00:00-07:00')!;
    // A01, A19, A02, A03, A04, A05: answered 4, abandoned 2 (A03 short); within: A01, A19, A05
    expect([nine.offered, nine.answered, nine.abandoned]).toEqual([6, 4, 2]);
    expect(nine.serviceLevel).toBeCloseTo(3 / 5, 12);
    const nineThirty = list.find((r) => r.period === '2025-06-02T09:30:00-07:00')!;
    expect([nineThirty.offered, nineThirty.ivrContained]).toEqual([1, 1]); // A18; A06 in the IVR
    const night = list.find((r) => r.period === '2025-06-02T03:00:00-07:00')!;
    expect(night.offered).toBe(0);
    expect(night.serviceLevel).toBeNull(); // 0 offered: no service level, not 0%
  });

  it('days, weeks (Monday) and filters', async () => {
    const days = await rows({ from: '2025-06-02', to: '2025-06-13', by: 'day' });
    expect(days).toHaveLength(11);
    expect(days.map((d) => d.offered)).toEqual([
      // 06-02: A01 A19 A02 A03 A04 A05 A18 A07 A08 A09 A10 + B01 B02 B03 B04 = 15
      // 06-03: A11 A12 A14 A15 A16 A17 = 6; 06-04: B05 B09 B10 = 3; 06-05: IVR only;
      // 06-06: B06; 06-10: A13; 06-12: B07
      15, 6, 3, 0, 1, 0, 0, 0, 1, 0, 1,
    ]);
    const weeks = await rows({ by: 'week', group: 'channel' });
    const chat = weeks.filter((w) => w.channel === 'chat').map((w) => [w.period, w.offered]);
    expect(chat).toEqual([
      ['2025-06-02T00:00:00-07:00', 4], // A14 A15 B03 B04
      ['2025-06-09T00:00:00-07:00', 0],
    ]);
    const tier2 = await rows({ where: 'tier=2,channel=voice' });
    expect(tier2[0]!.offered).toBe(7); // medicare voice: B01 B02 B05 B09 B10 B06 B07
  });

  it('the scorecard compares with the previous period of the same length', async () => {
    const card = await scorecard(db, parseKpiParams({ from: '2025-06-09', to: '2025-06-16' }), TZ);
    expect([card.previousFrom, card.previousTo]).toEqual(['2025-06-02', '2025-06-09']);
    const offered = card.rows[0]!.metrics.find((m) => m.name === 'offered')!;
    // The data ends on 12 Jun, inside this week: the week is only partly covered, so the
    // drop from 25 to 2 is not a change and none is given (it was −23).
    expect([offered.value, offered.previous, offered.change, offered.changeWithheld]).toEqual([2, 25, null, 'current-partial']);
    expect([card.coverage, card.previousCoverage]).toEqual(['partial', 'full']);
    const sl = card.rows[0]!.metrics.find((m) => m.name === 'serviceLevel')!;
    // this week: A13 (10 s) within, B07 (50 s) not → 1/2, red (< 70%)
    expect(sl.value).toBeCloseTo(0.5, 12);
    expect(sl.status).toBe('red');
  });
});
