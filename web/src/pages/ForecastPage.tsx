import { useEffect, useMemo, useState } from 'react';
import { apiUrl, errorMessage, invalidate, sendJson } from '../api/client.ts';
import type { ForecastQueue, ForecastResult, PlannerEvent } from '../api/types.ts';
import { useApi } from '../api/useApi.ts';
import { Legend, PeriodChart, type Span } from '../charts/PeriodChart.tsx';
import { ChartFrame, StateMessage } from '../components/ChartFrame.tsx';
import { CsvButton } from '../components/CsvButton.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { Field, humanize, Segmented, Select } from '../components/Field.tsx';
import { formatDate, isIsoDate, weekdayName } from '../lib/dates.ts';
import { formatPercent, formatValue, type Unit } from '../lib/format.ts';
import { periodDate, periodTime } from '../lib/periods.ts';
import { roundForPeople } from '../lib/csv.ts';
import { useSearchParams } from '../router.ts';
import { MODEL_LABELS } from '../../../server/wfm/forecast/types.ts';

type Granularity = 'day' | 'interval30';
type Metric = 'volume' | 'aht';

const HORIZONS: Record<Granularity, { value: number; label: string }[]> = {
  day: [
    { value: 28, label: '4 weeks' },
    { value: 56, label: '8 weeks' },
    { value: 91, label: '13 weeks' },
  ],
  interval30: [
    { value: 48 * 7, label: '1 week' },
    { value: 48 * 14, label: '2 weeks' },
  ],
};
const HISTORY: Record<Granularity, number> = { day: 182, interval30: 48 * 14 };

const EVENT_COLORS: Record<string, string> = {
  holiday: 'rgba(204, 121, 167, 0.28)',
  season: 'rgba(230, 159, 0, 0.35)',
  user: 'rgba(0, 158, 115, 0.22)',
};

/**
 * Forecast (planners): history and forecast with 80/95% ranges, holidays and enrollment
 * seasons shaded, the model the backtest chose and every candidate's accuracy; day or
 * half-hour granularity; planner events (a lift over some days) added and removed here.
 */
export function ForecastPage() {
  const [search, setSearch] = useSearchParams();
  const queues = useApi<ForecastQueue[]>('/api/forecast/queues');
  const list = queues.data ?? [];
  const key = (q: ForecastQueue) => `${q.queue}|${q.channel ?? ''}`;
  const selected = list.find((q) => key(q) === `${search.get('queue') ?? ''}|${search.get('channel') ?? ''}`) ?? list.find((q) => q.channel === 'voice') ?? list[0];
  const granularity: Granularity = search.get('granularity') === 'interval30' ? 'interval30' : 'day';
  const metric: Metric = search.get('metric') === 'aht' ? 'aht' : 'volume';
  const horizonParam = Number(search.get('horizon'));
  const horizon = HORIZONS[granularity].some((h) => h.value === horizonParam) ? horizonParam : HORIZONS[granularity][0]!.value;

  useEffect(() => {
    if (selected && !search.get('queue')) setSearch({ queue: selected.queue, channel: selected.channel ?? '' }, true);
  }, [selected, search, setSearch]);

  const url = selected ? apiUrl('/api/forecast', { queue: selected.queue, channel: selected.channel ?? undefined, granularity, horizon, metric, history: HISTORY[granularity] }) : null;
  const fc = useApi<ForecastResult>(url);
  const events = useApi<PlannerEvent[]>('/api/forecast/events');
  // AHT is shown in minutes everywhere (format.ts AHT_UNIT): the series are divided by 60 for display.
  const unit: Unit = metric === 'aht' ? 'minutes' : 'count';
  const shown = useMemo(() => (metric === 'aht' ? (v: number | null) => (v === null ? null : v / 60) : (v: number | null) => v), [metric]);
  const intraday = granularity !== 'day';

  const series = useMemo(() => {
    const d = fc.data;
    if (!d) return null;
    const periods = [...d.history.map((h) => h.period), ...d.points.map((p) => p.period)];
    const nh = d.history.length;
    const pad = <T,>(n: number) => new Array<T | null>(n).fill(null);
    const actual = [...d.history.map((h) => shown(h.value)), ...pad<number>(d.points.length)];
    const forecast = [...pad<number>(nh - 1), nh ? shown(d.history[nh - 1]!.value) : null, ...d.points.map((p) => shown(p.forecast))];
    const l80 = [...pad<number>(nh), ...d.points.map((p) => shown(p.lower80))];
    const u80 = [...pad<number>(nh), ...d.points.map((p) => shown(p.upper80))];
    const l95 = [...pad<number>(nh), ...d.points.map((p) => shown(p.lower95))];
    const u95 = [...pad<number>(nh), ...d.points.map((p) => shown(p.upper95))];
    // Shade events over the slots whose local date falls inside them (end inclusive).
    const dates = periods.map(periodDate);
    const spans: Span[] = [];
    for (const e of d.events) {
      const from = dates.findIndex((x) => x >= e.start && x <= e.end);
      if (from < 0) continue;
      let to = from;
      while (to + 1 < dates.length && dates[to + 1]! <= e.end) to++;
      spans.push({ from, to, label: e.label, color: EVENT_COLORS[e.kind] ?? EVENT_COLORS.user!, style: e.kind === 'season' ? 'strip' : 'shade' });
    }
    return { periods, nh, actual, forecast, l80, u80, l95, u95, spans };
  }, [fc.data, shown]);

  const tooltip = (i: number) => {
    const s = series!;
    const p = s.periods[i]!;
    const inForecast = i >= s.nh;
    const ev = fc.data!.events.filter((e) => periodDate(p) >= e.start && periodDate(p) <= e.end);
    return (
      <>
        <strong>
          {formatDate(periodDate(p))}
          {intraday ? ` ${periodTime(p)}` : ''}
        </strong>
        {inForecast ? (
          <>
            <span className="num">Forecast {formatValue(s.forecast[i], unit)}</span>
            <br />
            <span className="num">
              80%: {formatValue(s.l80[i], unit)}–{formatValue(s.u80[i], unit)} · 95%: {formatValue(s.l95[i], unit)}–{formatValue(s.u95[i], unit)}
            </span>
          </>
        ) : (
          <span className="num">Actual {formatValue(s.actual[i], unit)}</span>
        )}
        {ev.map((e) => (
          <span key={e.label}>
            <br />
            {e.label}
          </span>
        ))}
      </>
    );
  };

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Forecast</h1>
          <p>Contacts offered (or AHT) ahead, with the ranges the backtest supports.</p>
        </div>
        <CsvButton
          fileName={`forecast-${selected?.queue ?? ''}-${granularity}.csv`}
          header={['period', 'queue', 'channel', ...['actual', 'forecast', 'lower 80%', 'upper 80%', 'lower 95%', 'upper 95%'].map((h) => `${h} (${metric === 'aht' ? 'AHT, min' : 'contacts'})`)]}
          rows={() =>
            series
              ? series.periods.map((p, i) => [
                  p,
                  selected?.queue,
                  selected?.channel,
                  ...[series.actual[i], i >= series.nh ? series.forecast[i] : null, series.l80[i], series.u80[i], series.l95[i], series.u95[i]].map((v) => roundForPeople(v ?? null, 1)),
                ])
              : []
          }
        />
      </div>
      <form className="filters" aria-label="Forecast filters" onSubmit={(e) => e.preventDefault()}>
        <Select
          label="Queue"
          value={selected ? key(selected) : ''}
          options={list.map(key)}
          onChange={(v) => {
            const [q, c] = v.split('|');
            setSearch({ queue: q, channel: c });
          }}
          format={(v) => {
            const [q, c] = v.split('|');
            return c ? `${humanize(q!)} · ${humanize(c)}` : humanize(q!);
          }}
        />
        <Segmented<Metric>
          label="Forecast of"
          value={metric}
          options={[
            { value: 'volume', label: 'Volume' },
            { value: 'aht', label: 'AHT' },
          ]}
          onChange={(v) => setSearch({ metric: v })}
        />
        <Segmented<Granularity>
          label="Granularity"
          value={granularity}
          options={[
            { value: 'day', label: 'Day' },
            { value: 'interval30', label: '30 min' },
          ]}
          onChange={(v) => setSearch({ granularity: v, horizon: null })}
        />
        <Select
          label="Horizon"
          value={String(horizon)}
          options={HORIZONS[granularity].map((h) => String(h.value))}
          onChange={(v) => setSearch({ horizon: v })}
          format={(v) => HORIZONS[granularity].find((h) => String(h.value) === v)?.label ?? v}
        />
      </form>
      {queues.state === 'ready' && list.length === 0 && <StateMessage state="ready">No queue has enough history to forecast yet. Upload contacts on the Data page.</StateMessage>}

      <ChartFrame
        title={metric === 'aht' ? 'Average handle time: history and forecast' : 'Contacts offered: history and forecast'}
        subtitle={fc.data ? `Model: ${MODEL_LABELS[fc.data.model]} · backtest WMAPE ${formatValue(fc.data.backtest.wmape, 'fraction')} over ${fc.data.backtest.origins} origins` : undefined}
        state={url ? fc.state : queues.state === 'ready' ? 'ready' : queues.state}
        error={url ? fc.error : queues.error}
        empty={!series || series.periods.length === 0}
        emptyMessage="Nothing to forecast for this queue."
        stale={fc.state === 'loading' && !!fc.data}
        testId="chart-forecast"
        legend={
          <Legend
            items={[
              { label: 'Actual', color: 'var(--color-text)', kind: 'line' },
              { label: 'Forecast', color: 'var(--series-1)', kind: 'line' },
              { label: '80% range', color: 'var(--band-80)' },
              { label: '95% range', color: 'var(--band-95)' },
              { label: 'Holiday', color: EVENT_COLORS.holiday! },
              { label: 'Enrollment season', color: EVENT_COLORS.season! },
              { label: 'Planner event', color: EVENT_COLORS.user! },
            ]}
          />
        }
        table={() =>
          series && (
            <DataTable
              columns={[
                { key: 'p', label: 'Period', header: true, render: (i: number) => (intraday ? `${periodDate(series.periods[i]!)} ${periodTime(series.periods[i]!)}` : periodDate(series.periods[i]!)) },
                { key: 'a', label: 'Actual', numeric: true, render: (i: number) => formatValue(series.actual[i], unit) },
                { key: 'f', label: 'Forecast', numeric: true, render: (i: number) => (i >= series.nh ? formatValue(series.forecast[i], unit) : '') },
                { key: 'r80', label: '80% range', numeric: true, render: (i: number) => (i >= series.nh ? `${formatValue(series.l80[i], unit)}–${formatValue(series.u80[i], unit)}` : '') },
                { key: 'r95', label: '95% range', numeric: true, render: (i: number) => (i >= series.nh ? `${formatValue(series.l95[i], unit)}–${formatValue(series.u95[i], unit)}` : '') },
              ]}
              rows={series.periods.map((_, i) => i)}
              rowKey={(i) => String(i)}
              scroll
            />
          )
        }
      >
        {() =>
          series && (
            <PeriodChart
              periods={series.periods}
              intraday={intraday}
              height={320}
              spans={series.spans}
              bands={[
                { key: 'b95', label: '95%', color: 'var(--band-95)', lower: series.l95, upper: series.u95 },
                { key: 'b80', label: '80%', color: 'var(--band-80)', lower: series.l80, upper: series.u80 },
              ]}
              lines={[
                { key: 'actual', label: 'Actual', color: 'var(--color-text)', values: series.actual, width: 1.4 },
                { key: 'forecast', label: 'Forecast', color: 'var(--series-1)', values: series.forecast, width: 2.2 },
              ]}
              marker={{ index: series.nh, label: 'forecast →' }}
              leftUnit={unit}
              leftLabel={metric === 'aht' ? 'AHT' : intraday ? 'Contacts per 30 min' : 'Contacts per day'}
              xLabel={intraday ? 'Local date and time' : 'Date'}
              xTickLabel={(p) => (intraday ? `${weekdayName(periodDate(p))} ${+periodDate(p).slice(8)}` : `${+periodDate(p).slice(8)} ${formatDate(periodDate(p), false).split(' ')[1]}`)}
              tooltip={tooltip}
              description={`${metric === 'aht' ? 'Average handle time' : 'Contacts offered'} for ${humanize(selected?.queue ?? '')}: ${series.nh} periods of history and ${series.periods.length - series.nh} forecast periods by the model ${fc.data ? MODEL_LABELS[fc.data.model] : ''}.`}
            />
          )
        }
      </ChartFrame>

      {fc.data && fc.data.notes.length > 0 && (
        <ul className="small muted" aria-label="Forecast notes">
          {fc.data.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}

      <div className="grid-2 section">
        <section className="card" aria-labelledby="candidates">
          <div className="card-head">
            <div>
              <h2 id="candidates">Backtest accuracy of every model</h2>
              <p>Rolling-origin backtest on this queue's history. The chosen model is marked; the notes above say why when it is not the lowest WMAPE.</p>
            </div>
          </div>
          {fc.data ? (
            <>
              <DataTable
                testId="candidates"
                columns={[
                  { key: 'model', label: 'Model', header: true, render: (c) => (c.model === fc.data!.model ? <strong>{MODEL_LABELS[c.model]} (chosen)</strong> : MODEL_LABELS[c.model]) },
                  { key: 'wmape', label: 'WMAPE', numeric: true, render: (c) => formatValue(c.wmape, 'fraction') },
                  { key: 'mape', label: 'MAPE', numeric: true, render: (c) => formatValue(c.mape, 'fraction') },
                  { key: 'bias', label: 'Bias', numeric: true, render: (c) => (c.bias === null ? '—' : `${c.bias > 0 ? '+' : ''}${formatPercent(c.bias)}`) },
                ]}
                rows={fc.data.candidates}
                rowKey={(c) => c.model}
              />
              <p className="small muted" style={{ marginTop: 8 }}>
                Chosen model: MASE {fc.data.backtest.mase === null ? '—' : fc.data.backtest.mase.toFixed(2)} (below 1 beats a same-weekday-last-week forecast), bias{' '}
                {formatValue(fc.data.backtest.bias, 'fraction')} (positive over-forecasts).
              </p>
            </>
          ) : (
            <StateMessage state={url ? fc.state : 'ready'} error={fc.error}>
              No forecast.
            </StateMessage>
          )}
        </section>
        <EventsPanel queue={selected?.queue ?? ''} channel={selected?.channel ?? null} events={events.data ?? []} state={events.state} error={events.error} />
      </div>
    </>
  );
}

/** Planner events: a lift on volume over some days, e.g. a mailing that will drive calls. */
function EventsPanel({ queue, channel, events, state, error }: { queue: string; channel: string | null; events: PlannerEvent[]; state: 'idle' | 'loading' | 'error' | 'ready'; error?: string }) {
  const [name, setName] = useState('');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [lift, setLift] = useState('20');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const pct = Number(lift);
    if (!name.trim()) return setMessage({ kind: 'error', text: 'invalid name: give the event a name' });
    if (!isIsoDate(start)) return setMessage({ kind: 'error', text: 'invalid start: pick a date' });
    if (!isIsoDate(end) || end < start) return setMessage({ kind: 'error', text: 'invalid end: pick a date on or after the start' });
    if (!Number.isFinite(pct) || pct <= -100) return setMessage({ kind: 'error', text: 'invalid lift: a percentage above −100' });
    setBusy(true);
    try {
      await sendJson('POST', '/api/forecast/events', { name: name.trim(), queue, channel: channel ?? undefined, start, end, lift: 1 + pct / 100 });
      invalidate('/api/forecast');
      setMessage({ kind: 'ok', text: `Added “${name.trim()}”; the forecast now includes it.` });
      setName('');
    } catch (err) {
      setMessage({ kind: 'error', text: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };

  const remove = async (ev: PlannerEvent) => {
    try {
      await sendJson('DELETE', `/api/forecast/events/${encodeURIComponent(String(ev.id))}`);
      invalidate('/api/forecast');
      setMessage({ kind: 'ok', text: `Removed “${ev.name}”.` });
    } catch (err) {
      setMessage({ kind: 'error', text: errorMessage(err) });
    }
  };

  return (
    <section className="card" aria-labelledby="events">
      <div className="card-head">
        <div>
          <h2 id="events">Planner events</h2>
          <p>Known future drivers (a mailing, a benefit change): volume on those days is multiplied by the lift.</p>
        </div>
      </div>
      <form className="row" onSubmit={submit} aria-label="Add a planner event" style={{ alignItems: 'flex-end', marginBottom: 12 }}>
        <Field label="Name (e.g. ID-card mailing)">
          <input type="text" name="event-name" value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label="First day">
          <input
            type="date"
            name="event-start"
            value={start}
            onChange={(e) => {
              setStart(e.target.value);
              if (!end || end < e.target.value) setEnd(e.target.value);
            }}
          />
        </Field>
        <Field label="Last day">
          <input type="date" name="event-end" value={end} min={start || undefined} onChange={(e) => setEnd(e.target.value)} />
        </Field>
        <Field label="Lift (%)">
          <input type="number" name="event-lift" value={lift} step={5} onChange={(e) => setLift(e.target.value)} style={{ width: 80 }} />
        </Field>
        <button type="submit" className="primary" disabled={busy || !queue}>
          Add event
        </button>
      </form>
      {message && (
        <p className={`notice ${message.kind === 'ok' ? 'notice-ok' : 'notice-error'}`} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      {state === 'ready' || events.length ? (
        events.length ? (
          <DataTable
            testId="events-table"
            columns={[
              { key: 'name', label: 'Event', header: true, render: (e) => e.name },
              { key: 'scope', label: 'Queue', render: (e) => (e.queue ? humanize(e.queue) + (e.channel ? ` · ${humanize(e.channel)}` : '') : 'All queues') },
              { key: 'days', label: 'Days', render: (e) => (e.start === e.end ? e.start : `${e.start} – ${e.end}`) },
              { key: 'lift', label: 'Lift', numeric: true, render: (e) => `${e.lift >= 1 ? '+' : '−'}${formatPercent(Math.abs(e.lift - 1), 0)}` },
              {
                key: 'x',
                label: '',
                render: (e) => (
                  <button type="button" onClick={() => remove(e)} aria-label={`Remove ${e.name}`}>
                    Remove
                  </button>
                ),
              },
            ]}
            rows={events}
            rowKey={(e) => String(e.id)}
          />
        ) : (
          <p className="muted small">No planner events yet.</p>
        )
      ) : (
        <StateMessage state={state} error={error} />
      )}
      <p className="small muted" style={{ marginTop: 8 }}>
        Days are the site's local calendar, both ends included; the forecast re-runs as soon as an event is added or removed.
      </p>
    </section>
  );
}
