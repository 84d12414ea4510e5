/**
 * Filling gaps so that the smoothing and regression models see a complete series. A gap is
 * missing data, a closed weekday, or a closed holiday; a weekly pattern is the strongest
 * structure in contact volumes, so a gap is filled from the same weekday nearby.
 */

/**
 * A copy of `values` with each null replaced by the mean of the non-null values of the same
 * weekday up to four weeks either side; failing that, the mean of the non-null values
 * within a week either side; failing that, the mean of the whole series (0 if all are null).
 * Only original observations are used as donors. O(n).
 */
export function imputeWeekly(values: readonly (number | null)[]): number[] {
  const n = values.length;
  const out = new Array<number>(n);
  let total = 0;
  let count = 0;
  for (const v of values) {
    if (v !== null) {
      total += v;
      count++;
    }
  }
  const overall = count ? total / count : 0;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v !== null) {
      out[i] = v;
      continue;
    }
    let s = 0;
    let c = 0;
    for (let k = 1; k <= 4; k++) {
      for (const j of [i - 7 * k, i + 7 * k]) {
        const u = j >= 0 && j < n ? values[j] : null;
        if (u !== null && u !== undefined) {
          s += u;
          c++;
        }
      }
    }
    if (c === 0) {
      for (let j = Math.max(0, i - 7); j <= Math.min(n - 1, i + 7); j++) {
        const u = values[j];
        if (u !== null && u !== undefined) {
          s += u;
          c++;
        }
      }
    }
    out[i] = c ? s / c : overall;
  }
  return out;
}
