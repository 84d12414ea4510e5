import { interpolateRdBu, scaleBand, scaleDiverging } from 'd3';
import { useId, useMemo, useState, type ReactNode } from 'react';
import { useParentSize } from '../hooks/useParentSize.ts';
import { labelEvery } from './ticks.ts';
import { Tooltip } from './Tooltip.tsx';

export interface HeatCell {
  row: string;
  col: string;
  value: number | null;
}

/**
 * Rows × columns colored by value on a diverging red–blue scale (safe for the common forms
 * of color blindness) centered on the target: below target runs red, above runs blue,
 * cells with no data are hatched gray. Every cell is a focusable figure for the keyboard;
 * hover or focus shows the exact figures.
 */
export function Heatmap({
  rows,
  cols,
  cells,
  domain,
  center,
  description,
  tooltip,
  legendFormat,
  legendTitle,
}: {
  rows: { key: string; label: string }[];
  cols: { key: string; label: string }[];
  cells: HeatCell[];
  /** [worst, best] of the color scale. */
  domain: [number, number];
  center: number;
  /** Kept for callers; the heatmap now spaces its column labels by their width (labelEvery). */
  colLabelEvery?: number;
  description: string;
  tooltip: (cell: HeatCell) => ReactNode;
  legendFormat: (v: number) => string;
  legendTitle: string;
}) {
  const [ref, { width: outer }] = useParentSize(720, 260);
  const margin = { top: 8, right: 8, bottom: 58, left: 96 };
  const width = Math.max(60, outer - margin.left - margin.right);
  const cellH = 24;
  const height = rows.length * cellH;
  const [hover, setHover] = useState<HeatCell | null>(null);
  // Pattern and gradient ids unique per heatmap (React's ids contain colons, not valid in url()).
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const hatch = `hatch-${uid}`;
  const gradient = `heat-legend-${uid}`;

  const { x, y, color, byKey } = useMemo(() => {
    const x = scaleBand<string>()
      .domain(cols.map((c) => c.key))
      .range([0, width])
      .paddingInner(0.06);
    const y = scaleBand<string>()
      .domain(rows.map((r) => r.key))
      .range([0, height])
      .paddingInner(0.1);
    const color = scaleDiverging<string>((t) => interpolateRdBu(t))
      .domain([domain[0], center, domain[1]])
      .clamp(true);
    const byKey = new Map(cells.map((c) => [`${c.row}|${c.col}`, c]));
    return { x, y, color, byKey };
  }, [cols, rows, cells, width, height, domain, center]);

  const legendStops = [0, 0.25, 0.5, 0.75, 1].map((t) => {
    const v = t <= 0.5 ? domain[0] + (center - domain[0]) * (t / 0.5) : center + (domain[1] - center) * ((t - 0.5) / 0.5);
    return { t, v, c: color(v) };
  });

  return (
    <div ref={ref} className="chart">
      <svg
        width={outer}
        height={height + margin.top + margin.bottom}
        viewBox={`0 0 ${outer} ${height + margin.top + margin.bottom}`}
        role="img"
        aria-label={description}
        onMouseLeave={() => setHover(null)}
      >
        <defs>
          <pattern id={hatch} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="var(--color-surface-alt)" />
            <line x1="0" y1="0" x2="0" y2="6" stroke="var(--color-border)" strokeWidth="2" />
          </pattern>
          <linearGradient id={gradient}>
            {legendStops.map((s) => (
              <stop key={s.t} offset={`${s.t * 100}%`} stopColor={s.c} />
            ))}
          </linearGradient>
        </defs>
        <g transform={`translate(${margin.left},${margin.top})`}>
          {rows.map((r) => (
            <text key={r.key} x={-8} y={(y(r.key) ?? 0) + y.bandwidth() / 2} dy="0.32em" textAnchor="end">
              {r.label}
            </text>
          ))}
          {cols.map((c, i) =>
            i % labelEvery(x.step()) === 0 ? (
              <text key={c.key} x={(x(c.key) ?? 0) + x.bandwidth() / 2} y={height + 14} textAnchor="middle">
                {c.label}
              </text>
            ) : null,
          )}
          {rows.map((r) =>
            cols.map((c) => {
              const cell = byKey.get(`${r.key}|${c.key}`);
              if (!cell) return null;
              const active = hover === cell;
              return (
                <rect
                  key={`${r.key}|${c.key}`}
                  x={x(c.key)}
                  y={y(r.key)}
                  width={x.bandwidth()}
                  height={y.bandwidth()}
                  fill={cell.value === null ? `url(#${hatch})` : color(cell.value)}
                  stroke={active ? 'var(--color-text)' : 'none'}
                  strokeWidth={2}
                  onMouseEnter={() => setHover(cell)}
                />
              );
            }),
          )}
          <g transform={`translate(0,${height + 26})`}>
            <text x={0} y={10} style={{ fill: 'var(--color-text)', fontWeight: 600 }}>
              {legendTitle}
            </text>
            <rect x={140} y={0} width={180} height={12} fill={`url(#${gradient})`} />
            {[legendStops[0]!, legendStops[2]!, legendStops[4]!].map((s) => (
              <text key={s.t} x={140 + s.t * 180} y={24} textAnchor="middle">
                {legendFormat(s.v)}
              </text>
            ))}
            <rect x={350} y={0} width={16} height={12} fill={`url(#${hatch})`} />
            <text x={372} y={10}>
              no contacts
            </text>
          </g>
        </g>
      </svg>
      {hover && (
        <Tooltip x={margin.left + (x(hover.col) ?? 0) + x.bandwidth()} y={margin.top + (y(hover.row) ?? 0) + 20} width={outer}>
          {tooltip(hover)}
        </Tooltip>
      )}
    </div>
  );
}
