import type { MetricDefinition } from '../api/types.ts';
import { useApi } from '../api/useApi.ts';
import { StateMessage } from '../components/ChartFrame.tsx';
import { unitSuffix } from '../lib/format.ts';
import { describeAmber, describeTarget } from '../lib/targets.ts';

const UNIT_WORDS: Record<string, string> = {
  count: 'count of contacts',
  fraction: 'percentage (a fraction 0–1 in the API)',
  seconds: 'seconds',
  score: 'score (1–5 scale)',
  nps: 'net promoter score, −100 to +100',
};

/**
 * Metric definitions, generated from the metric registry the server computes with
 * (`GET /api/metrics`): what each figure on the dashboard means, its formula, its unit,
 * what it leaves out, and its red/amber/green bands.
 */
export function MetricsPage() {
  const metrics = useApi<MetricDefinition[]>('/api/metrics');
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Metric definitions</h1>
          <p>Generated from the registry the server computes every figure with. Ratios are ratios of sums over the whole period; a ratio with nothing to divide by shows “—”, not 0.</p>
        </div>
      </div>
      {metrics.state !== 'ready' ? (
        <StateMessage state={metrics.state} error={metrics.error} />
      ) : (
        <div className="grid-2" data-testid="metric-definitions">
          {metrics.data.map((m) => (
            <article key={m.name} className="card" id={m.name} aria-labelledby={`m-${m.name}`}>
              <div className="card-head">
                <h2 id={`m-${m.name}`} style={{ fontSize: 'var(--text-md)' }}>
                  {m.label}
                </h2>
                <code>{m.name}</code>
              </div>
              <dl className="defs">
                <dt>Formula</dt>
                <dd>{m.formula}</dd>
                <dt>Unit</dt>
                <dd>{UNIT_WORDS[m.unit] ?? unitSuffix(m.unit)}</dd>
                <dt>Excludes</dt>
                <dd>{m.excludes || '—'}</dd>
                <dt>Better when</dt>
                <dd>{m.direction === 'higher' ? 'higher' : m.direction === 'lower' ? 'lower' : m.direction === 'range' ? 'inside the target range' : 'no direction (a volume)'}</dd>
                <dt>Target</dt>
                <dd>{m.target ? `green ${describeTarget(m.target, m.unit)}; ${describeAmber(m.target, m.unit)}` : 'none'}</dd>
                <dt>On the scorecard</dt>
                <dd>{m.scorecard ? 'yes, as a tile' : 'no (in tables and exports)'}</dd>
              </dl>
            </article>
          ))}
        </div>
      )}
    </>
  );
}
