/**
 * Closed days learned from history, shown for confirmation before they enter the calendar
 * (issue 10): a weekday or holiday with no contacts in every past year it was seen is
 * proposed closed; one with contacts is proposed open; a holiday never seen in the history
 * is open unless the calendar already closes it. Each proposal says why. Pure.
 *
 * The history is per local date; a date left out is unknown (data loss, before the data
 * starts), never a zero. Dates with 0 contacts must be given explicitly.
 */
import { holidaysFor, holidaysOnDate } from './holidays.ts';
import { addDays, isoWeekday } from './timezone.ts';

export interface DayCount {
  date: string;
  contacts: number;
}

export interface ClosureProposal {
  proposal: 'open' | 'closed';
  /** Dates seen in the history, and how many of them had contacts. */
  datesSeen: number;
  datesWithContacts: number;
  reason: string;
}

export interface WeekdayProposal extends ClosureProposal {
  weekday: number; // ISO 1 = Monday … 7 = Sunday
}

export interface HolidayProposal extends ClosureProposal {
  id: string;
  name: string;
}

export interface ClosureProposals {
  weekdays: WeekdayProposal[];
  holidays: HolidayProposal[];
}

const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** What the current calendar says, for the days the history never saw. */
export interface CalendarView {
  /** Holiday ids the calendar closes (default none). */
  closedHolidays?: readonly string[];
  /** ISO weekdays the weekly hours open (default all seven). */
  openWeekdays?: readonly number[];
  /** The plan's own named closures, judged like the catalogue holidays. */
  customHolidays?: readonly { id: string; name: string; dates: readonly string[] }[];
}

/**
 * Proposals for every weekday and every holiday of the catalogue and the custom list.
 * Weekdays are judged on the dates that are no holiday of the list (a Monday holiday says
 * nothing of Mondays). A weekday or holiday never seen keeps what the calendar says.
 */
export function proposeClosures(history: readonly DayCount[], calendar: CalendarView = {}): ClosureProposals {
  const custom = calendar.customHolidays ?? [];
  const openWeekdays = calendar.openWeekdays ?? [1, 2, 3, 4, 5, 6, 7];
  const weekdayDays = WEEKDAY_NAMES.map(() => [] as DayCount[]);
  const holidayDays = new Map<string, DayCount[]>();
  for (const day of history) {
    const hs = holidaysOnDate(day.date, custom);
    if (hs.length === 0) weekdayDays[isoWeekday(day.date) - 1]!.push(day);
    for (const h of hs) {
      const list = holidayDays.get(h.id) ?? [];
      list.push(day);
      holidayDays.set(h.id, list);
    }
  }
  const judge = (days: DayCount[]): ClosureProposal => {
    const withContacts = days.filter((d) => d.contacts > 0).sort((a, b) => a.date.localeCompare(b.date));
    const years = [...new Set(days.map((d) => d.date.slice(0, 4)))].sort();
    if (withContacts.length === 0) {
      return { proposal: 'closed', datesSeen: days.length, datesWithContacts: 0, reason: `no contacts on any of ${days.length} dates seen (${years.join(', ')})` };
    }
    const last = withContacts.at(-1)!;
    return {
      proposal: 'open',
      datesSeen: days.length,
      datesWithContacts: withContacts.length,
      reason: `contacts on ${withContacts.length} of ${days.length} dates seen, latest ${last.date} (${last.contacts})`,
    };
  };
  const weekdays = weekdayDays.map((days, i): WeekdayProposal => {
    if (days.length === 0) {
      const open = openWeekdays.includes(i + 1);
      return {
        weekday: i + 1,
        proposal: open ? 'open' : 'closed',
        datesSeen: 0,
        datesWithContacts: 0,
        reason: `no ${WEEKDAY_NAMES[i]} in the history (other than holidays): ${open ? 'open' : 'closed'} as the calendar says`,
      };
    }
    return { weekday: i + 1, ...judge(days) };
  });
  const closed = new Set(calendar.closedHolidays ?? []);
  const holidays = holidaysFor(custom).map((h): HolidayProposal => {
    const days = holidayDays.get(h.id) ?? [];
    if (days.length > 0) return { id: h.id, name: h.name, ...judge(days) };
    return closed.has(h.id)
      ? { id: h.id, name: h.name, proposal: 'closed', datesSeen: 0, datesWithContacts: 0, reason: 'never seen in the history: closed because the calendar says closed' }
      : { id: h.id, name: h.name, proposal: 'open', datesSeen: 0, datesWithContacts: 0, reason: 'never seen in the history: assumed open (the calendar does not close it)' };
  });
  return { weekdays, holidays };
}

/**
 * A contact log's days with contacts → every date from the first to the last, the dates
 * without a row as 0: in a log of contacts, a closed day is a day with no rows. (A day of
 * data loss looks the same; the proposals are shown for confirmation for that reason.)
 */
export function fillCoverage(counts: readonly DayCount[]): DayCount[] {
  if (counts.length === 0) return [];
  const by = new Map(counts.map((c) => [c.date, c.contacts]));
  const sorted = [...by.keys()].sort();
  const out: DayCount[] = [];
  for (let d = sorted[0]!; d <= sorted.at(-1)!; d = addDays(d, 1)) out.push({ date: d, contacts: by.get(d) ?? 0 });
  return out;
}

export interface CalendarComparison {
  weekdays: (WeekdayProposal & { calendar: 'open' | 'closed' })[];
  holidays: (HolidayProposal & { calendar: 'open' | 'closed' })[];
  /** The proposals that differ from the calendar: what to confirm. */
  differences: number;
}

/**
 * The proposals beside what the calendar says: a weekday is open in the calendar when the
 * weekly hours for the queue and channel have a span that day; a holiday when the site does
 * not observe it.
 */
export function compareWithCalendar(p: ClosureProposals, openWeekdays: readonly number[], closedHolidays: readonly string[]): CalendarComparison {
  const closed = new Set(closedHolidays);
  const weekdays = p.weekdays.map((w) => ({ ...w, calendar: openWeekdays.includes(w.weekday) ? ('open' as const) : ('closed' as const) }));
  const holidays = p.holidays.map((h) => ({ ...h, calendar: closed.has(h.id) ? ('closed' as const) : ('open' as const) }));
  const differences = [...weekdays, ...holidays].filter((x) => x.proposal !== x.calendar).length;
  return { weekdays, holidays, differences };
}
