/**
 * The site calendar as the forecast's holiday rule (docs/forecast.md, "Holidays"): which
 * dates are holidays and whether the queue and channel close for them. Pure.
 *
 * A date is a holiday when it is a US federal holiday or a holiday the site observes
 * (a common addition or a plan closure it chose). It is closed when the calendar's hours
 * for the queue and channel are empty that day (an observed holiday, or an exception that
 * closes it) and open when they are not (a federal holiday the site does not observe, or an
 * exception that opens it). A catalogue addition the site does not observe (Christmas Eve,
 * the day after Thanksgiving) is an ordinary day to the forecast.
 *
 * Hours say when people answer, not when contacts arrive: email and portal messages keep
 * coming on a closed day (the sample data's arrive at about half a normal day's rate), so
 * for those channels, and for a series of every channel together, the calendar names the
 * holiday but leaves `closed` to be learned from the history.
 */
import { federalHolidayOn } from '../calendar.ts';
import { ANY, hoursOn, observedHolidayOn, type SiteCalendar } from '../siteCalendar.ts';
import type { HolidayRule } from './dayCalendar.ts';

/** Channels whose contacts arrive whether or not anyone is working (answered later). */
const ASYNCHRONOUS_CHANNELS: ReadonlySet<string> = new Set(['email', 'portal']);

/** The rule of `cal` for queue `queue` and channel `channel` (null: every channel). */
export function holidayRuleFromCalendar(cal: SiteCalendar, queue: string, channel: string | null): HolidayRule {
  const arrivesWhenClosed = channel === null || ASYNCHRONOUS_CHANNELS.has(channel);
  return (date) => {
    const observed = observedHolidayOn(cal, date);
    const name = observed?.name ?? federalHolidayOn(date)?.name;
    if (name === undefined) return null;
    if (arrivesWhenClosed) return { name, closed: null };
    return { name, closed: hoursOn(cal, queue, channel ?? ANY, date).open.length === 0 };
  };
}
