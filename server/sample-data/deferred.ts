/**
 * Email and portal messages are deferred work: nobody hangs up on an email. A message is
 * picked up after a delay counted in back-office business time (so a Friday-evening
 * message is answered on Monday morning, never at 3 a.m.), and it is never abandoned.
 */

/** Open windows [open, close) in epoch seconds, ascending and non-overlapping. */
export type Windows = readonly (readonly [number, number])[];

/**
 * The instant reached by spending `seconds` of business time from `t`: time outside the
 * windows does not count. Throws when the windows run out (the caller provides enough days).
 */
export function addBusinessTime(windows: Windows, t: number, seconds: number): number {
  if (!(seconds >= 0)) throw new Error(`invalid seconds: ${seconds} is negative`);
  // First window that closes after t.
  let lo = 0;
  let hi = windows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (windows[mid]![1] <= t) lo = mid + 1;
    else hi = mid;
  }
  let left = seconds;
  let now = t;
  for (let i = lo; i < windows.length; i++) {
    const [open, close] = windows[i]!;
    const from = Math.max(now, open);
    if (from + left < close) return from + left;
    left -= close - from;
    now = close;
  }
  throw new Error(`invalid windows: business time runs out after ${now}`);
}
