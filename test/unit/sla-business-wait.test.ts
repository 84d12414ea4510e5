/**
 * SLA waits in business time (server/wfm/sla): an email answered over a weekend, over an
 * observed holiday, across both DST changes in America/New_York (2025-03-09 02:00 EST →
 * 03:00 EDT; 2025-11-02 02:00 EDT → 01:00 EST), a business-day deadline; the calendar rows
 * the SQL joins against (B(t1) − B(t0)) equal businessSecondsBetween; the definitions'
 * validation names the field; status bands. Every expected value is worked out beside it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../server/wfm/inputError.ts';
import { businessDayRows, type OpenIntervalRow, openIntervalRows } from '../../server/wfm/sla/calendarTables.ts';
import { contactCounts, readSla, type SlaContact } from '../../server/wfm/sla/counts.ts';
import { DEFAULT_SLAS, parseSlaDefinition, parseSlaDefinitions, type SlaDefinition } from '../../server/wfm/sla/definition.ts';
import { slaMargin, slaStatus } from '../../server/wfm/sla/status.ts';
import { businessDaysDeadline, businessSecondsBetween, openIntervals, type SiteCalendar } from '../../server/wfm/siteCalendar.ts';

const NY = 'America/New_York';
const nine2five = [{ start: '09:00', end: '17:00' }];
/** Mon–Fri 09:00–17:00, Labor Day observed. */
const cal: SiteCalendar = {
  timeZone: NY,
  hours: [{ queue: '*', channel: '*', weekly: { 1: nine2five, 2: nine2five, 3: nine2five, 4: nine2five, 5: nine2five } }],
  holidays: ['labor_day'],
  customHolidays: [],
  exceptions: [],
};
const at = (iso: string) => Date.parse(iso);
const email = DEFAULT_SLAS.find((d) => d.id === 'email-response')!;
const msg = (offered: string, answered: string | null): SlaContact => ({
  queue: 'Email',
  channel: 'email',
  tier: 1,
  offeredMs: at(offered),
  answeredMs: answered === null ? null : at(answered),
  endedMs: null,
  ivrContained: false,
});

describe('business waits', () => {
  it('Friday 16:00 → Monday 11:00 with 9–17 hours is 3 business hours', () => {
    // Fri 2025-08-22 16:00–17:00 EDT = 1 h; Sat, Sun closed; Mon 2025-08-25 09:00–11:00 = 2 h.
    const c = msg('2025-08-22T16:00:00-04:00', '2025-08-25T11:00:00-04:00');
    expect(businessSecondsBetween(cal, 'Email', 'email', c.offeredMs, c.answeredMs!)).toBe(3 * 3600);
    const counts = contactCounts(email, cal, c)!;
    // 3 h ≤ 24 h: answered within; the wait sum is 10,800 business seconds.
    expect(counts).toEqual({ offered: 1, answered: 1, abandoned: 0, shortAbandoned: 0, answeredWithin: 1, waitSum: 10_800, outsideWindow: 0 });
  });

  it('skips an observed holiday (Labor Day, Monday 2025-09-01)', () => {
    // Fri 08-29 16:00–17:00 = 1 h; Sat, Sun, Mon (Labor Day) closed; Tue 09-02 09:00–11:00 = 2 h.
    expect(businessSecondsBetween(cal, 'Email', 'email', at('2025-08-29T16:00:00-04:00'), at('2025-09-02T11:00:00-04:00'))).toBe(3 * 3600);
  });

  it('counts the hours as lived across both DST changes', () => {
    // Fall back: Fri 2025-10-31 16:00 EDT – Mon 2025-11-03 11:00 EST: 1 h + 2 h (the extra
    // hour of Sunday night is closed); the wall clock ran 68 h (20:00Z Oct 31 → 16:00Z Nov 3).
    const fall = msg('2025-10-31T16:00:00-04:00', '2025-11-03T11:00:00-05:00');
    expect((fall.answeredMs! - fall.offeredMs) / 3.6e6).toBe(68);
    expect(contactCounts(email, cal, fall)!.waitSum).toBe(3 * 3600);
    // Spring forward: Fri 2025-03-07 16:00 EST – Mon 2025-03-10 11:00 EDT: 3 h (66 h of wall time).
    const spring = msg('2025-03-07T16:00:00-05:00', '2025-03-10T11:00:00-04:00');
    expect((spring.answeredMs! - spring.offeredMs) / 3.6e6).toBe(66);
    expect(contactCounts(email, cal, spring)!.waitSum).toBe(3 * 3600);
  });

  it('misses 24 business hours by a week-long wait, and counts an unanswered message as a miss', () => {
    // Fri 2025-09-12 12:00 → Thu 09-18 12:00: Fri 5 h + Mon 8 + Tue 8 + Wed 8 + Thu 3 = 32 h > 24.
    const late = contactCounts(email, cal, msg('2025-09-12T12:00:00-04:00', '2025-09-18T12:00:00-04:00'))!;
    expect(late.waitSum).toBe(32 * 3600);
    expect(late.answeredWithin).toBe(0);
    const never = contactCounts(email, cal, msg('2025-09-16T09:00:00-04:00', null))!;
    expect(never).toMatchObject({ offered: 1, abandoned: 1, shortAbandoned: 0, answeredWithin: 0 });
    // Reading the three: within 0 of denominator answered 1 + abandoned 1 − short 0 = 2.
    const sum = { ...late, offered: 2, abandoned: 1 };
    expect(readSla(email, sum)).toMatchObject({ value: 0, numerator: 0, denominator: 2, status: 'red', averageWaitSeconds: 32 * 3600 });
  });

  it('a business-days threshold is the close of the n-th business day after arrival', () => {
    const twoDays = parseSlaDefinition({ ...email, id: 'email-2bd', threshold: 2, unit: 'business_days' });
    // Fri 2025-08-29, 2 business days: Tue 09-02 (Mon is Labor Day), then Wed 09-03, closing 17:00.
    const t = at('2025-08-29T16:00:00-04:00');
    expect(businessDaysDeadline(cal, 'Email', 'email', t, 2).dueMs).toBe(at('2025-09-03T17:00:00-04:00'));
    expect(contactCounts(twoDays, cal, msg('2025-08-29T16:00:00-04:00', '2025-09-03T17:00:00-04:00'))!.answeredWithin).toBe(1);
    expect(contactCounts(twoDays, cal, msg('2025-08-29T16:00:00-04:00', '2025-09-03T17:00:01-04:00'))!.answeredWithin).toBe(0);
    // The SQL's table: the business days numbered from Thu 08-28 are 08-28 (1), 08-29 (2),
    // 09-02 (3), 09-03 (4); due = the day numbered 2 + 2 = 4, closing 09-03 17:00.
    const days = businessDayRows(cal, [{ queue: 'Email', channel: 'email' }], '2025-08-28', '2025-09-04');
    expect(days.map((d) => [d.date, d.n])).toEqual([
      ['2025-08-28', 1],
      ['2025-08-29', 2],
      ['2025-09-02', 3],
      ['2025-09-03', 4],
    ]);
    expect(days[3]!.closeMs).toBe(at('2025-09-03T17:00:00-04:00'));
  });
});

/** B(t): open ms up to t, from the rows, as the SQL reads it (the last interval starting ≤ t). */
function cumulative(rows: OpenIntervalRow[], t: number): number {
  let best: OpenIntervalRow | null = null;
  for (const r of rows) if (r.start <= t) best = r;
  return best ? best.before + Math.min(t - best.start, best.end - best.start) : 0;
}

describe('calendar rows for SQL', () => {
  it('B(t1) − B(t0) equals businessSecondsBetween, across weekends, a holiday and DST (seeded)', () => {
    const from = at('2025-02-24T00:00:00-05:00');
    const to = at('2025-12-01T00:00:00-05:00');
    const rows = openIntervalRows(cal, [{ queue: 'Email', channel: 'email' }], from, to);
    fc.assert(
      fc.property(fc.integer({ min: from, max: to }), fc.integer({ min: 0, max: 10 * 86_400_000 }), (t0, d) => {
        const t1 = Math.min(t0 + d, to);
        expect((cumulative(rows, t1) - cumulative(rows, t0)) / 1000).toBe(businessSecondsBetween(cal, 'Email', 'email', t0, t1));
      }),
      { seed: 1103, numRuns: 300 },
    );
  });
});

describe('calendar rows reuse', () => {
  it('pairs that share hours share intervals; a queue with its own hours or exception gets its own', () => {
    const own: SiteCalendar = {
      ...cal,
      hours: [...cal.hours, { queue: 'Claims', channel: 'voice', weekly: { 1: [{ start: '07:00', end: '19:00' }] } }],
      exceptions: [{ date: '2025-09-03', queue: 'Billing', channel: '*', name: 'Training', open: [] }],
    };
    const pairs = [
      { queue: 'Email', channel: 'email' },
      { queue: 'Claims', channel: 'voice' },
      { queue: 'Billing', channel: 'voice' },
      { queue: 'Billing', channel: 'chat' },
    ];
    const from = at('2025-08-25T00:00:00-04:00');
    const to = at('2025-09-15T00:00:00-04:00');
    const rows = openIntervalRows(own, pairs, from, to);
    for (const p of pairs) {
      const mine = rows.filter((r) => r.queue === p.queue && r.channel === p.channel).map((r) => [r.start, r.end]);
      expect(mine, `${p.queue}/${p.channel}`).toEqual(openIntervals(own, p.queue, p.channel, from, to));
    }
  });
});

describe('definitions', () => {
  it('the defaults parse, and a list refuses a duplicate id naming it', () => {
    expect(parseSlaDefinitions(DEFAULT_SLAS)).toEqual(DEFAULT_SLAS);
    expect(() => parseSlaDefinitions([DEFAULT_SLAS[0], DEFAULT_SLAS[0]])).toThrow('invalid slas[1].id: duplicates voice-service-level');
  });

  it.each([
    [{ metric: 'speed' }, 'invalid metric: must be one of service_level, abandon_rate, average_wait'],
    [{ threshold: -1 }, 'invalid threshold: must be above 0'],
    [{ unit: 'hours' }, 'invalid unit: must be one of seconds, minutes, business_hours, business_days'],
    [{ target: 80 }, 'invalid target: must be a fraction from 0 to 1 (0.8 = 80%)'],
    [{ amber: 0.9 }, 'invalid amber: must be at or below the target (the far edge of the amber band)'],
    [{ window: { weekdays: [1], start: '20:00', end: '08:00' } }, 'invalid window.end: must be after start (windows do not cross midnight)'],
    [{ threshold: 1.5, unit: 'business_days' }, 'invalid threshold: must be a whole number of business days'],
    [{ colour: 'red' }, 'invalid colour: unknown field'],
  ])('refuses %j', (change, message) => {
    expect(() => parseSlaDefinition({ ...DEFAULT_SLAS[0], ...change })).toThrow(new InputError('x', 'y').constructor);
    expect(() => parseSlaDefinition({ ...DEFAULT_SLAS[0], ...change })).toThrow(message);
  });

  it('status bands: higher and lower is better, margin signed toward good', () => {
    const voice = DEFAULT_SLAS[0]!; // target 0.8, amber 0.7
    expect([0.8, 0.75, 0.7, 0.69].map((v) => slaStatus(voice, v))).toEqual(['green', 'amber', 'amber', 'red']);
    const abandon = DEFAULT_SLAS.find((d) => d.metric === 'abandon_rate')!; // ≤ 0.05, amber to 0.08
    expect([0.05, 0.06, 0.08, 0.081].map((v) => slaStatus(abandon, v))).toEqual(['green', 'amber', 'amber', 'red']);
    const noAmber: SlaDefinition = { ...abandon, amber: null };
    expect(slaStatus(noAmber, 0.051)).toBe('red');
    expect(slaStatus(voice, null)).toBeNull();
    // 0.75 − 0.8 = −0.05 (missed by 5 points); 0.05 − 0.03 = +0.02 (met with 2 points to spare).
    expect(slaMargin(voice, 0.75)).toBeCloseTo(-0.05, 12);
    expect(slaMargin(abandon, 0.03)).toBeCloseTo(0.02, 12);
  });
});
