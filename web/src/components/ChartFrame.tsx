import { useId, useState, type ReactNode } from 'react';

export type FrameState = 'idle' | 'loading' | 'error' | 'ready';

/**
 * The box around every chart: title, a one-line explanation, and the states a user must
 * be able to tell apart — loading, an error with the server's message, no data for the
 * filters, or the chart. A Chart/Table toggle gives the text alternative; the chart itself
 * is described for screen readers by `description`.
 */
export function ChartFrame({
  title,
  subtitle,
  state,
  error,
  empty,
  emptyMessage = 'No contacts for these filters.',
  table,
  actions,
  legend,
  children,
  testId,
  stale,
}: {
  title: string;
  subtitle?: ReactNode;
  state: FrameState;
  error?: string;
  empty?: boolean;
  emptyMessage?: string;
  table?: () => ReactNode;
  actions?: ReactNode;
  legend?: ReactNode;
  children: () => ReactNode;
  testId?: string;
  /** True while newer data loads over what is shown. */
  stale?: boolean;
}) {
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const headingId = useId();
  let body: ReactNode;
  if (state === 'error') {
    body = (
      <div className="state state-error" role="alert" data-state="error">
        Could not load: {error}
      </div>
    );
  } else if ((state === 'loading' || state === 'idle') && !stale) {
    body = (
      <div className="state" role="status" data-state="loading">
        <span className="spinner" aria-hidden="true" /> Loading…
      </div>
    );
  } else if (empty) {
    body = (
      <div className="state" data-state="empty">
        {emptyMessage}
      </div>
    );
  } else {
    body = (
      <div className={stale ? 'is-stale' : undefined} data-state={stale ? 'loading' : 'ready'} aria-busy={stale || undefined}>
        {view === 'chart' ? children() : table?.()}
        {view === 'chart' && legend}
      </div>
    );
  }
  return (
    <section className="card" aria-labelledby={headingId} data-testid={testId}>
      <div className="card-head">
        <div>
          <h3 id={headingId}>{title}</h3>
          {subtitle && <p>{subtitle}</p>}
        </div>
        <div className="row no-print">
          {actions}
          {table && (
            <div className="segmented" role="group" aria-label={`${title}: view as`}>
              <button type="button" aria-pressed={view === 'chart'} onClick={() => setView('chart')}>
                Chart
              </button>
              <button type="button" aria-pressed={view === 'table'} onClick={() => setView('table')}>
                Table
              </button>
            </div>
          )}
        </div>
      </div>
      {body}
    </section>
  );
}

/** Spinner, error or empty message outside a chart frame (lists, tiles). */
export function StateMessage({ state, error, children }: { state: FrameState; error?: string; children?: ReactNode }) {
  if (state === 'error')
    return (
      <div className="state state-error" role="alert" data-state="error">
        Could not load: {error}
      </div>
    );
  if (state === 'loading' || state === 'idle')
    return (
      <div className="state" role="status" data-state="loading">
        <span className="spinner" aria-hidden="true" /> Loading…
      </div>
    );
  return (
    <div className="state" data-state="empty">
      {children}
    </div>
  );
}
