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
import { isoWeekday } from './timezone.ts';

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

/**
 * Proposals for every weekday and every holiday of the catalogue and `custom`. Weekdays are
 * judged on the dates that are no holiday of the list (a Monday holiday says nothing of
 * Mondays). `closedHolidays`: the ids the current calendar closes, for holidays never seen.
 */
export function proposeClosures(
  history: readonly DayCount[],
  closedHolidays: readonly string[] = [],
  custom: readonly { id: string; name: string; dates: readonly string[] }[] = [],
): ClosureProposals {
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
    if (days.length === 0) return { weekday: i + 1, proposal: 'open', datesSeen: 0, datesWithContacts: 0, reason: `no ${WEEKDAY_NAMES[i]} in the history: kept open` };
    return { weekday: i + 1, ...judge(days) };
  });
  const closed = new Set(closedHolidays);
  const holidays = holidaysFor(custom).map((h): HolidayProposal => {
    const days = holidayDays.get(h.id) ?? [];
    if (days.length > 0) return { id: h.id, name: h.name, ...judge(days) };
    return closed.has(h.id)
      ? { id: h.id, name: h.name, proposal: 'closed', datesSeen: 0, datesWithContacts: 0, reason: 'never seen in the history: closed because the calendar says closed' }
      : { id: h.id, name: h.name, proposal: 'open', datesSeen: 0, datesWithContacts: 0, reason: 'never seen in the history: assumed open (the calendar does not close it)' };
  });
  return { weekdays, holidays };
}
