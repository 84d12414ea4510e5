/**
 * docs/metrics.md, generated from the metric registry so the written definitions cannot
 * drift from the code (a test compares the file with this output).
 */
import { DEFAULT_KPI_OPTIONS, METRICS, SL_VARIANTS, type Target, type Unit } from './kpi.ts';

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
    ...METRICS.map(
      (m) =>
        `| \`${m.name}\` | ${m.label} | ${UNIT_TEXT[m.unit]} | ${m.formula} | ${m.excludes} | ${targetText(m.target, m.unit)} |`,
    ),
    '',
    '## Service-level variants',
    '',
    '| `sl-variant` | formula |',
    '|---|---|',
    ...Object.entries(SL_VARIANTS).map(([k, v]) => `| \`${k}\` | ${v} |`),
    '',
  ];
  return lines.join('\n');
}
