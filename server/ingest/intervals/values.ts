/**
 * Value parsers of interval reports, pure: counts, durations, percentages, dates and the
 * times of day reports write, and the one place a percentage is turned back into a count
 * (`countFromPercent`), which answers only when the count is the only one possible.
 * Each returns `undefined` for an empty value and `null` for one that cannot be read.
 */

const COUNT = /^\d{1,9}$/;
const COUNT_GROUPED = /^\d{1,3}(,\d{3}){1,2}$/;
const DECIMAL = /^(\d+(\.\d*)?|\.\d+)$/;
const CLOCK = /^(\d+):([0-5]\d)(?::([0-5]\d(?:\.\d+)?))?$/;

/** A non-negative whole count (`1234`, `1,234`). */
export function parseCount(s: string): number | null | undefined {
  const t = s.trim();
  if (t === '') return undefined;
  if (COUNT.test(t)) return Number(t);
  if (COUNT_GROUPED.test(t)) return Number(t.replace(/,/g, ''));
  return null;
}

/**
 * A non-negative duration in seconds: a decimal number of seconds (`125`, `12.5`), or
 * `H:MM:SS` / `M:SS` as reports display them (`0:25` = 25 s, `1:02:03` = 3,723 s).
 * `decimals` is how many decimals the value was written with (0 for clock forms).
 */
export function parseSeconds(s: string): { value: number; decimals: number } | null | undefined {
  const t = s.trim();
  if (t === '') return undefined;
  if (DECIMAL.test(t)) return { value: Number(t), decimals: t.includes('.') ? t.length - t.indexOf('.') - 1 : 0 };
  const m = CLOCK.exec(t);
  if (!m) return null;
  const [, a, b, c] = m;
  const value = c === undefined ? Number(a) * 60 + Number(b) : Number(a) * 3600 + Number(b) * 60 + Number(c);
  return { value, decimals: c?.includes('.') ? c.length - c.indexOf('.') - 1 : 0 };
}

/** A percentage 0..100 (`85`, `85.3`, `85%`), and how many decimals it was written with. */
export function parsePercent(s: string): { value: number; decimals: number } | null | undefined {
  const t = s.trim().replace(/\s*%$/, '');
  if (t === '') return undefined;
  if (!DECIMAL.test(t)) return null;
  const value = Number(t);
  if (value > 100) return null;
  return { value, decimals: t.includes('.') ? t.length - t.indexOf('.') - 1 : 0 };
}

/**
 * The count `a` of `n` that a percentage written with `decimals` decimals stands for:
 * the whole numbers a in 0..n with 100·a/n rounding to `pct` (half away from zero). When
 * exactly one does, it is the count; otherwise (two or more fit, or none) null — the
 * report does not say. With whole percentages that is certain for n ≤ 100 and for
 * many larger n; e.g. 87 % of 250 fits 217 and 218 (86.8 %, 87.2 %): null.
 */
export function countFromPercent(pct: number, decimals: number, n: number): number | null {
  if (n === 0) return pct === 0 ? 0 : null;
  const half = 0.5 * 10 ** -decimals;
  const lo = Math.max(0, Math.floor(((pct - half) * n) / 100) - 1);
  const hi = Math.min(n, Math.ceil(((pct + half) * n) / 100) + 1);
  const fits: number[] = [];
  const scale = 10 ** decimals;
  for (let a = lo; a <= hi; a++) {
    // Rounded in integer steps of the last decimal, with a small epsilon against binary noise.
    const shown = Math.floor(((100 * a) / n) * scale + 0.5 + 1e-9) / scale;
    if (Math.abs(shown - pct) < 1e-9) fits.push(a);
  }
  return fits.length === 1 ? fits[0]! : null;
}

/**
 * A sum rebuilt from an average written with `decimals` decimals over `count` items, and
 * how far from the true sum it can be (half the last decimal, times the count).
 */
export function sumFromAverage(avg: { value: number; decimals: number }, count: number): { value: number; maxError: number } {
  return { value: avg.value * count, maxError: 0.5 * 10 ** -avg.decimals * count };
}

/** `YYYY-MM-DD` or `YYYYMMDD`, a day that exists. Other orders (03/08/26) are never guessed. */
export function parseReportDate(s: string): { year: number; month: number; day: number } | null | undefined {
  const t = s.trim();
  if (t === '') return undefined;
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(t);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return { year, month, day };
}

/**
 * A time of day as interval reports write it: CMS `STARTTIME` HHMM (`830` = 08:30, `0` =
 * 00:00), `HH:MM[:00]`, `h:MM AM/PM`, optionally followed by `-` and the end time of the
 * interval (`08:30-09:00`), which gives its length. Minutes since midnight.
 */
export function parseTimeOfDay(s: string): { minutes: number; endMinutes: number | null } | null | undefined {
  const t = s.trim();
  if (t === '') return undefined;
  const parts = t.split(/\s*-\s*/);
  if (parts.length > 2) return null;
  const start = clockMinutes(parts[0]!);
  if (start === null) return null;
  if (parts.length === 1) return { minutes: start, endMinutes: null };
  const end = clockMinutes(parts[1]!);
  if (end === null) return null;
  return { minutes: start, endMinutes: end === 0 ? 1440 : end };
}

function clockMinutes(s: string): number | null {
  let m = /^(\d{1,4})$/.exec(s);
  if (m) {
    const n = Number(m[1]);
    const h = Math.floor(n / 100);
    const min = n % 100;
    return h < 24 && min < 60 ? h * 60 + min : null;
  }
  m = /^(\d{1,2}):(\d{2})(?::00)?\s*([AaPp][Mm])?$/.exec(s);
  if (!m) return null;
  let h = Number(m[1]);
  const min = Number(m[2]);
  const ampm = m[3]?.toLowerCase();
  if (min > 59) return null;
  if (ampm) {
    if (h < 1 || h > 12) return null;
    h = (h % 12) + (ampm === 'pm' ? 12 : 0);
  } else if (h > 23) return null;
  return h * 60 + min;
}
