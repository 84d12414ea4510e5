/**
 * Case deadlines (server/wfm/cases): due dates in business days across a weekend, an
 * observed holiday and both DST changes; calendar days; expedited cases in hours across the
 * spring-forward change; extensions; which rule applies; a case acknowledged on its deadline
 * day is on time. Calendar: America/New_York, Monday–Friday 09:00–17:00, closed on the
 * federal holidays (Independence Day 2026 falls on a Saturday and is observed on Friday
 * 2026-07-03; Veterans Day is Wednesday 2026-11-11). DST 2026: Sunday 2026-03-08 02:00 EST
 * → 03:00 EDT; Sunday 2026-11-01 02:00 EDT → 01:00 EST. Every value is worked out beside it.
 */
import { describe, expect, it } from 'vitest';
import { checkCaseRow, parseCaseTimestamp } from '../../server/wfm/cases/caseRecord.ts';
import { BUILT_IN_RULES, effectiveRules, parseDeadlineRule, ruleFor } from '../../server/wfm/cases/deadlineRules.ts';
import { dueFor, onTime } from '../../server/wfm/cases/dueDates.ts';
import { InputError } from '../../server/wfm/inputError.ts';
import { defaultCalendar, type SiteCalendar } from '../../server/wfm/siteCalendar.ts';

const NY = 'America/New_York';
const nine2five = [{ start: '09:00', end: '17:00' }];
const CAL: SiteCalendar = { ...defaultCalendar(NY), hours: [{ queue: '*', channel: '*', weekly: { 1: nine2five, 2: nine2five, 3: nine2five, 4: nine2five, 5: nine2five } }] };
const t = (iso: string) => Date.parse(iso);
const rule = (amount: number, unit: 'calendar_days' | 'business_days' | 'hours', extensionDays = 0) => ({ amount, unit, extensionDays });

describe('business-day deadlines', () => {
  it('skips the weekend across the spring-forward change', () => {
    // Received Friday 2026-03-06 15:00 EST. Business days after Friday: Monday 03-09 (the
    // first EDT weekday), Tuesday 03-10. Due by the end of Tuesday: local midnight starting
    // 03-11 = 2026-03-11T00:00-04:00 = 04:00Z.
    const due = dueFor(rule(2, 'business_days'), t('2026-03-06T15:00:00-05:00'), false, CAL);
    expect(due).toEqual({ dueDate: '2026-03-10', dueMs: t('2026-03-11T04:00:00Z'), extended: false });
  });

  it('skips an observed holiday and the weekend', () => {
    // Received Thursday 2026-07-02 10:00 EDT. Friday 07-03 is Independence Day observed,
    // Saturday and Sunday are closed: Monday 07-06 is business day 1, Tuesday 07-07 day 2.
    const due = dueFor(rule(2, 'business_days'), t('2026-07-02T10:00:00-04:00'), false, CAL);
    expect(due.dueDate).toBe('2026-07-07');
    expect(due.dueMs).toBe(t('2026-07-08T04:00:00Z'));
  });

  it('five business days over Veterans Day after the fall-back change', () => {
    // Received Friday 2026-11-06 (EST since 11-01). Mon 11-09 (1), Tue 11-10 (2), Wed 11-11
    // Veterans Day closed, Thu 11-12 (3), Fri 11-13 (4), Mon 11-16 (5). End of Monday
    // 11-16 = 2026-11-17T00:00-05:00 = 05:00Z.
    const due = dueFor(rule(5, 'business_days'), t('2026-11-06T11:30:00-05:00'), false, CAL);
    expect(due).toEqual({ dueDate: '2026-11-16', dueMs: t('2026-11-17T05:00:00Z'), extended: false });
  });

  it('counts from the day of receipt even when it arrives after closing or on a weekend', () => {
    // Saturday 2026-03-07 received: next business days Monday 03-09 and Tuesday 03-10.
    expect(dueFor(rule(2, 'business_days'), t('2026-03-07T12:00:00-05:00'), false, CAL).dueDate).toBe('2026-03-10');
    // Friday 2026-03-06 22:00 EST (after closing): still Friday's count, the same Tuesday.
    expect(dueFor(rule(2, 'business_days'), t('2026-03-06T22:00:00-05:00'), false, CAL).dueDate).toBe('2026-03-10');
  });

  it('a case acknowledged on its deadline day is on time, even after closing; the next day it is late', () => {
    const due = dueFor(rule(2, 'business_days'), t('2026-03-06T15:00:00-05:00'), false, CAL);
    expect(onTime(t('2026-03-10T09:00:00-04:00'), due)).toBe(true); // deadline day, opening
    expect(onTime(t('2026-03-10T23:59:59-04:00'), due)).toBe(true); // deadline day, last second
    expect(onTime(t('2026-03-11T00:00:00-04:00'), due)).toBe(false); // the day after
  });
});

describe('calendar-day and hour deadlines', () => {
  it('30 calendar days: the whole local day 30 days after the day of receipt', () => {
    // 2026-03-06 + 30 days = 2026-04-05 (March has 31 days: 03-06 + 25 = 03-31, + 5 = 04-05).
    // End of 04-05 EDT = 2026-04-06T04:00Z.
    const due = dueFor(rule(30, 'calendar_days', 14), t('2026-03-06T16:00:00-05:00'), false, CAL);
    expect(due).toEqual({ dueDate: '2026-04-05', dueMs: t('2026-04-06T04:00:00Z'), extended: false });
  });

  it('an extension adds 14 calendar days where the rule allows one, and nothing where it does not', () => {
    // 2026-04-05 + 14 = 2026-04-19; end of it = 2026-04-20T04:00Z.
    expect(dueFor(rule(30, 'calendar_days', 14), t('2026-03-06T16:00:00-05:00'), true, CAL)).toEqual({ dueDate: '2026-04-19', dueMs: t('2026-04-20T04:00:00Z'), extended: true });
    expect(dueFor(rule(30, 'calendar_days', 0), t('2026-03-06T16:00:00-05:00'), true, CAL).dueDate).toBe('2026-04-05');
  });

  it('expedited: 72 elapsed hours across the spring-forward change', () => {
    // 2026-03-06T16:00-05:00 = 21:00Z; + 72 h = 2026-03-09T21:00Z = 17:00 EDT on the
    // wall clock (one wall-clock hour later than 16:00: the clocks sprang forward).
    const due = dueFor(rule(72, 'hours', 14), t('2026-03-06T16:00:00-05:00'), false, CAL);
    expect(due.dueMs).toBe(t('2026-03-09T21:00:00Z'));
    expect(due.dueDate).toBe('2026-03-09');
    expect(onTime(t('2026-03-09T16:59:59-04:00'), due)).toBe(true);
    expect(onTime(t('2026-03-09T17:00:00-04:00'), due)).toBe(false);
    // Extended: + 14 × 24 h = 2026-03-23T21:00Z.
    expect(dueFor(rule(72, 'hours', 14), t('2026-03-06T16:00:00-05:00'), true, CAL).dueMs).toBe(t('2026-03-23T21:00:00Z'));
  });
});

describe('deadline rules', () => {
  const c = (type: string, program: string, priority = 'standard', plan: string | null = null) => ({ type, program, priority, plan });

  it('the built-in rules: appeal acknowledgement 2 business days, standard 30 calendar days, expedited 72 hours, claim research 5 business days, escalation 48 hours, Medicaid grievance 90 days', () => {
    const r = (m: 'acknowledge' | 'resolve', x: ReturnType<typeof c>) => {
      const found = ruleFor(BUILT_IN_RULES, m, x);
      return found && [found.amount, found.unit, found.extensionDays];
    };
    expect(r('acknowledge', c('appeal', 'medicaid'))).toEqual([2, 'business_days', 0]);
    expect(r('resolve', c('appeal', 'medicaid'))).toEqual([30, 'calendar_days', 14]);
    expect(r('resolve', c('appeal', 'medicare_advantage', 'expedited'))).toEqual([72, 'hours', 14]);
    expect(r('resolve', c('appeal', 'commercial'))).toEqual([30, 'calendar_days', 0]);
    expect(r('resolve', c('claim_research', 'marketplace'))).toEqual([5, 'business_days', 0]);
    expect(r('resolve', c('escalation', 'medicaid'))).toEqual([48, 'hours', 0]);
    expect(r('resolve', c('grievance', 'medicaid'))).toEqual([90, 'calendar_days', 14]);
    expect(r('resolve', c('grievance', 'medicare_advantage'))).toEqual([30, 'calendar_days', 14]);
    expect(r('acknowledge', c('grievance', 'medicaid'))).toBeNull();
    expect(r('resolve', c('other', 'medicaid'))).toBeNull();
    for (const rule of BUILT_IN_RULES) expect(rule.source.length).toBeGreaterThan(10);
  });

  it('a plan override wins over the built-in rule, for that plan only', () => {
    const override = parseDeadlineRule(
      { milestone: 'resolve', type: 'grievance', program: 'medicaid', plan: 'calchoice', amount: 30, unit: 'calendar_days', source: 'CalChoice contract §4.2' },
      'override',
    );
    const rules = effectiveRules([override]);
    expect(ruleFor(rules, 'resolve', c('grievance', 'medicaid', 'standard', 'calchoice'))!.amount).toBe(30);
    expect(ruleFor(rules, 'resolve', c('grievance', 'medicaid', 'standard', 'other-plan'))!.amount).toBe(90);
    // An override with the same key as a built-in rule replaces it.
    const same = parseDeadlineRule({ milestone: 'acknowledge', type: 'appeal', program: '*', priority: '*', amount: 1, unit: 'business_days', source: 'plan policy' }, 'override');
    expect(ruleFor(effectiveRules([same]), 'acknowledge', c('appeal', 'medicaid'))!.amount).toBe(1);
  });

  it('an invalid rule names the field', () => {
    const base = { milestone: 'resolve', type: 'appeal', amount: 30, unit: 'calendar_days', source: 'x' };
    const field = (x: unknown) => {
      try {
        parseDeadlineRule(x, 'override');
      } catch (e) {
        return (e as InputError).field;
      }
      return null;
    };
    expect(field({ ...base, unit: 'weeks' })).toBe('unit');
    expect(field({ ...base, amount: 0 })).toBe('amount');
    expect(field({ ...base, type: 'complaint' })).toBe('type');
    expect(field({ ...base, extensionDays: -1 })).toBe('extensionDays');
    expect(field({ ...base, deadline: 3 })).toBe('deadline');
    expect(field({ ...base, milestone: 'close' })).toBe('milestone');
    expect(() => parseDeadlineRule({ ...base, amount: 0 }, 'override')).toThrow(InputError);
  });
});

describe('case rows', () => {
  const o = { tz: null, latestMs: t('2027-01-01T00:00:00Z') };
  const row = { case_id: 'A1', member_id: ' m-001 ', type: 'Appeal', priority: '', program: 'medicaid', received_at: '2026-03-06T16:00:00-05:00', extended: 'yes' };

  it('parses and normalizes a valid row', () => {
    const r = checkCaseRow(row, o);
    expect(r).toEqual({
      ok: true,
      value: expect.objectContaining({
        caseId: 'A1',
        memberId: 'm-001',
        type: 'appeal',
        priority: 'standard',
        program: 'medicaid',
        receivedAt: t('2026-03-06T21:00:00Z'),
        extended: true,
        acknowledgedAt: null,
      }),
    });
  });

  it('rejects with the first failing rule, naming the column, never the value', () => {
    expect(checkCaseRow({ ...row, case_id: '' }, o)).toEqual({ ok: false, reason: 'invalid case_id: empty' });
    expect(checkCaseRow({ ...row, program: 'chip' }, o)).toEqual({ ok: false, reason: 'invalid program: not one of medicare_advantage, medicaid, marketplace, commercial' });
    expect(checkCaseRow({ ...row, priority: 'urgent' }, o)).toEqual({ ok: false, reason: 'invalid priority: not one of standard, expedited' });
    expect(checkCaseRow({ ...row, received_at: '03/06/2026' }, o)).toEqual({ ok: false, reason: 'invalid received_at: not an ISO 8601 timestamp (YYYY-MM-DDTHH:MM[:SS][±HH:MM|Z])' });
    expect(checkCaseRow({ ...row, received_at: '2026-02-30T10:00:00Z' }, o)).toEqual({ ok: false, reason: 'invalid received_at: not a valid date and time' });
    // No date floor: a 1999 case is real history; a placeholder date is not a recorded time.
    expect(checkCaseRow({ ...row, received_at: '1999-02-01T09:00:00Z', acknowledged_at: '', resolved_at: '' }, o)).toMatchObject({ ok: true });
    expect(checkCaseRow({ ...row, received_at: '1900-01-01T00:00:00Z' }, o)).toMatchObject({ ok: false, reason: expect.stringMatching(/^invalid received_at: a sentinel date/) });
    expect(checkCaseRow({ ...row, received_at: '1970-01-01T00:00:00Z' }, o)).toMatchObject({ ok: false, reason: expect.stringMatching(/^invalid received_at: a sentinel date/) });
    expect(checkCaseRow({ ...row, resolved_at: '2026-03-05T10:00:00Z' }, o)).toEqual({ ok: false, reason: 'invalid resolved_at: before received_at' });
    expect(checkCaseRow({ ...row, tier: '4' }, o)).toEqual({ ok: false, reason: 'invalid tier: not 1, 2 or 3' });
    expect(checkCaseRow({ ...row, extended: 'maybe' }, o)).toEqual({ ok: false, reason: 'invalid extended: not a boolean (true/false, yes/no, 1/0)' });
    expect(checkCaseRow({ ...row, received_at: '2026-03-06T16:00:00' }, o)).toEqual({ ok: false, naive: true, column: 'received_at' });
  });

  it('reads a time without an offset in the declared zone; refuses one in the spring-forward gap', () => {
    // 2026-03-06 16:00 in New York is EST (−05:00) = 21:00Z.
    expect(parseCaseTimestamp('2026-03-06T16:00:00', NY)).toEqual({ ok: true, ms: t('2026-03-06T21:00:00Z') });
    expect(parseCaseTimestamp('2026-03-08T02:30', NY)).toEqual({ ok: false, problem: 'a local time that does not exist (skipped by daylight saving)' });
    expect(parseCaseTimestamp('2026-03-06 16:00:00+0530', null)).toEqual({ ok: true, ms: t('2026-03-06T10:30:00Z') });
  });
});
