import { area, curveLinear, curveStepAfter, line } from 'd3';
import { useMemo, type ReactNode } from 'react';
import { useParentSize } from '../hooks/useParentSize.ts';
import type { Unit } from '../lib/format.ts';
import { AxisBottom, AxisLeft, AxisRight } from './Axis.tsx';
import { axisTitle, indexScale, MARGIN, periodTicks, valueTicks, yScale } from './scales.ts';
import { axisRoom, refLabelBaseline } from './ticks.ts';
import { Tooltip } from './Tooltip.tsx';
import { useHover } from './useHover.ts';

type Values = readonly (number | null)[];

export interface BarSeries {
  key: string;
  label: string;
  color: string;
  values: Values;
  /** Color per bar (e.g. a staffing gap: short red, over blue); overrides `color`. */
  colorOf?: (v: number, i: number) => string;
}

export interface LineSeries {
  key: string;
  label: string;
  color: string;
  values: Values;
  dashed?: boolean;
  axis?: 'left' | 'right';
  step?: boolean;
  width?: number;
}

export interface BandSeries {
  key: string;
  label: string;
  color: string;
  lower: Values;
  upper: Values;
}

export interface Span {
  from: number;
  /** Inclusive last slot. */
  to: number;
  label: string;
  color: string;
  /**
   * `shade` (default): a full-height tint, for short events such as holidays.
   * `strip`: a labelled bar above the plot, one row each, for long overlapping seasons
   * that would otherwise muddy the bands they cover.
   */
  style?: 'shade' | 'strip';
}

export interface RefLine {
  value: number;
  label: string;
  axis?: 'left' | 'right';
}

/**
 * One chart for every series over periods (intervals or days): stacked bars, bands, lines
 * on a left and an optional right axis, shaded spans (holidays, enrollment seasons) and
 * reference lines (targets). X is one slot per period, labelled from the period strings
 * themselves in site-local time. D3 computes scales and path strings; React draws.
 * Hover or arrow keys show the exact figures of a period via `tooltip`.
 */
export function PeriodChart({
  periods,
  intraday,
  bars = [],
  lines = [],
  bands = [],
  spans = [],
  refLines = [],
  leftUnit,
  rightUnit,
  leftLabel,
  rightLabel,
  xLabel,
  xTickLabel,
  tooltip,
  description,
  height = 280,
  leftDomain,
  rightDomain,
  marker,
}: {
  periods: readonly string[];
  intraday: boolean;
  bars?: BarSeries[];
  lines?: LineSeries[];
  bands?: BandSeries[];
  spans?: Span[];
  refLines?: RefLine[];
  leftUnit: Unit;
  rightUnit?: Unit;
  leftLabel: string;
  rightLabel?: string;
  xLabel: string;
  xTickLabel: (period: string, i: number) => string;
  tooltip: (i: number) => ReactNode;
  description: string;
  height?: number;
  leftDomain?: [number, number];
  rightDomain?: [number, number];
  /** A vertical marker at a slot (e.g. the first forecast period). */
  marker?: { index: number; label: string };
}) {
  const [ref, { width: outer }] = useParentSize(720, height);
  const strips = spans.filter((s) => s.style === 'strip');
  const shades = spans.filter((s) => s.style !== 'strip');
  const STRIP_H = 16;
  const topMargin = MARGIN.top + strips.length * (STRIP_H + 2);
  const innerH = height - topMargin - MARGIN.bottom;
  const n = periods.length;

  // The value scales do not depend on the width, so their tick labels can size the margins.
  const ys = useMemo(() => {
    // Stacked bars: positives stack up from 0, negatives down.
    const stackedTop: number[] = new Array(n).fill(0);
    const stackedBottom: number[] = new Array(n).fill(0);
    const barRects = bars.map((s) =>
      s.values.map((v, i) => {
        if (v === null || !Number.isFinite(v)) return null;
        const base = v >= 0 ? stackedTop[i]! : stackedBottom[i]!;
        if (v >= 0) stackedTop[i] = base + v;
        else stackedBottom[i] = base + v;
        return { i, y0: base, y1: base + v, v };
      }),
    );
    const leftValues = [
      ...stackedTop,
      ...stackedBottom,
      ...lines.filter((l) => l.axis !== 'right').flatMap((l) => l.values),
      ...bands.flatMap((b) => [...b.lower, ...b.upper]),
      ...refLines.filter((r) => r.axis !== 'right').map((r) => r.value),
    ];
    const yl = yScale(leftValues, innerH);
    if (leftDomain) yl.domain(leftDomain);
    const yr = rightUnit ? yScale([...lines.filter((l) => l.axis === 'right').flatMap((l) => l.values), ...refLines.filter((r) => r.axis === 'right').map((r) => r.value)], innerH) : null;
    if (yr && rightDomain) yr.domain(rightDomain);
    const left = valueTicks(yl, leftUnit);
    const right = yr && rightUnit ? valueTicks(yr, rightUnit) : null;
    return {
      yl,
      yr,
      barRects,
      left,
      right,
      leftRoom: axisRoom(
        left.ticks.map((t) => t.label),
        !!leftLabel,
      ),
      rightRoom: right
        ? axisRoom(
            right.ticks.map((t) => t.label),
            !!rightLabel,
          )
        : null,
    };
  }, [n, innerH, bars, lines, bands, refLines, leftUnit, rightUnit, leftLabel, rightLabel, leftDomain, rightDomain]);

  const margin = { top: topMargin, bottom: MARGIN.bottom, left: Math.max(MARGIN.left, ys.leftRoom.margin), right: ys.rightRoom ? ys.rightRoom.margin : MARGIN.right };
  const width = Math.max(60, outer - margin.left - margin.right);

  const geo = useMemo(() => {
    const xs = indexScale(n, width);
    const { yl, yr, barRects } = ys;
    const defined = (v: number | null) => v !== null && Number.isFinite(v);
    const linePaths = lines.map((l) => {
      const y = l.axis === 'right' && yr ? yr : yl;
      const gen = line<number | null>()
        .defined(defined)
        .x((_, i) => (l.step ? (xs.band(i) ?? 0) : xs.x(i)))
        .y((v) => y(v as number))
        .curve(l.step ? curveStepAfter : curveLinear);
      return gen(l.values) ?? '';
    });
    const bandPaths = bands.map((b) => {
      const gen = area<number>()
        .defined((i) => defined(b.lower[i] ?? null) && defined(b.upper[i] ?? null))
        .x((i) => xs.x(i))
        .y0((i) => yl(b.lower[i] as number))
        .y1((i) => yl(b.upper[i] as number));
      return gen(Array.from({ length: n }, (_, i) => i)) ?? '';
    });
    return { xs, yl, yr, barRects, linePaths, bandPaths };
  }, [n, width, ys, lines, bands]);

  const { xs, yl, yr } = geo;
  const hover = useHover(n, xs.slotAt, margin.left);
  const xTicks = periodTicks(periods, xs, intraday, width, xTickLabel);
  const step = n ? width / n : width;
  const barWidth = Math.max(1, n > 120 ? step - (step > 3 ? 1 : 0) : xs.band.bandwidth());
  const hi = hover.index;

  return (
    <div ref={ref} className="chart" tabIndex={0} role="group" aria-label={`${description} Use the arrow keys to read each period.`} {...hover.keyHandlers}>
      <svg width={outer} height={height} viewBox={`0 0 ${outer} ${height}`} role="img" aria-label={description} {...hover.handlers}>
        <g transform={`translate(${margin.left},${margin.top})`}>
          {strips.map((s, k) => {
            const x0 = xs.band(Math.max(0, s.from)) ?? 0;
            const x1 = (xs.band(Math.min(n - 1, s.to)) ?? 0) + xs.band.bandwidth();
            const y = -(strips.length - k) * (STRIP_H + 2) - 4;
            return (
              <g key={`strip-${s.label}-${s.from}`}>
                <rect x={x0} y={y} width={Math.max(1, x1 - x0)} height={STRIP_H} rx={3} fill={s.color} />
                <line x1={x0} x2={x0} y1={y + STRIP_H} y2={innerH} stroke={s.color} strokeWidth={1.5} strokeDasharray="2 3" />
                <text x={x0 + 4} y={y + 11.5} style={{ fontSize: 10, fill: 'var(--color-text)' }}>
                  {s.label}
                </text>
              </g>
            );
          })}
          {shades.map((s) => {
            const x0 = xs.band(Math.max(0, s.from)) ?? 0;
            const x1 = (xs.band(Math.min(n - 1, s.to)) ?? 0) + xs.band.bandwidth();
            return (
              <g key={`${s.label}-${s.from}`}>
                <rect x={x0} y={0} width={Math.max(1, x1 - x0)} height={innerH} fill={s.color} />
                {x1 - x0 > 40 && (
                  <text x={x0 + 4} y={11} style={{ fontSize: 10 }}>
                    {s.label}
                  </text>
                )}
              </g>
            );
          })}
          <AxisLeft ticks={ys.left.ticks} width={width} height={innerH} label={axisTitle(leftLabel, ys.left.unitLabel)} titleOffset={ys.leftRoom.titleOffset} />
          {ys.right && ys.rightRoom && <AxisRight ticks={ys.right.ticks} x={width} height={innerH} label={axisTitle(rightLabel, ys.right.unitLabel)} titleOffset={ys.rightRoom.titleOffset} />}
          {geo.bandPaths.map((d, k) => (
            <path key={bands[k]!.key} d={d} fill={bands[k]!.color} stroke="none" />
          ))}
          {geo.barRects.map((rects, k) =>
            rects.map((r) =>
              r ? (
                <rect
                  key={`${bars[k]!.key}-${r.i}`}
                  x={n > 120 ? r.i * step : (xs.band(r.i) ?? 0)}
                  width={barWidth}
                  y={yl(Math.max(r.y0, r.y1))}
                  height={Math.max(0, Math.abs(yl(r.y0) - yl(r.y1)))}
                  fill={bars[k]!.colorOf ? bars[k]!.colorOf!(r.v, r.i) : bars[k]!.color}
                />
              ) : null,
            ),
          )}
          {refLines.map((r) => {
            const onRight = r.axis === 'right' && yr;
            const y = (onRight ? yr : yl)(r.value);
            const tickYs = (onRight && ys.right ? ys.right : ys.left).ticks.map((t) => t.pos);
            return (
              <g key={r.label} data-testid="ref-line">
                <line x1={0} x2={width} y1={y} y2={y} stroke="var(--color-text)" strokeDasharray="5 4" strokeWidth={1.2} />
                <text className="ref-label" x={width - 4} y={refLabelBaseline(y, tickYs, innerH)} textAnchor="end" style={{ fill: 'var(--color-text)' }}>
                  {r.label}
                </text>
              </g>
            );
          })}
          {geo.linePaths.map((d, k) => (
            <path key={lines[k]!.key} d={d} fill="none" stroke={lines[k]!.color} strokeWidth={lines[k]!.width ?? 2} strokeDasharray={lines[k]!.dashed ? '6 4' : undefined} strokeLinejoin="round" />
          ))}
          {marker && marker.index >= 0 && marker.index < n && (
            <g>
              <line x1={xs.band(marker.index) ?? 0} x2={xs.band(marker.index) ?? 0} y1={0} y2={innerH} stroke="var(--color-text-muted)" strokeDasharray="2 3" />
              <text x={(xs.band(marker.index) ?? 0) + 4} y={innerH - 6} style={{ fontSize: 10 }}>
                {marker.label}
              </text>
            </g>
          )}
          {hi !== null && <line x1={xs.x(hi)} x2={xs.x(hi)} y1={0} y2={innerH} stroke="var(--color-text)" strokeOpacity={0.35} />}
          <AxisBottom ticks={xTicks} y={innerH} width={width} label={xLabel} />
        </g>
      </svg>
      {hi !== null && (
        <Tooltip x={margin.left + xs.x(hi)} y={margin.top} width={outer}>
          {tooltip(hi)}
        </Tooltip>
      )}
    </div>
  );
}

/** A legend row matching the series of a chart. */
export function Legend({ items }: { items: { label: string; color: string; kind?: 'line' | 'box' | 'dashed' }[] }) {
  return (
    <div className="legend" aria-hidden="true">
      {items.map((it) => (
        <span key={it.label} className="legend-item">
          <span
            className={it.kind === 'line' || it.kind === 'dashed' ? 'swatch swatch-line' : 'swatch'}
            style={it.kind === 'dashed' ? { background: `repeating-linear-gradient(90deg, ${it.color} 0 5px, transparent 5px 8px)` } : { background: it.color }}
          />
          {it.label}
        </span>
      ))}
    </div>
  );
}
