/**
 * The site calendar (server/wfm/siteCalendar.ts): business time across weekends, holidays,
 * both DST changes in America/New_York (2025-03-09: 02:00 EST jumps to 03:00 EDT;
 * 2025-11-02: 02:00 EDT falls back to 01:00 EST), a half-hour DST zone
 * (Australia/Lord_Howe, 2025-04-06: 02:00 +11:00 falls back to 01:30 +10:30; 2025-10-05:
 * 02:00 +10:30 jumps to 02:30 +11:00), a Sunday–Thursday week, and the proposals of closed
 * days from history. Every expected value is worked out in the comment beside it.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InputError } from '../../server/wfm/inputError.ts';
import { compareWithCalendar, fillCoverage, proposeClosures } from '../../server/wfm/proposeClosures.ts';
import {
  addBusinessTime,
  businessDaysDeadline,
  businessSecondsBetween,
  defaultCalendar,
  hoursOn,
  isBusinessDay,
  isOpen,
  parseSiteCalendar,
  type SiteCalendar,
  type Span,
} from '../../server/wfm/siteCalendar.ts';
import { addDays, localDateOf, localParts, localToUtc } from '../../server/wfm/timezone.ts';

const NY = 'America/New_York';
const LH = 'Australia/Lord_Howe';
const HOUR = 3600;

/** The instant of an unambiguous local wall time. */
function at(tz: string, y: number, mo: number, d: number, h: number, mi = 0): number {
  const r = localToUtc({ year: y, month: mo, day: d, hour: h, minute: mi, second: 0 }, tz);
  if (r.status !== 'ok') throw new Error(`not a single instant: ${r.status}`);
  return r.utcMs;
}

const nineToFive: Span[] = [{ start: '09:00', end: '17:00' }];

function calendar(timeZone: string, weekly: SiteCalendar['hours'][number]['weekly'], holidays: string[] = [], exceptions: SiteCalendar['exceptions'] = []): SiteCalendar {
  return { timeZone, hours: [{ queue: '*', channel: '*', weekly }], holidays, customHolidays: [], exceptions };
}

const monFri = (tz: string, holidays: string[] = []) => calendar(tz, { 1: nineToFive, 2: nineToFive, 3: nineToFive, 4: nineToFive, 5: nineToFive }, holidays);
const allDay: Span[] = [{ start: '00:00', end: '24:00' }];
const always = (tz: string) => calendar(tz, { 1: allDay, 2: allDay, 3: allDay, 4: allDay, 5: allDay, 6: allDay, 7: allDay });
const sunday = (tz: string, spans: Span[]) => calendar(tz, { 7: spans });
const saturday = (tz: string, spans: Span[]) => calendar(tz, { 6: spans });

describe('business time over a weekend and a holiday', () => {
  it('an email received Friday 16:00, answered Monday 11:00, with 9–17 hours waited 3 business hours', () => {
    // Fri 2025-06-06 16:00–17:00 = 1 h; Sat, Sun closed; Mon 2025-06-09 09:00–11:00 = 2 h; 1 + 2 = 3 h.
    const cal = monFri(NY);
    expect(businessSecondsBetween(cal, 'Email', 'email', at(NY, 2025, 6, 6, 16), at(NY, 2025, 6, 9, 11))).toBe(3 * HOUR);
    expect(isOpen(cal, 'Email', 'email', at(NY, 2025, 6, 6, 16))).toBe(true);
    expect(isOpen(cal, 'Email', 'email', at(NY, 2025, 6, 6, 17))).toBe(false); // spans are [start, end)
    expect(isOpen(cal, 'Email', 'email', at(NY, 2025, 6, 7, 12))).toBe(false); // Saturday
  });

  it('skips an observed holiday, and counts it when the site does not observe it', () => {
    // Independence Day 2025 is Friday July 4. Thu 07-03 16:00 → Mon 07-07 11:00:
    // closed on the 4th: 1 h (Thu) + 2 h (Mon) = 3 h; open on the 4th: 3 h + 8 h = 11 h.
    const t1 = at(NY, 2025, 7, 3, 16);
    const t2 = at(NY, 2025, 7, 7, 11);
    expect(businessSecondsBetween(monFri(NY, ['independence_day']), 'q', 'voice', t1, t2)).toBe(3 * HOUR);
    expect(businessSecondsBetween(monFri(NY), 'q', 'voice', t1, t2)).toBe(11 * HOUR);
  });

  it('lets a date exception open a holiday, close a day or shorten it, per queue', () => {
    // Columbus Day 2025 = Mon 10-13, observed closed; the Billing queue works it 09–13 (4 h);
    // everyone else closes early on Tue 10-14 at 12:00 (3 h), and Claims closes Wed 10-15.
    const cal: SiteCalendar = {
      ...monFri(NY, ['columbus_day']),
      exceptions: [
        { date: '2025-10-13', queue: 'Billing', channel: '*', name: 'Open on Columbus Day', open: [{ start: '09:00', end: '13:00' }] },
        { date: '2025-10-14', queue: '*', channel: '*', name: 'Town hall', open: [{ start: '09:00', end: '12:00' }] },
        { date: '2025-10-15', queue: 'Claims', channel: '*', name: 'Training', open: [] },
      ],
    };
    const day = (q: string, d: number) => businessSecondsBetween(cal, q, 'voice', at(NY, 2025, 10, d, 0), at(NY, 2025, 10, d + 1, 0));
    expect([day('Billing', 13), day('Claims', 13)]).toEqual([4 * HOUR, 0]);
    expect([day('Billing', 14), day('Claims', 14)]).toEqual([3 * HOUR, 3 * HOUR]);
    expect([day('Billing', 15), day('Claims', 15)]).toEqual([8 * HOUR, 0]);
    expect(hoursOn(cal, 'Claims', 'voice', '2025-10-13')).toEqual({ date: '2025-10-13', open: [], source: 'holiday', name: 'Columbus Day' });
  });

  it('observes the day after Thanksgiving, Christmas Eve and a plan closure when chosen', () => {
    // 2025: Thanksgiving Thu 11-27, the day after Fri 11-28; Christmas Eve Wed 12-24.
    const cal: SiteCalendar = {
      ...monFri(NY, ['day_after_thanksgiving', 'christmas_eve', 'plan_day']),
      customHolidays: [{ id: 'plan_day', name: 'Plan founders day', dates: ['2025-09-12'] }],
    };
    expect(['2025-11-27', '2025-11-28', '2025-12-24', '2025-09-12', '2025-09-11'].map((d) => isBusinessDay(cal, 'q', 'voice', d))).toEqual([
      true, // Thanksgiving itself not chosen
      false,
      false,
      false,
      true,
    ]);
  });
});

describe('business time across DST in America/New_York', () => {
  it('counts a weekend with the spring change between Friday and Monday as 2 hours', () => {
    // Fri 2025-03-07 16:00 EST → Mon 2025-03-10 10:00 EDT: 1 h + 1 h = 2 h (wall time 65 h).
    expect(businessSecondsBetween(monFri(NY), 'q', 'voice', at(NY, 2025, 3, 7, 16), at(NY, 2025, 3, 10, 10))).toBe(2 * HOUR);
  });

  it('counts the spring-forward day as lived: a span across the gap loses an hour, one inside it is empty', () => {
    // Sun 2025-03-09 00:00 EST → 06:00 EDT: 05:00Z → 10:00Z = 5 h, not 6.
    const day = (spans: Span[]) => businessSecondsBetween(sunday(NY, spans), 'q', 'voice', at(NY, 2025, 3, 8, 12), at(NY, 2025, 3, 10, 12));
    expect(day([{ start: '00:00', end: '06:00' }])).toBe(5 * HOUR);
    // 02:30 does not exist: the span opens when the clock jumps, 03:00 EDT → 04:00 EDT = 1 h.
    expect(day([{ start: '02:30', end: '04:00' }])).toBe(1 * HOUR);
    // 02:15–02:45 never happens: 0, and the day is not a business day.
    expect(day([{ start: '02:15', end: '02:45' }])).toBe(0);
    expect(isBusinessDay(sunday(NY, [{ start: '02:15', end: '02:45' }]), 'q', 'voice', '2025-03-09')).toBe(false);
    // The whole day 00:00–24:00 is 23 h.
    expect(day(allDay)).toBe(23 * HOUR);
  });

  it('counts an overnight span crossing the spring change as 7 hours and the fall change as 9', () => {
    // Sat 22:00 → Sun 06:00, 8 h on the wall. Spring: 22:00 EST (03:00Z) → 06:00 EDT (10:00Z) = 7 h.
    const night = [{ start: '22:00', end: '06:00' }];
    expect(businessSecondsBetween(saturday(NY, night), 'q', 'voice', at(NY, 2025, 3, 8, 12), at(NY, 2025, 3, 9, 12))).toBe(7 * HOUR);
    // Fall: Sat 11-01 22:00 EDT (02:00Z) → Sun 11-02 06:00 EST (11:00Z) = 9 h.
    expect(businessSecondsBetween(saturday(NY, night), 'q', 'voice', at(NY, 2025, 11, 1, 12), at(NY, 2025, 11, 2, 12))).toBe(9 * HOUR);
    // Open at 01:30 both times the clock reads it: 05:30Z (EDT) and 06:30Z (EST).
    expect(isOpen(saturday(NY, night), 'q', 'voice', Date.UTC(2025, 10, 2, 5, 30))).toBe(true);
    expect(isOpen(saturday(NY, night), 'q', 'voice', Date.UTC(2025, 10, 2, 6, 30))).toBe(true);
  });

  it('counts the repeated fall-back hour twice: a span is open whenever the clock reads inside it', () => {
    const day = (spans: Span[]) => businessSecondsBetween(sunday(NY, spans), 'q', 'voice', at(NY, 2025, 11, 1, 12), at(NY, 2025, 11, 3, 12));
    // 00:00 EDT (04:00Z) → 03:00 EST (08:00Z) = 4 h.
    expect(day([{ start: '00:00', end: '03:00' }])).toBe(4 * HOUR);
    // 01:00–01:30 happens twice: 05:00Z–05:30Z (EDT) and 06:00Z–06:30Z (EST) = 1 h in all.
    const twice = sunday(NY, [{ start: '01:00', end: '01:30' }]);
    expect(day([{ start: '01:00', end: '01:30' }])).toBe(1 * HOUR);
    expect([5.25, 5.75, 6.25].map((h) => isOpen(twice, 'q', 'voice', Date.UTC(2025, 10, 2, 0, h * 60)))).toEqual([true, false, true]); // 01:15 EDT, 01:45 EDT, 01:15 EST
    // 00:00–01:00 ends when the clock first reads 01:00: 04:00Z → 05:00Z = 1 h, not 2.
    expect(day([{ start: '00:00', end: '01:00' }])).toBe(1 * HOUR);
    // The whole day is 25 h.
    expect(day(allDay)).toBe(25 * HOUR);
  });
});

describe('a zone whose DST shift is 30 minutes (Australia/Lord_Howe)', () => {
  it('has a 23.5-hour day in October and a 24.5-hour day in April', () => {
    const cal = always(LH);
    // 2025-10-05 00:00 +10:30 (10-04 13:30Z) → 10-06 00:00 +11:00 (10-05 13:00Z) = 23.5 h.
    expect(businessSecondsBetween(cal, 'q', 'voice', at(LH, 2025, 10, 5, 0), at(LH, 2025, 10, 6, 0))).toBe(23.5 * HOUR);
    // 2025-04-06 00:00 +11:00 (04-05 13:00Z) → 04-07 00:00 +10:30 (04-06 13:30Z) = 24.5 h.
    expect(businessSecondsBetween(cal, 'q', 'voice', at(LH, 2025, 4, 6, 0), at(LH, 2025, 4, 7, 0))).toBe(24.5 * HOUR);
  });

  it('counts a 01:00–03:00 span as 1.5 hours on the spring day and 2.5 hours on the fall day', () => {
    const span = [{ start: '01:00', end: '03:00' }];
    // 10-05 01:00 +10:30 (10-04 14:30Z) → 03:00 +11:00 (10-04 16:00Z) = 1.5 h.
    expect(businessSecondsBetween(sunday(LH, span), 'q', 'voice', Date.UTC(2025, 9, 4, 0), Date.UTC(2025, 9, 5, 0))).toBe(1.5 * HOUR);
    // 04-06 01:00 +11:00 (04-05 14:00Z) → 03:00 +10:30 (04-05 16:30Z) = 2.5 h.
    expect(businessSecondsBetween(sunday(LH, span), 'q', 'voice', Date.UTC(2025, 3, 5, 0), Date.UTC(2025, 3, 6, 0))).toBe(2.5 * HOUR);
    // 02:15 +10:30 does not exist on 10-05: the span 02:15–03:00 opens at the jump (02:30 +11:00), 30 min.
    expect(businessSecondsBetween(sunday(LH, [{ start: '02:15', end: '03:00' }]), 'q', 'voice', Date.UTC(2025, 9, 4, 0), Date.UTC(2025, 9, 5, 0))).toBe(0.5 * HOUR);
  });
});

describe('a Sunday–Thursday week (Asia/Riyadh, UTC+3, no DST)', () => {
  const RY = 'Asia/Riyadh';
  const sunThu = calendar(RY, {
    7: [{ start: '08:00', end: '17:00' }],
    1: [{ start: '08:00', end: '17:00' }],
    2: [{ start: '08:00', end: '17:00' }],
    3: [{ start: '08:00', end: '17:00' }],
    4: [{ start: '08:00', end: '17:00' }],
  });

  it('skips Friday and Saturday', () => {
    // Thu 2025-06-05 16:00 → Sun 2025-06-08 10:00: 1 h (Thu) + 2 h (Sun) = 3 h.
    expect(businessSecondsBetween(sunThu, 'q', 'email', at(RY, 2025, 6, 5, 16), at(RY, 2025, 6, 8, 10))).toBe(3 * HOUR);
    expect(['2025-06-05', '2025-06-06', '2025-06-07', '2025-06-08'].map((d) => isBusinessDay(sunThu, 'q', 'email', d))).toEqual([true, false, false, true]);
  });

  it('sets a two-business-day deadline at the close of the second business day', () => {
    // Received Thu 06-05 16:00: business day 1 = Sun 06-08, day 2 = Mon 06-09; close 17:00 +03 = 14:00Z.
    expect(businessDaysDeadline(sunThu, 'q', 'email', at(RY, 2025, 6, 5, 16), 2)).toEqual({ date: '2025-06-09', dueMs: Date.UTC(2025, 5, 9, 14) });
  });

  it('adds business time over the weekend', () => {
    // Thu 16:00 + 3 h: 1 h to Thu 17:00, Fri and Sat closed, 2 h from Sun 08:00 → Sun 10:00 +03 = 07:00Z.
    expect(addBusinessTime(sunThu, 'q', 'email', at(RY, 2025, 6, 5, 16), 3 * HOUR)).toBe(Date.UTC(2025, 5, 8, 7));
  });
});

describe('deadlines in business days', () => {
  it('acknowledges an email received on Friday in 2 business days by the close of Tuesday, skipping a Monday holiday', () => {
    const cal = monFri(NY, ['labor_day']);
    // Fri 2025-08-29; Mon 09-01 is Labor Day: day 1 = Tue 09-02, day 2 = Wed 09-03; 17:00 EDT = 21:00Z.
    expect(businessDaysDeadline(cal, 'q', 'email', at(NY, 2025, 8, 29, 16), 2)).toEqual({ date: '2025-09-03', dueMs: Date.UTC(2025, 8, 3, 21) });
    expect(() => businessDaysDeadline(cal, 'q', 'email', 0, 0)).toThrow(InputError);
  });
});

describe('laws of business time (fast-check, seeded)', () => {
  const calendars: SiteCalendar[] = [
    { ...defaultCalendar(NY), exceptions: [{ date: '2025-03-10', queue: '*', channel: '*', name: 'short', open: [{ start: '10:00', end: '11:30' }] }] },
    saturday(NY, [
      { start: '22:00', end: '06:00' },
      { start: '01:00', end: '01:30' },
    ]),
    sunday(NY, [
      { start: '00:00', end: '01:00' },
      { start: '01:15', end: '01:45' },
      { start: '02:30', end: '04:00' },
      { start: '20:00', end: '24:00' },
    ]),
    calendar(LH, {
      7: [
        { start: '01:00', end: '03:00' },
        { start: '23:30', end: '02:15' },
      ],
      3: [{ start: '09:00', end: '17:00' }],
    }),
  ];
  // Instants from 2025-02-20 to 2025-11-20 (both DST changes of both zones), minute resolution.
  const instant = fc.integer({ min: Date.UTC(2025, 1, 20) / 60_000, max: Date.UTC(2025, 10, 20) / 60_000 }).map((m) => m * 60_000);
  const calIndex = fc.integer({ min: 0, max: calendars.length - 1 });
  const sorted3 = fc.tuple(instant, fc.integer({ min: 0, max: 20 * 1440 }), fc.integer({ min: 0, max: 20 * 1440 })).map(([a, b, c]) => [a, a + b * 60_000, a + (b + c) * 60_000] as const);

  it('is additive over a split point and never more than wall time', () => {
    fc.assert(
      fc.property(calIndex, sorted3, (i, [t1, t2, t3]) => {
        const cal = calendars[i]!;
        const a = businessSecondsBetween(cal, 'q', 'voice', t1, t2);
        const b = businessSecondsBetween(cal, 'q', 'voice', t2, t3);
        const whole = businessSecondsBetween(cal, 'q', 'voice', t1, t3);
        return a + b === whole && whole >= 0 && whole <= (t3 - t1) / 1000;
      }),
      { seed: 10, numRuns: 150 },
    );
  });

  it('is open exactly when the wall clock reads a time inside a span (an oracle from localParts)', () => {
    // Independent of the instant arithmetic: read the wall clock at t, and look the minute up
    // in the spans of that date, and in the spans of the day before that cross midnight.
    const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
    const oracle = (cal: SiteCalendar, t: number): boolean => {
      const p = localParts(t, cal.timeZone);
      const date = localDateOf(t, cal.timeZone);
      const m = p.hour * 60 + p.minute;
      const today = hoursOn(cal, 'q', 'voice', date).open.some((sp) => {
        const a = minutes(sp.start);
        const b = minutes(sp.end);
        return b > a ? a <= m && m < b : a <= m;
      });
      const overnight = hoursOn(cal, 'q', 'voice', addDays(date, -1)).open.some((sp) => minutes(sp.end) <= minutes(sp.start) && m < minutes(sp.end));
      return today || overnight;
    };
    // Instants near the four DST changes of 2025 in New York and Lord Howe, to the minute.
    const changes = [Date.UTC(2025, 2, 9, 7), Date.UTC(2025, 10, 2, 6), Date.UTC(2025, 3, 5, 15), Date.UTC(2025, 9, 4, 15, 30)];
    const near = fc.tuple(fc.constantFrom(...changes), fc.integer({ min: -36 * 60, max: 36 * 60 })).map(([c, m]) => c + m * 60_000);
    fc.assert(
      fc.property(calIndex, fc.oneof(near, instant), (i, t) => isOpen(calendars[i]!, 'q', 'voice', t) === oracle(calendars[i]!, t)),
      { seed: 13, numRuns: 400 },
    );
  });

  it('is zero when closed throughout', () => {
    // A calendar open only on Wednesdays 09–17 in Lord_Howe has nothing from Thursday 00:00 to Tuesday 24:00.
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 6 * 1440 }), fc.integer({ min: 0, max: 6 * 1440 }), (week, a, b) => {
        const cal = calendar(LH, { 3: nineToFive });
        // Local midnight starting a Thursday (2025-01-02 is one), through the April DST change;
        // 6 × 1440 minutes later is Wednesday 00:00 ± 30 min, before Wednesday opens.
        const [yy, mm, dd] = addDays('2025-01-02', 7 * week)
          .split('-')
          .map(Number) as [number, number, number];
        const thursday = at(LH, yy, mm, dd, 0);
        const [x, y] = a <= b ? [a, b] : [b, a];
        return businessSecondsBetween(cal, 'q', 'voice', thursday + x * 60_000, thursday + y * 60_000) === 0;
      }),
      { seed: 11, numRuns: 100 },
    );
  });

  it('addBusinessTime inverts businessSecondsBetween', () => {
    fc.assert(
      fc.property(calIndex, instant, fc.integer({ min: 0, max: 60 * 60 }), (i, t, minutes) => {
        const cal = calendars[i]!;
        const due = addBusinessTime(cal, 'q', 'voice', t, minutes * 60);
        // Exactly that much business time has passed, and none of it sooner.
        const exact = businessSecondsBetween(cal, 'q', 'voice', t, due) === minutes * 60;
        const earliest = minutes === 0 || isOpen(cal, 'q', 'voice', due - 1);
        return exact && earliest;
      }),
      { seed: 12, numRuns: 150 },
    );
  });
});

describe('parseSiteCalendar names the field at fault', () => {
  const ok = defaultCalendar(NY);
  it('accepts the default calendar as it comes back from JSON', () => {
    expect(parseSiteCalendar(JSON.parse(JSON.stringify(ok)))).toEqual(ok);
  });
  it.each([
    [{ ...ok, timeZone: 'Mars/Olympus' }, 'timeZone'],
    [{ ...ok, holidays: ['groundhog_day'] }, 'holidays[0]'],
    [{ ...ok, hours: [{ queue: '*', channel: '*', weekly: { 8: [] } }] }, 'hours[0].weekly.8'],
    [{ ...ok, hours: [{ queue: '*', channel: '*', weekly: { 1: [{ start: '9:00', end: '17:00' }] } }] }, 'hours[0].weekly.1[0].start'],
    [{ ...ok, hours: [{ queue: '*', channel: '*', weekly: { 1: [{ start: '09:00', end: '24:30' }] } }] }, 'hours[0].weekly.1[0].end'],
    [{ ...ok, exceptions: [{ date: '2025-02-30', queue: '*', channel: '*', name: 'x', open: [] }] }, 'exceptions[0].date'],
    [{ ...ok, hours: [ok.hours[0], ok.hours[0]] }, 'hours[1]'],
    [{ ...ok, exception: [] }, 'exception'], // misspelt: refused, not ignored
    [{ ...ok, hours: [{ queue: '*', channel: '*', weekly: { 1: [{ start: '09:00', end: '17:00', open: true }] } }] }, 'hours[0].weekly.1[0].open'],
    [
      {
        ...ok,
        exceptions: [
          { date: '2025-12-31', queue: '*', channel: '*', name: 'a', open: [] },
          { date: '2025-12-31', queue: '*', channel: '*', name: 'b', open: [] },
        ],
      },
      'exceptions[1]',
    ],
    [
      {
        ...ok,
        customHolidays: [
          { id: 'retreat', name: 'a', dates: [] },
          { id: 'retreat', name: 'b', dates: [] },
        ],
      },
      'customHolidays[1].id',
    ],
    [{ ...ok, customHolidays: [{ id: 'christmas_eve', name: 'Eve', dates: [] }] }, 'customHolidays[0].id'],
  ])('refuses %j naming %s', (input, field) => {
    try {
      parseSiteCalendar(input);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).field).toBe(field);
    }
  });
});

describe('proposeClosures', () => {
  // 2002 and 2003: Columbus Day Mon 2002-10-14 and 2003-10-13 with calls (the US bank was
  // open); Christmas 2002-12-25 and 2003-12-25 with none; Sundays with none, Saturdays with some.
  const history = [
    { date: '2002-10-14', contacts: 31_000 },
    { date: '2003-10-13', contacts: 35_300 },
    { date: '2002-12-25', contacts: 0 },
    { date: '2003-12-25', contacts: 0 },
    { date: '2003-10-11', contacts: 12_000 }, // Saturday
    { date: '2003-10-12', contacts: 0 }, // Sunday
    { date: '2003-10-19', contacts: 0 }, // Sunday
    { date: '2003-10-14', contacts: 40_000 }, // Tuesday
  ];
  // The calendar closes Juneteenth and opens Monday–Saturday.
  const p = proposeClosures(history, { closedHolidays: ['juneteenth'], openWeekdays: [1, 2, 3, 4, 5, 6] });
  const holiday = (id: string) => p.holidays.find((h) => h.id === id)!;

  it('proposes a holiday with contacts open and one with none in every year closed', () => {
    expect(holiday('columbus_day')).toMatchObject({ proposal: 'open', datesSeen: 2, datesWithContacts: 2, reason: 'contacts on 2 of 2 dates seen, latest 2003-10-13 (35300)' });
    expect(holiday('christmas_day')).toMatchObject({ proposal: 'closed', datesSeen: 2, datesWithContacts: 0, reason: 'no contacts on any of 2 dates seen (2002, 2003)' });
  });

  it('keeps a holiday never seen open unless the calendar closes it', () => {
    expect(holiday('labor_day')).toMatchObject({ proposal: 'open', datesSeen: 0, reason: 'never seen in the history: assumed open (the calendar does not close it)' });
    expect(holiday('juneteenth')).toMatchObject({ proposal: 'closed', datesSeen: 0, reason: 'never seen in the history: closed because the calendar says closed' });
  });

  it('judges weekdays without the holidays: Monday is known only from Columbus Days, so not seen', () => {
    expect(p.weekdays.map((w) => [w.weekday, w.proposal, w.datesSeen])).toEqual([
      [1, 'open', 0],
      [2, 'open', 1],
      [3, 'open', 0],
      [4, 'open', 0], // Christmas 2003 is a Thursday: a holiday, not counted
      [5, 'open', 0],
      [6, 'open', 1],
      [7, 'closed', 2],
    ]);
    expect(p.weekdays[0]!.reason).toBe('no Monday in the history (other than holidays): open as the calendar says');
    expect(p.weekdays[6]!.reason).toBe('no contacts on any of 2 dates seen (2003)');
  });

  it('keeps a weekday never seen as the calendar has it', () => {
    // No history at all: Sunday closed and Monday open, as the calendar says.
    const empty = proposeClosures([], { openWeekdays: [1, 2, 3, 4, 5, 6] });
    expect(empty.weekdays.map((w) => w.proposal)).toEqual(['open', 'open', 'open', 'open', 'open', 'open', 'closed']);
    expect(empty.weekdays[6]!.reason).toBe('no Sunday in the history (other than holidays): closed as the calendar says');
  });

  it('reads a contact log: the days between with no rows are zeros, and differences are counted', () => {
    // 2025-12-24 (Wed) and 12-26 (Fri) have contacts; 12-25 has no row, so 0: Christmas closed.
    const filled = fillCoverage([
      { date: '2025-12-26', contacts: 7 },
      { date: '2025-12-24', contacts: 5 },
    ]);
    expect(filled).toEqual([
      { date: '2025-12-24', contacts: 5 },
      { date: '2025-12-25', contacts: 0 },
      { date: '2025-12-26', contacts: 7 },
    ]);
    const c = compareWithCalendar(proposeClosures(filled), [1, 2, 3, 4, 5], ['christmas_eve']);
    // Christmas: history closed, calendar open (not observed); Christmas Eve: history open, calendar closed;
    // Saturday and Sunday unseen: open by default proposal, closed in the calendar. 4 differences.
    expect(c.holidays.find((h) => h.id === 'christmas_day')).toMatchObject({ proposal: 'closed', calendar: 'open' });
    expect(c.holidays.find((h) => h.id === 'christmas_eve')).toMatchObject({ proposal: 'open', calendar: 'closed' });
    expect(c.differences).toBe(4);
  });
});
