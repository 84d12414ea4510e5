/**
 * Ordinary least squares for the small design matrices of the regression model (a handful
 * of columns), by the normal equations solved with Gaussian elimination and partial
 * pivoting. Columns that are (near) linear combinations of earlier ones get coefficient 0,
 * so an all-zero dummy column (a weekday never seen) does not make the fit fail.
 */

/**
 * Coefficients β minimizing Σ (y − Xβ)². `rows[i]` is the i-th row of X. O(n·p² + p³).
 */
export function leastSquares(rows: readonly (readonly number[])[], y: readonly number[]): number[] {
  const p = rows[0]?.length ?? 0;
  if (rows.length !== y.length) throw new Error('invalid rows: length differs from y');
  // Normal equations A β = b with A = XᵀX, b = Xᵀy.
  const a: number[][] = Array.from({ length: p }, () => new Array<number>(p + 1).fill(0));
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const yi = y[i]!;
    for (let j = 0; j < p; j++) {
      const rj = r[j]!;
      if (rj === 0) continue;
      const aj = a[j]!;
      for (let k = j; k < p; k++) aj[k]! += rj * r[k]!;
      aj[p]! += rj * yi;
    }
  }
  for (let j = 0; j < p; j++) for (let k = 0; k < j; k++) a[j]![k] = a[k]![j]!;
  const scale = Math.max(1e-300, ...a.map((r, j) => Math.abs(r[j]!)));
  const pivotRow = new Array<number>(p).fill(-1);
  const used = new Array<boolean>(p).fill(false);
  for (let col = 0; col < p; col++) {
    let best = -1;
    let bestAbs = 1e-10 * scale;
    for (let r = 0; r < p; r++) {
      if (used[r]) continue;
      const v = Math.abs(a[r]![col]!);
      if (v > bestAbs) {
        bestAbs = v;
        best = r;
      }
    }
    if (best < 0) continue; // dependent column: coefficient 0
    used[best] = true;
    pivotRow[col] = best;
    const pr = a[best]!;
    for (let r = 0; r < p; r++) {
      if (r === best) continue;
      const f = a[r]![col]! / pr[col]!;
      if (f === 0) continue;
      const rr = a[r]!;
      for (let k = col; k <= p; k++) rr[k]! -= f * pr[k]!;
    }
  }
  return pivotRow.map((r, col) => (r < 0 ? 0 : a[r]![p]! / a[r]![col]!));
}
