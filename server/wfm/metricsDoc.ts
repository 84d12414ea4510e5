/**
 * docs/metrics.md, generated from the metric registry so the written definitions cannot
 * drift from the code (a test compares the file with this output).
 */
import { DEFAULT_SLAS } from './sla/definition.ts';
import { DEFAULT_KPI_OPTIONS, METRICS, SL_VARIANTS, type Target, type Unit } from './kpi.ts';
import { TIER_TARGETS } from './tierTargets.ts';
import { CONTACT_ROW_METRICS, emptyReason } from './kpiNullReasons.ts';

const UNIT_TEXT: Record<Unit, string> = {
  count: 'contacts',
  fraction: 'fraction 0..1 (shown as %)',
  seconds: 'seconds',
  score: 'score 1–5',
  nps: 'points −100..100',
};

function targetText(t: Target | null, unit: Unit): string {
  if (!t) return '—';
  const f = (v: number) => (unit === 'fraction' ? `${+(v * 100).toFixed(1)}%` : unit === 'seconds' ? `${v} s` : String(v));
  switch (t.kind) {
    case 'higher':
      return `green ≥ ${f(t.green)}, amber ≥ ${f(t.amber)}, else red`;
    case 'lower':
      return `green ≤ ${f(t.green)}, amber ≤ ${f(t.amber)}, else red`;
    case 'range':
      return `green ${f(t.low)}–${f(t.high)}, amber ${f(t.amberLow)}–${f(t.amberHigh)}, else red`;
  }
}

export function metricsMarkdown(): string {
  const o = DEFAULT_KPI_OPTIONS;
  const lines = [
    '# Metric definitions',
    '',
    '<!-- Generated from server/wfm/kpi.ts by `npm run docs:metrics`; do not edit by hand. -->',
    '',
    'Every contact counts in the local interval, day, week (Monday start), month and quarter of its',
    '`offered_at`, in the site time zone. Waits are seconds: `answered_at − offered_at` for answered',
    'contacts, `ended_at − offered_at` for abandons. Ratios are ratios of sums over the whole period,',
    'never averages of interval ratios; a ratio with a zero denominator is `null` ("no data"), never 0.',
    'IVR-contained contacts never reached a queue: they count only in IVR containment and as later',
    'contacts for FCR.',
    '',
    `Parameters (API and CLI): \`sl-seconds\` T (default ${o.slSeconds}), \`short-abandon-seconds\` (default ${o.shortAbandonSeconds}),`,
    `\`sl-variant\` (default \`${o.slVariant}\`), \`fcr-days\` (default ${o.fcrDays} = ${o.fcrDays} × 24 h), \`fcr-same-reason\` (default false).`,
    '',
    '| metric | label | unit | formula | excludes | default target |',
    '|---|---|---|---|---|---|',
    ...METRICS.map((m) => `| \`${m.name}\` | ${m.label} | ${UNIT_TEXT[m.unit]} | ${m.formula} | ${m.excludes} | ${targetText(m.target, m.unit)} |`),
    '',
    '## Targets per queue, channel and tier',
    '',
    'The default targets above can be overridden per queue, channel and tier, each key `*` for any',
    '(`PUT /api/targets`, or the Targets section of the Scorecard). A target applies to a scorecard row or',
    'view that is one queue, channel or tier (grouped by it, or filtered to one value of it). Of the',
    'targets that apply, the most specific wins: more named keys beat fewer; on a tie the key naming the',
    'queue wins, then the one naming the tier, then the channel; on a full tie a saved override beats a',
    'built-in one. Built-in tier targets (specialist work takes longer by design):',
    '',
    '| metric | tier | target |',
    '|---|---|---|',
    ...TIER_TARGETS.map((t) => {
      const unit = METRICS.find((m) => m.name === t.metric)!.unit;
      const minutes = t.target.kind === 'range' && unit === 'seconds' ? ` (green ${t.target.low / 60}–${t.target.high / 60} min, amber ${t.target.amberLow / 60}–${t.target.amberHigh / 60} min)` : '';
      return `| \`${t.metric}\` | ${t.tier} | ${targetText(t.target, unit)}${minutes} |`;
    }),
    '',
    'A row that mixes tiers (not grouped or filtered by tier) is scored against the default above.',
    '',
    '## Provisional FCR and comparisons',
    '',
    `FCR of a contact is known once its repeat window (\`fcr-days\`, default ${o.fcrDays}) has passed the latest contact in the`,
    'data. A period whose latest answered contact with a member ID is less than a window before the latest contact',
    'is **provisional**: its FCR rests on the contacts whose window has closed, and the scorecard gives it no status',
    'and no change (`provisional: true`, `maturesOn` = local date of that contact + the window; the dashboard shows',
    '"provisional until …" and hollow sparkline points).',
    '',
    'The scorecard compares a calendar year, quarter or month with the previous one of the same kind, any other',
    'range with the same number of days just before it, or (`compare=year`) with the same period a year earlier',
    '(whole Monday–Sunday weeks: 364 days earlier). When the data covers only part of either period, or none of',
    'the comparison period, no change is given (`change: null`, `changeWithheld` says why).',
    '',
    '## Service-level variants',
    '',
    '| `sl-variant` | formula |',
    '|---|---|',
    ...Object.entries(SL_VARIANTS).map(([k, v]) => `| \`${k}\` | ${v} |`),
    '',
    '## Service levels per channel (SLAs)',
    '',
    'Each channel is also read against its own SLA (docs/sla.md: definitions, business-time waits, the',
    '`GET /api/sla` and `staffcast sla` readings, compliance templates). On the scorecard a row whose channel is',
    'known (grouped by channel or filtered to one) takes its service level from that SLA, and for an SLA in business',
    'time its average wait is the mean business-time wait, shown in hours. The default SLAs:',
    '',
    '| SLA | metric | channels | threshold | window | target | amber to | period |',
    '|---|---|---|---|---|---|---|---|',
    ...DEFAULT_SLAS.map((d) => {
      const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 1000) / 10}%`);
      const threshold =
        d.threshold === null ? '—' : `${d.threshold} ${d.unit === 'business_hours' ? 'business hours' : d.unit === 'business_days' ? 'business days' : d.unit === 'minutes' ? 'min' : 's'}`;
      const window = typeof d.window === 'string' ? d.window.replace('_', ' ') : `${d.window.weekdays.join(',')} ${d.window.start}–${d.window.end}`;
      const dir = d.metric === 'service_level' ? '≥' : '≤';
      return `| \`${d.id}\` | ${d.metric} | ${d.channels.join(', ') || 'any'} | ${threshold} | ${window} | ${dir} ${pct(d.target)} | ${pct(d.amber)} | ${d.period} |`;
    }),
    '',
    '| SLA metric | formula | unit |',
    '|---|---|---|',
    '| `service_level` | answered within the threshold / (answered + abandoned − short abandons, when excluded); a message never answered counts as a miss | fraction |',
    '| `abandon_rate` | (abandoned − short abandons) / (offered − short abandons) | fraction |',
    "| `average_wait` | sum of waits of answered contacts / answered, in the SLA's unit (business seconds for business hours) | s, min or business h |",
    '',
    '## When a metric is null',
    '',
    'A metric whose inputs the data does not carry is `null` with the reason, never 0: every KPI row has',
    '`nullReasons` (metric → reason) for its null metrics, every scorecard metric `nullReason`, and the',
    'dashboard shows "—" with the reason under it. A column the source does not have is stored as NULL',
    '(a log without `transferred` has no transfer rate; without `csat`/`nps` no CSAT/NPS; without',
    '`member_id` and `resolved` no FCR, without `ivr_contained` no IVR containment), and NULLs are outside',
    "each metric's denominator (an empty `ivr_contained` still counts the contact as offered: only a true",
    'value keeps a contact out of the queue; contacts stored before migration 20 hold false where their',
    'file had no such column). The reasons when the denominator is empty:',
    '',
    '| metric | reason |',
    '|---|---|',
    ...METRICS.map((m) => [m.name, emptyReason(m.name, true)] as const)
      .filter(([, r]) => r !== null)
      .map(([n, r]) => `| \`${n}\` | ${r} |`),
    '',
    '## Interval reports',
    '',
    'Interval reports (Avaya CMS split/skill intervals, the generic interval report: docs/ingest.md) carry',
    'counts and sums per queue, channel and interval, not contacts. The KPI queries, the scorecard and the',
    "forecasts add them to the contacts' sums per period and group:",
    '',
    "- offered, answered and abandoned are the report's counts (offered may exceed answered + abandoned:",
    '  outflows, busies and disconnects also end calls);',
    '- **short abandons are 0**: a report does not split its abandons at the short-abandon threshold, so',
    "  the abandon rate over report intervals is abandoned / offered, and the default service level's",
    '  denominator is answered + abandoned;',
    '- **service level** counts a report\'s "answered within" only at the report\'s own threshold: with',
    '  `sl-seconds` equal to it the value is exact; at any other T, or where a report gives no count',
    '  (a rounded percentage that fits two counts: docs/ingest.md), service level is null with the reason.',
    '  The variants that need abandons within T are null wherever reports contribute;',
    '- ASA = summed speed of answer / answered, AHT = summed handle time / answered (CMS: ACD time + ACW',
    '  time), average time to abandon = summed time to abandon / abandoned; null when a report in the',
    "  period lacks the sum. Sums rebuilt from a report's rounded averages are off by at most half the last",
    '  shown digit per call (flag `sum_from_average`);',
    `- metrics that need contact rows are null wherever reports contribute to a period: ${CONTACT_ROW_METRICS.map((m) => `\`${m}\``).join(', ')};`,
    '  the reason says how many of the offered contacts came from reports;',
    '- **contacts win**: a report interval of a queue and channel that has contacts offered inside it is',
    '  not counted (the contacts are), so overlapping call-level data and reports never double-count;',
    '- a report row counts in the period of its start; reports have only the queue and channel dimensions',
    '  (grouped by another they fall in its empty group; filtered on another they are left out).',
    '',
  ];
  return lines.join('\n');
}
