/** CSV export: RFC 4180 quoting and neutralised formula cells (CSV injection). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../../web/src/lib/csv.ts';

describe('csv', () => {
  it('quotes cells with commas, quotes and line breaks', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(0.8)).toBe('0.8');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(true)).toBe('true');
  });

  it('prefixes formula-looking text with a quote, but not negative numbers', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell('medicaid')).toBe('medicaid');
  });

  it('builds a table with CRLF line ends', () => {
    expect(
      toCsv(
        ['queue', 'offered'],
        [
          ['a', 1],
          ['=b', null],
        ],
      ),
    ).toBe("queue,offered\r\na,1\r\n'=b,\r\n");
  });

  it('law: no text cell ever starts with a formula character', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const out = csvCell(s);
        const unquoted = out.startsWith('"') ? out.slice(1) : out;
        expect(/^[=+\-@\t\r]/.test(unquoted)).toBe(false);
      }),
      { seed: 118 },
    );
  });
});
