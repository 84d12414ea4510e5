/**
 * The holidays a site can choose to close for: the US federal holidays as observed
 * (server/wfm/calendar.ts, 5 U.S.C. 6103), the common additions — the day after
 * Thanksgiving and Christmas Eve — and the plan's own named closures. Pure.
 */
import { federalHolidays } from './calendar.ts';
import { addDays } from './timezone.ts';

export type HolidayId =
  | 'new_years_day'
  | 'mlk_day'
  | 'washingtons_birthday'
  | 'memorial_day'
  | 'juneteenth'
  | 'independence_day'
  | 'labor_day'
  | 'columbus_day'
  | 'veterans_day'
  | 'thanksgiving_day'
  | 'christmas_day'
  | 'day_after_thanksgiving'
  | 'christmas_eve';

/** The federal holiday names of calendar.ts → their ids. */
const FEDERAL_IDS: Record<string, HolidayId> = {
  "New Year's Day": 'new_years_day',
  'Martin Luther King Jr. Day': 'mlk_day',
  "Washington's Birthday": 'washingtons_birthday',
  'Memorial Day': 'memorial_day',
  Juneteenth: 'juneteenth',
  'Independence Day': 'independence_day',
  'Labor Day': 'labor_day',
  'Columbus Day': 'columbus_day',
  'Veterans Day': 'veterans_day',
  'Thanksgiving Day': 'thanksgiving_day',
  'Christmas Day': 'christmas_day',
};

export interface HolidayDefinition {
  id: string;
  name: string;
  kind: 'federal' | 'common' | 'plan';
  /** Observed dates within calendar year `year`. */
  datesIn(year: number): string[];
}

const federal = (id: HolidayId, name: string): HolidayDefinition => ({
  id,
  name,
  kind: 'federal',
  datesIn: (year) =>
    federalHolidays(year)
      .filter((h) => FEDERAL_IDS[h.name] === id)
      .map((h) => h.date),
});

/** Every catalogue holiday, federal ones first, in calendar order. */
export const HOLIDAY_CATALOGUE: readonly HolidayDefinition[] = [
  ...Object.entries(FEDERAL_IDS).map(([name, id]) => federal(id, name)),
  {
    id: 'day_after_thanksgiving',
    name: 'Day after Thanksgiving',
    kind: 'common',
    datesIn: (year) =>
      federalHolidays(year)
        .filter((h) => h.name === 'Thanksgiving Day')
        .map((h) => addDays(h.date, 1)),
  },
  // The calendar date Dec 24, whatever its weekday (a site closed on weekends is closed anyway).
  { id: 'christmas_eve', name: 'Christmas Eve', kind: 'common', datesIn: (year) => [`${year}-12-24`] },
];

/** The catalogue plus the plan's own named closures. */
export function holidaysFor(custom: readonly { id: string; name: string; dates: readonly string[] }[]): HolidayDefinition[] {
  return [...HOLIDAY_CATALOGUE, ...custom.map((c) => ({ id: c.id, name: c.name, kind: 'plan' as const, datesIn: (year: number) => c.dates.filter((d) => d.startsWith(`${year}-`)) }))];
}

/** Every holiday of the catalogue and `custom` falling on `date`, chosen by the site or not. */
export function holidaysOnDate(date: string, custom: readonly { id: string; name: string; dates: readonly string[] }[]): HolidayDefinition[] {
  const year = Number(date.slice(0, 4));
  return holidaysFor(custom).filter((h) => h.datesIn(year).includes(date));
}
