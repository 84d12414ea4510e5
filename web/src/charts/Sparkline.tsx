import { extent, line, scaleLinear } from 'd3';
import { useMemo } from 'react';
import { useParentSize } from '../hooks/useParentSize.ts';

/**
 * A trend without axes: one value per period, gaps (null) left as gaps, the last point
 * marked. Provisional values (FCR whose repeat windows are still open) are hollow points
 * joined by a dashed line, so they do not read as part of the trend. The aria label
 * carries the values so the trend has a text form.
 */
export function Sparkline({
  values,
  label,
  height = 36,
  color = 'var(--series-1)',
  provisional,
}: {
  values: (number | null)[];
  label: string;
  height?: number;
  color?: string;
  /** Per value: true when it is provisional (drawn hollow). */
  provisional?: readonly boolean[];
}) {
  const [ref, { width }] = useParentSize(200, height);
  const { path, tail, last, hollow } = useMemo(() => {
    const pad = 3;
    const ok = (v: number | null): v is number => v !== null && Number.isFinite(v);
    const defined = values.filter(ok);
    if (defined.length === 0) return { path: '', tail: '', last: null, hollow: [] };
    const [lo, hi] = extent(defined) as [number, number];
    const x = scaleLinear()
      .domain([0, Math.max(1, values.length - 1)])
      .range([pad, Math.max(pad + 1, width - pad)]);
    const y = scaleLinear()
      .domain(lo === hi ? [lo - 1, hi + 1] : [lo, hi])
      .range([height - pad, pad]);
    const isProv = (i: number) => provisional?.[i] === true;
    const gen = line<number | null>()
      .defined((v) => ok(v))
      .x((_, i) => x(i))
      .y((v) => y(v as number));
    // Solid up to the last final value; dashed from there through the provisional ones.
    const firstProv = values.findIndex((v, i) => ok(v) && isProv(i));
    const solid = firstProv < 0 ? values : values.map((v, i) => (i < firstProv ? v : null));
    let join = firstProv - 1;
    while (join >= 0 && !ok(values[join]!)) join--;
    const dashed = firstProv < 0 ? [] : values.map((v, i) => (i >= Math.max(0, join) && (i >= firstProv || i === join) ? v : null));
    let li = values.length - 1;
    while (li >= 0 && !ok(values[li]!)) li--;
    return {
      path: gen(solid) ?? '',
      tail: firstProv < 0 ? '' : (gen(dashed) ?? ''),
      last: li >= 0 && !isProv(li) ? { x: x(li), y: y(values[li]!) } : null,
      hollow: values.flatMap((v, i) => (ok(v) && isProv(i) ? [{ x: x(i), y: y(v), i }] : [])),
    };
  }, [values, width, height, provisional]);
  return (
    <div ref={ref} style={{ height }} className="chart">
      <svg width={width} height={height} role="img" aria-label={label}>
        <path d={path} fill="none" stroke={color} strokeWidth={1.6} strokeLinejoin="round" />
        {tail && <path d={tail} fill="none" stroke={color} strokeWidth={1.2} strokeDasharray="3 2" />}
        {last && <circle cx={last.x} cy={last.y} r={2.6} fill={color} />}
        {hollow.map((p) => (
          <circle key={p.i} cx={p.x} cy={p.y} r={2.6} fill="var(--color-surface)" stroke={color} strokeWidth={1.2} data-provisional="true" />
        ))}
      </svg>
    </div>
  );
}
