import { useEffect, useMemo } from 'react';
import { apiUrl } from '../api/client.ts';
import { useDimensions } from '../api/dimensions.ts';
import type { SlaDefinition } from '../../../server/wfm/sla/definition.ts';
import type { ForecastQueue, ForecastResult, KpiRow, MetricDefinition } from '../api/types.ts';
import { useApi } from '../api/useApi.ts';
import { Heatmap } from '../charts/Heatmap.tsx';
import { Legend, PeriodChart } from '../charts/PeriodChart.tsx';
import { ChartFrame, StateMessage } from '../components/ChartFrame.tsx';
import { CsvButton } from '../components/CsvButton.tsx';
import { DataTable, type Column } from '../components/DataTable.tsx';
import { Field, humanize, Segmented, Select } from '../components/Field.tsx';
import { addDays, formatDate, formatRange, isIsoDate, lastWeekday, startOfWeek, type DateRange } from '../lib/dates.ts';
import { describeFilters, whereParam, type Filters } from '../lib/filters.ts';
import { formatValue } from '../lib/format.ts';
import { roundForPeople } from '../lib/csv.ts';
import { activeColumns, intervalGrid, openingSpan } from '../lib/heat.ts';
import { periodDate, periodTime } from '../lib/periods.ts';
import { useSearchParams } from '../router.ts';

type View = 'day' | 'week';
type By = 'interval15' | 'interval30';

interface Row extends KpiRow {
  period: string;
  forecast: number | null;
  forecastLower: number | null;
  forecastUpper: number | null;
}

/**
 * Intraday (operations): a day or a week of one queue by 15/30-minute interval — offered
 * (answered + abandoned) against the forecast, service level against its target, ASA — and
 * a weekday × interval heatmap of service level for the week. Figures are `/api/kpis`
 * rows as served; the forecast is `/api/forecast` from the start of the range.
 */
export function IntradayPage() {
  const [search, setSearch] = useSearchParams();
  const dims = useDimensions();
  const metrics = useApi<MetricDefinition[]>('/api/metrics');
  const fqueues = useApi<ForecastQueue[]>('/api/forecast/queues');
  const maxDate = dims.data?.maxDate ?? undefined;

  const view: View = search.get('view') === 'week' ? 'week' : 'day';
  const by: By = search.get('by') === 'interval15' ? 'interval15' : 'interval30';
  const dateParam = search.get('date');
  const date = dateParam && isIsoDate(dateParam) ? dateParam : maxDate ? lastWeekday(maxDate) : null;
  const queue = search.get('queue') ?? dims.data?.queue[0] ?? '';
  const channel = search.get('channel') === null ? 'voice' : search.get('channel') === 'all' ? '' : search.get('channel')!;

  useEffect(() => {
    if (date && queue && (!search.get('date') || !search.get('queue'))) setSearch({ date, queue }, true);
  }, [date, queue, search, setSearch]);

  const range: DateRange | null = date ? (view === 'day' ? { from: date, to: addDays(date, 1) } : { from: startOfWeek(date), to: addDays(startOfWeek(date), 7) }) : null;
  const week: DateRange | null = date ? { from: startOfWeek(date), to: addDays(startOfWeek(date), 7) } : null;
  const filters: Filters = { queue, channel };
  const where = whereParam(filters);
  const perDay = by === 'interval15' ? 96 : 48;

  // One channel is read against its own SLA: voice 20 s, chat 60 s (the KPI threshold set to
  // it); a channel whose SLA runs in business hours (email, portal) is not read per interval.
  const slaDefs = useApi<{ definitions: SlaDefinition[] }>('/api/sla/definitions');
  const slaKnown = slaDefs.state === 'ready' || slaDefs.state === 'error';
  const channelSla = channel
    ? slaDefs.data?.definitions.find((d) => d.metric === 'service_level' && d.channels.length === 1 && d.channels[0] === channel && !d.queues.length && !d.tiers.length)
    : undefined;
  const wallSla = channelSla && (channelSla.unit === 'seconds' || channelSla.unit === 'minutes') && channelSla.threshold !== null ? channelSla : undefined;
  const slSeconds = wallSla ? wallSla.threshold! * (wallSla.unit === 'minutes' ? 60 : 1) : undefined;
  const businessSla = channelSla && !wallSla ? channelSla : undefined;
  const kpis = useApi<KpiRow[]>(range && queue && slaKnown ? apiUrl('/api/kpis', { from: range.from, to: range.to, by, where, percentiles: 'false', 'sl-seconds': slSeconds }) : null);
  const weekKpis = useApi<KpiRow[]>(week && queue && slaKnown ? apiUrl('/api/kpis', { from: week.from, to: week.to, by, where, percentiles: 'false', 'sl-seconds': slSeconds }) : null);
  // Forecast only where the forecast service knows the queue (and channel): no failing requests.
  const forecastable = fqueues.data?.some((q) => q.queue === queue && (q.channel ?? '') === (channel || (q.channel ?? ''))) ?? false;
  const forecast = useApi<ForecastResult>(
    range && forecastable ? apiUrl('/api/forecast', { queue, channel: channel || undefined, granularity: by, horizon: perDay * (view === 'day' ? 1 : 7), start: range.from }) : null,
  );

  const slDef = metrics.data?.find((m) => m.name === 'serviceLevel');
  const slTarget = wallSla ? wallSla.target : slDef?.target && slDef.target.kind === 'higher' ? slDef.target.green : 0.8;

  const rows: Row[] = useMemo(() => {
    const byPeriod = new Map((forecast.data?.points ?? []).map((p) => [p.period, p]));
    const all = (kpis.data ?? []).map((r) => {
      const f = byPeriod.get(r.period ?? '');
      return { ...r, period: r.period ?? '', forecast: f?.forecast ?? null, forecastLower: f?.lower80 ?? null, forecastUpper: f?.upper80 ?? null };
    });
    // A day spans the hours the queue was open (first to last interval with contacts offered).
    return view === 'day' ? openingSpan(all, (r) => r.offered > 0) : all;
  }, [kpis.data, forecast.data, view]);
  const hasForecast = rows.some((r) => r.forecast !== null);
  const periods = useMemo(() => rows.map((r) => r.period), [rows]);
  const empty = rows.every((r) => r.offered === 0);
  const tickLabel = (p: string) => (view === 'day' ? periodTime(p) : `${formatDate(periodDate(p)).slice(0, 3)} ${periodDate(p).slice(8)}`);

  const tooltip = (i: number) => {
    const r = rows[i]!;
    return (
      <>
        <strong>
          {formatDate(periodDate(r.period))} {periodTime(r.period)}
        </strong>
        <span className="num">Offered {formatValue(r.offered, 'count')}</span>
        {hasForecast && (
          <>
            <br />
            <span className="num">
              Forecast {formatValue(r.forecast, 'count')} (80%: {formatValue(r.forecastLower, 'count')}–{formatValue(r.forecastUpper, 'count')})
            </span>
          </>
        )}
        <br />
        <span className="num">
          Answered {formatValue(r.answered, 'count')} · Abandoned {formatValue(r.abandoned, 'count')}
        </span>
        <br />
        <span className="num">
          Service level {formatValue(r.serviceLevel, 'fraction')} · ASA {formatValue(r.asa, 'seconds')}
        </span>
      </>
    );
  };

  const columns: Column<Row>[] = [
    { key: 'period', label: 'Interval', header: true, render: (r) => `${view === 'week' ? periodDate(r.period) + ' ' : ''}${periodTime(r.period)}` },
    { key: 'offered', label: 'Offered', numeric: true, render: (r) => formatValue(r.offered, 'count') },
    ...(hasForecast ? [{ key: 'forecast', label: 'Forecast', numeric: true, render: (r: Row) => formatValue(r.forecast, 'count') }] : []),
    { key: 'answered', label: 'Answered', numeric: true, render: (r) => formatValue(r.answered, 'count') },
    { key: 'abandoned', label: 'Abandoned', numeric: true, render: (r) => formatValue(r.abandoned, 'count') },
    { key: 'serviceLevel', label: 'Service level', numeric: true, render: (r) => formatValue(r.serviceLevel, 'fraction') },
    { key: 'asa', label: 'ASA', numeric: true, render: (r) => formatValue(r.asa, 'seconds') },
  ];
  const table = () => <DataTable columns={columns} rows={rows} rowKey={(r) => r.period} scroll caption={`${humanize(queue)}, ${range ? formatRange(range) : ''}`} />;

  const grid = useMemo(() => intervalGrid(weekKpis.data ?? []), [weekKpis.data]);
  const heatCols = useMemo(() => activeColumns(grid, (r) => r.offered > 0), [grid]);
  const heatCells = useMemo(() => grid.cells.map((c) => ({ row: c.row, col: c.col, value: c.item.serviceLevel })), [grid]);
  const heatByKey = useMemo(() => new Map(grid.cells.map((c) => [`${c.row}|${c.col}`, c.item])), [grid]);
  const heatEmpty = (weekKpis.data ?? []).every((r) => r.offered === 0);

  if (dims.state === 'error') return <StateMessage state="error" error={dims.error} />;

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Intraday</h1>
          <p>Interval by interval: what was offered against the forecast, and how fast it was answered.</p>
        </div>
        <CsvButton
          fileName={`intraday-${queue}-${range?.from ?? ''}.csv`}
          header={['period', 'queue', 'channel', 'offered (contacts)', 'forecast (contacts)', 'answered (contacts)', 'abandoned (contacts)', 'service level (%)', 'ASA (s)']}
          rows={() =>
            rows.map((r) => [
              r.period,
              queue,
              channel || 'all',
              r.offered,
              roundForPeople(r.forecast, 1),
              r.answered,
              r.abandoned,
              roundForPeople(r.serviceLevel === null ? null : r.serviceLevel * 100, 1),
              roundForPeople(r.asa, 0),
            ])
          }
        />
      </div>
      <form className="filters" aria-label="Intraday filters" onSubmit={(e) => e.preventDefault()}>
        <Segmented<View>
          label="Show"
          value={view}
          options={[
            { value: 'day', label: 'Day' },
            { value: 'week', label: 'Week' },
          ]}
          onChange={(v) => setSearch({ view: v })}
        />
        <Field label={view === 'day' ? 'Day' : 'Week of'}>
          <input type="date" name="date" value={date ?? ''} min={dims.data?.minDate ?? undefined} max={maxDate} onChange={(e) => isIsoDate(e.target.value) && setSearch({ date: e.target.value })} />
        </Field>
        <Select label="Queue" value={queue} options={dims.data?.queue ?? []} onChange={(v) => setSearch({ queue: v })} format={humanize} />
        <Select
          label="Channel"
          value={channel || 'all'}
          options={['all', ...(dims.data?.channel ?? [])]}
          onChange={(v) => setSearch({ channel: v })}
          format={(v) => (v === 'all' ? 'All channels' : humanize(v))}
        />
        <Segmented<By>
          label="Interval"
          value={by}
          options={[
            { value: 'interval15', label: '15 min' },
            { value: 'interval30', label: '30 min' },
          ]}
          onChange={(v) => setSearch({ by: v })}
        />
      </form>
      <p className="filter-summary">
        {range ? <strong>{formatRange(range)}</strong> : 'Loading…'} · {describeFilters(filters)} · service level target {formatValue(slTarget, 'fraction')}
        {fqueues.state === 'ready' && !forecastable && ' · no forecast for this queue'}
        {forecast.state === 'error' && ` · forecast unavailable: ${forecast.error}`}
      </p>

      <div className="grid-2">
        <ChartFrame
          title="Contacts offered"
          subtitle={hasForecast ? 'Answered and abandoned stacked (= offered), against the forecast with its 80% range' : 'Answered and abandoned stacked (= offered)'}
          state={kpis.state}
          error={kpis.error}
          empty={empty}
          stale={kpis.state === 'loading' && !!kpis.data}
          table={table}
          testId="chart-volume"
          legend={
            <Legend
              items={[
                { label: 'Answered', color: 'var(--series-1)' },
                { label: 'Abandoned', color: 'var(--series-4)' },
                ...(hasForecast
                  ? [
                      { label: 'Forecast', color: 'var(--series-2)', kind: 'line' as const },
                      { label: 'Forecast 80% range', color: 'rgba(230,159,0,0.25)' },
                    ]
                  : []),
              ]}
            />
          }
        >
          {() => (
            <PeriodChart
              periods={periods}
              intraday
              bars={[
                { key: 'answered', label: 'Answered', color: 'var(--series-1)', values: rows.map((r) => r.answered) },
                { key: 'abandoned', label: 'Abandoned', color: 'var(--series-4)', values: rows.map((r) => r.abandoned) },
              ]}
              bands={hasForecast ? [{ key: 'f80', label: 'Forecast 80%', color: 'rgba(230,159,0,0.22)', lower: rows.map((r) => r.forecastLower), upper: rows.map((r) => r.forecastUpper) }] : []}
              lines={hasForecast ? [{ key: 'forecast', label: 'Forecast', color: 'var(--series-2)', values: rows.map((r) => r.forecast), width: 2.2 }] : []}
              leftUnit="count"
              leftLabel="Contacts per interval"
              xLabel={view === 'day' ? 'Local time' : 'Day'}
              xTickLabel={tickLabel}
              tooltip={tooltip}
              description={`Contacts offered per ${by === 'interval15' ? '15' : '30'}-minute interval, ${humanize(queue)}, ${range ? formatRange(range) : ''}: total ${formatValue(
                rows.reduce((a, r) => a + r.offered, 0),
                'count',
              )} offered, peak ${formatValue(Math.max(0, ...rows.map((r) => r.offered)), 'count')}.`}
            />
          )}
        </ChartFrame>

        <ChartFrame
          title="Service level and ASA"
          subtitle={
            businessSla
              ? `${businessSla.label}: that SLA runs in business hours and is read per day and month (Scorecard, Compliance); per interval the share within ${slSeconds ?? 20} s below says little about messages`
              : `Share answered within ${slSeconds ?? 20} s${wallSla ? ` (the ${humanize(channel)} SLA)` : ''} (left) against the ${formatValue(slTarget, 'fraction')} target; average speed of answer (right)`
          }
          state={kpis.state}
          error={kpis.error}
          empty={empty}
          stale={kpis.state === 'loading' && !!kpis.data}
          table={table}
          testId="chart-sl"
          legend={
            <Legend
              items={[
                { label: 'Service level', color: 'var(--series-1)', kind: 'line' },
                { label: 'ASA', color: 'var(--series-2)', kind: 'line' },
                { label: 'Target', color: 'var(--color-text)', kind: 'dashed' },
              ]}
            />
          }
        >
          {() => (
            <PeriodChart
              periods={periods}
              intraday
              lines={[
                { key: 'sl', label: 'Service level', color: 'var(--series-1)', values: rows.map((r) => r.serviceLevel) },
                { key: 'asa', label: 'ASA', color: 'var(--series-2)', values: rows.map((r) => r.asa), axis: 'right' },
              ]}
              refLines={[{ value: slTarget, label: `target ${formatValue(slTarget, 'fraction')}` }]}
              leftUnit="fraction"
              rightUnit="seconds"
              leftDomain={[0, 1]}
              leftLabel="Service level"
              rightLabel="ASA"
              xLabel={view === 'day' ? 'Local time' : 'Day'}
              xTickLabel={tickLabel}
              tooltip={tooltip}
              description={`Service level and average speed of answer per interval, ${humanize(queue)}, ${range ? formatRange(range) : ''}. Intervals below the ${formatValue(slTarget, 'fraction')} target: ${
                rows.filter((r) => r.serviceLevel !== null && r.serviceLevel < slTarget).length
              } of ${rows.filter((r) => r.serviceLevel !== null).length}.`}
            />
          )}
        </ChartFrame>
      </div>

      <div className="section">
        <ChartFrame
          title="Service level by weekday and interval"
          subtitle={week ? `Week of ${formatDate(week.from)}; red below target, blue above, hatched where nothing was offered` : undefined}
          state={weekKpis.state}
          error={weekKpis.error}
          empty={heatEmpty}
          stale={weekKpis.state === 'loading' && !!weekKpis.data}
          testId="chart-heatmap"
          table={() => (
            <DataTable
              columns={[
                { key: 'time', label: 'Time', header: true, render: (c: { key: string; label: string }) => c.key },
                ...grid.rows.map((d) => ({
                  key: d,
                  label: formatDate(d).slice(0, 10),
                  numeric: true,
                  render: (c: { key: string }) => formatValue(heatByKey.get(`${d}|${c.key}`)?.serviceLevel ?? null, 'fraction'),
                })),
              ]}
              rows={heatCols}
              rowKey={(c) => c.key}
              scroll
            />
          )}
        >
          {() => (
            <Heatmap
              rows={grid.rows.map((d) => ({ key: d, label: formatDate(d).slice(0, 10) }))}
              cols={heatCols}
              cells={heatCells}
              domain={[Math.max(0, slTarget - 0.4), 1]}
              center={slTarget}
              colLabelEvery={by === 'interval15' ? 8 : 4}
              legendTitle="Service level"
              legendFormat={(v) => formatValue(v, 'fraction')}
              description={`Heatmap of service level by day and interval for the week of ${week ? formatDate(week.from) : ''}, ${humanize(queue)}.`}
              tooltip={(cell) => {
                const r = heatByKey.get(`${cell.row}|${cell.col}`);
                return (
                  <>
                    <strong>
                      {formatDate(cell.row)} {cell.col}
                    </strong>
                    <span className="num">Service level {formatValue(r?.serviceLevel ?? null, 'fraction')}</span>
                    <br />
                    <span className="num">
                      Offered {formatValue(r?.offered ?? null, 'count')} · ASA {formatValue(r?.asa ?? null, 'seconds')}
                    </span>
                  </>
                );
              }}
            />
          )}
        </ChartFrame>
      </div>
    </>
  );
}
