/**
 * The compliance templates shipped as JSON (server/compliance/templates/): each parses, names
 * its file, marks every measure checked or to confirm, and gives either a rule or the reason
 * the contact data cannot carry it; and a template with a mistake is refused naming the field.
 */
import { describe, expect, it } from 'vitest';
import { shippedTemplates } from '../../server/compliance/templates.ts';
import { parseComplianceTemplate } from '../../server/wfm/sla/compliance.ts';

describe('shipped compliance templates', () => {
  it('are the four the issue asks for, each measure defined and marked', () => {
    const all = shippedTemplates();
    expect(all.map((t) => t.name)).toEqual(['calchoice-guide', 'cms-ma-partd', 'florida-healthy-kids', 'medicaid-mco-generic']);
    for (const t of all) {
      expect(t.sources.length, t.name).toBeGreaterThan(0);
      for (const m of t.measures) {
        expect(m.definition.length, `${t.name}/${m.id}`).toBeGreaterThan(20);
        expect(['checked', 'confirm']).toContain(m.verification.status);
        expect((m.sla === null) !== (m.notMeasurable === null), `${t.name}/${m.id}`).toBe(true);
      }
    }
    // The thresholds the issue names.
    const sla = (t: string, m: string) => all.find((x) => x.name === t)!.measures.find((x) => x.id === m)!.sla!;
    expect(sla('cms-ma-partd', 'average-hold')).toMatchObject({ metric: 'average_wait', unit: 'minutes', target: 2, window: { weekdays: [1, 2, 3, 4, 5], start: '08:00', end: '20:00' } });
    expect(sla('medicaid-mco-generic', 'service-level-30s')).toMatchObject({ threshold: 30, unit: 'seconds', target: 0.8, window: 'business_hours', period: 'month' });
    expect(sla('medicaid-mco-generic', 'abandon-rate')).toMatchObject({ target: 0.05 });
    expect(sla('medicaid-mco-generic', 'average-hold')).toMatchObject({ target: 2, unit: 'minutes' });
    expect(sla('florida-healthy-kids', 'answered-live-30s')).toMatchObject({ threshold: 30, target: 0.9, excludeShortAbandons: false, period: 'month' });
    expect(all.find((x) => x.name === 'florida-healthy-kids')!.measures[0]!.penalty).toMatchObject({ kind: 'per_point' });
    expect(
      all
        .find((x) => x.name === 'cms-ma-partd')!
        .measures.filter((m) => m.sla === null)
        .map((m) => m.id),
    ).toEqual(['disconnect-rate', 'interpreter-availability', 'tty-availability']);
  });

  it.each([
    [(t: any) => (t.measures[0].sla.metric = 'speed'), 'invalid measures[0].sla.metric: must be one of service_level, abandon_rate, average_wait'],
    [(t: any) => (t.measures[0].penalty = { kind: 'per_point', amount: -5 }), 'invalid measures[0].penalty.amount: must be a non-negative number or null (set by the contract)'],
    [(t: any) => (t.measures[0].notMeasurable = 'no data'), 'invalid measures[0].sla: give either sla (the rule) or notMeasurable (why the data cannot carry it), not both or neither'],
    [(t: any) => (t.measures[1].id = t.measures[0].id), 'invalid measures[1].id: duplicates service-level-30s'],
    [(t: any) => (t.where = { reason: ['claims'] }), 'invalid where.reason: unknown dimension; expected queue, channel, plan, state, tier'],
    [(t: any) => (t.measures[2].penalty = { kind: 'per_point', amount: 1 }), 'invalid measures[2].penalty.kind: per_point applies to rates (service level, abandon rate), not to an average wait'],
  ])('refuses a mistake naming the field (%#)', (mutate, message) => {
    const t = structuredClone(shippedTemplates().find((x) => x.name === 'medicaid-mco-generic')!);
    mutate(t);
    expect(() => parseComplianceTemplate(t)).toThrow(message);
  });
});
