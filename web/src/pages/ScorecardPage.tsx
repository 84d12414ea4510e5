import { useEffect, useMemo } from 'react';
import { apiUrl } from '../api/client.ts';
import { useDimensions } from '../api/dimensions.ts';
import type { Dimensions, KpiRow, Scorecard, ScorecardMetric, ScorecardRow } from '../api/types.ts';
import { useApi } from '../api/useApi.ts';
import { Sparkline } from '../charts/Sparkline.tsx';
import { StateMessage } from '../components/ChartFrame.tsx';
import { CsvButton } from '../components/CsvButton.tsx';
import { DataTable, type Column } from '../components/DataTable.tsx';
import { Field, humanize, Select } from '../components/Field.tsx';
import { StatusBadge, StatusIcon, statusText } from '../components/StatusBadge.tsx';
import { addDays, addPeriods, formatRange, isIsoDate, lastFullMonth, lastFullQuarter, lastFullWeek, lastFullWeeks, periodLabel, trendGrain, trendRange, type DateRange, type Grain } from '../lib/dates.ts';
import { describeFilters, whereParam, type Filters } from '../lib/filters.ts';
import { formatChange, formatValue } from '../lib/format.ts';
import { changeTone, describeTarget } from '../lib/targets.ts';
import { useSearchParams } from '../router.ts';

const PRESETS = [
  { key: 'week', label: 'Last full week', range: lastFullWeek },
  { key: '4weeks', label: 'Last 4 weeks', range: (d: string) => lastFullWeeks(d, 4) },
  { key: 'month', label: 'Last full month', range: lastFullMonth },
  { key: 'quarter', label: 'Last full quarter', range: lastFullQuarter },
] as const;

const TREND_PERIODS = 13;
const GROUPS = ['queue', 'plan', 'channel', 'state', 'tier'] as const;

/** Channel filter: absent means the default (voice, where service level is meaningful); `all` means none. */
function channelFilter(search: URLSearchParams): string {
  const c = search.get('channel');
  if (c === null) return 'voice';
  return c === 'all' ? '' : c;
}

/**
 * Scorecard (executives): one tile per KPI with value, target, status, change against the
 * previous period of the same length and a 13-period trend; below it the same KPIs by plan
 * or queue. Every figure is the API's own (`/api/scorecard`, `/api/kpis`), formatted.
 */
export function ScorecardPage() {
  const [search, setSearch] = useSearchParams();
  const dims = useDimensions();
  const maxDate = dims.data?.maxDate ?? undefined;

  const range: DateRange | null = useMemo(() => {
    const from = search.get('from');
    const to = search.get('to');
    if (from && to && isIsoDate(from) && isIsoDate(to) && from < to) return { from, to };
    return maxDate ? lastFullWeek(maxDate) : null;
  }, [search, maxDate]);

  // Write the resolved default range into the URL so the view can be shared as it is.
  useEffect(() => {
    if (range && (!search.get('from') || !search.get('to'))) setSearch({ from: range.from, to: range.to }, true);
  }, [range, search, setSearch]);

  const filters: Filters = {
    queue: search.get('queue') ?? '',
    channel: channelFilter(search),
    plan: search.get('plan') ?? '',
    state: search.get('state') ?? '',
  };
  const where = whereParam(filters);
  const group = (GROUPS as readonly string[]).includes(search.get('group') ?? '') ? search.get('group')! : 'queue';

  const grain = range ? trendGrain(range) : 'week';
  const trend = range ? trendRange(range, grain, TREND_PERIODS) : null;

  const card = useApi<Scorecard>(range ? apiUrl('/api/scorecard', { from: range.from, to: range.to, where }) : null);
  const byGroup = useApi<Scorecard>(range ? apiUrl('/api/scorecard', { from: range.from, to: range.to, where, group }) : null);
  const trendRows = useApi<KpiRow[]>(trend ? apiUrl('/api/kpis', { from: trend.from, to: trend.to, by: grain, where, percentiles: 'false' }) : null);

  const metrics = card.data?.rows[0]?.metrics ?? [];
  const preset = range && maxDate ? PRESETS.find((p) => { const r = p.range(maxDate); return r.from === range.from && r.to === range.to; })?.key ?? 'custom' : 'custom';

  if (dims.state === 'error') return <StateMessage state="error" error={dims.error} />;

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Scorecard</h1>
          <p>Each KPI against its target, with the change from the previous period of the same length.</p>
        </div>
        <div className="row no-print">
          <CsvButton
            fileName={`scorecard-${range?.from ?? ''}-${range?.to ?? ''}.csv`}
            header={['metric', 'value', 'unit', 'target', 'status', 'previous', 'change', 'from', 'to', 'filters']}
            rows={() => metrics.map((m) => [m.label, m.value, m.unit, describeTarget(m.target, m.unit), m.status ?? '', m.previous, m.change, range?.from, range?.to, describeFilters(filters)])}
            label="Export tiles CSV"
          />
          <button type="button" onClick={() => window.print()}>
            Print
          </button>
        </div>
      </div>

      <form className="filters" aria-label="Scorecard filters" onSubmit={(e) => e.preventDefault()}>
        <Field label="Period">
          <select
            name="preset"
            value={preset}
            onChange={(e) => {
              const p = PRESETS.find((x) => x.key === e.target.value);
              if (p && maxDate) setSearch({ ...p.range(maxDate) });
            }}
          >
            {PRESETS.map((p) => (
              <option key={p.key} value={p.key}>
                {p.label}
              </option>
            ))}
            <option value="custom" disabled={preset !== 'custom'}>
              Custom
            </option>
          </select>
        </Field>
        <Field label="From">
          <input
            type="date"
            name="from"
            value={range?.from ?? ''}
            min={dims.data?.minDate ?? undefined}
            max={maxDate}
            onChange={(e) => isIsoDate(e.target.value) && range && e.target.value < range.to && setSearch({ from: e.target.value })}
          />
        </Field>
        <Field label="Through">
          <input
            type="date"
            name="through"
            value={range ? addDays(range.to, -1) : ''}
            min={dims.data?.minDate ?? undefined}
            max={maxDate}
            onChange={(e) => isIsoDate(e.target.value) && range && e.target.value >= range.from && setSearch({ to: addDays(e.target.value, 1) })}
          />
        </Field>
        <Select label="Queue" value={filters.queue ?? ''} options={dims.data?.queue ?? []} allLabel="All queues" onChange={(v) => setSearch({ queue: v })} format={humanize} />
        <Select label="Channel" value={filters.channel || 'all'} options={['all', ...(dims.data?.channel ?? [])]} onChange={(v) => setSearch({ channel: v })} format={(v) => (v === 'all' ? 'All channels' : humanize(v))} />
        <Select label="Plan" value={filters.plan ?? ''} options={dims.data?.plan ?? []} allLabel="All plans" onChange={(v) => setSearch({ plan: v })} format={humanize} />
        <Select label="State" value={filters.state ?? ''} options={dims.data?.state ?? []} allLabel="All states" onChange={(v) => setSearch({ state: v })} />
      </form>
      <div className="print-only">
        <h2 style={{ marginBottom: 4 }}>Staffcast scorecard · {range ? formatRange(range) : ''} · {describeFilters(filters)}</h2>
      </div>
      <p className="filter-summary" data-testid="filter-summary">
        {range ? (
          <>
            <strong>{formatRange(range)}</strong>
            {card.data && <> · compared with {formatRange({ from: card.data.previousFrom, to: card.data.previousTo })}</>} · {describeFilters(filters)}
            {filters.channel === 'voice' && !search.has('channel') && ' (default: service-level KPIs are read on voice)'}
          </>
        ) : (
          'Loading the data range…'
        )}
      </p>

      {card.state !== 'ready' && !(card.state === 'loading' && card.data) ? (
        <StateMessage state={card.state} error={card.error} />
      ) : metrics.length === 0 ? (
        <StateMessage state="ready">No KPIs for these filters.</StateMessage>
      ) : (
        <div className={card.state === 'loading' ? 'tiles is-stale' : 'tiles'} data-testid="tiles" aria-busy={card.state === 'loading'}>
          {metrics.map((m) => (
            <Tile key={m.name} metric={m} trend={trendRows.data?.map((r) => (!dims.data || periodIsWhole(r, grain, dims.data) ? metricValue(r, m.name) : null)) ?? null} trendLabels={trendRows.data?.map((r) => periodLabel((r.period ?? '').slice(0, 10), grain)) ?? []} trendState={trendRows.state} grain={grain} />
          ))}
        </div>
      )}

      <section className="section card" aria-labelledby="by-group">
        <div className="card-head">
          <div>
            <h2 id="by-group">KPIs by {group}</h2>
            <p>Same period and filters; cells carry the status of each KPI against its target.</p>
          </div>
          <div className="row no-print">
            <Select label="Rows" value={group} options={GROUPS} onChange={(v) => setSearch({ group: v })} format={humanize} />
            <CsvButton
              fileName={`scorecard-by-${group}-${range?.from ?? ''}-${range?.to ?? ''}.csv`}
              header={[group, ...(byGroup.data?.rows[0]?.metrics.flatMap((m) => [m.label, `${m.label} status`]) ?? [])]}
              rows={() => (byGroup.data?.rows ?? []).map((r) => [groupValue(r, group), ...r.metrics.flatMap((m) => [m.value, m.status ?? ''])])}
              label="Export table CSV"
            />
          </div>
        </div>
        {byGroup.state === 'ready' || (byGroup.state === 'loading' && byGroup.data) ? (
          byGroup.data!.rows.length === 0 ? (
            <StateMessage state="ready">No contacts for these filters.</StateMessage>
          ) : (
            <div className={byGroup.state === 'loading' ? 'is-stale' : undefined}>
              <GroupTable rows={byGroup.data!.rows} group={group} />
            </div>
          )
        ) : (
          <StateMessage state={byGroup.state} error={byGroup.error} />
        )}
      </section>
    </>
  );
}

/**
 * A trend period is drawn only when the data covers all of it: a week that starts before
 * the first day of data, or runs past the last, would show a false drop in volume.
 */
function periodIsWhole(row: KpiRow, grain: Grain, dims: Dimensions): boolean {
  const start = (row.period ?? '').slice(0, 10);
  if (!dims.minDate || !dims.maxDate) return false; // no data at all
  return start >= dims.minDate && addPeriods(start, grain, 1) <= addDays(dims.maxDate, 1);
}

function metricValue(row: KpiRow, name: string): number | null {
  const v = (row as unknown as Record<string, unknown>)[name];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function groupValue(row: ScorecardRow, group: string): string {
  const v = (row as unknown as Record<string, unknown>)[group];
  return v === null || v === undefined ? '(none)' : String(v);
}

/** Why a rate's basis can be small (shown on hover). */
const BASIS_NOTE: Record<string, string> = {
  fcr: 'A contact counts once its 7-day window has passed (or from its disposition when it has no member ID): the last week of data is mostly not yet known.',
  csat: 'Survey responses (scores 1–5).',
  nps: 'Survey responses (scores 0–10).',
};

function Tile({ metric: m, trend, trendLabels, trendState, grain }: { metric: ScorecardMetric; trend: (number | null)[] | null; trendLabels: string[]; trendState: string; grain: string }) {
  const tone = changeTone(m.change, m.direction);
  const target = describeTarget(m.target, m.unit);
  const trendText = trend?.length ? `${m.label} by ${grain}, ${trendLabels[0]} to ${trendLabels[trendLabels.length - 1]}: ${trend.map((v) => formatValue(v, m.unit)).join(', ')}` : '';
  return (
    <article className={`card tile tile-${m.status ?? 'none'}`} data-testid={`tile-${m.name}`} data-metric={m.name} aria-label={`${m.label}: ${formatValue(m.value, m.unit)}, ${statusText(m.status)}`}>
      <div className="tile-label">
        <span>{m.label}</span>
        <StatusBadge status={m.status} />
      </div>
      <div className="tile-value" data-testid="tile-value" data-value={m.value ?? ''}>
        {formatValue(m.value, m.unit)}
      </div>
      {m.basis !== null && m.basis !== undefined && (
        <div className="small muted" data-testid="tile-basis" title={BASIS_NOTE[m.name] ?? ''}>
          from {m.basis.toLocaleString('en-US')} {m.name === 'fcr' ? 'known outcomes' : 'responses'}
        </div>
      )}
      <div className="tile-meta">
        <span>{target ? `Target ${target}` : 'No target'}</span>
        <span className={tone === 'good' ? 'change-good' : tone === 'bad' ? 'change-bad' : undefined} title={`Previous period: ${formatValue(m.previous, m.unit)}`}>
          {m.change !== null && m.change !== 0 && (m.change > 0 ? '▲ ' : '▼ ')}
          {formatChange(m.change, m.unit, m.previous)} <span className="visually-hidden">from {formatValue(m.previous, m.unit)}</span>
        </span>
      </div>
      {trend ? (
        <Sparkline values={trend} label={trendText} color={m.status === 'red' ? 'var(--status-red)' : 'var(--series-1)'} />
      ) : (
        <div style={{ height: 36 }} className="muted small" aria-hidden={trendState !== 'error'}>
          {trendState === 'error' ? 'Trend unavailable' : ''}
        </div>
      )}
    </article>
  );
}

function GroupTable({ rows, group }: { rows: ScorecardRow[]; group: string }) {
  const metrics = rows[0]?.metrics ?? [];
  const columns: Column<ScorecardRow>[] = [
    { key: group, label: humanize(group), header: true, render: (r) => humanize(groupValue(r, group)) },
    ...metrics.map(
      (m, k): Column<ScorecardRow> => ({
        key: m.name,
        label: m.label,
        numeric: true,
        cellClass: (r) => (r.metrics[k]?.status ? `cell-${r.metrics[k]!.status}` : undefined),
        render: (r) => {
          const x = r.metrics[k];
          if (!x) return '—';
          return (
            <span style={{ display: 'inline-flex', gap: 4, alignItems: 'center' }}>
              {x.status && (
                <span className={`status-${x.status}`} style={{ background: 'none', display: 'inline-flex' }}>
                  <StatusIcon status={x.status} size={10} />
                  <span className="visually-hidden">{statusText(x.status)}</span>
                </span>
              )}
              {formatValue(x.value, x.unit)}
            </span>
          );
        },
      }),
    ),
  ];
  return <DataTable columns={columns} rows={rows} rowKey={(r) => groupValue(r, group)} testId="group-table" />;
}
