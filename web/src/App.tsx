import { lazy, Suspense, useEffect } from 'react';
import { useDimensions } from './api/dimensions.ts';
import { CasesPage } from './pages/CasesPage.tsx';
import { DataPage } from './pages/DataPage.tsx';
import { ForecastPage } from './pages/ForecastPage.tsx';
import { IntradayPage } from './pages/IntradayPage.tsx';
import { MetricsPage } from './pages/MetricsPage.tsx';
import { ScorecardPage } from './pages/ScorecardPage.tsx';
import { navigate, onLinkClick, useLocation } from './router.ts';

// The staffing page carries the Erlang math (and its validation); load it only when opened.
const StaffingPage = lazy(() => import('./pages/StaffingPage.tsx').then((m) => ({ default: m.StaffingPage })));
// So does the capacity page (the capacity engine over the Erlang math).
const CalendarPage = lazy(() => import('./pages/CalendarPage.tsx').then((m) => ({ default: m.CalendarPage })));
const CapacityPage = lazy(() => import('./pages/CapacityPage.tsx').then((m) => ({ default: m.CapacityPage })));

// `needsData`: the page shows contacts, so on an empty database it says how to add some.
const PAGES = [
  { path: '/scorecard', label: 'Scorecard', title: 'Scorecard', Component: ScorecardPage, needsData: true },
  { path: '/intraday', label: 'Intraday', title: 'Intraday', Component: IntradayPage, needsData: true },
  { path: '/forecast', label: 'Forecast', title: 'Forecast', Component: ForecastPage, needsData: true },
  { path: '/staffing', label: 'Staffing', title: 'Staffing', Component: StaffingPage, needsData: false },
  { path: '/capacity', label: 'Capacity', title: 'Capacity & budget', Component: CapacityPage, needsData: false },
  { path: '/cases', label: 'Cases', title: 'Cases', Component: CasesPage, needsData: false },
  { path: '/calendar', label: 'Calendar', title: 'Site calendar', Component: CalendarPage, needsData: false },
  { path: '/data', label: 'Data', title: 'Data', Component: DataPage, needsData: false },
  { path: '/metrics', label: 'Metric definitions', title: 'Metric definitions', Component: MetricsPage, needsData: false },
] as const;

/** The shell: header with navigation, then the page the path names. */
export function App() {
  const { path } = useLocation();
  const page = PAGES.find((p) => p.path === path);
  const dims = useDimensions();
  const empty = page?.needsData && dims.data?.contacts === 0;

  useEffect(() => {
    if (path === '/' || path === '') navigate('/scorecard', true);
  }, [path]);

  useEffect(() => {
    document.title = page ? `${page.title} · Staffcast` : 'Staffcast';
  }, [page]);

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <div className="brand">
          Staff<span>cast</span>
        </div>
        <nav className="nav" aria-label="Pages">
          {PAGES.map((p) => (
            <a key={p.path} href={p.path} onClick={onLinkClick} aria-current={p.path === path ? 'page' : undefined}>
              {p.label}
            </a>
          ))}
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {page && empty ? (
          <div className="card" data-testid="no-data">
            <h1>{page.title}</h1>
            <p>
              The database holds no contacts yet.{' '}
              <a href="/data" onClick={onLinkClick}>
                Upload a contact log
              </a>{' '}
              on the Data page.
            </p>
          </div>
        ) : page ? (
          <Suspense
            fallback={
              <div className="state" role="status">
                <span className="spinner" aria-hidden="true" /> Loading…
              </div>
            }
          >
            <page.Component key={page.path} />
          </Suspense>
        ) : path === '/' ? null : (
          <div className="card">
            <h1>Page not found</h1>
            <p>
              There is no page at <code>{path}</code>.{' '}
              <a href="/scorecard" onClick={onLinkClick}>
                Go to the scorecard
              </a>
              .
            </p>
          </div>
        )}
      </main>
    </>
  );
}
