/** How the Data page states a batch (web/src/api/upload.ts). */
import { describe, expect, it } from 'vitest';
import { batchView, browserMessage } from '../../../web/src/api/upload.ts';

const counts = (read: number, accepted: number, rejected: number, present: number) => ({ rowsRead: read, rowsAccepted: accepted, rowsRejected: rejected, rowsAlreadyPresent: present });

describe('batchView', () => {
  it('a refused batch whose rows were read: counts add up, nothing loaded, rows of the refusal listed', () => {
    // 10 rows: 7 passed every rule, 3 bad (30% > the 1% limit): 10 = 7 + 3 + 0, none loaded.
    const v = batchView({
      outcome: 'refused',
      ...counts(10, 7, 3, 0),
      read: true,
      refusal: { code: 'too_many_bad_rows', rowCount: 3, rows: [{ row: 5, line: 6, rule: 'invalid offered_at: not a valid date and time' }] },
    });
    expect(v).toMatchObject({ loaded: false, read: true, headline: 'Refused: the rows were read and checked, but nothing was committed' });
    expect(v.refusal).toEqual({ code: 'too_many_bad_rows', rowCount: 3, rows: [{ row: 5, line: 6, rule: 'invalid offered_at: not a valid date and time' }] });
  });

  it('a refused batch not read says so (never "Rejected 0")', () => {
    const v = batchView({ outcome: 'refused', ...counts(0, 0, 0, 0), read: false, refusal: { code: 'missing_columns', rowCount: 0, rows: [] } });
    expect(v.read).toBe(false);
    expect(v.headline).toBe('Refused: the rows were not read and nothing was committed');
  });

  it('an older server (no read flag): a refused batch whose counts do not add up is not read', () => {
    // 10 read, 0 accepted, 3 rejected, 0 present: 0 + 3 + 0 ≠ 10.
    expect(batchView({ outcome: 'refused', ...counts(10, 0, 3, 0) }).read).toBe(false);
    expect(batchView({ outcome: 'committed', ...counts(10, 7, 3, 0) })).toMatchObject({ loaded: true, read: true });
    expect(batchView({ outcome: 'duplicate_file', ...counts(0, 0, 0, 0) })).toMatchObject({ loaded: false, read: false });
  });
});

describe('browserMessage', () => {
  it('names the box on the page, never a CLI flag', () => {
    expect(browserMessage('times without offset: declare the zone they are in (--timezone, e.g. America/Los_Angeles) or export timestamps with offsets')).toBe(
      'times without offset: declare the zone they are in (the “Time zone” box, e.g. America/Los_Angeles) or export timestamps with offsets',
    );
    expect(browserMessage('unsupported type: the file is Parquet, not CSV (use --format parquet)')).toBe('unsupported type: the file is Parquet, not CSV (give the file a name ending in .parquet)');
    expect(browserMessage('too many bad rows: 3 of 10; raise --max-reject-share 0.05')).toBe('too many bad rows: 3 of 10; raise the “Refuse the file above” box');
    expect(browserMessage('bad mapping (see --mapping)')).toBe('bad mapping');
    expect(browserMessage('invalid channel: not one of voice, chat')).toBe('invalid channel: not one of voice, chat');
  });
});
