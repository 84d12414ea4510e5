/**
 * Why a KPI is null (server/wfm/kpiNullReasons.ts): every null metric gets a reason, and
 * interval reports make the metrics that need contact rows null, never a figure over part
 * of the data. Hand-made sums; the figures are worked out beside them.
 */
import { describe, expect, it } from 'vitest';
import { ZERO_SUMS } from '../../server/db/queries/kpiSums.ts';
import { computeKpis, DEFAULT_KPI_OPTIONS } from '../../server/wfm/kpi.ts';
import { addCoverage, applyNullReasons, ZERO_COVERAGE } from '../../server/wfm/kpiNullReasons.ts';

const o = { slSeconds: 20, slVariant: DEFAULT_KPI_OPTIONS.slVariant, percentiles: true };

describe('applyNullReasons', () => {
  it('an empty period: every rate null, each with its reason; counts stay 0', () => {
    const { values, nullReasons } = applyNullReasons(computeKpis(ZERO_SUMS, o), ZERO_SUMS, null, o);
    expect(values.offered).toBe(0);
    expect(values.serviceLevel).toBeNull();
    expect(nullReasons.serviceLevel).toBe('no answered or abandoned contacts in the period (the denominator is 0)');
    expect(nullReasons.transferRate).toMatch(/no transfer column/);
    expect(nullReasons.offered).toBeUndefined();
    // Every null metric has a reason.
    for (const [m, v] of Object.entries(values)) if (v === null) expect(nullReasons[m as keyof typeof nullReasons]).toBeTruthy();
  });

  it('contacts with every input: nothing null, no reasons', () => {
    // 10 offered, 8 answered (6 within 20 s, waits 100 s), 2 abandoned (long, 30 s each),
    // handle 8 × 300 s, every contact with a transfer value, a CSAT and an NPS score, and all
    // 10 saying whether they were contained in the IVR (none was).
    const s = {
      ...ZERO_SUMS,
      offered: 10,
      answered: 8,
      abandoned: 2,
      answeredWithinThreshold: 6,
      answeredWaitSum: 100,
      longAbandonWaitSum: 60,
      handled: 8,
      handleSum: 2400,
      holdReported: 8,
      holdSum: 80,
      fcrEligible: 8,
      fcrResolved: 6,
      csatResponses: 4,
      csatSatisfied: 3,
      csatSum: 16,
      npsResponses: 4,
      npsPromoters: 2,
      transferReported: 8,
      transferred: 1,
      ivrReported: 10,
      waitP50: 10,
      waitP90: 20,
    };
    const { values, nullReasons } = applyNullReasons(computeKpis(s, o), s, null, o);
    expect(nullReasons).toEqual({});
    // SL 6 / (8 + 2 − 0) = 0.6; transfer rate 1 / 8; IVR containment 0 / 10.
    expect(values).toMatchObject({ serviceLevel: 0.6, transferRate: 0.125, aht: 300, ivrContainment: 0 });
    // The same contacts from a source without an ivr_contained column: null, with the reason.
    const bare = { ...s, ivrReported: 0 };
    const noIvr = applyNullReasons(computeKpis(bare, o), bare, null, o);
    expect(noIvr.values.ivrContainment).toBeNull();
    expect(noIvr.nullReasons.ivrContainment).toMatch(/no ivr_contained column/);
  });

  it('with interval reports: contact-row metrics null; SL null at another threshold; sums a report lacks', () => {
    const s = { ...ZERO_SUMS, offered: 100, answered: 90, abandoned: 10, answeredWithinThreshold: 70, answeredWaitSum: 900, handled: 90, handleSum: 27000, csatResponses: 5, csatSatisfied: 5 };
    const cov = addCoverage(ZERO_COVERAGE, { ...ZERO_COVERAGE, offered: 60, slUnknown: 20, handleUnknown: 20, thresholds: [30] });
    const { values, nullReasons } = applyNullReasons(computeKpis(s, o), s, cov, o);
    expect(values.csat).toBeNull();
    expect(nullReasons.csat).toBe('60 of 100 offered contacts come from interval reports, which have no contact rows; this metric needs them');
    expect(nullReasons.serviceLevel).toBe('60 of 100 offered contacts come from interval reports; for 20 of them no count answered within 20 s is known; the reports count answers within 30 s');
    expect(values.aht).toBeNull();
    // ASA is known: 900 / 90 = 10 s.
    expect(values.asa).toBe(10);
    expect(nullReasons.asa).toBeUndefined();
  });
});
