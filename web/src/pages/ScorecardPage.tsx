import { useEffect, useMemo } from 'react';
import type { SlaReport } from '../../../server/sla/service.ts';
import { apiUrl } from '../api/client.ts';
import { useDimensions } from '../api/dimensions.ts';
import type { CompareMode, Dimensions, KpiRow, MetricDefinition, Scorecard, ScorecardMetric, ScorecardRow } from '../api/types.ts';
import { useApi } from '../api/useApi.ts';
import { Sparkline } from '../charts/Sparkline.tsx';
import { StateMessage } from '../components/ChartFrame.tsx';
import { CsvButton } from '../components/CsvButton.tsx';
import { DataTable, type Column } from '../components/DataTable.tsx';
import { Field, Select } from '../components/Field.tsx';
import { ProvisionalBadge, shortDate, StatusBadge, StatusIcon, statusText } from '../components/StatusBadge.tsx';
import { TargetsEditor } from '../components/TargetsEditor.tsx';
import {
  addDays,
  addPeriods,
  formatDate,
  formatRange,
  isIsoDate,
  lastFullMonth,
  lastFullQuarter,
  lastFullWeek,
  lastFullWeeks,
  lastFullYear,
  periodLabel,
  trendGrain,
  trendRange,
  type DateRange,
  type Grain,
} from '../lib/dates.ts';
import { describeFilters, whereParam, type Filters } from '../lib/filters.ts';
import { formatValue } from '../lib/format.ts';
import { dimensionLabel, displayName, formatMetric } from '../lib/names.ts';
import { fcrMaturity } from '../lib/periods.ts';
import { changeTone, describeChange, describeTarget } from '../lib/targets.ts';
import { useSearchParams } from '../router.ts';

const PRESETS = [
  { key: 'week', label: 'Last full week', range: lastFullWeek },
  { key: '4weeks', label: 'Last 4 weeks', range: (d: string) => lastFullWeeks(d, 4) },
  { key: 'month', label: 'Last full month', range: lastFullMonth },
  { key: 'quarter', label: 'Last full quarter', range: lastFullQuarter },
  { key: 'year', label: 'Last full year', range: lastFullYear },
] as const;

const COMPARE: readonly { value: CompareMode; label: string }[] = [
  { value: 'previous', label: 'Previous period' },
  { value: 'year', label: 'Same period last year' },
];

/** What the comparison period is, in words. */
function kindWords(card: Scorecard): string {
  if (card.compare === 'year') return card.periodKind === 'weeks' ? 'the same weeks last year' : 'the same period last year';
  const days = Math.round((Date.parse(card.to) - Date.parse(card.from)) / 86_400_000);
  switch (card.periodKind) {
    case 'year':
      return 'the previous year';
    case 'quarter':
      return 'the previous quarter';
    case 'month':
      return 'the previous month';
    case 'weeks':
      return days === 7 ? 'the previous week' : `the previous ${days / 7} weeks`;
    case 'days':
      return days === 1 ? 'the previous day' : `the previous ${days} days`;
  }
}

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
  const compare: CompareMode = search.get('compare') === 'year' ? 'year' : 'previous';

  const grain = range ? trendGrain(range) : 'week';
  const trend = range ? trendRange(range, grain, TREND_PERIODS) : null;

  const compareParam = compare === 'year' ? 'year' : undefined;
  const card = useApi<Scorecard>(range ? apiUrl('/api/scorecard', { from: range.from, to: range.to, where, compare: compareParam }) : null);
  const byGroup = useApi<Scorecard>(range ? apiUrl('/api/scorecard', { from: range.from, to: range.to, where, group, compare: compareParam }) : null);
  const trendRows = useApi<KpiRow[]>(trend ? apiUrl('/api/kpis', { from: trend.from, to: trend.to, by: grain, where, percentiles: 'false' }) : null);
  const registry = useApi<MetricDefinition[]>('/api/metrics');
  // One channel: its SLA-read tiles (service level, business-time wait) trend from the SLA readings.
  const oneChannel = filters.channel !== '' && !filters.channel?.includes('|');
  const slaTrend = useApi<SlaReport>(trend && oneChannel ? apiUrl('/api/sla', { from: trend.from, to: trend.to, period: grain, where }) : null);
  // The table shows an answer only for the grouping asked for: while another grouping's
  // answer is all there is, it shows the loading state, never old rows under new labels.
  const groupData = byGroup.data && byGroup.data.group.length === 1 && byGroup.data.group[0] === group ? byGroup.data : undefined;

  const metrics = card.data?.rows[0]?.metrics ?? [];
  // Which trend periods' FCR is provisional (hollow points), from the scorecard's FCR cut-off.
  const trendProvisional =
    trendRows.data && card.data
      ? trendRows.data.map((r) => {
          const start = (r.period ?? '').slice(0, 10);
          return fcrMaturity(start, addPeriods(start, grain, 1), card.data!.fcr, dims.data?.maxDate ?? null);
        })
      : null;
  const preset =
    range && maxDate
      ? (PRESETS.find((p) => {
          const r = p.range(maxDate);
          return r.from === range.from && r.to === range.to;
        })?.key ?? 'custom')
      : 'custom';

  if (dims.state === 'error') return <StateMessage state="error" error={dims.error} />;

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Scorecard</h1>
          <p>Each KPI against its target, with the change from the previous period (a calendar month, quarter or year: the one before) or from the same period last year.</p>
        </div>
        <div className="row no-print">
          <CsvButton
            fileName={`scorecard-${range?.from ?? ''}-${range?.to ?? ''}.csv`}
            header={['metric', 'value', 'unit', 'target', 'status', 'previous', 'change', 'no change because', 'provisional until', 'from', 'to', 'compared from', 'compared to', 'filters']}
            rows={() =>
              metrics.map((m) => [
                m.label,
                m.value,
                m.unit,
                describeTarget(m.target, m.unit, m.name),
                m.provisional ? 'provisional' : (m.status ?? ''),
                m.previous,
                m.change,
                m.changeWithheld ?? '',
                m.provisional ? (m.maturesOn ?? '') : '',
                range?.from,
                range?.to,
                card.data?.previousFrom,
                card.data?.previousTo,
                describeFilters(filters),
              ])
            }
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
        <Select
          label="Compare with"
          value={compare}
          options={COMPARE.map((c) => c.value)}
          onChange={(v) => setSearch({ compare: v === 'previous' ? '' : v })}
          format={(v) => COMPARE.find((c) => c.value === v)!.label}
        />
        <Select label="Queue" value={filters.queue ?? ''} options={dims.data?.queue ?? []} allLabel="All queues" onChange={(v) => setSearch({ queue: v })} format={(v) => displayName('queue', v)} />
        <Select
          label="Channel"
          value={filters.channel || 'all'}
          options={['all', ...(dims.data?.channel ?? [])]}
          onChange={(v) => setSearch({ channel: v })}
          format={(v) => (v === 'all' ? 'All channels' : displayName('channel', v))}
        />
        <Select label="Plan" value={filters.plan ?? ''} options={dims.data?.plan ?? []} allLabel="All plans" onChange={(v) => setSearch({ plan: v })} format={(v) => displayName('plan', v)} />
        <Select label="State" value={filters.state ?? ''} options={dims.data?.state ?? []} allLabel="All states" onChange={(v) => setSearch({ state: v })} format={(v) => displayName('state', v)} />
      </form>
      <div className="print-only">
        <h2 style={{ marginBottom: 4 }}>
          Staffcast scorecard · {range ? formatRange(range) : ''} · {describeFilters(filters)}
        </h2>
      </div>
      <p className="filter-summary" data-testid="filter-summary">
        {range ? (
          <>
            <strong>{formatRange(range)}</strong>
            {card.data && (
              <>
                {' '}
                · compared with {formatRange({ from: card.data.previousFrom, to: card.data.previousTo })} ({kindWords(card.data)})
              </>
            )}{' '}
            · {describeFilters(filters)}
            {filters.channel === 'voice' && !search.has('channel') && ' (default: service-level KPIs are read on voice)'}
          </>
        ) : (
          'Loading the data range…'
        )}
      </p>

      {card.data && <CoverageNote card={card.data} />}

      {card.state !== 'ready' && !(card.state === 'loading' && card.data) ? (
        <StateMessage state={card.state} error={card.error} />
      ) : metrics.length === 0 ? (
        <StateMessage state="ready">No KPIs for these filters.</StateMessage>
      ) : (
        <div className={card.state === 'loading' ? 'tiles is-stale' : 'tiles'} data-testid="tiles" aria-busy={card.state === 'loading'}>
          {metrics.map((m) => (
            <Tile
              key={m.name}
              metric={m}
              fcrDays={card.data?.fcr.windowDays ?? 7}
              trend={trendRows.data?.map((r) => (!dims.data || periodIsWhole(r, grain, dims.data) ? (m.sla ? slaTrendValue(slaTrend.data, m, r) : metricValue(r, m.name)) : null)) ?? null}
              trendProvisional={m.name === 'fcr' ? (trendProvisional?.map((x) => x.provisional) ?? undefined) : undefined}
              trendMatures={m.name === 'fcr' ? (trendProvisional?.map((x) => x.maturesOn) ?? undefined) : undefined}
              trendLabels={trendRows.data?.map((r) => periodLabel((r.period ?? '').slice(0, 10), grain)) ?? []}
              trendState={trendRows.state}
              grain={grain}
            />
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
            <Select label="Rows" value={group} options={GROUPS} onChange={(v) => setSearch({ group: v })} format={dimensionLabel} />
            <CsvButton
              fileName={`scorecard-by-${group}-${range?.from ?? ''}-${range?.to ?? ''}.csv`}
              header={[group, ...(groupData?.rows[0]?.metrics.flatMap((m) => [m.label, `${m.label} status`]) ?? [])]}
              rows={() => (groupData?.rows ?? []).map((r) => [groupLabel(r, group), ...r.metrics.flatMap((m) => [m.value, m.provisional ? 'provisional' : (m.status ?? '')])])}
              label="Export table CSV"
            />
          </div>
        </div>
        {groupData && (byGroup.state === 'ready' || byGroup.state === 'loading') ? (
          groupData.rows.length === 0 ? (
            <StateMessage state="ready">No contacts for these filters.</StateMessage>
          ) : (
            <div className={byGroup.state === 'loading' ? 'is-stale' : undefined} aria-busy={byGroup.state === 'loading'}>
              <GroupTable key={group} rows={groupData.rows} group={group} />
              {groupData.rows.some((r) => r.metrics.some((m) => m.provisional)) && (
                <p className="small muted" data-testid="table-provisional-note">
                  ○ provisional: FCR rests on the contacts whose {groupData.fcr.windowDays}-day repeat window has closed; it is not scored until the last window closes (date on hover).
                </p>
              )}
            </div>
          )
        ) : (
          <StateMessage state={byGroup.state === 'ready' ? 'loading' : byGroup.state} error={byGroup.error} />
        )}
      </section>

      <section className="section card no-print" aria-labelledby="targets">
        <div className="card-head">
          <div>
            <h2 id="targets">Targets</h2>
            <p>Targets per queue, channel and tier. Tier 2 and 3 AHT default to 20–40 minutes (specialist work); Tier 1 and mixed rows to 6–9 minutes.</p>
          </div>
        </div>
        <TargetsEditor dims={dims.data} metrics={registry.data ?? []} />
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

/** A tile read against a channel SLA: its value in a trend period, from the SLA readings. */
function slaTrendValue(report: SlaReport | undefined, m: ScorecardMetric, row: KpiRow): number | null {
  const hit = report?.rows.find((x) => x.sla === m.sla?.id && x.period === (row.period ?? '').slice(0, 10));
  if (!hit) return null;
  return m.name === 'serviceLevel' ? hit.value : hit.averageWaitSeconds;
}

function metricValue(row: KpiRow, name: string): number | null {
  const v = (row as unknown as Record<string, unknown>)[name];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** A table row's label: the display name of its group value. */
function groupLabel(row: ScorecardRow, group: string): string {
  return displayName(group, (row as unknown as Record<string, string | number | null>)[group]);
}

/**
 * Why there is no change: the comparison period (or this one) is not fully covered by the
 * data. Said once above the tiles, and on each tile in short.
 */
function CoverageNote({ card }: { card: Scorecard }) {
  const prev = formatRange({ from: card.previousFrom, to: card.previousTo });
  const span = card.dataFrom && card.dataTo ? `the data runs ${formatDate(card.dataFrom, false)} – ${formatDate(card.dataTo, false)}` : 'there is no data';
  const notes: string[] = [];
  if (card.coverage !== 'full') notes.push(`This period is only partly covered (${span}): its counts are for part of it.`);
  if (card.previousCoverage === 'none') notes.push(`No data for ${prev}: no changes are shown.`);
  else if (card.previousCoverage === 'partial') notes.push(`The data covers only part of ${prev}: changes against it would not compare like with like, so none are shown.`);
  else if (card.coverage !== 'full') notes.push('No changes are shown.');
  if (notes.length === 0) return null;
  return (
    <p className="small" role="note" data-testid="coverage-note" data-coverage={card.coverage} data-previous-coverage={card.previousCoverage}>
      <strong>Comparison:</strong> {notes.join(' ')}
      {card.coverage === 'full' && ` (${span}.)`}
    </p>
  );
}

/** The short reason on a tile for a change that is not shown. */
function withheldText(m: ScorecardMetric): string {
  switch (m.changeWithheld) {
    case 'provisional':
      return m.maturesOn ? `provisional until ${shortDate(m.maturesOn)}` : 'provisional';
    case 'previous-provisional':
      return 'previous period provisional';
    case 'comparison-none':
      return 'no data to compare';
    case 'comparison-partial':
      return 'comparison period partly covered';
    case 'current-partial':
      return 'period partly covered';
    default:
      return '—';
  }
}

/**
 * A scorecard value in its display unit: waits measured in business time (email and portal
 * against their SLA) in hours, everything else as formatMetric shows it.
 */
function metricText(m: Pick<ScorecardMetric, 'name' | 'unit' | 'displayUnit'>, v: number | null): string {
  return m.displayUnit === 'business_hours' ? formatValue(v === null ? null : v / 3600, 'hours') : formatMetric(m.name, v, m.unit);
}

/** A change in hours read with its unit: `+1.2` → `+1.2 h`. */
function inHours(c: ReturnType<typeof describeChange>): ReturnType<typeof describeChange> {
  return c.shown === null || c.shown === 0 ? c : { ...c, text: `${c.text} h` };
}

/** Why a rate's basis can be small (shown on hover). */
const BASIS_NOTE: Record<string, string> = {
  fcr: 'A contact counts once its repeat window has passed (or from its disposition when it has no member ID): until every window of the period has closed the figure is provisional, and it is neither scored nor compared.',
  csat: 'Survey responses (scores 1–5).',
  nps: 'Survey responses (scores 0–10).',
};

function Tile({
  metric: m,
  fcrDays,
  trend,
  trendProvisional,
  trendMatures,
  trendLabels,
  trendState,
  grain,
}: {
  metric: ScorecardMetric;
  fcrDays: number;
  trend: (number | null)[] | null;
  trendProvisional?: boolean[];
  trendMatures?: (string | null)[];
  trendLabels: string[];
  trendState: string;
  grain: string;
}) {
  const change = m.displayUnit === 'business_hours' ? inHours(describeChange(m.name, m.change === null ? null : m.change / 3600, 'hours')) : describeChange(m.name, m.change, m.unit, m.previous);
  const tone = changeTone(change.shown, m.direction);
  const target = describeTarget(m.target, m.unit, m.name);
  const scope = m.targetScope ? [m.targetScope.queue, m.targetScope.channel, m.targetScope.tier].some((v) => v !== '*') : false;
  const trendText = trend?.length
    ? `${m.label} by ${grain}, ${trendLabels[0]} to ${trendLabels[trendLabels.length - 1]}: ${trend
        .map((v, i) => metricText(m, v) + (trendProvisional?.[i] && v !== null ? ` (provisional until ${shortDate(trendMatures?.[i] ?? '')})` : ''))
        .join(', ')}`
    : '';
  const valueText = metricText(m, m.value);
  return (
    <article
      className={`card tile tile-${m.provisional ? 'none' : (m.status ?? 'none')}`}
      data-testid={`tile-${m.name}`}
      data-metric={m.name}
      data-provisional={m.provisional ? 'true' : undefined}
      aria-label={`${m.label}: ${m.value === null && m.nullReason ? `no value (${m.nullReason})` : valueText}, ${m.provisional ? `provisional until ${m.maturesOn ? shortDate(m.maturesOn) : 'its windows close'}` : statusText(m.status)}`}
    >
      <div className="tile-label">
        <span>{m.label}</span>
        {m.provisional ? <ProvisionalBadge maturesOn={null} /> : <StatusBadge status={m.status} />}
      </div>
      <div className="tile-value" data-testid="tile-value" data-value={m.value ?? ''} title={m.value === null && m.nullReason ? m.nullReason : undefined}>
        {valueText}
      </div>
      {m.sla && (
        <div className="small muted" data-testid="tile-sla" title="Read against this channel's own SLA (docs/sla.md)">
          {m.name === 'serviceLevel' ? m.sla.label : 'mean wait counted in open hours of the site calendar'}
        </div>
      )}
      {m.value === null && m.nullReason && (
        <div className="small muted" data-testid="tile-null-reason">
          {m.nullReason}
        </div>
      )}
      {m.basis !== null && m.basis !== undefined && (
        <div className="small muted" data-testid="tile-basis" title={BASIS_NOTE[m.name] ?? ''}>
          {m.name === 'fcr' && typeof m.basisOf === 'number'
            ? `from ${m.basis.toLocaleString('en-US')} of ${m.basisOf.toLocaleString('en-US')} answered contacts${m.provisional ? ` (the rest: ${fcrDays}-day window open)` : ''}`
            : `from ${m.basis.toLocaleString('en-US')} ${m.name === 'fcr' ? 'known outcomes' : 'responses'}`}
        </div>
      )}
      <div className="tile-meta">
        <span title={m.targetSource === 'tier-default' ? 'Built-in default for this tier' : scope ? 'Target set for this view' : undefined}>
          {target ? `Target ${target}` : 'No target'}
          {m.targetSource === 'tier-default' ? ' (tier)' : m.targetSource === 'override' ? ' (set)' : m.targetSource === 'sla' && target ? ' (SLA)' : ''}
        </span>
        {m.change === null && m.changeWithheld ? (
          <span data-testid="tile-change" data-withheld={m.changeWithheld}>
            {withheldText(m)}
          </span>
        ) : (
          <span data-testid="tile-change" className={tone === 'good' ? 'change-good' : tone === 'bad' ? 'change-bad' : undefined} title={`Previous period: ${metricText(m, m.previous)}`}>
            {change.arrow && <span aria-hidden>{change.arrow} </span>}
            {change.text} <span className="visually-hidden">from {metricText(m, m.previous)}</span>
          </span>
        )}
      </div>
      {trend ? (
        <Sparkline values={trend} provisional={trendProvisional} label={trendText} color={m.status === 'red' && !m.provisional ? 'var(--status-red)' : 'var(--series-1)'} />
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
    {
      key: group,
      label: dimensionLabel(group),
      header: true,
      render: (r) => {
        const text = groupLabel(r, group);
        return text.length <= 12 ? <span style={{ whiteSpace: 'nowrap' }}>{text}</span> : text;
      },
    },
    ...metrics.map(
      (m, k): Column<ScorecardRow> => ({
        key: m.name,
        label: m.label,
        numeric: true,
        cellClass: (r) => (r.metrics[k]?.status && !r.metrics[k]!.provisional ? `cell-${r.metrics[k]!.status}` : undefined),
        render: (r) => {
          const x = r.metrics[k];
          if (!x) return '—';
          if (x.value === null && x.nullReason) {
            return (
              <span title={x.nullReason} data-null-reason={x.nullReason}>
                —<span className="visually-hidden"> ({x.nullReason})</span>
              </span>
            );
          }
          if (x.provisional) {
            const until = x.maturesOn ? `provisional until ${shortDate(x.maturesOn)}` : 'provisional';
            return (
              <span style={{ display: 'inline-flex', gap: 4, alignItems: 'center' }} title={until} data-provisional="true">
                <span aria-hidden>○</span>
                <span className="visually-hidden">{until}:</span>
                {metricText(x, x.value)}
              </span>
            );
          }
          return (
            <span style={{ display: 'inline-flex', gap: 4, alignItems: 'center' }}>
              {x.status && (
                <span className={`status-${x.status}`} style={{ background: 'none', display: 'inline-flex' }}>
                  <StatusIcon status={x.status} size={10} />
                  <span className="visually-hidden">{statusText(x.status)}</span>
                </span>
              )}
              {metricText(x, x.value)}
            </span>
          );
        },
      }),
    ),
  ];
  return <DataTable columns={columns} rows={rows} rowKey={(r) => r.key} testId="group-table" />;
}
