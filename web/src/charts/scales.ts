/**
 * Scale helpers shared by the charts: an index-per-period band scale (so daylight-saving
 * days keep all their intervals) and nice numeric ticks.
 */
import { scaleBand, scaleLinear, type ScaleBand, type ScaleLinear } from 'd3';
import { tickIndexes } from '../lib/periods.ts';
import type { Unit } from '../lib/format.ts';
import type { Tick } from './Axis.tsx';
import { axisTicks } from './ticks.ts';

export const MARGIN = { top: 12, right: 16, bottom: 42, left: 40 };

export interface IndexScale {
  band: ScaleBand<number>;
  /** Center of slot i in pixels. */
  x: (i: number) => number;
  /** Slot under pixel px (clamped by the caller). */
  slotAt: (px: number) => number;
}

export function indexScale(count: number, width: number, padding = 0.15): IndexScale {
  const band = scaleBand<number>()
    .domain(Array.from({ length: count }, (_, i) => i))
    .range([0, width])
    .paddingInner(count > 120 ? 0 : padding)
    .paddingOuter(count > 120 ? 0 : padding / 2);
  const step = count ? width / count : width;
  return {
    band,
    x: (i) => (band(i) ?? 0) + band.bandwidth() / 2,
    slotAt: (px) => Math.floor(px / (step || 1)),
  };
}

/** Bottom-axis ticks for periods placed by index. */
export function periodTicks(periods: readonly string[], scale: IndexScale, intraday: boolean, width: number, label: (p: string, i: number) => string): Tick[] {
  const maxTicks = Math.max(2, Math.floor(width / 70));
  return tickIndexes(periods, intraday, maxTicks).map((i) => ({ pos: scale.x(i), label: label(periods[i]!, i) }));
}

/** Left/right-axis ticks for a linear scale in `unit`: distinct labels, one unit per axis (ticks.ts). */
export function valueTicks(y: ScaleLinear<number, number>, unit: Unit, count = 5): { ticks: Tick[]; unitLabel: string } {
  const d = y.domain() as [number, number];
  const t = axisTicks(d, unit, count);
  return { ticks: t.ticks.map((v) => ({ pos: y(v.value), label: v.label })), unitLabel: t.unitLabel };
}

/** An axis title with the unit its ticks are in: `ASA` + `min` -> `ASA (min)`. */
export function axisTitle(label: string | undefined, unitLabel: string): string | undefined {
  if (!label) return label;
  return unitLabel ? `${label} (${unitLabel})` : label;
}

/** A y scale from 0 (or the data's minimum when negative) to a nice maximum. */
export function yScale(values: Iterable<number | null | undefined>, height: number, floorAtZero = true): ScaleLinear<number, number> {
  let lo = floorAtZero ? 0 : Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v === null || v === undefined || !Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!Number.isFinite(hi)) hi = 1;
  if (!Number.isFinite(lo)) lo = 0;
  if (hi === lo) hi = lo + 1;
  return scaleLinear().domain([lo, hi]).range([height, 0]).nice();
}
