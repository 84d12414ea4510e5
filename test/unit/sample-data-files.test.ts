/**
 * The files the generator writes: CSV bytes (header, LF, empty for null, true/false),
 * byte-for-byte determinism, the expected-rates file, Parquet with typed columns, and the
 * CLI's flag checking.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, readFileSync, rmSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONTACT_COLUMNS, contactLine, generateContacts, writeSampleData } from '../../server/sample-data/index.ts';
import { sampleDataArgs } from '../../server/cli/commands/sample-data.ts';

const dir = mkdtempSync(join(tmpdir(), 'staffcast-sample-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// 2025-11-01 … 2025-11-04: a Saturday, the fall-back Sunday, Monday, Tuesday.
const OPTIONS = { days: 4, seed: 42, endDate: '2025-11-04', timezone: 'America/Los_Angeles', scale: 0.3 };

describe('CSV output', () => {
  it('writes a header, one LF-terminated line per contact, the same bytes every time', async () => {
    const a = join(dir, 'a.csv');
    const b = join(dir, 'b.csv');
    const expected = join(dir, 'expected.csv');
    const progress: number[] = [];
    const ra = await writeSampleData({ ...OPTIONS, out: a, expectedOut: expected, onProgress: (d, t) => progress.push(d / t) });
    const rb = await writeSampleData({ ...OPTIONS, out: b });
    expect(progress).toEqual([0.25, 0.5, 0.75, 1]);
    const text = readFileSync(a, 'utf8');
    expect(readFileSync(b, 'utf8')).toBe(text);
    expect(ra.rows).toBe(rb.rows);
    expect(text.includes('\r')).toBe(false);
    const lines = text.split('\n');
    expect(lines.pop()).toBe(''); // ends in LF
    expect(lines[0]).toBe(CONTACT_COLUMNS.join(','));
    expect(lines.length - 1).toBe(ra.rows);
    const contacts = [...generateContacts(OPTIONS)];
    expect(lines.slice(1)).toEqual(contacts.map((c) => contactLine(c).slice(0, -1)));
    // An abandoned call: empty answered_at, talk/hold/acw, agent; booleans spelled out.
    const abandon = contacts.find((c) => c.answered_at === null && !c.ivr_contained)!;
    const fields = contactLine(abandon).slice(0, -1).split(',');
    expect(fields).toHaveLength(20);
    expect(fields[8]).toBe('');
    expect(fields[9]).toBe(abandon.ended_at);
    expect(fields.slice(10, 14)).toEqual(['', '', '', '']);
    expect(fields[16]).toBe('false');
  });

  it('writes the expected arrivals per queue, channel and local interval, with the UTC offset', () => {
    const lines = readFileSync(join(dir, 'expected.csv'), 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('queue,channel,period,expected_arrivals');
    const rows = lines.slice(1).map((l) => l.split(','));
    // The repeated hour of the fall-back day appears with both offsets (email never closes).
    expect(rows.some((r) => r[1] === 'email' && r[2] === '2025-11-02T01:30:00-07:00')).toBe(true);
    expect(rows.some((r) => r[1] === 'email' && r[2] === '2025-11-02T01:30:00-08:00')).toBe(true);
    // No voice on Sunday; voice on Monday from 08:00 local.
    expect(rows.some((r) => r[1] === 'voice' && r[2]!.startsWith('2025-11-02'))).toBe(false);
    expect(rows.some((r) => r[1] === 'voice' && r[2] === '2025-11-03T08:00:00-08:00')).toBe(true);
    expect(rows.some((r) => r[1] === 'voice' && r[2] === '2025-11-03T07:30:00-08:00')).toBe(false);
    // The expected total is close to what arrived (Poisson: within a few standard deviations).
    const total = rows.reduce((a, r) => a + Number(r[3]), 0);
    const offered = [...generateContacts(OPTIONS)].filter((c) => !c.ivr_contained).length;
    expect(Math.abs(offered - total)).toBeLessThan(4 * Math.sqrt(total));
  });

  it('refuses an output that is neither .csv nor .parquet', async () => {
    await expect(writeSampleData({ ...OPTIONS, out: join(dir, 'x.txt') })).rejects.toThrow('invalid out');
  });
});

describe('Parquet output', () => {
  it('types every column and holds the same rows as the CSV, byte-identical twice', async () => {
    const p1 = join(dir, 'one.parquet');
    const p2 = join(dir, 'two.parquet');
    const r = await writeSampleData({ ...OPTIONS, out: p1 });
    await writeSampleData({ ...OPTIONS, out: p2 });
    expect(readFileSync(p1).equals(readFileSync(p2))).toBe(true);
    expect(readdirSync(dir).some((f) => f.includes('.tmp-'))).toBe(false); // temporary CSV removed
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    try {
      const types = (await conn.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${p1}')`)).getRowObjectsJson();
      expect(Object.fromEntries(types.map((t) => [t.column_name, t.column_type]))).toMatchObject({
        tier: 'TINYINT',
        offered_at: 'TIMESTAMP WITH TIME ZONE',
        answered_at: 'TIMESTAMP WITH TIME ZONE',
        talk_s: 'DOUBLE',
        transferred: 'BOOLEAN',
        ivr_contained: 'BOOLEAN',
        csat: 'TINYINT',
        nps: 'TINYINT',
      });
      const [row] = (
        await conn.runAndReadAll(
          `SELECT count(*)::INTEGER AS n, count(answered_at)::INTEGER AS answered, count(DISTINCT contact_id)::INTEGER AS ids,
                  min(epoch(offered_at))::BIGINT::VARCHAR AS first FROM read_parquet('${p1}')`,
        )
      ).getRowObjectsJson();
      const contacts = [...generateContacts(OPTIONS)];
      expect(row).toEqual({
        n: r.rows,
        answered: contacts.filter((c) => c.answered_at !== null).length,
        ids: r.rows,
        first: String(Date.parse(contacts[0]!.offered_at) / 1000),
      });
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
    expect(existsSync(p1)).toBe(true);
  });
});

describe('sample-data CLI flags', () => {
  const out = join(dir, 'cli.csv');
  it('fills in the defaults', () => {
    expect(sampleDataArgs({ out })).toEqual({
      days: 800,
      seed: 42,
      endDate: '2026-11-15',
      timezone: 'America/Los_Angeles',
      scale: 1,
      out,
    });
    expect(sampleDataArgs({ out, days: '30', seed: '7', scale: '0.5', expected: join(dir, 'e.csv'), endDate: '2025-01-31' })).toMatchObject({
      days: 30,
      seed: 7,
      scale: 0.5,
      endDate: '2025-01-31',
      expectedOut: join(dir, 'e.csv'),
    });
  });

  it.each([
    [{ days: 'ten' }, 'invalid --days'],
    [{ days: '0' }, 'invalid --days'],
    [{ days: '1e3' }, 'invalid --days'],
    [{ seed: '-1' }, 'invalid --seed'],
    [{ scale: 'big' }, 'invalid --scale'],
    [{ scale: '0' }, 'invalid --scale'],
    [{ endDate: '2025-13-01' }, 'invalid --end-date'],
    [{ timezone: 'Pacific/Nowhere' }, 'invalid --timezone'],
    [{ expected: join(dir, 'e.txt') }, 'invalid --expected'],
    [{ out: join(dir, 'x.json') }, 'invalid --out'],
    [{ out: join(dir, 'no-such-folder', 'x.csv') }, 'invalid --out'],
    [{ out: undefined }, 'invalid --out'],
  ])('rejects %o naming the flag', (flags, message) => {
    expect(() => sampleDataArgs({ out, ...flags })).toThrow(message);
    try {
      sampleDataArgs({ out, ...flags });
    } catch (e) {
      expect((e as Error).name).toBe('UsageError');
    }
  });
});
