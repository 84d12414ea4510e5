/**
 * Mapping profiles (issue 9): the profile checked naming the field, and its value rules
 * applied to records exactly; what cannot be read passes as written for the canonical
 * validation to reject with its own reason.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyMapping, convertDuration, convertTime, headerIndex } from '../../server/wfm/mapping/apply.ts';
import { onlyRenamesColumns, parseMappingProfile } from '../../server/wfm/mapping/profile.ts';

const REQUIRED = { contact_id: 'Call ID', queue: 'Skill', offered_at: 'Start' };

describe('parseMappingProfile', () => {
  it('accepts a full profile and normalizes tokens and value keys', () => {
    const p = parseMappingProfile({
      name: 'acme',
      columns: { ...REQUIRED, talk_s: 'Talk', transferred: 'Xfer' },
      constants: { channel: 'voice' },
      delimiter: 'semicolon',
      timeFormat: 'MM/DD/YYYY hh:mm:ss A',
      timeZone: 'Etc/GMT+7',
      durationUnit: 'hms',
      booleans: { true: [' Ja '], false: ['Nein'] },
      values: { queue: { 'Billing Q': 'billing' } },
    });
    expect(p.booleans).toEqual({ true: ['ja'], false: ['nein'] });
    expect(p.values).toEqual({ queue: { 'billing q': 'billing' } });
    expect(onlyRenamesColumns(p)).toBe(false);
    expect(onlyRenamesColumns(parseMappingProfile({ columns: REQUIRED, timeZone: 'America/Denver' }))).toBe(true);
  });

  it.each([
    [{ columns: { contact_id: 'a', queue: 'b' } }, 'invalid columns.offered_at: a required column must be mapped'],
    [{ columns: { ...REQUIRED, callid: 'x' } }, 'invalid columns.callid: not a canonical column (see docs/ingest.md)'],
    [{ columns: { ...REQUIRED, agent_id: 'skill' } }, 'invalid columns.agent_id: "skill" is already mapped to queue'],
    [{ columns: REQUIRED, delimiter: ':' }, 'invalid delimiter: expected one of comma, semicolon, tab, pipe'],
    [{ columns: REQUIRED, timeFormat: 'HH:mm' }, 'invalid timeFormat: expected iso, epoch_s, epoch_ms, or a pattern with YYYY, MM and DD (e.g. MM/DD/YYYY hh:mm:ss A)'],
    [{ columns: REQUIRED, timeFormat: 'YYYY-MM-DD hh:mm' }, 'invalid timeFormat: a 12-hour clock (hh) needs A (AM/PM), and A needs hh'],
    [{ columns: REQUIRED, timeZone: 'Mars/Olympus' }, 'invalid timeZone: Mars/Olympus is not an IANA time zone'],
    [{ columns: REQUIRED, durationUnit: 'h' }, 'invalid durationUnit: expected one of s, ms, min, hms'],
    [{ columns: REQUIRED, booleans: { true: ['y'], false: ['Y'] } }, 'invalid booleans: "y" cannot be both true and false'],
    [{ columns: REQUIRED, values: { agent_id: {} } }, 'invalid values.agent_id: values can be mapped for queue, channel, plan, state, tier, reason'],
    [{ columns: REQUIRED, constants: { member_id: 'x' } }, 'invalid constants.member_id: must come from the file'],
    [{ columns: REQUIRED, extra: 1 }, 'invalid extra: unknown mapping field'],
  ])('refuses %j', (input, message) => {
    expect(() => parseMappingProfile(input)).toThrow(message);
  });
});

describe('value rules', () => {
  it('times: patterns to local ISO, 12-hour clocks, epochs to UTC; a misfit passes as written', () => {
    expect(convertTime('08/21/2026 09:00:12 PM', 'MM/DD/YYYY hh:mm:ss A')).toBe('2026-08-21T21:00:12');
    expect(convertTime('08/21/2026 12:05:00 AM', 'MM/DD/YYYY hh:mm:ss A')).toBe('2026-08-21T00:05:00');
    expect(convertTime('08/21/2026 12:05:00 PM', 'MM/DD/YYYY hh:mm:ss A')).toBe('2026-08-21T12:05:00');
    expect(convertTime('3.2.1999 7:05', 'D.M.YYYY H:mm')).toBe('1999-02-03T07:05:00');
    expect(convertTime('1999-02-03 07:05:00.250', 'YYYY-MM-DD HH:mm:ss.SSS')).toBe('1999-02-03T07:05:00.250');
    // 1,000,000,000 s after the epoch = 2001-09-09T01:46:40Z.
    expect(convertTime('1000000000', 'epoch_s')).toBe('2001-09-09T01:46:40.000Z');
    expect(convertTime('1000000000500', 'epoch_ms')).toBe('2001-09-09T01:46:40.500Z');
    expect(convertTime('21/08/2026', 'MM/DD/YYYY hh:mm:ss A')).toBe('21/08/2026');
    expect(convertTime('13/21/2026 01:00:00 AM', 'MM/DD/YYYY hh:mm:ss A')).toBe('2026-13-21T01:00:00'); // the canonical reader rejects month 13
  });

  it('durations: 1:02:03 = 3723 s, 1234 ms = 1.234 s, 2.5 min = 150 s; unreadable as written', () => {
    expect(convertDuration('1:02:03', 'hms')).toBe('3723');
    expect(convertDuration('02:03.5', 'hms')).toBe('123.5');
    expect(convertDuration('1234', 'ms')).toBe('1.234');
    expect(convertDuration('2.5', 'min')).toBe('150');
    expect(convertDuration('[None]', 'hms')).toBe('[None]');
  });

  it('a record: headers matched case-insensitively, constants, booleans, value maps, empty stays empty', () => {
    const p = parseMappingProfile({
      columns: { contact_id: 'call id', queue: 'SKILL', offered_at: 'Start', talk_s: 'Talk', transferred: 'Xfer', csat: 'Survey' },
      constants: { channel: 'voice' },
      timeFormat: 'DD.MM.YYYY HH:mm',
      durationUnit: 'hms',
      booleans: { true: ['ja'], false: ['nein'] },
      values: { queue: { 'Billing Q': 'billing' } },
    });
    const header = ['Call ID', 'Skill', 'Start', 'Talk', 'Xfer', 'Survey', 'Unused'];
    const { index, missing } = headerIndex(p, header);
    expect(missing).toEqual([]);
    expect(applyMapping(p, index, ['c1', 'BILLING Q', '03.02.1999 07:05', '0:05:30', 'Ja', '', 'x'])).toEqual({
      contact_id: 'c1',
      queue: 'billing',
      channel: 'voice',
      offered_at: '1999-02-03T07:05:00',
      talk_s: '330',
      transferred: 'true',
      csat: '',
    });
    expect(headerIndex(p, ['Call ID', 'Skill']).missing).toEqual(['Start (for offered_at)', 'Talk (for talk_s)', 'Xfer (for transferred)', 'Survey (for csat)']);
  });

  it('property: whole seconds written as H:MM:SS read back exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99 * 3600 }), (s) => {
        const hms = `${Math.floor(s / 3600)}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
        return convertDuration(hms, 'hms') === String(s);
      }),
      { seed: 9 },
    );
  });
});
