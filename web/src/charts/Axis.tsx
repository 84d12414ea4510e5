/**
 * Axes drawn by React from tick positions computed with D3 scales. Ticks are given as
 * pixel positions with labels, so the same component serves numeric scales and the
 * index-per-period scales the time charts use.
 */
export interface Tick {
  pos: number;
  label: string;
}

/** `titleOffset`: distance from the plot edge to the title's centre line (axisRoom in ticks.ts). */
export function AxisLeft({
  ticks,
  width,
  height,
  label,
  grid = true,
  x = 0,
  titleOffset = 44,
}: {
  ticks: Tick[];
  width: number;
  height: number;
  label?: string;
  grid?: boolean;
  x?: number;
  titleOffset?: number;
}) {
  return (
    <g transform={`translate(${x},0)`} aria-hidden="true">
      {ticks.map((t) => (
        <g key={`${t.pos}-${t.label}`} transform={`translate(0,${t.pos})`}>
          {grid && <line className="gridline" x1={0} x2={width} />}
          <text x={-6} dy="0.32em" textAnchor="end">
            {t.label}
          </text>
        </g>
      ))}
      {label && (
        <text className="axis-title" transform={`translate(${-titleOffset},${height / 2}) rotate(-90)`} textAnchor="middle" dy="0.35em">
          {label}
        </text>
      )}
    </g>
  );
}

export function AxisRight({ ticks, x, height, label, titleOffset = 46 }: { ticks: Tick[]; x: number; height: number; label?: string; titleOffset?: number }) {
  return (
    <g transform={`translate(${x},0)`} aria-hidden="true">
      {ticks.map((t) => (
        <text key={`${t.pos}-${t.label}`} x={6} y={t.pos} dy="0.32em" textAnchor="start">
          {t.label}
        </text>
      ))}
      {label && (
        <text className="axis-title" transform={`translate(${titleOffset},${height / 2}) rotate(90)`} textAnchor="middle" dy="0.35em">
          {label}
        </text>
      )}
    </g>
  );
}

export function AxisBottom({ ticks, y, width, label }: { ticks: Tick[]; y: number; width: number; label?: string }) {
  return (
    <g transform={`translate(0,${y})`} aria-hidden="true">
      <line className="domain" x1={0} x2={width} />
      {ticks.map((t) => (
        <g key={`${t.pos}-${t.label}`} transform={`translate(${t.pos},0)`}>
          <line className="domain" y2={4} />
          <text y={16} textAnchor="middle">
            {t.label}
          </text>
        </g>
      ))}
      {label && (
        <text className="axis-title" x={width / 2} y={34} textAnchor="middle">
          {label}
        </text>
      )}
    </g>
  );
}
