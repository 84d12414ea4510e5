/**
 * INGEST-CASES.md, "Rows and fields": each bad row gets its reject reason (and the good rows
 * of the same file commit), each flagged row is kept with its flag, and the derived columns
 * (wait_s, abandoned, handle_s, local_date, interval15/30) are worked out by hand.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contact, csv, openTestDb, rejectsOf, row, type Row, type TestDb } from '../fixtures/ingest/helpers.ts';

let t: TestDb;
beforeEach(async () => {
  t = await openTestDb();
});
afterEach(() => t.close());

/**
 * Ingests a good row C0 plus `bad` as row 2 and expects row 2 rejected with `reason`,
 * C0 committed, and nothing of the bad row stored.
 */
let seq = 0;
async function expectReject(bad: Row, reason: string, options = {}) {
  const n = ++seq;
  const good = `G${n}`;
  const badId = bad.contact_id ?? `BAD${n}`;
  const r = await t.ingest(t.file(`f${n}.csv`, csv([row({ contact_id: good }), row({ ...bad, contact_id: badId })])), options);
  expect(r).toMatchObject({ outcome: 'committed', rowsRead: 2, rowsAccepted: 1, rowsRejected: 1, rowsAlreadyPresent: 0 });
  expect(r.rejectReasons).toEqual([{ reason, count: 1 }]);
  const rejects = await rejectsOf(t.db, r.batchId);
  expect(rejects.map(({ row, reason }) => ({ row, reason }))).toEqual([{ row: 2, reason }]);
  expect(await contact(t.db, badId)).toBeUndefined();
  expect(await contact(t.db, good)).toBeDefined();
}

/** Ingests one row and returns the stored contact. */
async function stored(over: Row, options = {}) {
  const r = await t.ingest(t.file(`f${Math.random().toString(36).slice(2)}.csv`, csv([row(over)])), options);
  expect(r).toMatchObject({ outcome: 'committed', rowsAccepted: 1, rowsRejected: 0 });
  return (await contact(t.db, over.contact_id ?? 'C1'))!;
}

describe('derived columns of a good row', () => {
  it('answered contact: wait, handle, local date and interval starts', async () => {
    // offered 09:07:30 PDT = 16:07:30Z; answered 09:07:45 -> wait 15 s;
    // handle 300 + 30 + 60 = 390 s; the 09:00 PDT quarter-hour and half-hour start at 16:00Z.
    expect(await stored({ offered_at: '2025-06-02T09:07:30-07:00', answered_at: '2025-06-02T09:07:45-07:00', ended_at: '2025-06-02T09:13:15-07:00' })).toMatchObject({
      offered_at: '2025-06-02T16:07:30Z',
      answered_at: '2025-06-02T16:07:45Z',
      wait_s: 15,
      abandoned: false,
      handle_s: 390,
      local_date: '2025-06-02',
      interval15: '2025-06-02T16:00:00Z',
      interval30: '2025-06-02T16:00:00Z',
      channel: 'voice',
      tier: 1,
      csat: 5,
      nps: 9,
      flags: [],
    });
  });

  it('abandoned contact: wait = ended - offered, no handle time', async () => {
    // 23:50:00 PDT on June 2 is 06:50Z on June 3, but the local date is June 2; left after 95 s.
    const c = await stored({
      offered_at: '2025-06-02T23:50:00-07:00',
      answered_at: '',
      ended_at: '2025-06-02T23:51:35-07:00',
      talk_s: '',
      hold_s: '',
      acw_s: '',
    });
    expect(c).toMatchObject({ wait_s: 95, abandoned: true, handle_s: null, local_date: '2025-06-02', interval15: '2025-06-03T06:45:00Z', interval30: '2025-06-03T06:30:00Z' });
  });

  it('IVR-contained contact: not abandoned, no wait', async () => {
    const c = await stored({ answered_at: '', ivr_contained: 'true', talk_s: '', hold_s: '', acw_s: '' });
    expect(c).toMatchObject({ ivr_contained: true, abandoned: false, wait_s: null, handle_s: null });
  });
});

describe('rejected rows', () => {
  it('text in a number column; overflow', async () => {
    await expectReject({ talk_s: 'abc' }, 'invalid talk_s: not a number');
    await expectReject({ hold_s: '1e400' }, 'invalid hold_s: not a number');
    await expectReject({ acw_s: '99999999999999999999' }, 'invalid acw_s: over 86400 s');
    await expectReject({ tier: '99999999999' }, 'invalid tier: not 1, 2 or 3');
    await expectReject({ tier: 'gold' }, 'invalid tier: not 1, 2 or 3');
  });

  it('unparseable and non-ISO timestamps (never silently NULL)', async () => {
    await expectReject({ offered_at: '2025-13-45T09:00:00Z' }, 'invalid offered_at: not a valid date and time');
    await expectReject({ answered_at: 'yesterday' }, 'invalid answered_at: not an ISO 8601 timestamp (YYYY-MM-DDTHH:MM[:SS][±HH:MM|Z])');
    // Ambiguous day/month order is not guessed.
    await expectReject({ offered_at: '06/02/2025 09:00' }, 'invalid offered_at: not an ISO 8601 timestamp (YYYY-MM-DDTHH:MM[:SS][±HH:MM|Z])');
    await expectReject({ offered_at: '' }, 'invalid offered_at: empty');
  });

  it('timestamps far in the past or future', async () => {
    // No date floor: 1999 is real history and loads (the Anonymous Bank log is from 1999).
    const old = await stored({ contact_id: 'OLD1999', offered_at: '1999-02-01T08:00:00+02:00', answered_at: '', ended_at: '1999-02-01T08:01:00+02:00' });
    expect(old.offered_at).toBeDefined();
    // Sentinel dates are rejected rows with a reason: a placeholder day (any time on it, as
    // written), or the Unix epoch as an instant or as an offset-less wall clock.
    const sentinel = (n: string) => `invalid ${n}: a sentinel date (0001-01-01, 1753-01-01, 1899-12-30, 1899-12-31, 1900-01-01 or 1970-01-01T00:00:00Z), not a recorded time`;
    await expectReject({ offered_at: '0001-01-01T00:00:00Z', answered_at: '', ended_at: '0001-01-01T00:01:00Z' }, sentinel('offered_at'));
    await expectReject({ offered_at: '1900-01-01T09:30:00-05:00', answered_at: '', ended_at: '1900-01-01T09:31:00-05:00' }, sentinel('offered_at'));
    await expectReject({ offered_at: '1899-12-30 00:00:00', answered_at: '', ended_at: '1899-12-30 00:05:00' }, sentinel('offered_at'), { timezone: 'America/New_York' });
    await expectReject({ answered_at: '1970-01-01T00:00:00Z' }, sentinel('answered_at'));
    await expectReject({ ended_at: '1969-12-31T19:00:00-05:00' }, sentinel('ended_at'));
    await expectReject({ answered_at: '1970-01-01 00:00:00' }, sentinel('answered_at'), { timezone: 'America/New_York' });
    // NOW is 2026-01-15T12:00Z; a day of slack, then rejected.
    await expectReject({ offered_at: '2026-01-17T12:00:00Z', answered_at: '', ended_at: '2026-01-17T12:01:00Z' }, 'invalid offered_at: in the future');
    await expectReject({ ended_at: '2025-08-01T00:00:00Z' }, 'invalid ended_at: more than 31 days after offered_at');
  });

  it('negative durations', async () => {
    await expectReject({ talk_s: '-1' }, 'invalid talk_s: negative');
    await expectReject({ acw_s: '-0.5' }, 'invalid acw_s: negative');
  });

  it('answered before offered; ended before offered or answered (beyond the 2 s skew tolerance)', async () => {
    await expectReject({ answered_at: '2025-06-02T08:59:57-07:00' }, 'invalid answered_at: before offered_at');
    await expectReject({ answered_at: '', ended_at: '2025-06-02T08:59:00-07:00' }, 'invalid ended_at: before offered_at');
    await expectReject({ ended_at: '2025-06-02T09:00:10-07:00' }, 'invalid ended_at: before answered_at');
  });

  it('abandoned and answered at once; neither', async () => {
    const header = [...Object.keys(row()), 'abandoned'];
    const file = (r: Row) => t.file(`ab${Math.random()}.csv`, csv([row({ contact_id: 'C0', abandoned: 'false' }), row({ contact_id: 'BAD', ...r })], header));
    let res = await t.ingest(file({ abandoned: 'true' }));
    expect(res.rejectReasons).toEqual([{ reason: 'invalid abandoned: true but answered_at is set', count: 1 }]);
    res = await t.ingest(file({ abandoned: 'false', answered_at: '', contact_id: 'BAD2' }));
    expect(res.rejectReasons).toEqual([{ reason: 'invalid abandoned: false but the contact was neither answered nor contained in the IVR', count: 1 }]);
    // Without an abandoned column: not answered and no end time = the wait is unknown.
    await expectReject({ answered_at: '', ended_at: '' }, 'invalid ended_at: empty for an unanswered contact (the wait is unknown)');
    await expectReject({ ivr_contained: 'true' }, 'invalid answered_at: set on an IVR-contained contact');
  });

  it('booleans outside the token map', async () => {
    await expectReject({ transferred: 'maybe' }, 'invalid transferred: not a boolean (true/false, yes/no, y/n, t/f, 1/0)');
    await expectReject({ resolved: '2' }, 'invalid resolved: not a boolean (true/false, yes/no, y/n, t/f, 1/0)');
  });

  it('unknown channel and other codes', async () => {
    await expectReject({ channel: 'fax' }, 'invalid channel: not one of voice, chat, email, portal');
    await expectReject({ plan: 'gold-plus' }, 'invalid plan: not one of medicaid, chip, medicare_advantage, marketplace, commercial, other');
    await expectReject({ state: 'XX' }, 'invalid state: not a two-letter US state or territory code');
    await expectReject({ reason: 'chit-chat' }, 'invalid reason: not a canonical contact reason');
    await expectReject({ queue: '' }, 'invalid queue: empty');
    await expectReject({ contact_id: '' }, 'invalid contact_id: empty');
  });

  it('NUL or control characters in a field', async () => {
    await expectReject({ contact_id: 'BAD\u0000' }, 'invalid contact_id: control character');
    await expectReject({ agent_id: 'A\u00077' }, 'invalid agent_id: control character');
    await expectReject({ member_id: 'M\t1' }, 'invalid member_id: control character');
  });

  it('stores the raw values of a reject as JSON with member_id redacted', async () => {
    const r = await t.ingest(t.file('raw.csv', csv([row({ contact_id: 'C0' }), row({ contact_id: 'BAD', talk_s: 'x', member_id: 'SECRET-123' })])));
    const [rej] = await rejectsOf(t.db, r.batchId);
    const raw = JSON.parse(rej!.raw!);
    expect(raw).toMatchObject({ contact_id: 'BAD', talk_s: 'x', member_id: '[redacted]' });
    expect(rej!.raw).not.toContain('SECRET');
  });
});

describe('flagged rows (kept)', () => {
  it('survey scores out of range or fractional are dropped with a flag', async () => {
    expect(await stored({ contact_id: 'S1', csat: '7', nps: '11' })).toMatchObject({ csat: null, nps: null, flags: ['csat_out_of_range', 'nps_out_of_range'] });
    expect(await stored({ contact_id: 'S2', csat: '4.5', nps: '-1' })).toMatchObject({ csat: null, nps: null, flags: ['csat_out_of_range', 'nps_out_of_range'] });
    // The contact's volume and wait are still good.
    expect(await stored({ contact_id: 'S3', csat: '0', nps: '10' })).toMatchObject({ csat: null, nps: 10, wait_s: 15, flags: ['csat_out_of_range'] });
    await expectReject({ csat: 'great' }, 'invalid csat: not a number');
  });

  it('empty csat / nps / resolved are NULL, not flagged', async () => {
    expect(await stored({ csat: '', nps: '', resolved: '' })).toMatchObject({ csat: null, nps: null, resolved: null, flags: [] });
  });

  it('answered with 0 s or over 8 h of handle time: flagged, handle_s NULL (out of AHT)', async () => {
    expect(await stored({ contact_id: 'H0', talk_s: '0', hold_s: '0', acw_s: '0' })).toMatchObject({ handle_s: null, flags: ['handle_time_outlier'] });
    // 28000 + 800 + 1 = 28801 s > 8 h = 28800 s.
    expect(await stored({ contact_id: 'H1', talk_s: '28000', hold_s: '800', acw_s: '1', ended_at: '2025-06-02T17:00:00-07:00' })).toMatchObject({ handle_s: null, flags: ['handle_time_outlier'] });
    // Exactly 8 h is kept.
    expect(await stored({ contact_id: 'H2', talk_s: '28000', hold_s: '800', acw_s: '0', ended_at: '2025-06-02T17:00:00-07:00' })).toMatchObject({ handle_s: 28800, flags: [] });
  });

  it('clock skew within 2 s is clamped and flagged', async () => {
    // answered 1 s before offered: clamped to offered, wait 0.
    expect(await stored({ answered_at: '2025-06-02T08:59:59-07:00' })).toMatchObject({ answered_at: '2025-06-02T16:00:00Z', wait_s: 0, flags: ['clock_skew_clamped'] });
  });

  it('booleans from the token map', async () => {
    const cases: [string, boolean][] = [
      ['Y', true],
      ['n', false],
      ['yes', true],
      ['NO', false],
      ['1', true],
      ['0', false],
      ['TRUE', true],
      ['f', false],
    ];
    for (const [i, [token, value]] of cases.entries()) {
      expect(await stored({ contact_id: `B${i}`, transferred: token })).toMatchObject({ transferred: value });
    }
  });

  it('formula-looking and HTML text is stored as data, verbatim', async () => {
    const agent = '=HYPERLINK("http://x","y")';
    expect(await stored({ agent_id: agent, queue: '<b>q</b>' })).toMatchObject({ agent_id: agent, queue: '<b>q</b>' });
  });

  it('Unicode tricks: NFC, bidi and zero-width characters stripped from identifiers', async () => {
    // "Cafe" + combining acute (NFD) -> "Café" (NFC); a bidi override and a zero-width space vanish.
    const r = await t.ingest(t.file('u.csv', csv([row({ contact_id: 'C\u202E1\u200B', queue: 'Cafe\u0301' })])));
    expect(r).toMatchObject({ rowsAccepted: 1 });
    expect(await contact(t.db, 'C1')).toMatchObject({ contact_id: 'C1', queue: 'Caf\u00e9' });
  });
});

describe('time zones', () => {
  it('naive timestamps with a declared zone; mixed offsets on a DST day', async () => {
    // Declared America/New_York: 12:00 EDT = 16:00Z.
    expect(await stored({ contact_id: 'N1', offered_at: '2025-06-02 12:00:00', answered_at: '2025-06-02 12:00:15', ended_at: '2025-06-02 12:05:45' }, { timezone: 'America/New_York' })).toMatchObject({
      offered_at: '2025-06-02T16:00:00Z',
      wait_s: 15,
    });
    // Fall-back day, both 01:30s written with their offsets: two instants an hour apart.
    const rows = [
      row({ contact_id: 'D1', offered_at: '2025-11-02T01:30:00-07:00', answered_at: '2025-11-02T01:30:10-07:00', ended_at: '2025-11-02T01:35:00-07:00' }),
      row({ contact_id: 'D2', offered_at: '2025-11-02T01:30:00-08:00', answered_at: '2025-11-02T01:30:10-08:00', ended_at: '2025-11-02T01:35:00-08:00' }),
    ];
    await t.ingest(t.file('mixed-offsets.csv', csv(rows)));
    expect(await contact(t.db, 'D1')).toMatchObject({ offered_at: '2025-11-02T08:30:00Z', interval15: '2025-11-02T08:30:00Z', local_date: '2025-11-02', flags: [] });
    expect(await contact(t.db, 'D2')).toMatchObject({ offered_at: '2025-11-02T09:30:00Z', interval15: '2025-11-02T09:30:00Z', local_date: '2025-11-02', flags: [] });
  });

  it('a nonexistent local time (spring-forward gap) rejects the row', async () => {
    // 2025-03-09 02:30 does not exist in Los Angeles (02:00 PST -> 03:00 PDT).
    await expectReject({ offered_at: '2025-03-09 02:30:00', answered_at: '2025-03-09 03:31:00', ended_at: '2025-03-09 03:40:00' }, 'invalid offered_at: nonexistent local time (daylight-saving gap)', {
      timezone: 'America/Los_Angeles',
    });
  });

  it('an ambiguous local time (fall-back hour) takes the earlier instant and is flagged', async () => {
    // 2025-11-02 01:30 happens at 08:30Z (PDT) and 09:30Z (PST): the earlier is kept.
    const c = await stored({ offered_at: '2025-11-02 01:30:00', answered_at: '2025-11-02 01:30:20', ended_at: '2025-11-02 01:35:00' }, { timezone: 'America/Los_Angeles' });
    expect(c).toMatchObject({ offered_at: '2025-11-02T08:30:00Z', answered_at: '2025-11-02T08:30:20Z', wait_s: 20, flags: ['ambiguous_local_time'] });
  });
});
