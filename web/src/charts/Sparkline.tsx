import { extent, line, scaleLinear } from 'd3';
import { useMemo } from 'react';
import { useParentSize } from '../hooks/useParentSize.ts';

/**
 * A trend without axes: one value per period, gaps (null) left as gaps, the last point
 * marked. The aria label carries the first and last values so the trend has a text form.
 */
export function Sparkline({ values, label, height = 36, color = 'var(--series-1)' }: { values: (number | null)[]; label: string; height?: number; color?: string }) {
  const [ref, { width }] = useParentSize(200, height);
  const { path, last } = useMemo(() => {
    const pad = 3;
    const defined = values.filter((v): v is number => v !== null && Number.isFinite(v));
    if (defined.length === 0) return { path: '', last: null };
    const [lo, hi] = extent(defined) as [number, number];
    const x = scaleLinear().domain([0, Math.max(1, values.length - 1)]).range([pad, Math.max(pad + 1, width - pad)]);
    const y = scaleLinear()
      .domain(lo === hi ? [lo - 1, hi + 1] : [lo, hi])
      .range([height - pad, pad]);
    const gen = line<number | null>()
      .defined((v) => v !== null && Number.isFinite(v))
      .x((_, i) => x(i))
      .y((v) => y(v as number));
    let li = values.length - 1;
    while (li >= 0 && (values[li] === null || !Number.isFinite(values[li]!))) li--;
    return { path: gen(values) ?? '', last: li >= 0 ? { x: x(li), y: y(values[li]!) } : null };
  }, [values, width, height]);
  return (
    <div ref={ref} style={{ height }} className="chart">
      <svg width={width} height={height} role="img" aria-label={label}>
        <path d={path} fill="none" stroke={color} strokeWidth={1.6} strokeLinejoin="round" />
        {last && <circle cx={last.x} cy={last.y} r={2.6} fill={color} />}
      </svg>
    </div>
  );
}
