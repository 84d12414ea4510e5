import { scaleBand, scaleLinear } from 'd3';
import { useMemo } from 'react';
import { apiUrl } from '../api/client.ts';
import { useApi } from '../api/useApi.ts';
import { Legend, PeriodChart } from '../charts/PeriodChart.tsx';
import { ChartFrame, StateMessage } from '../components/ChartFrame.tsx';
import { CsvButton } from '../components/CsvButton.tsx';
import { type Column, DataTable } from '../components/DataTable.tsx';
import { Field, humanize, Select } from '../components/Field.tsx';
import { useParentSize } from '../hooks/useParentSize.ts';
import { formatDate, isIsoDate } from '../lib/dates.ts';
import { formatPercent, formatValue, NO_DATA } from '../lib/format.ts';
import { useSearchParams } from '../router.ts';
import type { BacklogAnswer, CaseListItem, TimelinessAnswer, WorkloadAnswer } from '../../../server/cases/service.ts';

const TYPE_COLORS: Record<string, string> = {
  appeal: '#0072b2',
  grievance: '#e69f00',
  claim_research: '#009e73',
  escalation: '#cc79a7',
  other: '#999999',
};
const AT_RISK_DAYS = 3;

const hours = (h: number | null) => (h === null ? NO_DATA : h >= 48 ? `${(h / 24).toFixed(1)} d` : `${h.toFixed(1)} h`);
const monthLabel = (p: string) => new Date(`${p}T12:00:00Z`).toLocaleDateString('en-US', { month: 'short', year: '2-digit', timeZone: 'UTC' });

/**
 * Cases (appeals, grievances, claim research, escalations): the open backlog by age and
 * type, the cases at risk (due within 3 days or overdue), timeliness by month against the
 * deadline rules, what the case work needs in staff, and the cases themselves with
 * pseudonymized member keys. docs/cases.md defines every figure.
 */
export function CasesPage() {
  const [search, setSearch] = useSearchParams();
  const asOfParam = search.get('as-of') ?? '';
  const asOf = isIsoDate(asOfParam) ? asOfParam : undefined;
  const type = search.get('type') ?? '';

  const backlog = useApi<BacklogAnswer>(apiUrl('/api/cases/backlog', { 'as-of': asOf }));
  const timeliness = useApi<TimelinessAnswer>(apiUrl('/api/cases/timeliness', { 'as-of': asOf, by: 'month' }));
  const workload = useApi<WorkloadAnswer>(apiUrl('/api/cases/workload', { 'as-of': asOf }));
  const atRisk = useApi<{ asOf: string | null; total: number; cases: CaseListItem[] }>(apiUrl('/api/cases', { 'as-of': asOf, 'due-within': AT_RISK_DAYS, limit: 200 }));
  const drill = useApi<{ asOf: string | null; total: number; cases: CaseListItem[] }>(type ? apiUrl('/api/cases', { 'as-of': asOf, status: 'open', type, limit: 200 }) : null);

  const b = backlog.data;
  const noCases = backlog.state === 'ready' && b?.total === null;
  const types = b?.rows.map((r) => r.type) ?? [];

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Cases</h1>
          <p>
            Appeals, grievances, claim research and escalations against their deadlines
            {b?.asOf ? (
              <>
                {' '}
                — open at the end of <strong>{formatDate(b.asOf)}</strong>
              </>
            ) : null}
            .
          </p>
        </div>
      </div>
      <form className="filters" aria-label="Case filters" onSubmit={(e) => e.preventDefault()}>
        <Field label="As of (end of day)">
          <input type="date" value={asOf ?? b?.asOf ?? ''} onChange={(e) => setSearch({ 'as-of': e.target.value || null })} />
        </Field>
        <Select label="Drill into type" value={type} options={types} allLabel="Choose a type" format={humanize} onChange={(v) => setSearch({ type: v || null })} />
      </form>
      {noCases ? (
        <div className="card" data-testid="cases-empty">
          <p>No case log yet. Load one with `staffcast cases ingest FILE` or POST /api/cases/ingest (docs/cases.md).</p>
        </div>
      ) : (
        <>
          <Summary backlog={backlog.data} workload={workload.data} state={backlog.state} error={backlog.error} />
          <div className="section">
            <BacklogChart backlog={backlog} onPick={(t) => setSearch({ type: t })} />
          </div>
          <div className="section">
            <WorkloadLine workload={workload} />
          </div>
          <div className="section">
            <TrendChart timeliness={timeliness} />
          </div>
          <section className="card section" aria-labelledby="risk-h" data-testid="cases-at-risk">
            <div className="card-head">
              <div>
                <h3 id="risk-h">Cases at risk</h3>
                <p>Open cases due within {AT_RISK_DAYS} days of the as-of date, and overdue ones, soonest first.</p>
              </div>
              <CsvButton fileName="cases-at-risk.csv" header={CSV_HEADER} rows={() => (atRisk.data?.cases ?? []).map(csvRow)} />
            </div>
            {atRisk.state === 'ready' ? <CaseTable cases={atRisk.data.cases} total={atRisk.data.total} testId="table-at-risk" /> : <StateMessage state={atRisk.state} error={atRisk.error} />}
          </section>
          {type && (
            <section className="card section" aria-labelledby="drill-h" data-testid="cases-drill">
              <div className="card-head">
                <div>
                  <h3 id="drill-h">Open {humanize(type).toLowerCase()} cases</h3>
                  <p>Member keys are pseudonyms (keyed HMAC), never member IDs.</p>
                </div>
                <CsvButton fileName={`cases-open-${type}.csv`} header={CSV_HEADER} rows={() => (drill.data?.cases ?? []).map(csvRow)} />
              </div>
              {drill.state === 'ready' ? <CaseTable cases={drill.data.cases} total={drill.data.total} testId="table-drill" /> : <StateMessage state={drill.state} error={drill.error} />}
            </section>
          )}
        </>
      )}
    </>
  );
}

function Summary({ backlog, workload, state, error }: { backlog: BacklogAnswer | undefined; workload: WorkloadAnswer | undefined; state: 'idle' | 'loading' | 'error' | 'ready'; error?: string }) {
  if (!backlog?.total) return <StateMessage state={state} error={error} />;
  const t = backlog.total;
  const tiles: { label: string; value: string; meta: string }[] = [
    { label: 'Open cases', value: formatValue(t.open, 'count'), meta: `${formatValue(t.ages['31+'] ?? 0, 'count')} older than 30 days` },
    { label: 'Overdue', value: formatValue(t.overdue, 'count'), meta: 'resolve deadline passed' },
    { label: `Due within ${AT_RISK_DAYS} days`, value: formatValue(t.dueWithin3Days, 'count'), meta: `${formatValue(t.dueWithin1Day, 'count')} within 1 day` },
    { label: 'Case staff needed', value: workload?.total ? formatValue(workload.total.fte, 'fte') : NO_DATA, meta: workload?.total ? `${workload.total.agents} agents before shrinkage` : '' },
  ];
  return (
    <div className="tiles" data-testid="cases-tiles">
      {tiles.map((x) => (
        <div className="card tile" key={x.label}>
          <div className="tile-label">{x.label}</div>
          <div className="tile-value">{x.value}</div>
          <div className="tile-meta">{x.meta}</div>
        </div>
      ))}
    </div>
  );
}

/** Open cases per age bucket, stacked by type; React draws, D3 gives the scales. */
function BacklogChart({ backlog, onPick }: { backlog: ReturnType<typeof useApi<BacklogAnswer>>; onPick: (type: string) => void }) {
  const [ref, { width }] = useParentSize(720, 260);
  const d = backlog.data;
  const height = 260;
  const m = { top: 12, right: 16, bottom: 40, left: 48 };
  const geometry = useMemo(() => {
    if (!d) return null;
    const x = scaleBand<string>()
      .domain(d.ageBuckets)
      .range([m.left, Math.max(m.left + 100, width - m.right)])
      .padding(0.25);
    const totals = d.ageBuckets.map((a) => d.rows.reduce((s, r) => s + (r.ages[a] ?? 0), 0));
    const y = scaleLinear()
      .domain([0, Math.max(1, ...totals)])
      .nice()
      .range([height - m.bottom, m.top]);
    const rects = d.ageBuckets.flatMap((a) => {
      let base = 0;
      return d.rows.map((r) => {
        const v = r.ages[a] ?? 0;
        const rect = { key: `${a}-${r.type}`, type: r.type, age: a, v, x: x(a)!, w: x.bandwidth(), y: y(base + v), h: y(base) - y(base + v) };
        base += v;
        return rect;
      });
    });
    return { x, y, rects, totals };
  }, [d, width, m.left, m.right, m.top, m.bottom]);
  return (
    <ChartFrame
      title="Backlog by age"
      subtitle="Open cases by days since receipt, stacked by type. Click a bar to list its type's open cases."
      state={backlog.state}
      error={backlog.error}
      empty={!d?.total?.open}
      emptyMessage="No open cases at this date."
      testId="chart-backlog"
      legend={<Legend items={(d?.rows ?? []).map((r) => ({ label: humanize(r.type), color: TYPE_COLORS[r.type] ?? '#999' }))} />}
      table={() => (
        <DataTable
          rowKey={(r) => r.type}
          rows={[...(d?.rows ?? []), ...(d?.total ? [d.total] : [])]}
          columns={[
            { key: 'type', label: 'Type', header: true, render: (r) => (r.type === '*' ? 'All types' : humanize(r.type)) },
            { key: 'open', label: 'Open', numeric: true, render: (r) => formatValue(r.open, 'count') },
            ...(d?.ageBuckets ?? []).map((a) => ({ key: a, label: `${a} days`, numeric: true, render: (r: BacklogAnswer['rows'][number]) => formatValue(r.ages[a] ?? 0, 'count') })),
            { key: 'd1', label: 'Due ≤1 day', numeric: true, render: (r) => formatValue(r.dueWithin1Day, 'count') },
            { key: 'd3', label: 'Due ≤3 days', numeric: true, render: (r) => formatValue(r.dueWithin3Days, 'count') },
            { key: 'd7', label: 'Due ≤7 days', numeric: true, render: (r) => formatValue(r.dueWithin7Days, 'count') },
            { key: 'overdue', label: 'Overdue', numeric: true, render: (r) => formatValue(r.overdue, 'count') },
          ]}
        />
      )}
    >
      {() => (
        <div ref={ref} className="chart">
          {geometry && (
            <svg width={width} height={height} role="img" aria-label={`Open cases by age: ${d!.ageBuckets.map((a, i) => `${a} days ${geometry.totals[i]}`).join(', ')}`}>
              {geometry.y.ticks(5).map((v) => (
                <g key={v}>
                  <line x1={m.left} x2={width - m.right} y1={geometry.y(v)} y2={geometry.y(v)} stroke="var(--color-border)" />
                  <text x={m.left - 6} y={geometry.y(v)} dy="0.32em" textAnchor="end" fontSize="11" fill="currentColor">
                    {v}
                  </text>
                </g>
              ))}
              {geometry.rects.map((r) =>
                r.v > 0 ? (
                  <rect
                    key={r.key}
                    x={r.x}
                    y={r.y}
                    width={r.w}
                    height={r.h}
                    fill={TYPE_COLORS[r.type] ?? '#999'}
                    role="button"
                    tabIndex={0}
                    style={{ cursor: 'pointer' }}
                    onClick={() => onPick(r.type)}
                    onKeyDown={(e) => e.key === 'Enter' && onPick(r.type)}
                  >
                    <title>{`${humanize(r.type)}, ${r.age} days: ${r.v}`}</title>
                  </rect>
                ) : null,
              )}
              {d!.ageBuckets.map((a) => (
                <text key={a} x={geometry.x(a)! + geometry.x.bandwidth() / 2} y={height - m.bottom + 16} textAnchor="middle" fontSize="11" fill="currentColor">
                  {a} days
                </text>
              ))}
              <text x={m.left} y={height - 6} fontSize="11" fill="currentColor">
                Age since receipt (local days)
              </text>
            </svg>
          )}
        </div>
      )}
    </ChartFrame>
  );
}

function WorkloadLine({ workload }: { workload: ReturnType<typeof useApi<WorkloadAnswer>> }) {
  const w = workload.data;
  return (
    <section className="card" aria-labelledby="workload-h" data-testid="cases-workload">
      <h3 id="workload-h">What the case work needs</h3>
      {!w ? (
        <StateMessage state={workload.state} error={workload.error} />
      ) : !w.window ? (
        <p className="muted">No cases.</p>
      ) : (
        <p>
          Arrivals of the {w.window.weeks} weeks to {formatDate(w.window.to)} ({formatValue(w.window.businessHours, 'hours')} business hours) and the open backlog, cleared within {w.clearWithinHours}{' '}
          business hours, need <strong className="num">{w.total.agents}</strong> agents ({formatValue(w.total.fte, 'fte')} FTE at {formatPercent(w.shrinkage, 0)} shrinkage):{' '}
          {w.tiers
            .map(
              (t) =>
                `tier ${t.tier} ${t.staffing ? `${t.staffing.agents} (${t.arrivals} arrivals, ${t.backlog} open, ${formatValue(t.ahtSeconds === null ? null : t.ahtSeconds / 60, 'minutes')} per case)` : NO_DATA}`,
            )
            .join('; ')}
          . Handle minutes per type are assumptions until a plan measures its own (docs/cases.md).
        </p>
      )}
    </section>
  );
}

function TrendChart({ timeliness }: { timeliness: ReturnType<typeof useApi<TimelinessAnswer>> }) {
  const t = timeliness.data;
  const rows = t?.rows ?? [];
  const periods = rows.map((r) => r.period);
  return (
    <ChartFrame
      title="Timeliness by month"
      subtitle="Cases whose deadline falls in the month: share resolved (and appeals acknowledged) on time, with the cases due."
      state={timeliness.state}
      error={timeliness.error}
      empty={rows.length === 0}
      emptyMessage="No case deadlines in this range."
      testId="chart-timeliness"
      legend={
        <Legend
          items={[
            { label: 'Cases due (resolve)', color: 'rgba(0, 114, 178, 0.25)', kind: 'box' },
            { label: 'Resolved on time', color: '#0072b2' },
            { label: 'Acknowledged on time', color: '#e69f00', kind: 'dashed' },
          ]}
        />
      }
      table={() => (
        <DataTable
          rowKey={(r) => r.period}
          rows={rows}
          columns={[
            { key: 'period', label: 'Month', header: true, render: (r) => monthLabel(r.period) },
            { key: 'due', label: 'Due', numeric: true, render: (r) => formatValue(r.resolve.due, 'count') },
            { key: 'met', label: 'Met', numeric: true, render: (r) => formatValue(r.resolve.met, 'count') },
            { key: 'missed', label: 'Missed', numeric: true, render: (r) => formatValue(r.resolve.missed, 'count') },
            { key: 'pending', label: 'Pending', numeric: true, render: (r) => formatValue(r.resolve.pending, 'count') },
            { key: 'timely', label: 'On time', numeric: true, render: (r) => formatValue(r.resolve.percentTimely, 'fraction') },
            { key: 'p50', label: 'Resolve p50', numeric: true, render: (r) => hours(r.resolve.medianHours) },
            { key: 'p90', label: 'Resolve p90', numeric: true, render: (r) => hours(r.resolve.p90Hours) },
            { key: 'ack', label: 'Ack on time', numeric: true, render: (r) => formatValue(r.acknowledge.percentTimely, 'fraction') },
            { key: 'ack50', label: 'Ack p50', numeric: true, render: (r) => hours(r.acknowledge.medianHours) },
          ]}
        />
      )}
    >
      {() => (
        <PeriodChart
          periods={periods}
          intraday={false}
          bars={[{ key: 'due', label: 'Cases due', color: 'rgba(0, 114, 178, 0.25)', values: rows.map((r) => r.resolve.due) }]}
          lines={[
            { key: 'timely', label: 'Resolved on time', color: '#0072b2', axis: 'right', values: rows.map((r) => r.resolve.percentTimely) },
            { key: 'ack', label: 'Acknowledged on time', color: '#e69f00', axis: 'right', dashed: true, values: rows.map((r) => r.acknowledge.percentTimely) },
          ]}
          leftUnit="count"
          rightUnit="fraction"
          rightDomain={[0, 1]}
          leftLabel="Cases due"
          rightLabel="On time"
          xLabel="Month of the deadline"
          xTickLabel={(p) => monthLabel(p)}
          description="Cases due per month and the share on time"
          tooltip={(i) => {
            const r = rows[i]!;
            return (
              <>
                <strong>{monthLabel(r.period)}</strong>
                <span className="num">
                  {r.resolve.due} due · {r.resolve.met} met · {r.resolve.missed} missed · {r.resolve.pending} pending
                </span>
                <br />
                <span className="num">
                  On time {formatValue(r.resolve.percentTimely, 'fraction')} · acknowledged on time {formatValue(r.acknowledge.percentTimely, 'fraction')}
                </span>
              </>
            );
          }}
        />
      )}
    </ChartFrame>
  );
}

const CSV_HEADER = ['case_id', 'member_key', 'type', 'priority', 'program', 'plan', 'state', 'tier', 'received_at', 'resolve_due', 'resolve_status', 'acknowledge_due', 'acknowledge_status'];
const csvRow = (c: CaseListItem) => [c.caseId, c.memberKey, c.type, c.priority, c.program, c.plan, c.state, c.tier, c.receivedAt, c.resolveDue, c.resolveStatus, c.acknowledgeDue, c.acknowledgeStatus];

function CaseTable({ cases, total, testId }: { cases: CaseListItem[]; total: number; testId: string }) {
  const day = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : NO_DATA);
  const columns: Column<CaseListItem>[] = [
    { key: 'case', label: 'Case', header: true, render: (c) => c.caseId },
    { key: 'type', label: 'Type', render: (c) => `${humanize(c.type)}${c.priority === 'expedited' ? ' (expedited)' : ''}` },
    { key: 'program', label: 'Program', render: (c) => humanize(c.program) },
    { key: 'member', label: 'Member key', render: (c) => (c.memberKey ? <code title={c.memberKey}>{c.memberKey.slice(0, 10)}…</code> : NO_DATA) },
    { key: 'received', label: 'Received', render: (c) => day(c.receivedAt) },
    { key: 'due', label: 'Resolve by', render: (c) => day(c.resolveDue) },
    { key: 'status', label: 'Status', render: (c) => c.resolveStatus ?? NO_DATA, cellClass: (c) => (c.resolveStatus === 'missed' ? 'status-red' : undefined) },
  ];
  if (cases.length === 0) return <p className="muted">None.</p>;
  return (
    <>
      <DataTable columns={columns} rows={cases} rowKey={(c) => `${c.source}/${c.caseId}`} scroll testId={testId} />
      {total > cases.length && (
        <p className="small muted">
          The first {cases.length} of {total}.
        </p>
      )}
    </>
  );
}
