import { line, scaleLinear } from 'd3';
import { useMemo, type ReactNode } from 'react';
import { useParentSize } from '../hooks/useParentSize.ts';
import { AxisBottom, AxisLeft, AxisRight } from './Axis.tsx';
import { axisTitle, MARGIN, valueTicks, yScale } from './scales.ts';
import { axisRoom, refLabelBaseline } from './ticks.ts';
import { Tooltip } from './Tooltip.tsx';
import { useHover } from './useHover.ts';

export interface CurvePoint {
  agents: number;
  serviceLevel: number | null;
  probAbandon: number | null;
  asa: number | null;
}

/**
 * Service level and abandon rate (left axis, %) and ASA (right axis, seconds) against the
 * number of agents, with the target and the required N marked: the planner sees what one
 * agent more or less buys.
 */
export function CurveChart({
  points,
  required,
  targetSl,
  description,
  tooltip,
  height = 300,
}: {
  points: CurvePoint[];
  required: number | null;
  targetSl: number;
  description: string;
  tooltip: (p: CurvePoint) => ReactNode;
  height?: number;
}) {
  const [ref, { width: outer }] = useParentSize(640, height);
  const innerH = height - MARGIN.top - MARGIN.bottom;
  const n = points.length;

  // The value scales do not depend on the width, so their tick labels can size the margins.
  const ys = useMemo(() => {
    const yl = scaleLinear().domain([0, 1]).range([innerH, 0]);
    // Cap the ASA axis: near N = A the wait explodes and would flatten the rest of the curve.
    const asaValues = points.map((p) => p.asa).filter((v): v is number => v !== null && Number.isFinite(v));
    const sorted = [...asaValues].sort((a, b) => a - b);
    const cap = sorted.length ? sorted[Math.floor(sorted.length * 0.8)]! : 60;
    const yr = yScale([Math.max(cap, 1)], innerH);
    const left = valueTicks(yl, 'fraction');
    const right = valueTicks(yr, 'seconds');
    return {
      yl,
      yr,
      left,
      right,
      leftRoom: axisRoom(
        left.ticks.map((t) => t.label),
        true,
      ),
      rightRoom: axisRoom(
        right.ticks.map((t) => t.label),
        true,
      ),
    };
  }, [points, innerH]);
  const m = { top: MARGIN.top, bottom: MARGIN.bottom, left: Math.max(MARGIN.left, ys.leftRoom.margin), right: ys.rightRoom.margin };
  const width = Math.max(60, outer - m.left - m.right);

  const geo = useMemo(() => {
    const first = points[0]?.agents ?? 0;
    const last = points[n - 1]?.agents ?? 1;
    const x = scaleLinear()
      .domain([first, Math.max(first + 1, last)])
      .range([0, width]);
    const { yl, yr } = ys;
    const mk = (get: (p: CurvePoint) => number | null, y: (v: number) => number, clip?: number) =>
      line<CurvePoint>()
        .defined((p) => get(p) !== null && Number.isFinite(get(p)!) && (clip === undefined || get(p)! <= clip))
        .x((p) => x(p.agents))
        .y((p) => y(get(p)!))(points) ?? '';
    return {
      x,
      yl,
      yr,
      sl: mk((p) => p.serviceLevel, yl),
      ab: mk((p) => p.probAbandon, yl),
      asa: mk((p) => p.asa, yr, yr.domain()[1]),
    };
  }, [points, n, width, ys]);

  const slotAt = (px: number) => {
    const a = Math.round(geo.x.invert(px));
    return a - (points[0]?.agents ?? 0);
  };
  const hover = useHover(n, slotAt, m.left);
  const hp = hover.index !== null ? points[hover.index] : undefined;
  const xTicks = geo.x
    .ticks(Math.min(10, Math.max(2, Math.floor(width / 60))))
    .filter(Number.isInteger)
    .map((v) => ({ pos: geo.x(v), label: String(v) }));

  return (
    <div ref={ref} className="chart" tabIndex={0} role="group" aria-label={`${description} Use the arrow keys to read each staffing level.`} {...hover.keyHandlers}>
      <svg width={outer} height={height} viewBox={`0 0 ${outer} ${height}`} role="img" aria-label={description} {...hover.handlers}>
        <g transform={`translate(${m.left},${m.top})`}>
          <AxisLeft ticks={ys.left.ticks} width={width} height={innerH} label={axisTitle('Service level, abandon rate', ys.left.unitLabel)} titleOffset={ys.leftRoom.titleOffset} />
          <AxisRight ticks={ys.right.ticks} x={width} height={innerH} label={axisTitle('ASA', ys.right.unitLabel)} titleOffset={ys.rightRoom.titleOffset} />
          <line x1={0} x2={width} y1={geo.yl(targetSl)} y2={geo.yl(targetSl)} stroke="var(--color-text)" strokeDasharray="5 4" />
          <text
            className="ref-label"
            data-testid="target-label"
            x={4}
            y={refLabelBaseline(
              geo.yl(targetSl),
              ys.left.ticks.map((t) => t.pos),
              innerH,
            )}
            style={{ fill: 'var(--color-text)' }}
          >
            target {Math.round(targetSl * 100)}%
          </text>
          {required !== null && (
            <g data-testid="required-marker">
              <line x1={geo.x(required)} x2={geo.x(required)} y1={0} y2={innerH} stroke="var(--oi-green)" strokeWidth={2} />
              <text x={geo.x(required) + 4} y={12} style={{ fill: 'var(--status-green)', fontWeight: 600 }}>
                N = {required}
              </text>
            </g>
          )}
          <path d={geo.sl} fill="none" stroke="var(--series-1)" strokeWidth={2.2} />
          <path d={geo.ab} fill="none" stroke="var(--series-4)" strokeWidth={2} strokeDasharray="6 3" />
          <path d={geo.asa} fill="none" stroke="var(--series-2)" strokeWidth={2} />
          {hp && <line x1={geo.x(hp.agents)} x2={geo.x(hp.agents)} y1={0} y2={innerH} stroke="var(--color-text)" strokeOpacity={0.35} />}
          <AxisBottom ticks={xTicks} y={innerH} width={width} label="Agents on the phones (N)" />
        </g>
      </svg>
      {hp && (
        <Tooltip x={m.left + geo.x(hp.agents)} y={m.top} width={outer}>
          {tooltip(hp)}
        </Tooltip>
      )}
    </div>
  );
}
