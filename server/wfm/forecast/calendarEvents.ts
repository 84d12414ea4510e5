/**
 * Calendar annotations for a forecast chart: federal holidays, enrollment seasons and the
 * planner's own events that overlap a date range.
 */
import { holidaysBetween, seasonsBetween } from '../calendar.ts';
import type { CalendarEvent, UserEvent } from './types.ts';

/** Holidays, seasons and user events overlapping [from, to] (inclusive), by start date. */
export function calendarEvents(from: string, to: string, userEvents: readonly UserEvent[] = []): CalendarEvent[] {
  const out: CalendarEvent[] = [
    ...holidaysBetween(from, to).map((h) => ({ start: h.date, end: h.date, label: h.name, kind: 'holiday' as const })),
    ...seasonsBetween(from, to).map((s) => ({ start: s.start, end: s.end, label: s.label, kind: 'season' as const })),
    ...userEvents.filter((e) => e.start <= to && e.end >= from).map((e) => ({ start: e.start, end: e.end, label: e.name, kind: 'user' as const })),
  ];
  return out.sort((a, b) => a.start.localeCompare(b.start) || a.kind.localeCompare(b.kind));
}
