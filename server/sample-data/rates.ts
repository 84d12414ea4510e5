/**
 * Expected arrivals per queue x channel x local 30-minute interval: the rate the
 * non-homogeneous Poisson arrivals are drawn from, and what `expectedOut` writes (the
 * noise floor a forecast can reach on this data). Deterministic: no randomness here.
 *
 * rate = base x queue share x channel share x day-of-week x annual x trend x surge
 *        x holiday x intraday shape (normalised over the day's open intervals).
 */
import { enrollmentSeasons, type Season } from '../wfm/calendar.ts';
import { daysBetween } from '../wfm/timezone.ts';
import type { DayCalendar } from './days.ts';
import { BASE_DAILY_CONTACTS, CHANNEL_MODELS, type Channel, type QueueModel } from './model.ts';

/** Seasons of the years around `date`, cached by year. */
const seasonCache = new Map<number, Season[]>();
function seasonsAround(year: number): Season[] {
  let s = seasonCache.get(year);
  if (!s) {
    s = [...enrollmentSeasons(year - 1), ...enrollmentSeasons(year), ...enrollmentSeasons(year + 1)];
    seasonCache.set(year, s);
  }
  return s;
}

/**
 * The surge multiplier of a queue on `date` (1 outside its seasons). Overlapping seasons
 * take the larger lift rather than compounding: a call about an ID card during open
 * enrollment is still one call.
 */
export function surgeFactor(queue: QueueModel, date: string): number {
  let lift = 0;
  for (const s of seasonsAround(Number(date.slice(0, 4)))) {
    if (date < s.start || date > s.end) continue;
    for (const sm of queue.surges) {
      if (sm.season !== s.name) continue;
      let l = sm.lift;
      if (sm.decays) {
        const len = Math.max(1, daysBetween(s.start, s.end));
        l *= 1 - (0.5 * daysBetween(s.start, date)) / len;
      }
      lift = Math.max(lift, l);
    }
  }
  return 1 + lift;
}

/** Slow annual cycle (+5 % in late January, −5 % in late July) and +4 %/year membership growth. */
export function annualFactor(date: string): number {
  const d = daysBetween('2025-01-01', date);
  return (1 + 0.05 * Math.cos((2 * Math.PI * (d - 20)) / 365.25)) * (1 + (0.04 * d) / 365.25);
}

/** Relative arrival intensity at local hour `h` (fractional) for a channel. */
export function intradayShape(channel: Channel, h: number): number {
  const g = (mu: number, w: number) => Math.exp(-(((h - mu) / w) ** 2));
  switch (channel) {
    case 'voice':
      // Morning peak around 10:15, a smaller one after lunch, tapering into the evening.
      return (0.25 + g(10.25, 1.6) + 0.55 * g(14, 2)) * (h > 17 ? Math.exp(-(h - 17) / 2) : 1);
    case 'chat':
      return 0.3 + 0.9 * g(11, 2) + 0.6 * g(19, 2.5);
    case 'email':
    case 'portal':
      return 0.08 + g(11, 3.5) + 0.5 * g(20.5, 2.5);
  }
}

/** Is the channel open at local minute `m` on this day? */
export function isOpen(channel: Channel, cal: DayCalendar, m: number): boolean {
  const cm = CHANNEL_MODELS[channel];
  if (cm.weekday[cal.weekday - 1] === 0) return false;
  if (cal.holiday && cm.holiday === 0) return false;
  const hours = cal.weekday === 6 ? cm.hoursSaturday : cm.hoursWeekday;
  if (!hours) return true;
  return m >= hours[0] && m < hours[1];
}

/** Expected offered contacts for the whole day (before the intraday split). */
export function expectedDayTotal(queue: QueueModel, channel: Channel, cal: DayCalendar, scale: number): number {
  const cm = CHANNEL_MODELS[channel];
  let f = cm.weekday[cal.weekday - 1]!;
  if (cal.holiday) f *= cm.holiday;
  else if (cal.afterHoliday && cm.holiday === 0) f *= 1.15;
  if (f === 0) return 0;
  const base = BASE_DAILY_CONTACTS * scale * queue.volumeShare * cm.share;
  return base * f * annualFactor(cal.date) * surgeFactor(queue, cal.date);
}

/** Expected arrivals in each 30-minute interval of the day (0 where closed). */
export function expectedIntervalRates(queue: QueueModel, channel: Channel, cal: DayCalendar, scale: number): Float64Array {
  const out = new Float64Array(cal.starts.length);
  const total = expectedDayTotal(queue, channel, cal, scale);
  if (total === 0) return out;
  let sum = 0;
  for (let i = 0; i < out.length; i++) {
    const m = cal.minutes[i]!;
    if (!isOpen(channel, cal, m)) continue;
    const w = intradayShape(channel, (m + 15) / 60);
    out[i] = w;
    sum += w;
  }
  if (sum > 0) for (let i = 0; i < out.length; i++) out[i] = (out[i]! / sum) * total;
  return out;
}
