import { useDeferredValue, useMemo, useState, type ReactNode } from 'react';
import { capacityToCsv } from '../../../server/wfm/capacity/csv.ts';
import { CAPACITY_DEFAULTS, CHANNELS } from '../../../server/wfm/capacity/defaults.ts';
import { addMonths, monthAfter } from '../../../server/wfm/capacity/demand.ts';
import { enrollmentFromCsv, enrollmentRowsFromCsv } from '../../../server/wfm/capacity/enrollment.ts';
import { type HistoryDefaults, scenarioFromHistory } from '../../../server/wfm/capacity/history.ts';
import { planCapacity, type CapacityPlan } from '../../../server/wfm/capacity/plan.ts';
import type { ScenarioInput } from '../../../server/wfm/capacity/scenario.ts';
import { InputError } from '../../../server/wfm/inputError.ts';
import { errorMessage, invalidate, sendJson } from '../api/client.ts';
import { useApi } from '../api/useApi.ts';
import { Legend, PeriodChart } from '../charts/PeriodChart.tsx';
import { ChartFrame } from '../components/ChartFrame.tsx';
import { CsvButton } from '../components/CsvButton.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { Field } from '../components/Field.tsx';
import { downloadCsv } from '../lib/csv.ts';
import { formatPercent, formatValue } from '../lib/format.ts';

/** A scenario saved through /api/scenarios (server/db/queries/scenarios.ts). */
interface SavedScenario {
  id: number;
  name: string;
  baselineId: number | null;
  scenario: ScenarioInput;
  createdAt: string;
  updatedAt: string;
}

const D = CAPACITY_DEFAULTS;
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const monthLabel = (m: string) => `${MONTH_NAMES[Number(m.slice(5, 7)) - 1]} ${m.slice(2, 4)}`;

/** The default surge months' seasonal index over the others' (+38.5% with the defaults). */
const SURGE_SET = new Set(D.surge.months);
const meanOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const surgeMean = (s: number[]) => meanOf(s.filter((_, i) => SURGE_SET.has(i + 1)));
const calmMean = (s: number[]) => meanOf(s.filter((_, i) => !SURGE_SET.has(i + 1)));
function surgeUplift(seasonality: number[]): number {
  return surgeMean(seasonality) / calmMean(seasonality) - 1;
}
/** The default seasonal shape with the surge months scaled so they run `uplift` above the others. */
function seasonalityFor(uplift: number): number[] {
  const k = ((1 + uplift) * calmMean(D.seasonality)) / surgeMean(D.seasonality);
  return D.seasonality.map((v, i) => (SURGE_SET.has(i + 1) ? v * k : v));
}

function tryPlan(s: ScenarioInput, fallback: string): { plan: CapacityPlan | null; error: string | null } {
  try {
    return { plan: planCapacity(s, fallback), error: null };
  } catch (e) {
    return { plan: null, error: e instanceof InputError ? e.message : errorMessage(e) };
  }
}

const num = (v: string) => (v.trim() === '' ? Number.NaN : Number(v));

/**
 * Capacity & budget: a scenario (members, contact rates, handle time, shrinkage, surge,
 * costs) planned in the browser by server/wfm/capacity — the code behind `staffcast capacity`
 * and POST /api/capacity/plan — as its inputs move: FTE by tier and month with the surge
 * marked, the hiring timeline, cost by month, the check against the rule of thumb, and
 * saved scenarios side by side.
 */
export function CapacityPage() {
  const fallbackStart = useMemo(() => monthAfter(new Date()), []);
  const [scenario, setScenario] = useState<ScenarioInput>(() => ({ members: 15_000, startMonth: fallbackStart }));
  const deferred = useDeferredValue(scenario);
  const { plan, error } = useMemo(() => tryPlan(deferred, fallbackStart), [deferred, fallbackStart]);
  const update = (patch: Partial<ScenarioInput>) => setScenario((s) => ({ ...s, ...patch }));

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Capacity &amp; budget</h1>
          <p>Members → contacts → FTE by tier → hires and temporaries → cost, month by month, computed in your browser with the code the server plans with (docs/capacity.md defines every figure).</p>
        </div>
      </div>

      <section className="card" aria-labelledby="scenario-h">
        <div className="card-head">
          <div>
            <h2 id="scenario-h">Scenario</h2>
            <p>Change an input: every figure below follows. Fields left at their defaults use the operating guide's rules of thumb.</p>
          </div>
        </div>
        <FromHistory update={update} />
        <EnrollmentPanel scenario={scenario} update={update} />
        <div className="calc">
          <ScenarioForm scenario={scenario} update={update} fallbackStart={fallbackStart} />
          <div>
            {error ? (
              <p className="notice notice-error" role="alert" data-testid="capacity-error">
                {error}
              </p>
            ) : plan ? (
              <>
                <Summary plan={plan} />
                <ChannelTable plan={plan} />
                <ShrinkageTable plan={plan} />
              </>
            ) : null}
          </div>
        </div>
      </section>

      {plan && (
        <>
          <FteChart plan={plan} />
          <HiringTimeline plan={plan} />
          <CostChart plan={plan} />
          <MonthTable plan={plan} />
        </>
      )}
      <Scenarios current={scenario} currentPlan={plan} load={setScenario} fallbackStart={fallbackStart} />
    </>
  );
}

/** What the contact history can fill (AHT by channel and tier, tier shares, seasonal shape), and why the rates stay entered. */
function FromHistory({ update }: { update: (p: Partial<ScenarioInput>) => void }) {
  const history = useApi<HistoryDefaults>('/api/capacity/history');
  const h = history.data;
  if (history.state === 'error') return <p className="notice notice-error">{history.error}</p>;
  if (!h) return null;
  const fill = () => update(scenarioFromHistory(h));
  const known = CHANNELS.filter((c) => h.aht[c] !== null).map((c) => `${c} ${formatValue(h.aht[c], 'seconds', 'min')}`);
  return (
    <div className="notice notice-info row" data-testid="history-note" style={{ marginBottom: 12, justifyContent: 'space-between' }}>
      <span>
        <strong data-testid="enrollment-history-status">{h.contactRates ? 'Contact rates from enrollment history. ' : 'No enrollment history: contact rates are entered. '}</strong>
        {h.note}
        {h.contacts > 0 ? ` History: ${formatValue(h.contacts, 'count')} contacts over ${h.months} months; Tier-1 AHT ${known.join(', ') || '—'}.` : ' The database holds no contacts.'}
      </span>
      {h.contacts > 0 && (
        <button type="button" className="button no-print" onClick={fill}>
          Fill AHT, tier shares, Tier-2/3 AHT by channel{h.contactRates ? ', contact rates' : ''}
          {h.shapes.voice || h.shapes.chat ? ', channel shapes' : ''}
          {h.seasonality ? ' and seasonal shape' : ''} from history
        </button>
      )}
    </div>
  );
}

const ENROLLMENT_EXAMPLE = 'month,plan,members\n2027-01,medicaid,12000\n2027-01,chip,3000\n2027-02,medicaid,12150\n2027-02,chip,3050';

/**
 * Enrollment per plan and month, pasted or loaded from a CSV file (month,plan,members), read in
 * the browser by the engine's own reader (server/wfm/capacity/enrollment.ts; the API's
 * POST /api/capacity/enrollment is the same): used as the plan's members, shown as a table, and
 * optionally stored as enrollment history (actual members) for contacts per member.
 */
function EnrollmentPanel({ scenario, update }: { scenario: ScenarioInput; update: (p: Partial<ScenarioInput>) => void }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const plans = scenario.plans;
  const read = (csv: string) => {
    setText(csv);
    setMessage(null);
    try {
      const e = enrollmentFromCsv(csv);
      setError(null);
      update({ members: undefined, ...e });
    } catch (e) {
      setError(e instanceof InputError ? e.message : errorMessage(e));
    }
  };
  const clear = () => {
    const first = plans ? plans.reduce((a, p) => a + (Array.isArray(p.members) ? (p.members[0] ?? 0) : p.members), 0) : 15_000;
    update({ plans: undefined, members: first, months: undefined });
    setError(null);
  };
  const storeHistory = async () => {
    try {
      enrollmentRowsFromCsv(text);
      const r = await sendJson<{ stored: number; months: number; plans: string[] }>('PUT', '/api/capacity/enrollment-history', { csv: text });
      setMessage({ ok: true, text: `Stored ${r.stored} figures (${r.months} months, ${r.plans.length} plans) as enrollment history.` });
      invalidate('/api/capacity/history', '/api/capacity/enrollment-history');
    } catch (e) {
      setMessage({ ok: false, text: e instanceof InputError ? e.message : errorMessage(e) });
    }
  };
  const months = plans && scenario.startMonth ? Array.from({ length: scenario.months ?? D.months }, (_, k) => addMonths(scenario.startMonth!, k)) : [];
  return (
    <details className="no-print" style={{ marginBottom: 12 }} open={Boolean(plans) || error !== null}>
      <summary>Enrollment by plan and month (CSV: month,plan,members){plans ? ` — ${plans.length} plan${plans.length === 1 ? '' : 's'} from ${monthLabel(scenario.startMonth!)}` : ''}</summary>
      <div className="row" style={{ margin: '8px 0', alignItems: 'flex-end' }}>
        <Field label="Paste CSV">
          <textarea name="enrollmentCsv" data-testid="enrollment-csv" rows={4} cols={40} value={text} placeholder={ENROLLMENT_EXAMPLE} onChange={(e) => setText(e.target.value)} />
        </Field>
        <div className="row">
          <button type="button" className="button" data-testid="enrollment-apply" disabled={text.trim() === ''} onClick={() => read(text)}>
            Use for the plan
          </button>
          <Field label="or load a file">
            <input type="file" name="enrollmentFile" accept=".csv,text/csv" onChange={(e) => e.target.files?.[0] && void e.target.files[0].text().then(read)} />
          </Field>
          {plans && (
            <button type="button" onClick={clear}>
              Back to one block
            </button>
          )}
          <button type="button" disabled={text.trim() === ''} onClick={() => void storeHistory()} title="Actual members of past months: contacts ÷ these members give the contact rates">
            Store as enrollment history
          </button>
        </div>
      </div>
      {error && (
        <p className="notice notice-error" role="alert" data-testid="enrollment-error">
          {error}
        </p>
      )}
      {message && (
        <p className={message.ok ? 'notice notice-ok' : 'notice notice-error'} role="status">
          {message.text}
        </p>
      )}
      {plans && (
        <div className="table-wrap table-scroll">
          <table className="data" data-testid="enrollment-table">
            <thead>
              <tr>
                <th scope="col">Plan</th>
                {months.map((m) => (
                  <th key={m} scope="col" className="n">
                    {monthLabel(m)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {plans.map((p) => (
                <tr key={p.id}>
                  <th scope="row" style={{ textTransform: 'none', letterSpacing: 0, fontSize: 'inherit', color: 'inherit', background: 'none', position: 'static' }}>
                    {p.name ?? p.id}
                  </th>
                  {months.map((m, k) => (
                    <td key={m} className="n">
                      {formatValue(Array.isArray(p.members) ? (p.members[k] ?? null) : p.members, 'count')}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
}

const DEFAULT_CASE = { type: 'appeals and grievances', perThousandMembers: D.tiers.casesPerMemberMonth * 1000, hoursEach: D.tiers.caseHours, tier: 'tier2' as const };

/** Case work (the first case type of the scenario, on its tier): arrivals per 1,000 members a month and hours each. */
function CaseWorkFields({ scenario: s, update }: { scenario: ScenarioInput; update: (p: Partial<ScenarioInput>) => void }) {
  const cases = s.cases ?? [
    {
      ...DEFAULT_CASE,
      perThousandMembers: (s.tiers?.casesPerMemberMonth ?? D.tiers.casesPerMemberMonth) * 1000,
      hoursEach: s.tiers?.caseHours ?? D.tiers.caseHours,
    },
  ];
  const first = cases[0] ?? DEFAULT_CASE;
  const set = (patch: Partial<typeof first>) => {
    const { casesPerMemberMonth: _c, caseHours: _h, ...tiers } = s.tiers ?? {};
    update({ cases: [{ ...first, ...patch }, ...cases.slice(1)], tiers });
  };
  return (
    <div className="row" style={{ marginBottom: 12 }}>
      <NumberField
        label={`Cases (${first.type}) per 1,000 members a month`}
        testId="cases-rate"
        value={first.perThousandMembers}
        step={0.5}
        min={0}
        onChange={(v) => set({ perThousandMembers: v as number })}
      />
      <NumberField
        label={`Hours per case, ${first.tier === 'tier2' ? 'Tier 2' : 'Tier 3'}`}
        testId="cases-hours"
        value={first.hoursEach}
        step={0.25}
        min={0}
        onChange={(v) => set({ hoursEach: v as number })}
      />
    </div>
  );
}

function NumberField({
  label,
  value,
  onChange,
  step,
  min,
  max,
  testId,
  suffix,
}: {
  label: string;
  value: number | undefined;
  onChange: (v: number | undefined) => void;
  step: number;
  min?: number;
  max?: number;
  testId: string;
  suffix?: string;
}) {
  return (
    <Field label={suffix ? `${label} (${suffix})` : label}>
      <input
        type="number"
        name={testId}
        data-testid={testId}
        value={value === undefined || !Number.isFinite(value) ? '' : value}
        step={step}
        min={min}
        max={max}
        onChange={(e) => onChange(e.target.value.trim() === '' ? undefined : num(e.target.value))}
      />
    </Field>
  );
}

function Slider({
  id,
  label,
  value,
  min,
  max,
  step,
  show,
  onChange,
}: {
  id: string;
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  show: (v: number) => string;
  onChange: (v: number) => void;
}) {
  return (
    <div className="slider">
      <label htmlFor={id}>{label}</label>
      <output htmlFor={id} data-testid={`${id}-value`}>
        {show(value)}
      </output>
      <input id={id} name={id} type="range" min={min} max={max} step={step} value={value} onChange={(e) => onChange(Number(e.target.value))} aria-valuetext={show(value)} />
    </div>
  );
}

function ScenarioForm({ scenario: s, update, fallbackStart }: { scenario: ScenarioInput; update: (p: Partial<ScenarioInput>) => void; fallbackStart: string }) {
  const rates = { ...D.contactRates, ...s.contactRates };
  const aht = { ...D.aht, ...s.aht };
  const cost = { ...D.cost, ...s.cost, loadedAnnual: { ...D.cost.loadedAnnual, ...s.cost?.loadedAnnual } };
  const shrinkage = s.shrinkage ?? Object.values({ ...D.shrinkageHours, ...s.shrinkageHours }).reduce((a, b) => a + b, 0) / ((s.paidHoursPerWeek ?? D.paidHoursPerWeek) * 52);
  const uplift = surgeUplift(s.seasonality ?? D.seasonality);
  const floor = s.contractFloors?.[0]?.membersPerFte;
  const pct = (v: number) => `${Math.round(v)}%`;
  return (
    <form aria-label="Scenario inputs" onSubmit={(e) => e.preventDefault()}>
      <div className="row" style={{ marginBottom: 12 }}>
        {s.plans ? (
          <Field label="Members">
            <input name="members" data-testid="members" value={`from enrollment (${s.plans.length} plan${s.plans.length === 1 ? '' : 's'})`} disabled />
          </Field>
        ) : (
          <NumberField label="Members" testId="members" value={s.members} step={500} min={0} onChange={(v) => update({ members: v })} />
        )}
        <Field label="First month">
          <input type="month" name="startMonth" value={s.startMonth ?? fallbackStart} disabled={Boolean(s.plans)} onChange={(e) => update({ startMonth: e.target.value || undefined })} />
        </Field>
        <Field label="Months">
          <select name="months" value={s.months ?? D.months} disabled={Boolean(s.plans)} onChange={(e) => update({ months: Number(e.target.value) })}>
            {[...new Set([12, 18, 24, s.months ?? D.months])]
              .sort((a, b) => a - b)
              .map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
          </select>
        </Field>
      </div>
      <div className="row" style={{ marginBottom: 12 }}>
        <NumberField label="Calls per member a month" testId="rate-voice" value={rates.voice} step={0.01} min={0} onChange={(v) => update({ contactRates: { ...s.contactRates, voice: v } })} />
        <NumberField label="Chats per member a month" testId="rate-chat" value={rates.chat} step={0.005} min={0} onChange={(v) => update({ contactRates: { ...s.contactRates, chat: v } })} />
      </div>
      <Slider
        id="aht-voice"
        label="Voice handle time"
        value={aht.voice}
        min={120}
        max={1200}
        step={10}
        show={(v) => `${(v / 60).toFixed(1)} min`}
        onChange={(v) => update({ aht: { ...s.aht, voice: v } })}
      />
      <Slider
        id="shrinkage"
        label="Shrinkage"
        value={Math.round(shrinkage * 1000) / 10}
        min={0}
        max={60}
        step={0.5}
        show={(v) => `${v.toFixed(1)}%`}
        onChange={(v) => update({ shrinkage: v / 100, shrinkageHours: undefined })}
      />
      <Slider
        id="surge"
        label="Oct–Jan contacts above other months"
        value={Math.round(uplift * 100)}
        min={0}
        max={100}
        step={1}
        show={pct}
        onChange={(v) => update({ seasonality: seasonalityFor(v / 100) })}
      />
      <Slider
        id="deflection"
        label="Self-service deflection"
        value={Math.round((s.deflection?.share ?? 0) * 100)}
        min={0}
        max={50}
        step={1}
        show={pct}
        onChange={(v) => update({ deflection: { ...s.deflection, share: v / 100 } })}
      />
      <Slider
        id="aht-rise"
        label="Handle time rise of the contacts left after deflection"
        value={Math.round((s.deflection?.ahtRise ?? 0) * 100)}
        min={0}
        max={50}
        step={1}
        show={pct}
        onChange={(v) => update({ deflection: { ...s.deflection, ahtRise: v / 100 } })}
      />
      <label className="row" style={{ marginBottom: 12, fontSize: 'var(--text-sm)' }}>
        <input type="checkbox" name="temps" checked={s.surge?.temps ?? D.surge.temps} onChange={(e) => update({ surge: { ...s.surge, temps: e.target.checked } })} /> Cover the surge with temporaries
      </label>
      <div className="row" style={{ marginBottom: 12 }}>
        <NumberField
          label="Tier-2 voice handle time"
          suffix="s"
          testId="tier2-aht-voice"
          value={s.tierAht?.tier2?.voice ?? s.tiers?.tier2AhtSeconds ?? D.tiers.tier2AhtSeconds}
          step={30}
          min={1}
          onChange={(v) => update({ tierAht: { ...s.tierAht, tier2: { ...s.tierAht?.tier2, voice: v } } })}
        />
        <NumberField
          label="Tier-3 minimum"
          suffix="FTE"
          testId="tier3-min"
          value={s.tiers?.tier3MinFte ?? D.tiers.tier3MinFte}
          step={0.1}
          min={0}
          onChange={(v) => update({ tiers: { ...s.tiers, tier3MinFte: v } })}
        />
      </div>
      <CaseWorkFields scenario={s} update={update} />
      <div className="row" style={{ marginBottom: 12 }}>
        <NumberField
          label="Loaded cost per Tier-1 FTE"
          suffix="$ a year"
          testId="loaded-tier1"
          value={cost.loadedAnnual.tier1}
          step={1000}
          min={0}
          onChange={(v) => update({ cost: { ...s.cost, loadedAnnual: { ...s.cost?.loadedAnnual, tier1: v } } })}
        />
        <NumberField
          label="Contingency"
          suffix="%"
          testId="contingency"
          value={Math.round(cost.contingency * 100)}
          step={1}
          min={0}
          max={100}
          onChange={(v) => update({ cost: { ...s.cost, contingency: v === undefined ? undefined : v / 100 } })}
        />
      </div>
      <div className="row" style={{ marginBottom: 12 }}>
        <Field label="Vendor price">
          <select name="pricing" value={cost.outsourcedPricing} onChange={(e) => update({ cost: { ...s.cost, outsourcedPricing: e.target.value as 'pmpm' | 'per-contact' } })}>
            <option value="pmpm">per member a month</option>
            <option value="per-contact">per contact</option>
          </select>
        </Field>
        {cost.outsourcedPricing === 'pmpm' ? (
          <NumberField label="PMPM" suffix="$" testId="pmpm" value={cost.outsourcedPmpm} step={0.25} min={0} onChange={(v) => update({ cost: { ...s.cost, outsourcedPmpm: v } })} />
        ) : (
          <NumberField
            label="Per contact"
            suffix="$"
            testId="per-contact"
            value={cost.outsourcedPerContact}
            step={1}
            min={0}
            onChange={(v) => update({ cost: { ...s.cost, outsourcedPerContact: v } })}
          />
        )}
      </div>
      <NumberField
        label="Contract floor: members per FTE"
        suffix="blank: none"
        testId="floor"
        value={floor}
        step={500}
        min={1}
        onChange={(v) => update({ contractFloors: v === undefined ? undefined : [{ name: 'contract floor', membersPerFte: v, applies: 'total' }] })}
      />
    </form>
  );
}

function Kpi({ label, children, primary, testId }: { label: string; children: ReactNode; primary?: boolean; testId?: string }) {
  return (
    <div className={primary ? 'kpi primary' : 'kpi'}>
      <span>{label}</span>
      <strong data-testid={testId}>{children}</strong>
    </div>
  );
}

function Summary({ plan }: { plan: CapacityPlan }) {
  const r = plan.ruleOfThumb;
  const t = plan.totals;
  const fte = (v: number) => formatValue(v, 'fte');
  const money = (v: number | null) => formatValue(v, 'dollars');
  const cents = (v: number | null) => (v === null ? '—' : `$${v.toFixed(2)}`);
  return (
    <>
      <div className="kpis kpis-wide" aria-live="polite">
        <Kpi label="Tier-1 FTE outside the surge" primary testId="tier1-fte">
          {fte(r.tier1Fte)}
        </Kpi>
        <Kpi label="Tier-2 FTE outside the surge">{fte(r.tier2Fte)}</Kpi>
        <Kpi label="Peak FTE, all tiers" testId="peak-fte">
          {fte(t.peakRequiredFte)}
        </Kpi>
        <Kpi label="Hires · surge temps">
          {formatValue(t.hires, 'count')} · {formatValue(t.tempHires, 'count')}
        </Kpi>
        <Kpi label={`In-house, ${plan.months.length} months`} testId="cost-inhouse">
          {money(t.cost.inHouse)}
        </Kpi>
        <Kpi label="Outsourced">{money(t.cost.outsourced)}</Kpi>
        <Kpi label="Blended (vendor takes the surge)">{money(t.cost.blended)}</Kpi>
        <Kpi label="In-house per contact">{cents(t.costPerContact)}</Kpi>
        <Kpi label="In-house per member a month">{cents(t.costPmpm)}</Kpi>
      </div>
      <div className={r.verdict === 'within' ? 'notice notice-ok' : 'notice notice-info'} data-testid="rule-of-thumb" role="status">
        <strong>Rule of thumb</strong> (1 Tier-1 rep per 2,500–3,500 members; for 15,000 members 1–2 Tier-2 and a part-time Tier-3 lead), outside the surge months: {r.where}{' '}
        {r.reasons.length === 0
          ? 'The plan sizes Tier 1 from contacts through Erlang C on each channel’s weekly and intraday shape, the rule of thumb from members alone; here they agree.'
          : `Why it differs: ${r.reasons.join('; ')}.`}
      </div>
    </>
  );
}

function surgeSpans(plan: CapacityPlan) {
  const spans: { from: number; to: number; label: string; color: string; style: 'strip' }[] = [];
  plan.months.forEach((m, i) => {
    if (!m.surge) return;
    const last = spans.at(-1);
    if (last && last.to === i - 1) last.to = i;
    else spans.push({ from: i, to: i, label: 'Surge (open enrollment)', color: 'var(--oi-orange)', style: 'strip' });
  });
  return spans;
}

function FteChart({ plan }: { plan: CapacityPlan }) {
  const periods = plan.months.map((m) => `${m.month}-01`);
  return (
    <section className="card section" aria-labelledby="fte-h" data-testid="chart-fte">
      <ChartFrame
        title="Required FTE by tier and month"
        subtitle="Paid FTE the workload and contract floors require (stacked by tier), and the effective FTE the hiring plan supplies: tenured staff, new hires at their ramp, temporaries at their productivity."
        state="ready"
        legend={
          <Legend
            items={[
              { label: 'Tier 1', color: 'var(--series-1)', kind: 'box' },
              { label: 'Tier 2', color: 'var(--series-6)', kind: 'box' },
              { label: 'Tier 3', color: 'var(--series-5)', kind: 'box' },
              { label: 'Effective FTE', color: 'var(--color-text)', kind: 'line' },
              { label: 'Surge months', color: 'var(--oi-orange)', kind: 'box' },
            ]}
          />
        }
        table={() => (
          <DataTable
            rows={plan.months}
            rowKey={(m) => m.month}
            columns={[
              { key: 'month', label: 'Month', header: true, render: (m) => `${monthLabel(m.month)}${m.surge ? ' (surge)' : ''}` },
              { key: 't1', label: 'Tier 1', numeric: true, render: (m) => formatValue(m.requiredFte.tier1, 'fte') },
              { key: 't2', label: 'Tier 2', numeric: true, render: (m) => formatValue(m.requiredFte.tier2, 'fte') },
              { key: 't3', label: 'Tier 3', numeric: true, render: (m) => formatValue(m.requiredFte.tier3, 'fte') },
              { key: 'eff', label: 'Effective', numeric: true, render: (m) => formatValue(m.effectiveFte, 'fte') },
            ]}
          />
        )}
      >
        {() => (
          <PeriodChart
            periods={periods}
            intraday={false}
            bars={[
              { key: 't1', label: 'Tier 1', color: 'var(--series-1)', values: plan.months.map((m) => m.requiredFte.tier1) },
              { key: 't2', label: 'Tier 2', color: 'var(--series-6)', values: plan.months.map((m) => m.requiredFte.tier2) },
              { key: 't3', label: 'Tier 3', color: 'var(--series-5)', values: plan.months.map((m) => m.requiredFte.tier3) },
            ]}
            lines={[{ key: 'eff', label: 'Effective FTE', color: 'var(--color-text)', values: plan.months.map((m) => m.effectiveFte), step: true, width: 2 }]}
            spans={surgeSpans(plan)}
            leftUnit="fte"
            leftLabel="Required FTE"
            xLabel="Month"
            xTickLabel={(p) => monthLabel(p.slice(0, 7))}
            description={`Required FTE by tier for ${plan.months.length} months from ${monthLabel(plan.months[0]!.month)}; surge months marked; peak ${formatValue(plan.totals.peakRequiredFte, 'fte')}.`}
            tooltip={(i) => {
              const m = plan.months[i]!;
              return (
                <>
                  <strong>
                    {monthLabel(m.month)}
                    {m.surge ? ' · surge' : ''}
                  </strong>
                  <span className="num">
                    Tier 1 {formatValue(m.requiredFte.tier1, 'fte')} · Tier 2 {formatValue(m.requiredFte.tier2, 'fte')} · Tier 3 {formatValue(m.requiredFte.tier3, 'fte')}
                  </span>
                  <br />
                  <span className="num">
                    Effective {formatValue(m.effectiveFte, 'fte')} ({m.gap >= 0 ? `${m.gap.toFixed(1)} over` : `${(-m.gap).toFixed(1)} short`})
                  </span>
                  <br />
                  <span>
                    Binding: Tier 1 {m.bindingConstraint} · Tier 3 {m.bindingByTier.tier3}
                  </span>
                </>
              );
            }}
          />
        )}
      </ChartFrame>
    </section>
  );
}

/** Each requisition across the months: recruiting (posted → start), onboarding and ramp, the month it covers. */
function HiringTimeline({ plan }: { plan: CapacityPlan }) {
  const rows = plan.requisitions;
  const tierLabel = (t: string) => (t === 'temp' ? 'Surge temps' : t === 'tier1' ? 'Tier 1' : 'Tier 2');
  return (
    <section className="card section" aria-labelledby="hiring-h">
      <div className="card-head">
        <div>
          <h2 id="hiring-h">Hiring timeline</h2>
          <p>
            Each requisition is posted {plan.timings.leadMonths} months before the month it covers ({plan.timings.recruitMonths} recruiting, {plan.timings.onboardingMonths} in training and nesting,{' '}
            {plan.timings.leadMonths - plan.timings.recruitMonths - plan.timings.onboardingMonths} ramping), temporaries {plan.timings.tempLeadMonths} months before the season. Never after the month
            that needs it; “late” marks a need closer than the lead time to the plan's start.
          </p>
        </div>
      </div>
      {rows.length === 0 ? (
        <p className="notice notice-info" data-testid="hiring-none">
          No hires needed: the starting staff covers every month.
        </p>
      ) : (
        <div className="table-wrap table-scroll">
          <table className="data timeline" data-testid="hiring-timeline">
            <thead>
              <tr>
                <th scope="col">Requisition</th>
                {plan.months.map((m) => (
                  <th key={m.month} scope="col" className={m.surge ? 'surge' : undefined}>
                    {monthLabel(m.month)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((q) => (
                <tr key={`${q.tier}-${q.neededMonth}`}>
                  <th scope="row" style={{ textTransform: 'none', letterSpacing: 0, fontSize: 'inherit', color: 'inherit', background: 'none', position: 'static' }}>
                    {q.count} × {tierLabel(q.tier)}
                    {q.late ? ' (late)' : ''}
                  </th>
                  {plan.months.map((month, i) => {
                    const phase = i === q.neededMonth ? 'needed' : i >= q.postMonth && i < q.startMonth ? 'recruit' : i >= q.startMonth && i < q.neededMonth ? 'onboard' : '';
                    const text = i === q.postMonth ? 'post' : i === q.neededMonth ? 'needed' : i === q.startMonth ? 'start' : '';
                    return (
                      <td key={month.month} className={phase ? `tl-${phase}` : undefined} title={phase ? `${phase} · ${monthLabel(month.month)}` : undefined}>
                        {text}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function CostChart({ plan }: { plan: CapacityPlan }) {
  const periods = plan.months.map((m) => `${m.month}-01`);
  return (
    <section className="card section" aria-labelledby="cost-h" data-testid="chart-cost">
      <ChartFrame
        title="Cost by month"
        subtitle="In-house: loaded staff cost, temporaries, training, technology (setup in the first month) and contingency. Outsourced: the vendor's price for all the work. Blended: in-house without temporaries, the vendor taking the Tier-1 work above the permanent staff."
        state="ready"
        legend={
          <Legend
            items={[
              { label: 'In-house', color: 'var(--series-1)', kind: 'box' },
              { label: 'Outsourced', color: 'var(--series-4)', kind: 'line' },
              { label: 'Blended', color: 'var(--series-3)', kind: 'dashed' },
              { label: 'Surge months', color: 'var(--oi-orange)', kind: 'box' },
            ]}
          />
        }
        table={() => (
          <DataTable
            rows={plan.months}
            rowKey={(m) => m.month}
            columns={[
              { key: 'month', label: 'Month', header: true, render: (m) => monthLabel(m.month) },
              { key: 'people', label: 'Staff', numeric: true, render: (m) => formatValue(m.cost.people, 'dollars') },
              { key: 'temps', label: 'Temporaries', numeric: true, render: (m) => formatValue(m.cost.temporaries, 'dollars') },
              { key: 'training', label: 'Training', numeric: true, render: (m) => formatValue(m.cost.training, 'dollars') },
              { key: 'tech', label: 'Technology', numeric: true, render: (m) => formatValue(m.cost.technology, 'dollars') },
              { key: 'cont', label: 'Contingency', numeric: true, render: (m) => formatValue(m.cost.contingency, 'dollars') },
              { key: 'in', label: 'In-house', numeric: true, render: (m) => formatValue(m.cost.inHouse, 'dollars') },
              { key: 'out', label: 'Outsourced', numeric: true, render: (m) => formatValue(m.cost.outsourced, 'dollars') },
              { key: 'bl', label: 'Blended', numeric: true, render: (m) => formatValue(m.cost.blended, 'dollars') },
            ]}
          />
        )}
      >
        {() => (
          <PeriodChart
            periods={periods}
            intraday={false}
            bars={[{ key: 'in', label: 'In-house', color: 'var(--series-1)', values: plan.months.map((m) => m.cost.inHouse) }]}
            lines={[
              { key: 'out', label: 'Outsourced', color: 'var(--series-4)', values: plan.months.map((m) => m.cost.outsourced), width: 2 },
              { key: 'bl', label: 'Blended', color: 'var(--series-3)', values: plan.months.map((m) => m.cost.blended), dashed: true, width: 2 },
            ]}
            spans={surgeSpans(plan)}
            leftUnit="dollars"
            leftLabel="Cost a month"
            xLabel="Month"
            xTickLabel={(p) => monthLabel(p.slice(0, 7))}
            description={`Cost by month: in-house ${formatValue(plan.totals.cost.inHouse, 'dollars')}, outsourced ${formatValue(plan.totals.cost.outsourced, 'dollars')}, blended ${formatValue(plan.totals.cost.blended, 'dollars')} over ${plan.months.length} months.`}
            tooltip={(i) => {
              const m = plan.months[i]!;
              return (
                <>
                  <strong>{monthLabel(m.month)}</strong>
                  <span className="num">In-house {formatValue(m.cost.inHouse, 'dollars')}</span>
                  <br />
                  <span className="num">Outsourced {formatValue(m.cost.outsourced, 'dollars')}</span>
                  <br />
                  <span className="num">Blended {formatValue(m.cost.blended, 'dollars')}</span>
                </>
              );
            }}
          />
        )}
      </ChartFrame>
    </section>
  );
}

function MonthTable({ plan }: { plan: CapacityPlan }) {
  return (
    <section className="card section" aria-labelledby="months-h">
      <div className="card-head">
        <div>
          <h2 id="months-h">Month by month</h2>
          <p>
            Gap = effective − required FTE (positive: over). Binding: what set Tier 1 (the service-level workload or a contract floor) and Tier 3 (its workload or its part-time minimum). Case hours:
            appeals and grievances, deferred work on Tier 2 (and Tier 3).
          </p>
        </div>
        <button type="button" className="no-print" onClick={() => downloadCsv(`capacity-${plan.scenario.startMonth}.csv`, capacityToCsv(plan))}>
          Export CSV
        </button>
      </div>
      <DataTable
        scroll
        testId="capacity-months"
        rows={plan.months}
        rowKey={(m) => m.month}
        columns={[
          { key: 'month', label: 'Month', header: true, render: (m) => `${monthLabel(m.month)}${m.surge ? ' ★' : ''}` },
          { key: 'members', label: 'Members', numeric: true, render: (m) => formatValue(m.members, 'count') },
          { key: 'contacts', label: 'Contacts', numeric: true, render: (m) => formatValue(m.contacts.voice + m.contacts.chat + m.contacts.email + m.contacts.portal, 'count') },
          { key: 'fte', label: 'Required FTE', numeric: true, render: (m) => formatValue(m.requiredFte.total, 'fte') },
          { key: 'binding', label: 'Binding, Tier 1', render: (m) => m.bindingConstraint },
          { key: 'binding3', label: 'Binding, Tier 3', render: (m) => m.bindingByTier.tier3 },
          { key: 'cases', label: 'Case hours', numeric: true, render: (m) => formatValue(m.caseHours.tier2 + m.caseHours.tier3, 'count') },
          { key: 'eff', label: 'Effective', numeric: true, render: (m) => formatValue(m.effectiveFte, 'fte') },
          { key: 'gap', label: 'Gap', numeric: true, render: (m) => `${m.gap >= 0 ? '+' : '−'}${Math.abs(m.gap).toFixed(1)}` },
          { key: 'perRep', label: 'Members per Tier-1 FTE', numeric: true, render: (m) => formatValue(m.membersPerTier1Rep, 'count') },
          { key: 'hires', label: 'Hires posted · starting', numeric: true, render: (m) => `${m.hires.posted} · ${m.hires.starting}` },
          { key: 'temps', label: 'Temps', numeric: true, render: (m) => formatValue(m.surgeTemps, 'count') },
          { key: 'in', label: 'In-house', numeric: true, render: (m) => formatValue(m.cost.inHouse, 'dollars') },
        ]}
      />
      <p style={{ fontSize: 'var(--text-sm)', color: 'var(--color-text-muted)', marginTop: 8 }}>★ surge month (open enrollment).</p>
    </section>
  );
}

/**
 * Tier 1 by channel, over the non-surge months (all months if every one is a surge month):
 * mean contacts a month, AHT after deflection, each channel's own target, the peak agents of
 * its busiest interval and its agent-hours a week (Erlang C for the queued channels, workload ÷
 * occupancy for the deferred ones).
 */
function ChannelTable({ plan }: { plan: CapacityPlan }) {
  const s = plan.scenario;
  const calm = plan.months.filter((m) => !m.surge);
  const use = calm.length ? calm : plan.months;
  const mean = (f: (m: (typeof use)[0]) => number) => use.reduce((a, m) => a + f(m), 0) / use.length;
  const rows = CHANNELS.map((c) => ({
    channel: c,
    contacts: mean((m) => m.contacts[c]),
    aht: s.aht[c] * (1 + s.deflection.ahtRise),
    target:
      c === 'voice' || c === 'chat'
        ? `${Math.round(s.serviceLevel[c] * 100)}% in ${s.answerWithin[c]} s${c === 'chat' ? `, ${s.chatConcurrency} at once` : ''}`
        : `deferred, ${Math.round(s.deferredOccupancy * 100)}% occupancy`,
    peak: c === 'voice' || c === 'chat' ? Math.max(...use.map((m) => m.peakAgents[c])) : null,
    hours: mean((m) => m.agentHoursPerWeek[c]),
  }));
  return (
    <div style={{ marginTop: 'var(--space-3)' }}>
      <DataTable
        caption="Tier 1 by channel outside the surge months: each queued channel on its own weekly and intraday shape and service target through Erlang C; email and portal as workload ÷ occupancy."
        rows={rows}
        rowKey={(r) => r.channel}
        testId="channel-table"
        columns={[
          { key: 'c', label: 'Channel', header: true, render: (r) => r.channel },
          { key: 'n', label: 'Contacts a month', numeric: true, render: (r) => formatValue(r.contacts, 'count') },
          { key: 'aht', label: 'AHT', numeric: true, render: (r) => formatValue(r.aht, 'seconds', 'min') },
          { key: 't', label: 'Target', render: (r) => r.target },
          { key: 'p', label: 'Peak agents', numeric: true, render: (r) => (r.peak === null ? '—' : formatValue(r.peak, 'count')) },
          { key: 'h', label: 'Agent-hours a week', numeric: true, render: (r) => r.hours.toFixed(1) },
        ]}
      />
    </div>
  );
}

const SHRINKAGE_LABELS: Record<string, string> = {
  holidaysPto: 'Holidays and PTO',
  sickness: 'Sickness',
  breaks: 'Breaks',
  meetings: 'Meetings and coaching',
  training: 'Ongoing training',
  other: 'Other (downtime, huddles)',
  'total (entered)': 'Total (entered)',
};

/** Shrinkage as its breakdown, in hours a year and as a share of paid hours. */
function ShrinkageTable({ plan }: { plan: CapacityPlan }) {
  const paid = plan.scenario.paidHoursPerWeek * 52;
  const lines = plan.shrinkage.lines;
  return (
    <div style={{ marginTop: 'var(--space-3)' }}>
      <DataTable
        caption={`Shrinkage: paid hours an FTE is not available for contacts, of ${formatValue(paid, 'count')} paid hours a year. New-hire training (${plan.scenario.supply.newHireTrainingHours} h each, ${formatValue(plan.totals.newHireTrainingHours, 'count')} h for this plan's ${plan.totals.hires + plan.totals.tempHires} hires and temps) falls in each hire's onboarding month instead: paid, not productive.`}
        rows={lines.length > 1 ? [...lines, { component: 'Total', hoursPerYear: plan.shrinkage.total * paid, share: plan.shrinkage.total }] : lines}
        rowKey={(l) => l.component}
        testId="shrinkage"
        columns={[
          { key: 'c', label: 'Shrinkage', header: true, render: (l) => SHRINKAGE_LABELS[l.component] ?? l.component },
          { key: 'h', label: 'Hours a year', numeric: true, render: (l) => formatValue(l.hoursPerYear, 'count') },
          { key: 'p', label: 'Share of paid hours', numeric: true, render: (l) => formatPercent(l.share) },
        ]}
      />
    </div>
  );
}

/** Saved scenarios: save the current one, load or delete one, and compare them side by side. */
function Scenarios({ current, currentPlan, load, fallbackStart }: { current: ScenarioInput; currentPlan: CapacityPlan | null; load: (s: ScenarioInput) => void; fallbackStart: string }) {
  const saved = useApi<{ scenarios: SavedScenario[] }>('/api/scenarios');
  const [name, setName] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const list = saved.data?.scenarios ?? [];
  const plans = useMemo(() => list.map((s) => ({ saved: s, ...tryPlan(s.scenario, fallbackStart) })), [list, fallbackStart]);

  const save = async () => {
    try {
      const existing = list.find((s) => s.name === name.trim());
      const body = { name: name.trim(), scenario: current };
      if (existing) await sendJson('PUT', `/api/scenarios/${existing.id}`, body);
      else await sendJson('POST', '/api/scenarios', body);
      setMessage({ ok: true, text: `Saved “${name.trim()}”.` });
      invalidate('/api/scenarios');
    } catch (e) {
      setMessage({ ok: false, text: errorMessage(e) });
    }
  };
  const clone = async (s: SavedScenario) => {
    let copy = `${s.name} (copy)`;
    for (let k = 2; list.some((x) => x.name === copy); k++) copy = `${s.name} (copy ${k})`;
    try {
      await sendJson('POST', `/api/scenarios/${s.id}/clone`, { name: copy });
      setMessage({ ok: true, text: `Cloned “${s.name}” as “${copy}”: load it to edit it.` });
      invalidate('/api/scenarios');
    } catch (e) {
      setMessage({ ok: false, text: errorMessage(e) });
    }
  };
  const remove = async (s: SavedScenario) => {
    try {
      await sendJson('DELETE', `/api/scenarios/${s.id}`);
      invalidate('/api/scenarios');
    } catch (e) {
      setMessage({ ok: false, text: errorMessage(e) });
    }
  };

  const columns: { label: string; plan: CapacityPlan | null; error: string | null; saved?: SavedScenario }[] = [
    { label: 'Current', plan: currentPlan, error: currentPlan ? null : 'invalid' },
    ...plans.map((p) => ({ label: p.saved.name, plan: p.plan, error: p.error, saved: p.saved })),
  ];
  const ROWS: { label: string; value: (p: CapacityPlan) => string }[] = [
    { label: 'Members (mean)', value: (p) => formatValue(p.totals.memberMonths / p.months.length, 'count') },
    { label: 'Tier-1 FTE outside the surge', value: (p) => formatValue(p.ruleOfThumb.tier1Fte, 'fte') },
    { label: 'Tier-2 FTE outside the surge', value: (p) => formatValue(p.ruleOfThumb.tier2Fte, 'fte') },
    { label: 'Peak FTE, all tiers', value: (p) => formatValue(p.totals.peakRequiredFte, 'fte') },
    { label: 'Hires · surge temps', value: (p) => `${p.totals.hires} · ${p.totals.tempHires}` },
    { label: 'In-house', value: (p) => formatValue(p.totals.cost.inHouse, 'dollars') },
    { label: 'Outsourced', value: (p) => formatValue(p.totals.cost.outsourced, 'dollars') },
    { label: 'Blended', value: (p) => formatValue(p.totals.cost.blended, 'dollars') },
    { label: 'In-house per contact', value: (p) => (p.totals.costPerContact === null ? '—' : `$${p.totals.costPerContact.toFixed(2)}`) },
    { label: 'In-house PMPM', value: (p) => (p.totals.costPmpm === null ? '—' : `$${p.totals.costPmpm.toFixed(2)}`) },
    { label: 'Rule of thumb', value: (p) => p.ruleOfThumb.verdict },
  ];

  return (
    <section className="card section" aria-labelledby="scenarios-h">
      <div className="card-head">
        <div>
          <h2 id="scenarios-h">Scenarios side by side</h2>
          <p>Save the current inputs under a name (the same name replaces it), load one back to edit it, and compare every saved scenario with the current one.</p>
        </div>
        <CsvButton
          fileName="capacity-scenarios.csv"
          header={['figure', ...columns.map((c) => c.label)]}
          rows={() => ROWS.map((r) => [r.label, ...columns.map((c) => (c.plan ? r.value(c.plan) : null))])}
        />
      </div>
      <form
        className="row no-print"
        style={{ marginBottom: 12 }}
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Field label="Scenario name">
          <input name="scenarioName" value={name} onChange={(e) => setName(e.target.value)} placeholder="" />
        </Field>
        <button type="submit" className="button" disabled={name.trim() === '' || !currentPlan} style={{ alignSelf: 'flex-end' }}>
          Save scenario
        </button>
        {message && (
          <span className={message.ok ? 'notice notice-ok' : 'notice notice-error'} role="status" style={{ alignSelf: 'flex-end' }}>
            {message.text}
          </span>
        )}
      </form>
      {saved.state === 'error' && <p className="notice notice-error">{saved.error}</p>}
      <div className="table-wrap table-scroll">
        <table className="data" data-testid="scenario-compare">
          <thead>
            <tr>
              <th scope="col">Figure</th>
              {columns.map((c) => (
                <th key={c.saved?.id ?? 'current'} scope="col" className="n">
                  {c.label}
                  {c.saved?.baselineId != null && (
                    <span style={{ display: 'block', fontWeight: 400, textTransform: 'none', letterSpacing: 0 }}>
                      from {list.find((x) => x.id === c.saved!.baselineId)?.name ?? 'a deleted scenario'}
                    </span>
                  )}
                  {c.saved && (
                    <span className="no-print" style={{ display: 'block', fontWeight: 400, textTransform: 'none', letterSpacing: 0 }}>
                      <button type="button" className="link" onClick={() => load(c.saved!.scenario)}>
                        Load
                      </button>{' '}
                      ·{' '}
                      <button type="button" className="link" onClick={() => void clone(c.saved!)}>
                        Clone
                      </button>{' '}
                      ·{' '}
                      <button type="button" className="link" onClick={() => void remove(c.saved!)}>
                        Delete
                      </button>
                    </span>
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {ROWS.map((r) => (
              <tr key={r.label}>
                <th scope="row" style={{ textTransform: 'none', letterSpacing: 0, fontSize: 'inherit', color: 'inherit', background: 'none', position: 'static' }}>
                  {r.label}
                </th>
                {columns.map((c) => (
                  <td key={c.saved?.id ?? 'current'} className="n">
                    {c.plan ? r.value(c.plan) : '—'}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
