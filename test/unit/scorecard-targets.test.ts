/** Which target applies to a scorecard row (server/kpi/targets.ts). */
import { describe, expect, it } from 'vitest';
import type { TargetOverride } from '../../server/db/queries/targets.ts';
import { resolveTarget, specificity, TargetKeySchema } from '../../server/kpi/targets.ts';
import type { Target } from '../../server/wfm/kpi.ts';

const band = (green: number): Target => ({ kind: 'higher', green, amber: green - 0.1 });
const o = (queue: string, channel: string, tier: string, green: number): TargetOverride => ({ metric: 'serviceLevel', queue, channel, tier, target: band(green) });

describe('resolveTarget precedence', () => {
  const overrides = [o('*', '*', '*', 0.5), o('medicare', '*', '*', 0.6), o('*', 'chat', '*', 0.7), o('*', '*', '2', 0.75), o('*', 'chat', '2', 0.8), o('medicare', 'chat', '*', 0.85)];
  const green = (queue: string | null, channel: string | null, tier: string | null) => {
    const t = resolveTarget('serviceLevel', { queue, channel, tier }, overrides).target;
    return t && t.kind === 'higher' ? t.green : null;
  };
  it('the most specific override that matches wins', () => {
    expect(green(null, null, null)).toBe(0.5); // only the all-'*' one matches
    expect(green('medicaid', 'voice', '1')).toBe(0.5);
    expect(green('medicare', null, null)).toBe(0.6); // queue
    expect(green('medicaid', 'chat', '1')).toBe(0.7); // channel
    expect(green('medicaid', 'voice', '2')).toBe(0.75); // tier
    expect(green('medicaid', 'chat', '2')).toBe(0.8); // channel + tier (two keys) beat one
    expect(green('medicare', 'chat', '2')).toBe(0.85); // queue + channel beats channel + tier (queue first on a tie)
    expect(green('medicare', 'voice', '2')).toBe(0.6); // queue beats tier on a one-key tie
  });
  it('falls back to the registry default, and names the source and scope', () => {
    expect(resolveTarget('serviceLevel', { queue: null, channel: null, tier: null }, [])).toEqual({
      target: { kind: 'higher', green: 0.8, amber: 0.7 },
      source: 'default',
      scope: null,
    });
    expect(resolveTarget('serviceLevel', { queue: 'medicare', channel: null, tier: null }, overrides)).toMatchObject({ source: 'override', scope: { queue: 'medicare', channel: '*', tier: '*' } });
  });
  it('orders keys: more named keys first, then queue > tier > channel', () => {
    const s = (q: string, c: string, t: string) => specificity({ queue: q, channel: c, tier: t });
    const order = [s('q', 'c', '1'), s('q', '*', '1'), s('q', 'c', '*'), s('*', 'c', '1'), s('q', '*', '*'), s('*', '*', '1'), s('*', 'c', '*'), s('*', '*', '*')];
    expect([...order].sort((a, b) => b - a)).toEqual(order);
    expect(new Set(order).size).toBe(8);
  });
});

describe('built-in Tier 2/3 AHT defaults', () => {
  it('score Tier 2 and 3 AHT against 20–40 min, Tier 1 and mixed rows against the registry’s 6–9 min', () => {
    const tier2 = resolveTarget('aht', { queue: 'medicare', channel: 'voice', tier: '2' }, []);
    expect(tier2).toEqual({
      target: { kind: 'range', low: 1200, high: 2400, amberLow: 900, amberHigh: 2700 }, // 20–40 min, amber 15–45
      source: 'tier-default',
      scope: { queue: '*', channel: '*', tier: '2' },
    });
    expect(resolveTarget('aht', { queue: null, channel: null, tier: '3' }, []).source).toBe('tier-default');
    expect(resolveTarget('aht', { queue: null, channel: null, tier: '1' }, []).target).toEqual({ kind: 'range', low: 360, high: 540, amberLow: 300, amberHigh: 600 });
    expect(resolveTarget('aht', { queue: null, channel: null, tier: null }, []).source).toBe('default');
  });
  it('give way to a stored override of the same key or a more specific one, not to a broader one', () => {
    const range = (low: number): TargetOverride['target'] => ({ kind: 'range', low, high: low + 60, amberLow: low - 60, amberHigh: low + 120 });
    const all = { metric: 'aht' as const, queue: '*', channel: '*', tier: '*', target: range(400) };
    const tier2 = { ...all, tier: '2', target: range(1500) };
    expect(resolveTarget('aht', { queue: null, channel: null, tier: '2' }, [all]).source).toBe('tier-default');
    expect(resolveTarget('aht', { queue: null, channel: null, tier: '2' }, [all, tier2])).toMatchObject({ source: 'override', target: range(1500) });
  });
});

describe('TargetKeySchema', () => {
  it('defaults each key to * and takes a tier as a number or a string', () => {
    expect(TargetKeySchema.parse({ metric: 'aht' })).toEqual({ metric: 'aht', queue: '*', channel: '*', tier: '*' });
    expect(TargetKeySchema.parse({ metric: 'aht', tier: 2 }).tier).toBe('2');
    expect(TargetKeySchema.parse({ metric: 'aht', tier: '3', channel: 'chat' })).toEqual({ metric: 'aht', queue: '*', channel: 'chat', tier: '3' });
    expect(TargetKeySchema.safeParse({ metric: 'aht', tier: '12' }).success).toBe(false);
  });
});
