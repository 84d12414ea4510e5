import { useEffect, useMemo } from 'react';
import type { ComplianceReport, ComplianceRow } from '../../../server/compliance/service.ts';
import type { TemplateEntry } from '../../../server/compliance/templates.ts';
import { apiUrl } from '../api/client.ts';
import { useDimensions } from '../api/dimensions.ts';
import { useApi } from '../api/useApi.ts';
import { StateMessage } from '../components/ChartFrame.tsx';
import { CsvButton } from '../components/CsvButton.tsx';
import { DataTable, type Column } from '../components/DataTable.tsx';
import { Field, Select } from '../components/Field.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { addDays, formatDate, formatRange, isIsoDate, lastFullMonth, type DateRange } from '../lib/dates.ts';
import { formatPercent } from '../lib/format.ts';
import { displayName } from '../lib/names.ts';
import { useSearchParams } from '../router.ts';

const GROUPS = ['', 'plan', 'state'] as const;

/** A measure's value in its unit: rates as %, average waits in the template's unit. */
export function measureText(r: Pick<ComplianceRow, 'metric' | 'unit'>, v: number | null): string {
  if (v === null) return '—';
  if (r.metric !== 'average_wait') return formatPercent(v);
  const unit = r.unit === 'minutes' ? 'min' : r.unit === 'business_hours' ? 'business h' : 's';
  return `${v.toFixed(2)} ${unit}`;
}

/** The threshold as the contract states it: `≥ 80% within 30 s`, `≤ 5%`, `≤ 2.00 min`. */
export function thresholdText(r: Pick<ComplianceRow, 'metric' | 'unit' | 'threshold' | 'target'>): string {
  if (r.target === null) return '—';
  const within = r.threshold === null ? '' : ` within ${r.threshold} ${r.unit === 'seconds' ? 's' : r.unit === 'minutes' ? 'min' : r.unit === 'business_days' ? 'business days' : 'business h'}`;
  return `${r.metric === 'service_level' ? '≥' : '≤'} ${measureText(r, r.target)}${within}`;
}

/** Margin in the good direction: `+2.0 pts`, `−30.0 pts`, `+1.58 min`. */
export function marginText(r: Pick<ComplianceRow, 'metric' | 'unit' | 'margin'>): string {
  if (r.margin === null) return '—';
  const sign = r.margin >= 0 ? '+' : '−';
  if (r.metric === 'average_wait') return `${sign}${measureText(r, Math.abs(r.margin))}`;
  return `${sign}${(Math.abs(r.margin) * 100).toFixed(1)} pts`;
}

function money(v: number, currency = 'USD'): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 0 }).format(v);
}

function exposureText(r: ComplianceRow): string {
  if (r.exposure !== null) return money(r.exposure, r.penalty?.currency);
  if (!r.penalty) return 'no penalty';
  return r.met === false ? 'amount per contract' : '—';
}

const periodText = (p: string) => new Date(`${p}T12:00:00Z`).toLocaleDateString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * Compliance (executives, regulators' files): a template's measures per month and plan or
 * state — value, threshold, met or missed, margin, penalty exposure, the days that caused a
 * miss — from `GET /api/compliance`. Printable: the print stylesheet keeps the table and the
 * template's sources and drops the controls.
 */
export function CompliancePage() {
  const [search, setSearch] = useSearchParams();
  const dims = useDimensions();
  const maxDate = dims.data?.maxDate ?? undefined;
  const templates = useApi<TemplateEntry[]>('/api/compliance/templates');
  const names = templates.data?.map((t) => t.template.name) ?? [];
  const name = search.get('template') && names.includes(search.get('template')!) ? search.get('template')! : (names[0] ?? '');

  const range: DateRange | null = useMemo(() => {
    const from = search.get('from');
    const to = search.get('to');
    if (from && to && isIsoDate(from) && isIsoDate(to) && from < to) return { from, to };
    return maxDate ? lastFullMonth(maxDate) : null;
  }, [search, maxDate]);

  useEffect(() => {
    if (range && (!search.get('from') || !search.get('to'))) setSearch({ from: range.from, to: range.to }, true);
  }, [range, search, setSearch]);

  const plan = search.get('plan') ?? '';
  const state = search.get('state') ?? '';
  const group = (GROUPS as readonly string[]).includes(search.get('group') ?? '') ? (search.get('group') ?? '') : '';
  const where = [plan && `plan=${plan}`, state && `state=${state}`].filter(Boolean).join(',');
  const report = useApi<ComplianceReport>(range && name ? apiUrl('/api/compliance', { template: name, from: range.from, to: range.to, where, group }) : null);
  const r = report.data;

  if (dims.state === 'error') return <StateMessage state="error" error={dims.error} />;

  const groupLabel = (row: ComplianceRow) => (group ? displayName(group, row[group as 'plan'] as string | null) : 'All');
  const columns: Column<ComplianceRow>[] = [
    { key: 'period', label: 'Period', header: true, render: (x) => periodText(x.period) },
    ...(group ? [{ key: group, label: group === 'plan' ? 'Plan' : 'State', render: groupLabel }] : []),
    {
      key: 'measure',
      label: 'Measure',
      render: (x) => (
        <span title={x.definition}>
          {x.label}
          {x.verification.status === 'confirm' && (
            <span className="small muted" title={x.verification.note}>
              {' '}
              (confirm)
            </span>
          )}
        </span>
      ),
    },
    { key: 'value', label: 'Value', numeric: true, render: (x) => measureText(x, x.value) },
    { key: 'threshold', label: 'Threshold', render: (x) => thresholdText(x) },
    {
      key: 'met',
      label: 'Result',
      render: (x) =>
        x.met === null ? (
          <span className="small" data-testid="not-measured" title={x.reason ?? ''}>
            {x.metric === null ? 'not measurable' : 'no contacts'}
          </span>
        ) : (
          <span data-result={x.met ? 'met' : 'missed'}>
            <StatusBadge status={x.met ? 'green' : 'red'} compact /> {x.met ? 'Met' : 'Missed'}
          </span>
        ),
    },
    { key: 'margin', label: 'Margin', numeric: true, render: (x) => marginText(x) },
    {
      key: 'basis',
      label: 'Counted / of',
      numeric: true,
      render: (x) =>
        x.denominator === null
          ? '—'
          : `${(x.metric === 'average_wait' ? x.denominator : (x.numerator ?? 0)).toLocaleString('en-US')}${x.metric === 'average_wait' ? ' answered' : ` / ${x.denominator.toLocaleString('en-US')}`}`,
    },
    { key: 'exposure', label: 'Penalty exposure', numeric: true, render: exposureText },
    {
      key: 'misses',
      label: 'Days that missed',
      render: (x) =>
        x.metric === null ? (
          <span className="small muted">{x.reason}</span>
        ) : x.misses.length ? (
          <span className="small">{x.misses.map((d) => `${formatDate(d.date, false)} (${measureText(x, d.value)})`).join(', ')}</span>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Compliance</h1>
          <p>Contract and regulator measures per month: value, threshold, met or missed, margin, penalty exposure and the days that caused a miss. Print it for a regulator's file.</p>
        </div>
        <div className="row no-print">
          <CsvButton
            fileName={`compliance-${name}-${range?.from ?? ''}-${range?.to ?? ''}.csv`}
            header={[
              'period',
              ...(group ? [group] : []),
              'measure',
              'value',
              'threshold',
              'result',
              'margin',
              'numerator',
              'denominator',
              'penalty exposure',
              'days that missed',
              'verification',
              'reason',
            ]}
            rows={() =>
              (r?.rows ?? []).map((x) => [
                x.period,
                ...(group ? [groupLabel(x)] : []),
                x.label,
                x.value,
                thresholdText(x),
                x.met === null ? '' : x.met ? 'met' : 'missed',
                x.margin,
                x.numerator,
                x.denominator,
                x.exposure,
                x.misses.map((d) => d.date).join(' '),
                x.verification.status,
                x.reason ?? '',
              ])
            }
          />
          <button type="button" onClick={() => window.print()}>
            Print
          </button>
        </div>
      </div>

      <form className="filters" aria-label="Compliance filters" onSubmit={(e) => e.preventDefault()}>
        <Select label="Template" value={name} options={names} onChange={(v) => setSearch({ template: v })} format={(v) => templates.data?.find((t) => t.template.name === v)?.template.title ?? v} />
        <Field label="From">
          <input type="date" name="from" value={range?.from ?? ''} onChange={(e) => isIsoDate(e.target.value) && range && e.target.value < range.to && setSearch({ from: e.target.value })} />
        </Field>
        <Field label="Through">
          <input
            type="date"
            name="through"
            value={range ? addDays(range.to, -1) : ''}
            onChange={(e) => isIsoDate(e.target.value) && range && e.target.value >= range.from && setSearch({ to: addDays(e.target.value, 1) })}
          />
        </Field>
        <Select label="Plan" value={plan} options={dims.data?.plan ?? []} allLabel="Template's plans" onChange={(v) => setSearch({ plan: v })} format={(v) => displayName('plan', v)} />
        <Select label="State" value={state} options={dims.data?.state ?? []} allLabel="All states" onChange={(v) => setSearch({ state: v })} format={(v) => displayName('state', v)} />
        <Select label="Rows" value={group} options={GROUPS} onChange={(v) => setSearch({ group: v })} format={(v) => (v === '' ? 'All together' : v === 'plan' ? 'By plan' : 'By state')} />
      </form>

      {report.state !== 'ready' && !(report.state === 'loading' && r) ? (
        <StateMessage state={templates.state === 'error' ? 'error' : report.state === 'idle' ? 'loading' : report.state} error={templates.error ?? report.error} />
      ) : r ? (
        <section className="card compliance" aria-labelledby="report-title" data-testid="compliance-report">
          <div className="card-head">
            <div>
              <h2 id="report-title">{r.template.title}</h2>
              <p className="filter-summary">
                <strong>{range ? formatRange(range) : ''}</strong> ·{' '}
                {Object.entries(r.where)
                  .map(([k, v]) => `${k}: ${(v ?? []).map((x) => displayName(k, x)).join(', ')}`)
                  .join(' · ') || 'all contacts'}
                {r.template.source === 'stored' && ' · edited copy of the template'}
              </p>
            </div>
          </div>
          <p className="small">{r.template.description}</p>
          <p className="small" data-testid="compliance-totals">
            <strong>{r.totals.missed}</strong> missed, <strong>{r.totals.met}</strong> met{r.totals.notMeasurable ? `, ${r.totals.notMeasurable} not measurable from contact data` : ''}. Penalty
            exposure <strong>{money(r.totals.exposure)}</strong>
            {r.totals.exposureUnknown ? ` plus ${r.totals.exposureUnknown} missed measure${r.totals.exposureUnknown > 1 ? 's' : ''} whose amount the contract sets` : ''}.
          </p>
          {r.rows.length === 0 ? (
            <StateMessage state="ready">No contacts for this template and these filters.</StateMessage>
          ) : (
            <DataTable columns={columns} rows={r.rows} rowKey={(x, i) => `${x.period}|${x.measure}|${i}`} testId="compliance-table" />
          )}
          <div className="small muted compliance-sources">
            <p>
              <strong>Sources:</strong> {r.template.sources.join('; ')}.
            </p>
            <p>
              “(confirm)”: the threshold was not checked against the regulation or contract text in this product and must be confirmed by the plan. Days that missed: the days of a missed month whose
              own value missed, largest shortfall first. Definitions: docs/sla.md.
            </p>
            <p className="print-only">
              Printed {new Date().toISOString().slice(0, 10)} from Staffcast · template {r.template.name}
            </p>
          </div>
        </section>
      ) : null}
    </>
  );
}
