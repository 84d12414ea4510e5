/**
 * The list of additive KPI sums (server/db/queries/kpiSums.ts) drives the KPI query, the
 * rollups' columns and version, and the SELECT that reads a rollup back: a sum added to the
 * list is in all of them with no other edit. (test/integration/kpis-rollup.test.ts runs the
 * generated SQL through DuckDB and checks rollup and contact sums agree.)
 */
import { describe, expect, it } from 'vitest';
import { rollupRequires, rollupSelectSql, rollupVersion } from '../../server/db/queries/dailyRollup.ts';
import { buildKpiSumsSql, buildRollupSumsSql, type KpiSumsQuery } from '../../server/db/queries/kpis.ts';
import { ANSWERED, SUM_NAMES, SUMS, ZERO_SUMS, type SumDef } from '../../server/db/queries/kpiSums.ts';
import { parseKpiParams } from '../../server/kpi/params.ts';

const query = (raw: Record<string, string> = {}): KpiSumsQuery => ({
  ...parseKpiParams(raw),
  timezone: 'America/Los_Angeles',
  percentiles: false,
  latestOfferedUs: 1_750_000_000_000_000,
});

describe('the list of KPI sums', () => {
  it('gives every sum to the contact query, the rollup read and the zero row', () => {
    const contacts = buildKpiSumsSql(query()).sql;
    const rolled = buildRollupSumsSql(query(), 'daily').sql;
    for (const n of SUM_NAMES) {
      expect(contacts).toContain(`AS "${n}"`);
      expect(rolled).toContain(`AS "${n}"`);
      expect(ZERO_SUMS[n]).toBe(0);
    }
  });

  it('keeps a same-named rollup column for each plain sum, and the FCR parts for the FCR pair', () => {
    for (const r of ['daily', 'interval'] as const) {
      const sql = rollupSelectSql(r);
      for (const n of SUM_NAMES.filter((x) => !x.startsWith('fcr'))) expect(sql).toContain(`AS "${n}"`);
      for (const c of ['fcr_member_answered', 'fcr_member_repeat', 'fcr_member_repeat_same_reason', 'fcr_nomember_eligible', 'fcr_nomember_resolved']) {
        expect(sql).toContain(`AS "${c}"`);
      }
      // the rollups' fixed thresholds are literals: T = 20 s, short < 5 s, window 7 × 86,400 × 10⁶ µs
      expect(sql).toContain('wait_s <= 20)');
      expect(sql).toContain('wait_s < 5)');
      expect(sql).toContain('<= 604800000000)');
    }
    // the same-reason option reads the other repeat column
    expect(buildRollupSumsSql(query({ 'fcr-same-reason': 'true' }), 'daily').sql).toContain('"fcr_member_repeat_same_reason"');
  });

  it('finds the options the sums depend on: a rollup serves only those at their defaults', () => {
    expect(rollupRequires().sort()).toEqual(['fcrDays', 'shortAbandonSeconds', 'slSeconds']);
  });

  it('a sum added to the list reaches the query, the rollups and their version, with no other edit', () => {
    const before = rollupVersion();
    const list = SUMS as unknown as Record<string, SumDef>;
    list.testHoldSum = { of: 'hold of answered contacts, s', sql: () => `sum(hold_s) FILTER (WHERE ${ANSWERED})` };
    try {
      const item = `coalesce(sum(hold_s) FILTER (WHERE ${ANSWERED}), 0)::DOUBLE AS "testHoldSum"`;
      expect(buildKpiSumsSql(query()).sql).toContain(item);
      expect(rollupSelectSql('daily')).toContain(item);
      expect(rollupSelectSql('interval')).toContain(item);
      expect(buildRollupSumsSql(query(), 'interval').sql).toContain('coalesce(sum("testHoldSum"), 0)::DOUBLE AS "testHoldSum"');
      expect(rollupVersion()).not.toBe(before); // the next start makes the rollups anew
    } finally {
      delete list.testHoldSum;
    }
    expect(rollupVersion()).toBe(before);
  });
});
