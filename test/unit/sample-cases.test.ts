/**
 * The sample case log (server/sample-data/cases.ts): deterministic for a seed, valid for the
 * case ingest's row rules, and shaped as docs/sample-data.md says — the January surge, an
 * expedited share, late and open cases. Figures are read from the generated log, counted here.
 */
import { describe, expect, it } from 'vitest';
import { caseLine, generateCases } from '../../server/sample-data/cases.ts';
import { DEFAULT_SAMPLE_OPTIONS } from '../../server/sample-data/index.ts';
import { CASE_COLUMNS, checkCaseRow } from '../../server/wfm/cases/caseRecord.ts';

const OPTIONS = { ...DEFAULT_SAMPLE_OPTIONS, days: 200, endDate: '2026-06-30' }; // 2025-12-13 to 2026-06-30
const cases = [...generateCases(OPTIONS)];

describe('sample case log', () => {
  it('is the same for the same seed, and differs for another', () => {
    const again = [...generateCases(OPTIONS)];
    expect(again.map(caseLine).join('')).toBe(cases.map(caseLine).join(''));
    const other = [...generateCases({ ...OPTIONS, seed: 7 })];
    expect(other.map(caseLine).join('')).not.toBe(cases.map(caseLine).join(''));
  });

  it('every row passes the case ingest rules', () => {
    const o = { tz: null, latestMs: Date.parse('2026-07-02T00:00:00Z') };
    const bad = cases.filter((c) => !checkCaseRow(Object.fromEntries(CASE_COLUMNS.map((k) => [k, c[k] === null ? '' : String(c[k])])), o).ok);
    expect(bad).toEqual([]);
  });

  it('surges in January, has expedited, extended, late-acknowledged and open cases', () => {
    const perDay = (month: string, days: number) => cases.filter((c) => c.received_at.startsWith(month)).length / days;
    // January 2026 (surge ×1.6) against May 2026 (×1): the ratio is near 1.6 (weekday mix aside).
    const ratio = perDay('2026-01', 31) / perDay('2026-05', 31);
    expect(ratio).toBeGreaterThan(1.4);
    expect(ratio).toBeLessThan(1.8);
    const appeals = cases.filter((c) => c.type === 'appeal');
    const expedited = appeals.filter((c) => c.priority === 'expedited').length / appeals.length;
    expect(expedited).toBeGreaterThan(0.07);
    expect(expedited).toBeLessThan(0.2);
    expect(cases.some((c) => c.extended)).toBe(true);
    expect(cases.filter((c) => c.resolved_at === null).length).toBeGreaterThan(100);
    expect(cases.length).toBeGreaterThan(10_000);
    expect(cases.every((c) => c.resolved_at !== null || c.outcome === null)).toBe(true);
  });
});
