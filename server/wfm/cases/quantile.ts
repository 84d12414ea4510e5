/**
 * The q-quantile of a list of numbers by linear interpolation between order statistics
 * (numpy's default, DuckDB's `quantile_cont`): position h = (n − 1)·q in the sorted list,
 * value x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]). Null for an empty list. O(n log n). Pure.
 */
export function quantileLinear(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const x = [...values].sort((a, b) => a - b);
  const h = (x.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, x.length - 1);
  return x[lo]! + (h - lo) * (x[hi]! - x[lo]!);
}
