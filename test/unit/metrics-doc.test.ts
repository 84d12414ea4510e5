import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { metricsMarkdown } from '../../server/wfm/metricsDoc.ts';
import { ZERO_SUMS } from '../../server/db/queries/kpiSums.ts';
import { computeKpis, METRICS, statusOf } from '../../server/wfm/kpi.ts';

describe('the metric registry', () => {
  it('is what docs/metrics.md says (run `npm run docs:metrics` after changing it)', () => {
    expect(readFileSync(new URL('../../docs/metrics.md', import.meta.url), 'utf8')).toBe(metricsMarkdown());
  });

  it('defines every KPI the engine computes, once', () => {
    const computed = Object.keys(computeKpis(ZERO_SUMS, { slVariant: 'answered_of_answered' })).sort();
    expect(METRICS.map((m) => m.name).sort()).toEqual(computed);
  });

  it('has no rate for an empty period: null, not 0', () => {
    const k = computeKpis(ZERO_SUMS, { slVariant: 'answered_of_offered_excl_short' });
    expect([k.serviceLevel, k.asa, k.abandonRate, k.aht, k.fcr, k.csat, k.nps]).toEqual([null, null, null, null, null, null, null]);
    expect(k.offered).toBe(0);
  });

  it('scores the band edges as DESIGN.md gives them', () => {
    const t = (name: string) => METRICS.find((m) => m.name === name)!.target;
    expect([0.8, 0.7999, 0.7, 0.6999].map((v) => statusOf(t('serviceLevel'), v))).toEqual(['green', 'amber', 'amber', 'red']);
    expect([0.05, 0.0501, 0.08, 0.0801].map((v) => statusOf(t('abandonRate'), v))).toEqual(['green', 'amber', 'amber', 'red']);
    // AHT 6–9 min green; 5–10 min amber
    expect([360, 540, 299, 300, 600, 601].map((v) => statusOf(t('aht'), v))).toEqual(['green', 'green', 'red', 'amber', 'amber', 'red']);
    expect(statusOf(t('asa'), null)).toBeNull();
  });
});
