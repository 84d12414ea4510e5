/** Header checks: canonical columns found by name (any order, any case), mapping, refusals. */
import { describe, expect, it } from 'vitest';
import { checkMapping, planColumns } from '../../server/ingest/columns.ts';

const REQUIRED = ['contact_id', 'queue', 'offered_at'];

describe('planColumns', () => {
  it('finds columns by name in any order and case, and reports unknown ones', () => {
    const p = planColumns([' Offered_At', 'notes', 'QUEUE', 'contact_id', '']);
    expect(Object.fromEntries(p.position)).toEqual({ offered_at: 0, queue: 2, contact_id: 3 });
    expect(p.unknownColumns).toEqual(['notes', '(unnamed column 5)']);
  });

  it('refuses missing required columns, naming them, with a delimiter hint for one-column headers', () => {
    expect(() => planColumns(['contact_id', 'queue'])).toThrow(/^missing required column: offered_at$/);
    expect(() => planColumns(['contact_id;queue;offered_at'])).toThrow(/^missing required columns: contact_id, queue, offered_at; the header has one column: is the delimiter ";"\? Only "," is read$/);
    expect(() => planColumns([''])).toThrow(/^empty file: no header row$/);
  });

  it('refuses duplicate names (which DuckDB would silently rename x_1)', () => {
    expect(() => planColumns([...REQUIRED, 'Queue'])).toThrow(/^invalid header: the column name "Queue" appears twice \(columns 2 and 4\)$/);
  });

  it('applies a mapping; the mapped header wins over a same-named column, which becomes unknown', () => {
    const p = planColumns(['CallID', 'Skill', 'Start', 'queue'], checkMapping({ columns: { contact_id: 'CallID', queue: 'Skill', offered_at: 'start' } }));
    expect(Object.fromEntries(p.position)).toEqual({ contact_id: 0, queue: 1, offered_at: 2 });
    expect(p.unknownColumns).toEqual(['queue']);
    expect(() => planColumns(['CallID'], checkMapping({ columns: { contact_id: 'Call' } }))).toThrow(/^invalid mapping: the file has no column "Call" \(mapped to contact_id\)$/);
  });
});

describe('checkMapping', () => {
  it('accepts canonical names mapped to distinct headers only', () => {
    expect(checkMapping({ columns: { queue: 'Skill' } })).toEqual({ columns: { queue: 'Skill' } });
    expect(() => checkMapping({ columns: { caller: 'X' } })).toThrow(/^invalid mapping: "caller" is not a canonical column/);
    expect(() => checkMapping({ columns: { queue: 'X', reason: 'x' } })).toThrow(/both name the column "x"/);
    expect(() => checkMapping({ columns: { queue: 3 } })).toThrow(/must be a non-empty string/);
    expect(() => checkMapping([])).toThrow(/^invalid mapping: expected/);
    expect(() => checkMapping({ columns: ['a'] })).toThrow(/must be an object/);
  });
});
