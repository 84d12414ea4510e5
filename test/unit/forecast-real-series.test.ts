/**
 * Real series as they come (issue 10, "Forecasts on real series"): daylight-saving times that
 * do not exist or repeat in exports with fixed slots per day, fixed-offset zones, absent hours
 * that are unknown rather than zero, partial days, and a Sunday–Thursday week. Every figure
 * is worked by hand in the comment beside it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { forecastDaily } from '../../server/wfm/forecast/dailyForecast.ts';
import { parseSeriesCsv } from '../../server/wfm/forecast/parseSeries.ts';
import { forecastSeries } from '../../server/wfm/forecast/seriesForecast.ts';
import { addDays } from '../../server/wfm/timezone.ts';
import { requirePresent, sharedFile } from '../helpers/shared.ts';

const pad = (n: number) => String(n).padStart(2, '0');

/** Hourly rows `date HH:00,value` for each date, 24 wall-clock hours a day, as fixed-slot exports write them. */
function hourly(dates: string[], value: (date: string, hour: number) => number | null): string {
  const rows = ['timestamp,value'];
  for (const d of dates) {
    for (let h = 0; h < 24; h++) {
      const v = value(d, h);
      if (v !== null) rows.push(`${d} ${pad(h)}:00,${v}`);
    }
  }
  return rows.join('\n');
}

function interval(p: ReturnType<typeof parseSeriesCsv>) {
  if (p.granularity !== 'interval') throw new Error('expected an interval series');
  return p;
}

describe('daylight-saving times in an export with 24 slots every day', () => {
  it('counts the spring-forward 02:00 row an hour later instead of refusing the series', () => {
    // America/Denver springs forward at 02:00 on 2019-03-10: 02:00 does not exist. Read with
    // the offset before the change (MST, UTC−7), 02:00 is 09:00Z, the instant of 03:00 MDT,
    // so it is added to the 03:00 row: 5 + 7 = 12. The day has 23 intervals: 22 rows of 10
    // and that 12 = 232; the days either side 24 × 10 = 240.
    const csv = hourly(['2019-03-09', '2019-03-10', '2019-03-11'], (d, h) => (d === '2019-03-10' && h === 2 ? 5 : d === '2019-03-10' && h === 3 ? 7 : 10));
    const p = interval(parseSeriesCsv(csv, 'America/Denver'));
    expect(p.intervals.volume.get(Date.UTC(2019, 2, 10, 9))).toBe(12);
    expect(p.daily.values).toEqual([240, 232, 240]);
    expect(p.intervals.missing!.size).toBe(0);
    // Line 1 is the header, 2–25 the 9th, 26 the 10th's 00:00, 28 its 02:00.
    expect(p.notes).toEqual([
      '1 local time that does not exist in America/Denver (the spring-forward gap: line 28 2019-03-10 02:00) counted in the interval an hour later, as a clock that did not change would',
    ]);
  });

  it('takes a fall-back 01:00 seen once as covering both 01:00s, not as a missing hour', () => {
    // 2018-11-04 falls back at 02:00 MDT: 01:00 happens at 07:00Z (MDT) and 08:00Z (MST).
    // One row for it (28, about double) is the earlier instant; the later one is covered.
    // Day: 23 rows of 10 + 28 = 258 over 25 intervals, none missing.
    const csv = hourly(['2018-11-03', '2018-11-04', '2018-11-05'], (d, h) => (d === '2018-11-04' && h === 1 ? 28 : 10));
    const p = interval(parseSeriesCsv(csv, 'America/Denver'));
    expect(p.intervals.volume.get(Date.UTC(2018, 10, 4, 7))).toBe(28);
    expect(p.intervals.volume.has(Date.UTC(2018, 10, 4, 8))).toBe(false);
    expect(p.intervals.missing!.size).toBe(0);
    expect(p.daily.values).toEqual([240, 258, 240]);
    expect(p.notes).toEqual(['1 local time of a repeated fall-back hour appears once (2018-11-04T01:00:00): each row is taken to cover both instants']);
  });

  it.each(['Etc/GMT+7', 'MST'])('reads a fixed-offset zone (%s, UTC−7 all year) like a named one', (zone) => {
    // No change on 2019-03-10 in a fixed zone: 24 intervals a day, 00:00 local = 07:00Z.
    const p = interval(
      parseSeriesCsv(
        hourly(['2019-03-10', '2019-03-11'], () => 10),
        zone,
      ),
    );
    expect(p.daily).toEqual({ start: '2019-03-10', values: [240, 240] });
    expect(Math.min(...p.intervals.volume.keys())).toBe(Date.UTC(2019, 2, 10, 7));
    expect(p.notes).toEqual([]);
  });
});

describe('absent hours are unknown, not zero', () => {
  // 35 days from Mon 2025-01-06, UTC: 10 calls an hour, 30 from 09:00 to 16:00, so a day is
  // 16 × 10 + 8 × 30 = 400. In the last week (02-03 … 02-09) the 02:00–04:00 rows are lost.
  const dates = Array.from({ length: 35 }, (_, i) => addDays('2025-01-06', i));
  const csv = hourly(dates, (d, h) => (d >= '2025-02-03' && h >= 2 && h <= 4 ? null : h >= 9 && h <= 16 ? 30 : 10));
  const p = interval(parseSeriesCsv(csv, 'UTC'));

  it('imputes the lost hours of a day from its weekday shares: 370 observed / (1 − 30/400) = 400', () => {
    // Each weekday's 02:00 slot is present on 4 of its 5 days (80% > 20%): open, so lost.
    expect(p.intervals.missing!.size).toBe(21); // 3 hours × 7 days
    expect(p.daily.values.slice(-7)).toEqual([400, 400, 400, 400, 400, 400, 400]);
    expect(p.notes).toEqual(["21 intervals absent on open slots are unknown, not 0: 7 days totalled with them imputed from the weekday's intraday shares"]);
  });

  it('does not pull the forecast down: the next day is 400 (read as zeros, the last week said 370)', () => {
    const r = forecastSeries(p, { horizon: 24, timeZone: 'UTC' });
    expect(r.points).toHaveLength(24);
    expect(r.points.reduce((s, x) => s + x.forecast!, 0)).toBeCloseTo(400, 6);
    // The 02:00 share is learned from complete days only: 10 of 400.
    expect(r.points[2]!.forecast).toBeCloseTo(10, 6);
  });
});

describe('a Sunday–Thursday week', () => {
  // Ten weeks from Sun 2025-01-05: Sun 1600, Mon 1550, Tue 1500, Wed 1500, Thu 1450, short Friday 540, Saturday 200.
  const WEEK = [1600, 1550, 1500, 1500, 1450, 540, 200];
  const days = Array.from({ length: 70 }, (_, i) => ({ date: addDays('2025-01-05', i), value: WEEK[i % 7]! }));
  const csv = (rows: { date: string; value: number }[]) => ['date,value', ...rows.map((r) => `${r.date},${r.value}`)].join('\n');

  it('keeps its week: Sunday is the busiest day of the forecast, Saturday the quietest', () => {
    // The series ends Sat 03-15: the forecast is Sun 03-16 … Sat 03-22, the weekly pattern exactly.
    const r = forecastSeries(parseSeriesCsv(csv(days), 'Asia/Jerusalem'), { horizon: 7, timeZone: 'Asia/Jerusalem' });
    expect(r.points.map((x) => x.period)).toEqual(['2025-03-16', '2025-03-17', '2025-03-18', '2025-03-19', '2025-03-20', '2025-03-21', '2025-03-22']);
    expect(r.points.map((x) => Math.round(x.forecast! * 1e6) / 1e6)).toEqual(WEEK);
  });

  it('with Friday and Saturday absent, counts 5 open days and marks the weekend between closed', () => {
    // Rows Sun–Thu only, through Thu 03-13: Fri 03-14 and Sat 03-15 closed, then Sun–Thu open.
    const open = days.filter((_, i) => i % 7 < 5 && i < 68);
    const r = forecastSeries(parseSeriesCsv(csv(open), 'Asia/Jerusalem'), { horizon: 5, timeZone: 'Asia/Jerusalem' });
    expect(r.points.map((x) => x.period)).toEqual(['2025-03-14', '2025-03-15', '2025-03-16', '2025-03-17', '2025-03-18', '2025-03-19', '2025-03-20']);
    expect(r.points.map((x) => Math.round(x.forecast! * 1e6) / 1e6)).toEqual([0, 0, 1600, 1550, 1500, 1500, 1450]);
    expect(r.points.map((x) => x.closed)).toEqual([true, true, false, false, false, false, false]);
  });

  it('leaves a partial day (14 calls on a 540-call Friday) out of fitting, with a note', () => {
    // Fri 03-14 = 14 < 20% × 540 (the median of the four Fridays before it): unknown, so the
    // next Friday is 540, not the 14 a copy of last week would give.
    const lossy = days.map((d) => (d.date === '2025-03-14' ? { ...d, value: 14 } : d));
    const r = forecastSeries(parseSeriesCsv(csv(lossy), 'Asia/Jerusalem'), { horizon: 7, timeZone: 'Asia/Jerusalem' });
    expect(r.points[5]!.period).toBe('2025-03-21');
    expect(r.points[5]!.forecast).toBeCloseTo(540, 6);
    expect(r.notes).toContain('1 partial day left out of fitting as unknown (under 20% of the usual): 2025-03-14 (14 where the same weekday nearby has a median of 540)');
  });
});

const denver = sharedFile('datasets/denver-ems-hourly.csv');

describe.skipIf(denver.skip)('Denver EMS hourly (absent hours, DST artefacts)', () => {
  if (!denver.present) {
    it('needs the Denver EMS series', () => requirePresent(denver));
    return;
  }
  // The last 26 weeks of the file: 2018-08-13 00:00 … 2019-02-11 16:00, read in America/Denver.
  const text = readFileSync(denver.path, 'utf8')
    .split('\n')
    .filter((l, i) => i === 0 || l >= '2018-08-13')
    .join('\n')
    .replace(/^hour_start,calls/, 'timestamp,value');
  const p = interval(parseSeriesCsv(text, 'America/Denver'));

  it('reads absent hours as unknown, not zero, and the fall-back 01:00 as covering two hours', () => {
    // Instants from 2018-08-13 00:00 to 2019-02-11 16:00: 182 days × 24 + 1 (the 25-hour
    // 2018-11-04) + 17 = 4,386; the file has 4,326 rows there (awk), so 60 are absent. One is
    // the second 01:00 of 2018-11-04, covered by its single row; the other 59 are lost, and
    // so are 17:00–23:00 of the last day, where the file ends: 59 + 7 = 66.
    expect(p.intervals.missing!.size).toBe(66);
    expect(p.notes).toEqual([
      '1 local time of a repeated fall-back hour appears once (2018-11-04T01:00:00): each row is taken to cover both instants',
      "66 intervals absent on open slots are unknown, not 0: 56 days totalled with them imputed from the weekday's intraday shares",
    ]);
    // The last day has 190 calls in its 17 hours (awk); its 7 lost hours are imputed: more
    // than 190, and at most 190 / (1 − 0.5) = 380, since a day is imputed only when its lost
    // slots hold at most half its volume.
    expect(p.daily.values.at(-1)!).toBeGreaterThan(190);
    expect(p.daily.values.at(-1)!).toBeLessThanOrEqual(380);
  });

  it('absent hours do not pull the daily forecast down', () => {
    // The same history read with absent hours as zeros (the sum of the rows of each day).
    const asZero = new Map<string, number>();
    for (const line of text.split('\n').slice(1)) {
      const [ts, v] = line.split(',');
      asZero.set(ts!.slice(0, 10), (asZero.get(ts!.slice(0, 10)) ?? 0) + Number(v));
    }
    const zeros = [...asZero.keys()].sort().map((d) => asZero.get(d)!);
    const n = p.daily.values.length - 1; // through Sun 2019-02-10, the last whole day
    const unknown = forecastDaily({ series: { start: p.daily.start, values: p.daily.values.slice(0, n) }, horizon: 7 });
    const zero = forecastDaily({ series: { start: p.daily.start, values: zeros.slice(0, n) }, horizon: 7 });
    unknown.forecast.forEach((f, j) => expect(f).toBeGreaterThan(zero.forecast[j]!));
  });
});
