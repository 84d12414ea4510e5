/**
 * CSV outside the contact-log ingest: the shared reader/writer (server/wfm/csv.ts, on
 * d3-dsv) and the CLI inputs that use it — `forecast --series`, `plan`/`simulate`
 * `--arrivals` and `--scheduled` — with a quoted comma and a quoted line break, and line
 * numbers in messages that stay right after them.
 */
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readPlanIntervals } from '../../server/cli/commands/plan.ts';
import { csvCell, readCsvRecords, toCsv } from '../../server/wfm/csv.ts';
import { parseSeriesCsv } from '../../server/wfm/forecast/parseSeries.ts';

const dir = mkdtempSync(join(tmpdir(), 'staffcast-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('readCsvRecords', () => {
  it('reads quoted commas, doubled quotes, line breaks in quotes, CRLF and a BOM; lines are physical lines', () => {
    const text = '\uFEFFperiod,note,calls\r\n"2025-01-06T08:00:00-05:00","snow, closed","1,5"\r\n\r\nx,"two\nlines",2\n"a""b",,3\n,,\n';
    expect(readCsvRecords(text)).toEqual({
      header: ['period', 'note', 'calls'],
      records: [
        { line: 2, fields: ['2025-01-06T08:00:00-05:00', 'snow, closed', '1,5'] },
        // line 3 is blank; this record spans lines 4-5.
        { line: 4, fields: ['x', 'two\nlines', '2'] },
        { line: 6, fields: ['a"b', '', '3'] },
        // line 7 (",,") has no value: skipped.
      ],
    });
  });

  it('an empty text has no header and no records', () => {
    expect(readCsvRecords('')).toEqual({ header: [], records: [] });
    expect(readCsvRecords('\n\n')).toEqual({ header: [], records: [] });
  });
});

describe('toCsv', () => {
  it('quotes commas, quotes and line breaks, and neutralises formulas', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvCell(-3.5)).toBe('-3.5');
    expect(csvCell(null)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
    expect(toCsv([{ queue: 'a,b', note: 'x\ny', n: 2 }])).toBe('queue,note,n\n"a,b","x\ny",2\n');
  });

  it('reads back what it writes (text not starting like a formula)', () => {
    const cell = fc.string().filter((s) => !/^[=+\-@\t\r]/.test(s));
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell), { minLength: 1, maxLength: 5 }), (rows) => {
        const text = toCsv(rows.map(([a, b]) => ({ a, b })));
        const back = readCsvRecords(text);
        expect(back.header).toEqual(['a', 'b']);
        // Rows whose cells are all empty are skipped by the reader.
        expect(back.records.map((r) => r.fields)).toEqual(rows.filter(([a, b]) => a !== '' || b !== ''));
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe('forecast --series', () => {
  it('reads a quoted comma and a quoted line break in another column', () => {
    const p = parseSeriesCsv('date,note,value\n2025-01-06,"snow, closed at\nnoon",10\n2025-01-07,,12\n', 'America/New_York');
    expect(p).toEqual({ granularity: 'day', daily: { start: '2025-01-06', values: [10, 12] }, notes: [] });
  });

  it('names the physical line of a bad value after a quoted line break', () => {
    // Line 1 header, lines 2-3 the first record, line 4 the bad one.
    expect(() => parseSeriesCsv('date,note,value\n2025-01-06,"two\nlines",10\n2025-01-07,,x\n', 'America/New_York')).toThrow('invalid value on line 4: "x" is not a number');
  });
});

describe('plan / simulate --arrivals and --scheduled', () => {
  it('read a quoted comma and a quoted line break', () => {
    const arrivals = file('arrivals.csv', 'period,calls,aht,note\n2025-01-06T08:00:00-05:00,"12.5",180,"storm, phones\nbusy"\n2025-01-06T08:30:00-05:00,10,200,\n');
    const scheduled = file('scheduled.csv', 'period,note,scheduled\n2025-01-06T08:00:00-05:00,"a,\nb",4\n2025-01-06T08:30:00-05:00,,3\n');
    expect(readPlanIntervals(arrivals, scheduled)).toEqual([
      { period: '2025-01-06T08:00:00-05:00', calls: 12.5, aht: 180, scheduled: 4 },
      { period: '2025-01-06T08:30:00-05:00', calls: 10, aht: 200, scheduled: 3 },
    ]);
  });

  it('name the physical line of a bad value after a quoted line break', () => {
    // Line 1 header, lines 2-3 the first record, line 4 the bad one.
    const arrivals = file('bad.csv', 'period,calls,aht,note\n2025-01-06T08:00:00-05:00,12,180,"two\nlines"\n2025-01-06T08:30:00-05:00,x,200,\n');
    expect(() => readPlanIntervals(arrivals)).toThrow('invalid --arrivals: line 4, calls "x" is not a number');
  });
});
