import { describe, expect, it } from 'vitest';
import { spansToText, textToSpans } from '../../../web/src/lib/spans.ts';

describe('opening hours typed as text', () => {
  it('reads hyphens, dashes and "to", pads single-digit hours, and keeps what it cannot read for the validation to name', () => {
    expect(textToSpans('8:00-12:00, 13:00 – 17:00; 22:00 to 06:00')).toEqual([
      { start: '08:00', end: '12:00' },
      { start: '13:00', end: '17:00' },
      { start: '22:00', end: '06:00' },
    ]);
    expect(textToSpans('  ')).toEqual([]);
    expect(textToSpans('noon')).toEqual([{ start: 'noon', end: '' }]);
  });

  it('writes spans back as the page shows them, and round-trips', () => {
    const spans = [
      { start: '08:00', end: '12:00' },
      { start: '13:00', end: '24:00' },
    ];
    expect(spansToText(spans)).toBe('08:00–12:00, 13:00–24:00');
    expect(textToSpans(spansToText(spans))).toEqual(spans);
    expect(spansToText(undefined)).toBe('');
  });
});
