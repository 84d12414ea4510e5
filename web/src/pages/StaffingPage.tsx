import { useDeferredValue, useMemo, useState } from 'react';
import { staff, staffingCurve, type StaffingInput, type StaffingResult } from '../../../server/wfm/staffing.ts';
import { planIntervals, type IntervalPlan as IntervalPlanResult } from '../../../server/wfm/intervalPlan.ts';
import { apiUrl, errorMessage } from '../api/client.ts';
import type { ForecastQueue, ForecastStaffing } from '../api/types.ts';
import { useApi } from '../api/useApi.ts';
import { CurveChart, type CurvePoint } from '../charts/CurveChart.tsx';
import { Heatmap } from '../charts/Heatmap.tsx';
import { Legend, PeriodChart } from '../charts/PeriodChart.tsx';
import { ChartFrame } from '../components/ChartFrame.tsx';
import { CsvButton } from '../components/CsvButton.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { Field, humanize, Segmented, Select } from '../components/Field.tsx';
import { formatDate } from '../lib/dates.ts';
import { formatAht, formatGap, formatPercent, formatValue } from '../lib/format.ts';
import { periodDate, periodTime } from '../lib/periods.ts';
import { activeColumns, intervalGrid } from '../lib/heat.ts';
import { outsidePlan, parseSchedule, planWeekStart, scheduleCsv, scheduledFor, type ScheduleParse } from '../lib/schedule.ts';
import { downloadCsv } from '../lib/csv.ts';
import { useSearchParams } from '../router.ts';

type Model = 'erlang-c' | 'erlang-a';

/** Calculator inputs, each kept in the URL so a scenario can be shared. */
const SLIDERS = {
  calls: { label: 'Calls per interval', min: 0, max: 2000, step: 1, def: 200, show: (v: number) => formatValue(v, 'count') },
  aht: { label: 'Average handle time', min: 30, max: 1800, step: 5, def: 360, show: (v: number) => formatAht(v) },
  sl: { label: 'Target service level', min: 50, max: 99, step: 1, def: 80, show: (v: number) => `${v}%` },
  answerWithin: { label: 'Answered within', min: 5, max: 120, step: 5, def: 20, show: (v: number) => formatValue(v, 'seconds') },
  patience: { label: 'Average patience (Erlang A)', min: 10, max: 900, step: 10, def: 180, show: (v: number) => formatValue(v, 'seconds') },
  shrinkage: { label: 'Shrinkage', min: 0, max: 60, step: 1, def: 30, show: (v: number) => `${v}%` },
  occupancy: { label: 'Occupancy cap', min: 60, max: 100, step: 1, def: 90, show: (v: number) => `${v}%` },
} as const;
type SliderKey = keyof typeof SLIDERS;

function readNumber(search: URLSearchParams, key: SliderKey): number {
  const s = SLIDERS[key];
  const v = Number(search.get(key));
  return search.has(key) && Number.isFinite(v) ? Math.min(s.max, Math.max(s.min, v)) : s.def;
}

/**
 * Staffing: an Erlang calculator that runs the same server/wfm/staffing.ts code in the
 * browser (so its answer equals the CLI's and the API's), the curve of service level, ASA
 * and abandon rate against agents with the required N marked, and the interval plan for
 * the forecast week with the gap to a schedule when one is given.
 */
export function StaffingPage() {
  const [search, setSearch] = useSearchParams();
  const v = Object.fromEntries((Object.keys(SLIDERS) as SliderKey[]).map((k) => [k, readNumber(search, k)])) as Record<SliderKey, number>;
  const intervalMinutes = [15, 30, 60].includes(Number(search.get('interval'))) ? Number(search.get('interval')) : 30;
  const model: Model = search.get('model') === 'erlang-a' ? 'erlang-a' : 'erlang-c';

  const input: StaffingInput = useMemo(
    () => ({
      calls: v.calls,
      intervalMinutes,
      aht: v.aht,
      answerWithin: v.answerWithin,
      serviceLevel: v.sl / 100,
      maxOccupancy: v.occupancy / 100,
      shrinkage: v.shrinkage / 100,
      model,
      ...(model === 'erlang-a' ? { patience: v.patience } : {}),
    }),
    [v.calls, v.aht, v.answerWithin, v.sl, v.occupancy, v.shrinkage, v.patience, intervalMinutes, model],
  );

  const solved = useMemo((): { result: StaffingResult | null; error: string | null } => {
    try {
      return { result: staff(input), error: null };
    } catch (e) {
      return { result: null, error: errorMessage(e) };
    }
  }, [input]);

  // The curve is heavier than the answer: let it trail a fast slider drag.
  const curveInput = useDeferredValue(input);
  const curveRequired = useDeferredValue(solved.result?.agents ?? null);
  const curve = useMemo((): CurvePoint[] => {
    if (curveRequired === null) return [];
    const traffic = (curveInput.calls * curveInput.aht) / (curveInput.intervalMinutes * 60);
    const from = Math.max(1, Math.floor(traffic) + (curveInput.model === 'erlang-a' ? -Math.min(10, Math.floor(traffic / 4)) : 1));
    const to = Math.max(from + 8, curveRequired + Math.max(6, Math.ceil(curveRequired * 0.25)));
    try {
      return staffingCurve(curveInput, from, to).map((r) => ({ agents: r.agents, serviceLevel: r.serviceLevel, asa: r.asa, probAbandon: r.probAbandon }));
    } catch {
      return [];
    }
  }, [curveInput, curveRequired]);

  const r = solved.result;
  const set = (k: string, value: string | number) => setSearch({ [k]: value }, true);

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Staffing</h1>
          <p>How many agents an interval needs for a target, computed in your browser with the same code the server plans with.</p>
        </div>
      </div>

      <section className="card" aria-labelledby="calc-h">
        <div className="card-head">
          <div>
            <h2 id="calc-h">Erlang calculator</h2>
            <p>Move a slider: the answer and the curve follow at once.</p>
          </div>
        </div>
        <div className="calc">
          <form aria-label="Calculator inputs" onSubmit={(e) => e.preventDefault()}>
            <div className="row" style={{ marginBottom: 12 }}>
              <Segmented<Model>
                label="Model"
                value={model}
                options={[
                  { value: 'erlang-c', label: 'Erlang C' },
                  { value: 'erlang-a', label: 'Erlang A (abandons)' },
                ]}
                onChange={(m) => set('model', m)}
              />
              <Field label="Interval">
                <select name="interval" value={intervalMinutes} onChange={(e) => set('interval', e.target.value)}>
                  <option value={15}>15 min</option>
                  <option value={30}>30 min</option>
                  <option value={60}>60 min</option>
                </select>
              </Field>
            </div>
            {(Object.keys(SLIDERS) as SliderKey[])
              .filter((k) => k !== 'patience' || model === 'erlang-a')
              .map((k) => {
                const s = SLIDERS[k];
                const id = `slider-${k}`;
                return (
                  <div className="slider" key={k}>
                    <label htmlFor={id}>{s.label}</label>
                    <output htmlFor={id} data-testid={`${id}-value`}>
                      {s.show(v[k])}
                    </output>
                    <input id={id} name={k} type="range" min={s.min} max={s.max} step={s.step} value={v[k]} onChange={(e) => set(k, e.target.value)} aria-valuetext={s.show(v[k])} />
                  </div>
                );
              })}
          </form>
          <div>
            {solved.error ? (
              <p className="notice notice-error" role="alert">
                {solved.error}
              </p>
            ) : r ? (
              <>
                <div className="kpis" aria-live="polite">
                  <div className="kpi primary">
                    <span>Required agents</span>
                    <strong data-testid="required-agents" data-value={r.agents}>
                      {formatValue(r.agents, 'count')} <small style={{ fontSize: 'var(--text-sm)', fontWeight: 400 }}>agents</small>
                    </strong>
                  </div>
                  <div className="kpi">
                    <span>Scheduled FTE (after shrinkage)</span>
                    <strong data-testid="required-fte">{formatValue(r.fte ?? null, 'fte')}</strong>
                  </div>
                  <div className="kpi">
                    <span>Traffic</span>
                    <strong>{formatValue(r.trafficErlangs, 'erlangs')}</strong>
                  </div>
                  <div className="kpi">
                    <span>Service level</span>
                    <strong data-testid="calc-sl">{formatValue(r.serviceLevel, 'fraction')}</strong>
                  </div>
                  <div className="kpi">
                    <span>ASA</span>
                    <strong>{formatValue(r.asa, 'seconds')}</strong>
                  </div>
                  <div className="kpi">
                    <span>Occupancy</span>
                    <strong>{formatValue(r.occupancy, 'fraction')}</strong>
                  </div>
                  <div className="kpi">
                    <span>Probability of waiting</span>
                    <strong>{formatValue(r.probWait, 'fraction')}</strong>
                  </div>
                  {model === 'erlang-a' && (
                    <div className="kpi">
                      <span>Abandon rate</span>
                      <strong>{formatValue(r.probAbandon, 'fraction')}</strong>
                    </div>
                  )}
                </div>
                {!r.meetsTargets && (
                  <p className="notice notice-error" role="status">
                    No staffing level meets every target with these inputs.
                  </p>
                )}
                <CurveChart
                  points={curve}
                  required={r.agents}
                  targetSl={v.sl / 100}
                  description={`Service level, abandon rate and ASA against the number of agents; ${r.agents} agents are required for ${v.sl}% answered within ${v.answerWithin} s.`}
                  tooltip={(p) => (
                    <>
                      <strong>{p.agents} agents</strong>
                      <span className="num">Service level {formatValue(p.serviceLevel, 'fraction')}</span>
                      <br />
                      <span className="num">ASA {formatValue(p.asa, 'seconds')}</span>
                      {p.probAbandon !== null && (
                        <>
                          <br />
                          <span className="num">Abandon {formatValue(p.probAbandon, 'fraction')}</span>
                        </>
                      )}
                    </>
                  )}
                />
                <Legend
                  items={[
                    { label: 'Service level', color: 'var(--series-1)', kind: 'line' },
                    { label: 'ASA (right axis)', color: 'var(--series-2)', kind: 'line' },
                    ...(model === 'erlang-a' ? [{ label: 'Abandon rate', color: 'var(--series-4)', kind: 'dashed' as const }] : []),
                    { label: 'Required N', color: 'var(--oi-green)', kind: 'line' },
                  ]}
                />
              </>
            ) : null}
          </div>
        </div>
      </section>

      <IntervalPlan answerWithin={v.answerWithin} serviceLevel={v.sl / 100} shrinkage={v.shrinkage / 100} ahtFallback={v.aht} />
    </>
  );
}

interface PlanRow {
  period: string;
  forecast: number;
  upper80: number | null;
  aht: number | null;
  required: number | null;
  requiredUpper80: number | null;
  fte: number | null;
  scheduled: number | null;
  gap: number | null;
  serviceLevelScheduled: number | null;
}

/**
 * The forecast week, interval by interval: required agents and FTE, and — once a schedule
 * is loaded — the gap and the service level the schedule reaches. The schedule is planned
 * in the browser with server/wfm/intervalPlan.ts, the code behind POST /api/staffing/plan,
 * on the same targets the forecast staffing was asked for.
 */
function IntervalPlan({ answerWithin, serviceLevel, shrinkage, ahtFallback }: { answerWithin: number; serviceLevel: number; shrinkage: number; ahtFallback: number }) {
  const [search, setSearch] = useSearchParams();
  const queues = useApi<ForecastQueue[]>('/api/forecast/queues');
  const list = queues.data ?? [];
  const key = (q: ForecastQueue) => `${q.queue}|${q.channel ?? ''}`;
  const selected = list.find((q) => key(q) === search.get('plan')) ?? list.find((q) => q.channel === 'voice') ?? list[0];
  // The plan covers a Monday–Sunday week, the first whole one after the queue's data.
  const weekStart = selected ? planWeekStart(selected.lastDate) : null;
  const url = selected
    ? apiUrl('/api/forecast/staffing', {
        queue: selected.queue,
        channel: selected.channel ?? undefined,
        granularity: 'interval30',
        horizon: 48 * 7,
        start: weekStart ?? undefined,
        answerWithin,
        serviceLevel,
        shrinkage,
      })
    : null;
  const fs = useApi<ForecastStaffing>(url);
  const [schedule, setSchedule] = useState<{ name: string; parsed: ScheduleParse } | null>(null);

  const withSchedule = async (file: File) => {
    setSchedule({ name: file.name, parsed: parseSchedule(await file.text()) });
  };
  const outside = useMemo(
    () =>
      schedule && fs.data
        ? outsidePlan(
            schedule.parsed,
            fs.data.intervals.map((i) => i.period),
          )
        : [],
    [schedule, fs.data],
  );

  const planned = useMemo((): { plan: IntervalPlanResult | null; error: string | null } => {
    if (!fs.data || !schedule || schedule.parsed.errors.length || schedule.parsed.periods.length === 0) return { plan: null, error: null };
    try {
      const plan = planIntervals(
        fs.data.intervals.map((i) => {
          const scheduled = scheduledFor(schedule.parsed, i.period);
          // Closed intervals have no AHT; with no calls any positive AHT plans 0 agents.
          return { period: i.period, calls: i.forecast, aht: i.aht ?? ahtFallback, ...(scheduled === undefined ? {} : { scheduled }) };
        }),
        { intervalMinutes: 30, answerWithin, serviceLevel, shrinkage },
      );
      return { plan, error: null };
    } catch (e) {
      return { plan: null, error: errorMessage(e) };
    }
  }, [fs.data, schedule, answerWithin, serviceLevel, shrinkage, ahtFallback]);

  const rows: PlanRow[] = useMemo(() => {
    const byPeriod = planned.plan ? new Map(planned.plan.intervals.map((i) => [i.period, i])) : null;
    return (fs.data?.intervals ?? []).map((i) => {
      const p = byPeriod?.get(i.period);
      return {
        period: i.period,
        forecast: i.forecast,
        upper80: i.upper80,
        aht: i.aht,
        required: i.requiredAgents,
        requiredUpper80: i.requiredAgentsUpper80,
        fte: i.fte,
        scheduled: p?.scheduled ?? null,
        gap: p?.gap ?? null,
        serviceLevelScheduled: p?.serviceLevelScheduled ?? null,
      };
    });
  }, [fs.data, planned]);
  const periods = useMemo(() => rows.map((r) => r.period), [rows]);
  const hasSchedule = rows.some((r) => r.scheduled !== null);

  return (
    <section className="section" aria-labelledby="plan-h" data-testid="plan-section" data-week-start={weekStart ?? undefined}>
      <h2 id="plan-h">Interval plan for the week of {weekStart ? formatDate(weekStart) : '…'}</h2>
      <form className="filters" aria-label="Plan inputs" onSubmit={(e) => e.preventDefault()}>
        <Select
          label="Queue"
          value={selected ? key(selected) : ''}
          options={list.map(key)}
          onChange={(val) => setSearch({ plan: val }, true)}
          format={(val) => {
            const [q, c] = val.split('|');
            return c ? `${humanize(q!)} · ${humanize(c)}` : humanize(q!);
          }}
        />
        <Field label="Schedule CSV (period,scheduled)">
          <input type="file" name="schedule" accept=".csv,text/csv" onChange={(e) => e.target.files?.[0] && void withSchedule(e.target.files[0])} />
        </Field>
        <button
          type="button"
          disabled={rows.length === 0}
          onClick={() => downloadCsv(`schedule-${selected?.queue ?? ''}-${weekStart ?? ''}.csv`, scheduleCsv(rows.map((x) => ({ period: x.period, scheduled: x.scheduled ?? x.required ?? 0 }))))}
          title="period,scheduled for every half hour of the week, filled with the required agents (or the loaded schedule): edit it and load it back"
        >
          Download schedule template
        </button>
        <p className="small muted" style={{ alignSelf: 'center' }}>
          Targets from the calculator: {formatPercent(serviceLevel, 0)} in {formatValue(answerWithin, 'seconds')}, shrinkage {formatPercent(shrinkage, 0)}.
        </p>
      </form>
      {schedule && schedule.parsed.errors.length > 0 && (
        <p className="notice notice-error" role="alert">
          {schedule.name}: {schedule.parsed.errors.slice(0, 3).join('; ')}
          {schedule.parsed.errors.length > 3 ? ` (and ${schedule.parsed.errors.length - 3} more)` : ''}
        </p>
      )}
      {schedule && outside.length > 0 && (
        <p className="notice notice-info" role="status" data-testid="schedule-outside">
          {schedule.name}: {formatValue(outside.length, 'count')} {outside.length === 1 ? 'row is' : 'rows are'} outside the week of the plan and not used (first: {outside[0]}).
        </p>
      )}
      {planned.error && (
        <p className="notice notice-error" role="alert">
          {planned.error}
        </p>
      )}
      {planned.plan && (
        <p className="filter-summary" data-testid="plan-totals">
          Schedule {schedule?.name}: {formatValue(planned.plan.totals.understaffedIntervals, 'count')} half {planned.plan.totals.understaffedIntervals === 1 ? 'hour' : 'hours'} short · net{' '}
          {formatGap(planned.plan.totals.gapAgentHours, 'hours')} of agent time · service level the schedule reaches {formatValue(planned.plan.totals.serviceLevelScheduled, 'fraction')}
        </p>
      )}
      <ChartFrame
        title="Required agents per half hour"
        subtitle={hasSchedule ? 'Required (line) and scheduled; bars show scheduled − required: below zero short, above over' : 'Required agents for the forecast, and for its upper 80% bound'}
        state={url ? fs.state : queues.state === 'ready' ? 'ready' : queues.state}
        error={url ? fs.error : queues.error}
        empty={rows.length === 0}
        emptyMessage="No forecast to plan from."
        stale={fs.state === 'loading' && !!fs.data}
        testId="chart-plan"
        actions={
          <CsvButton
            fileName={`staffing-plan-${selected?.queue ?? ''}.csv`}
            header={['period', 'calls', 'aht', 'upper80Calls', 'requiredAgents', 'requiredAgentsUpper80', 'fte', 'scheduled', 'gap']}
            rows={() => rows.map((x) => [x.period, x.forecast, x.aht, x.upper80, x.required, x.requiredUpper80, x.fte, x.scheduled, x.gap])}
          />
        }
        legend={
          <Legend
            items={[
              { label: 'Required agents', color: 'var(--series-1)', kind: 'line' },
              { label: 'Required for the upper 80% forecast', color: 'var(--series-1)', kind: 'dashed' },
              ...(hasSchedule
                ? [
                    { label: 'Scheduled', color: 'var(--color-text)', kind: 'line' as const },
                    { label: 'Short', color: 'var(--series-4)' },
                    { label: 'Over', color: 'var(--series-6)' },
                  ]
                : []),
            ]}
          />
        }
        table={() => (
          <DataTable
            columns={[
              { key: 'p', label: 'Interval', header: true, render: (x: PlanRow) => `${periodDate(x.period)} ${periodTime(x.period)}` },
              { key: 'f', label: 'Forecast calls', numeric: true, render: (x: PlanRow) => formatValue(x.forecast, 'count') },
              { key: 'aht', label: 'AHT (min)', numeric: true, render: (x: PlanRow) => formatAht(x.aht) },
              { key: 'n', label: 'Required agents', numeric: true, render: (x: PlanRow) => formatValue(x.required, 'count') },
              { key: 'n80', label: 'Required (upper 80%)', numeric: true, render: (x: PlanRow) => formatValue(x.requiredUpper80, 'count') },
              { key: 'fte', label: 'FTE', numeric: true, render: (x: PlanRow) => formatValue(x.fte, 'fte') },
              ...(hasSchedule
                ? [
                    { key: 's', label: 'Scheduled', numeric: true, render: (x: PlanRow) => formatValue(x.scheduled, 'count') },
                    { key: 'g', label: 'Gap', numeric: true, render: (x: PlanRow) => formatGap(x.gap), cellClass: (x: PlanRow) => (x.gap === null ? undefined : x.gap < 0 ? 'cell-red' : undefined) },
                    { key: 'sls', label: 'SL scheduled', numeric: true, render: (x: PlanRow) => formatValue(x.serviceLevelScheduled, 'fraction') },
                  ]
                : []),
            ]}
            rows={rows}
            rowKey={(x) => x.period}
            scroll
          />
        )}
      >
        {() => (
          <PeriodChart
            periods={periods}
            intraday
            height={300}
            bars={hasSchedule ? [{ key: 'gap', label: 'Gap', color: 'var(--series-6)', values: rows.map((x) => x.gap), colorOf: (g) => (g < 0 ? 'var(--series-4)' : 'var(--series-6)') }] : []}
            lines={[
              { key: 'req', label: 'Required', color: 'var(--series-1)', values: rows.map((x) => x.required), step: true },
              { key: 'req80', label: 'Required (upper 80%)', color: 'var(--series-1)', values: rows.map((x) => x.requiredUpper80), step: true, dashed: true, width: 1.4 },
              ...(hasSchedule ? [{ key: 'sched', label: 'Scheduled', color: 'var(--color-text)', values: rows.map((x) => x.scheduled), step: true, width: 1.6 }] : []),
            ]}
            leftUnit="agents"
            leftLabel="Agents"
            xLabel="Day"
            xTickLabel={(p) => formatDate(periodDate(p)).slice(0, 10)}
            tooltip={(i) => {
              const x = rows[i]!;
              return (
                <>
                  <strong>
                    {formatDate(periodDate(x.period))} {periodTime(x.period)}
                  </strong>
                  <span className="num">
                    Forecast {formatValue(x.forecast, 'count')} calls · AHT {formatAht(x.aht)}
                  </span>
                  <br />
                  <span className="num">
                    Required {formatValue(x.required, 'agents')} ({formatValue(x.fte, 'fte')}) · upper 80%: {formatValue(x.requiredUpper80, 'agents')}
                  </span>
                  {x.scheduled !== null && (
                    <>
                      <br />
                      <span className="num">
                        Scheduled {formatValue(x.scheduled, 'agents')} · {formatGap(x.gap)} · service level {formatValue(x.serviceLevelScheduled, 'fraction')}
                      </span>
                    </>
                  )}
                </>
              );
            }}
            description={`Required agents per half hour for the forecast week of ${humanize(selected?.queue ?? '')}: peak ${formatValue(Math.max(0, ...rows.map((x) => x.required ?? 0)), 'agents')}.`}
          />
        )}
      </ChartFrame>
      {hasSchedule && <GapHeatmap rows={rows} />}
    </section>
  );
}

/** Weekday × half hour of the schedule's gap: red short, blue over, centered on 0. */
function GapHeatmap({ rows }: { rows: PlanRow[] }) {
  const grid = useMemo(() => intervalGrid(rows), [rows]);
  const cols = useMemo(() => activeColumns(grid, (r) => r.forecast > 0 || (r.scheduled ?? 0) > 0), [grid]);
  const byKey = useMemo(() => new Map(grid.cells.map((c) => [`${c.row}|${c.col}`, c.item])), [grid]);
  const worst = Math.max(1, ...rows.map((r) => Math.abs(r.gap ?? 0)));
  return (
    <div className="section">
      <ChartFrame
        title="Staffing gap by weekday and half hour"
        subtitle="Scheduled − required agents: red short, blue over, hatched where the schedule says nothing"
        state="ready"
        testId="chart-gap-heatmap"
        table={() => (
          <DataTable
            columns={[
              { key: 'time', label: 'Time', header: true, render: (c: { key: string }) => c.key },
              ...grid.rows.map((d) => ({ key: d, label: formatDate(d).slice(0, 10), numeric: true, render: (c: { key: string }) => formatGap(byKey.get(`${d}|${c.key}`)?.gap ?? null) })),
            ]}
            rows={cols}
            rowKey={(c) => c.key}
            scroll
          />
        )}
      >
        {() => (
          <Heatmap
            rows={grid.rows.map((d) => ({ key: d, label: formatDate(d).slice(0, 10) }))}
            cols={cols}
            cells={grid.cells.map((c) => ({ row: c.row, col: c.col, value: c.item.gap }))}
            domain={[-worst, worst]}
            center={0}
            colLabelEvery={4}
            legendTitle="Gap (agents)"
            legendFormat={(v) => formatGap(Math.round(v))}
            description="Heatmap of the staffing gap (scheduled minus required agents) by day and half hour for the forecast week."
            tooltip={(cell) => {
              const r = byKey.get(`${cell.row}|${cell.col}`);
              return (
                <>
                  <strong>
                    {formatDate(cell.row)} {cell.col}
                  </strong>
                  <span className="num">
                    Required {formatValue(r?.required ?? null, 'agents')} · scheduled {formatValue(r?.scheduled ?? null, 'agents')}
                  </span>
                  <br />
                  <span className="num">
                    Gap {formatGap(r?.gap ?? null)} · service level {formatValue(r?.serviceLevelScheduled ?? null, 'fraction')}
                  </span>
                </>
              );
            }}
          />
        )}
      </ChartFrame>
    </div>
  );
}
