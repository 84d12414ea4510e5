/**
 * The standalone series mode: parsing `date,value` and `timestamp,value` CSV (absent rows are
 * closed periods, daylight-saving hours resolved) and forecasting it with the same output as
 * the database mode.
 */
import { describe, expect, it } from 'vitest';
import { parseSeriesCsv } from '../../server/wfm/forecast/parseSeries.ts';
import { forecastSeries } from '../../server/wfm/forecast/seriesForecast.ts';
import { addDays, isoWeekday } from '../../server/wfm/timezone.ts';

const TZ = 'America/Los_Angeles';

describe('parseSeriesCsv', () => {
  it('reads a daily series, an absent day that the series always leaves out as closed (0)', () => {
    const p = parseSeriesCsv('date,value\n2025-01-06,10\n2025-01-08,12.5\n', TZ);
    // The one Tuesday of the series is absent: 1 of 1 = 100% ≥ 80%, a closed weekday.
    expect(p).toEqual({
      granularity: 'day',
      daily: { start: '2025-01-06', values: [10, 0, 12.5] },
      notes: ['absent Tuesdays are closed days (0): the series leaves them out on at least 80% of their dates'],
    });
  });

  it('reads intervals with offsets, the repeated hour of a fall-back day included', () => {
    const p = parseSeriesCsv('timestamp,value\n2025-11-02T00:30:00-07:00,1\n2025-11-02T01:00:00-07:00,2\n2025-11-02T01:00:00-08:00,3\n2025-11-03T09:00:00Z,4\n', TZ);
    if (p.granularity !== 'interval') throw new Error('expected intervals');
    expect(p.minutes).toBe(30);
    // 01:00 PDT = 08:00Z and 01:00 PST = 09:00Z are different intervals; 09:00Z Nov 3 is 01:00 PST.
    expect(p.intervals.volume.get(Date.UTC(2025, 10, 2, 8))).toBe(2);
    expect(p.intervals.volume.get(Date.UTC(2025, 10, 2, 9))).toBe(3);
    expect(p.daily).toEqual({ start: '2025-11-02', values: [6, 4] });
  });

  it('takes a local time seen twice on a fall-back day as the earlier, then the later instant', () => {
    const p = parseSeriesCsv('timestamp,value\n2025-11-02T01:00,2\n2025-11-02T01:30,2\n2025-11-02 01:00,3\n2025-11-02T01:30:00,3\n', TZ);
    if (p.granularity !== 'interval') throw new Error('expected intervals');
    expect([...p.intervals.volume.entries()].sort((a, b) => a[0] - b[0])).toEqual([
      [Date.UTC(2025, 10, 2, 8, 0), 2],
      [Date.UTC(2025, 10, 2, 8, 30), 2],
      [Date.UTC(2025, 10, 2, 9, 0), 3],
      [Date.UTC(2025, 10, 2, 9, 30), 3],
    ]);
  });

  it('reads a kpis --format csv export: period as the key, offered as the value', () => {
    const daily = 'period,queue_label,offered,aht\n2025-01-06T00:00:00-08:00,x,10,300\n2025-01-08T00:00:00-08:00,x,12,\n';
    // Days (local midnights one day apart), the absent 01-07 closed (0); the empty aht cell is not read.
    expect(parseSeriesCsv(daily, TZ)).toMatchObject({ granularity: 'day', daily: { start: '2025-01-06', values: [10, 0, 12] } });
    expect(parseSeriesCsv(daily.replace(',12,\n', ',12,310\n'), TZ, { valueColumn: 'aht' })).toMatchObject({ granularity: 'day', daily: { start: '2025-01-06', values: [300, 0, 310] } });
    const iv = parseSeriesCsv('period,offered\n2025-11-02T01:30:00-07:00,4\n2025-11-02T01:00:00-08:00,6\n2025-11-02T01:30:00-08:00,5\n', TZ);
    if (iv.granularity !== 'interval') throw new Error('expected intervals');
    expect(iv.intervals.volume.get(Date.UTC(2025, 10, 2, 8, 30))).toBe(4);
    expect(iv.intervals.volume.get(Date.UTC(2025, 10, 2, 9, 30))).toBe(5);
    expect(() => parseSeriesCsv('period,offered\n2025-01-06T00:00:00-08:00,1\n2025-01-13T00:00:00-08:00,2\n', TZ)).toThrow(
      'invalid series: the periods are 7 or more days apart; export days (kpis --by day) or intervals (--by interval15, interval30 or hour)',
    );
    expect(() => parseSeriesCsv('period,queue,offered\n2025-01-06T00:00:00-08:00,a,1\n2025-01-06T00:00:00-08:00,b,2\n', TZ)).toThrow(
      'invalid date on line 3: 2025-01-06 appears twice (one series at a time: export kpis with --where instead of --group queue)',
    );
    expect(() => parseSeriesCsv(daily, TZ, { valueColumn: 'nope' })).toThrow('invalid series: no column "nope" in the header');
  });

  it.each([
    ['x,y\n1,2\n', /^invalid series: the header must be `date,value`, `timestamp,value` or a `staffcast kpis --format csv` export/],
    ['date,value\n', /^invalid series: no data rows$/],
    ['date,value\n2025-01-06,10\n2025-01-07,-1\n', /^invalid value on line 3: -1 is negative$/],
    ['date,value\n2025-01-06,abc\n', /^invalid value on line 2: "abc" is not a number$/],
    ['date,value\n2025-02-30,1\n', /^invalid date on line 2: "2025-02-30" is not YYYY-MM-DD$/],
    ['date,value\n2025-01-06,1\n2025-01-06,2\n', /^invalid date on line 3: 2025-01-06 appears twice$/],
    ['timestamp,value\n2025-03-10T09:00,1\n2025-03-10T09:20,1\n', /^invalid timestamp: intervals must be a regular 5, 6, 10, 15, 30 or 60 minutes apart/],
    ['timestamp,value\n2025-03-10 nine,1\n', /^invalid timestamp on line 2: /],
  ])('refuses %j', (csv, message) => {
    expect(() => parseSeriesCsv(csv, TZ)).toThrow(message);
  });
});

describe('forecastSeries', () => {
  it('forecasts a daily export with weekends absent (closed) as 0, H counting open days, each point saying whether it is closed', () => {
    const rows = ['date,value'];
    for (let i = 0; i < 70; i++) {
      const d = addDays('2025-03-03', i);
      const wd = isoWeekday(d);
      if (wd <= 5) rows.push(`${d},${[0, 120, 100, 95, 90, 85][wd]}`);
    }
    const r = forecastSeries(parseSeriesCsv(rows.join('\n'), TZ), { horizon: 7, timeZone: TZ });
    expect(Object.keys(r)).toEqual(['model', 'granularity', 'horizon', 'points', 'backtest', 'candidates', 'notes']);
    expect(r.granularity).toBe('day');
    // The last row is Fri 2025-05-09: the forecast starts on the Saturday. H = 7 open days:
    // Mon 05-12 … Fri 05-16 (5) and Mon 05-19, Tue 05-20 (7), with the weekend between: 11 points.
    expect(r.points.map((p) => p.period)).toEqual([
      '2025-05-10',
      '2025-05-11',
      '2025-05-12',
      '2025-05-13',
      '2025-05-14',
      '2025-05-15',
      '2025-05-16',
      '2025-05-17',
      '2025-05-18',
      '2025-05-19',
      '2025-05-20',
    ]);
    expect(r.points.map((p) => Math.round(p.forecast! * 1e6) / 1e6)).toEqual([0, 0, 120, 100, 95, 90, 85, 0, 0, 120, 100]);
    expect(r.points.map((p) => p.closed)).toEqual([true, true, false, false, false, false, false, true, true, false, false]);
    expect(r.notes[0]).toBe('absent Saturdays and Sundays are closed days (0): the series leaves them out on at least 80% of their dates');
    expect(Object.keys(r.candidates[0]!)).toEqual(['model', 'wmape']);
  });

  it('forecasts an interval export by its own open periods, from the next local midnight', () => {
    const rows = ['timestamp,value'];
    for (let i = 0; i < 35; i++) {
      const d = addDays('2025-09-01', i);
      for (let h = 9; h < 17; h++) rows.push(`${d}T${String(h).padStart(2, '0')}:00,${h === 10 ? 20 : 10}`);
    }
    const r = forecastSeries(parseSeriesCsv(rows.join('\n'), TZ), { horizon: 30, timeZone: TZ });
    expect(r.granularity).toBe('interval60');
    // 8 open hours a day (09–16): 30 open hours are 3 days and 6 hours of the fourth, 09:00–14:00;
    // with the closed night hours between, 3 × 24 + 15 = 87 points.
    expect(r.points).toHaveLength(87);
    expect(r.points.filter((p) => !p.closed)).toHaveLength(30);
    expect(r.points[0]!.period).toBe('2025-10-06T00:00:00-07:00');
    expect(r.points[10]!.forecast).toBeCloseTo(20, 6); // 10:00: 20 of the day's 90
    expect(r.points[0]!.forecast).toBe(0); // closed at night
    expect(r.points[0]!.closed).toBe(true);
    expect(r.points[9]!.closed).toBe(false);
    expect(r.points[24]!.period).toBe('2025-10-07T00:00:00-07:00');
    expect(r.points[86]!.period).toBe('2025-10-09T14:00:00-07:00');
  });
});
