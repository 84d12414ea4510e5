import { lazy, Suspense, useEffect, useState } from 'react';
import type { Permission } from '../../server/auth/roles.ts';
import { useDimensions } from './api/dimensions.ts';
import { CasesPage } from './pages/CasesPage.tsx';
import { CompliancePage } from './pages/CompliancePage.tsx';
import { type Me, useSession } from './api/session.ts';
import { DataPage } from './pages/DataPage.tsx';
import { ForecastPage } from './pages/ForecastPage.tsx';
import { IntradayPage } from './pages/IntradayPage.tsx';
import { MetricsPage } from './pages/MetricsPage.tsx';
import { ScorecardPage } from './pages/ScorecardPage.tsx';
import { SetPasswordPage } from './pages/SetPasswordPage.tsx';
import { SignInPage } from './pages/SignInPage.tsx';
import { navigate, onLinkClick, useLocation } from './router.ts';

// The audit trail and the users are for admins only: loaded when opened.
const AuditPage = lazy(() => import('./pages/AuditPage.tsx').then((m) => ({ default: m.AuditPage })));
const UsersPage = lazy(() => import('./pages/UsersPage.tsx').then((m) => ({ default: m.UsersPage })));
// The staffing page carries the Erlang math (and its validation); load it only when opened.
const StaffingPage = lazy(() => import('./pages/StaffingPage.tsx').then((m) => ({ default: m.StaffingPage })));
// So does the capacity page (the capacity engine over the Erlang math).
const CalendarPage = lazy(() => import('./pages/CalendarPage.tsx').then((m) => ({ default: m.CalendarPage })));
const CapacityPage = lazy(() => import('./pages/CapacityPage.tsx').then((m) => ({ default: m.CapacityPage })));

// `needsData`: the page shows contacts, so on an empty database it says how to add some.
// `permission`: the roles that hold it see the page in the navigation (docs/security.md).
const PAGES = [
  { path: '/scorecard', label: 'Scorecard', title: 'Scorecard', Component: ScorecardPage, needsData: true, permission: 'read:aggregate' },
  { path: '/intraday', label: 'Intraday', title: 'Intraday', Component: IntradayPage, needsData: true, permission: 'read:aggregate' },
  { path: '/forecast', label: 'Forecast', title: 'Forecast', Component: ForecastPage, needsData: true, permission: 'read:aggregate' },
  { path: '/staffing', label: 'Staffing', title: 'Staffing', Component: StaffingPage, needsData: false, permission: 'write:plan' },
  { path: '/capacity', label: 'Capacity', title: 'Capacity & budget', Component: CapacityPage, needsData: false, permission: 'write:plan' },
  { path: '/calendar', label: 'Calendar', title: 'Site calendar', Component: CalendarPage, needsData: false, permission: 'read:aggregate' },
  { path: '/cases', label: 'Cases', title: 'Cases', Component: CasesPage, needsData: false, permission: 'read:compliance' },
  { path: '/compliance', label: 'Compliance', title: 'Compliance', Component: CompliancePage, needsData: true, permission: 'read:compliance' },
  { path: '/data', label: 'Data', title: 'Data', Component: DataPage, needsData: false, permission: 'write:data' },
  { path: '/metrics', label: 'Definitions', title: 'Metric definitions', Component: MetricsPage, needsData: false, permission: 'read:aggregate' },
  { path: '/users', label: 'Users', title: 'Users', Component: UsersPage, needsData: false, permission: 'admin' },
  { path: '/audit', label: 'Audit', title: 'Audit trail', Component: AuditPage, needsData: false, permission: 'admin' },
] as const satisfies readonly { path: string; permission: Permission; [k: string]: unknown }[];

/** The session gate: sign-in, then a new password when the one in use was one-time, then the app. */
export function App() {
  const { session, signIn, signOut, changePassword } = useSession();
  const [changing, setChanging] = useState(false);
  if (session.state === 'loading') {
    return (
      <div className="state" role="status" data-state="loading">
        <span className="spinner" aria-hidden="true" /> Loading…
      </div>
    );
  }
  if (session.state === 'signed-out') return <SignInPage notice={session.reason} onSignIn={signIn} />;
  const { me } = session;
  if (me.mustChangePassword || changing) {
    return (
      <SetPasswordPage
        name={me.name}
        required={me.mustChangePassword}
        onSubmit={async (current, next) => {
          await changePassword(current, next);
          setChanging(false);
        }}
        onCancel={me.mustChangePassword ? undefined : () => setChanging(false)}
      />
    );
  }
  return <Shell me={me} onSignOut={signOut} onChangePassword={() => setChanging(true)} />;
}

/** The shell: header with the navigation the role may use, then the page the path names. */
function Shell({ me, onSignOut, onChangePassword }: { me: Me; onSignOut: () => void; onChangePassword: () => void }) {
  const { path } = useLocation();
  const allowed = PAGES.filter((p) => me.permissions.includes(p.permission));
  const page = allowed.find((p) => p.path === path);
  const forbidden = !page && PAGES.some((p) => p.path === path);
  const dims = useDimensions();
  // Interval reports are data too (KPIs without contact rows).
  const empty = page?.needsData && dims.data?.contacts === 0 && !dims.data?.intervalAggregates;

  useEffect(() => {
    if (path === '/' || path === '' || path === '/sign-in') navigate('/scorecard', true);
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
          {allowed.map((p) => (
            <a key={p.path} href={p.path} onClick={onLinkClick} aria-current={p.path === path ? 'page' : undefined}>
              {p.label}
            </a>
          ))}
        </nav>
        <div className="user-menu" data-testid="user-menu">
          <span className="small">
            {me.name} <span className="muted">({me.role})</span>
          </span>
          <button type="button" className="link small" onClick={onChangePassword}>
            Password
          </button>
          <button type="button" className="small" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {page && empty ? (
          <div className="card" data-testid="no-data">
            <h1>{page.title}</h1>
            {me.permissions.includes('write:data') ? (
              <p>
                The database holds no contacts yet.{' '}
                <a href="/data" onClick={onLinkClick}>
                  Upload a contact log
                </a>{' '}
                on the Data page.
              </p>
            ) : (
              <p>The database holds no contacts yet: a planner or an administrator can load a contact log.</p>
            )}
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
        ) : forbidden ? (
          <div className="card" data-testid="forbidden">
            <h1>Not for your role</h1>
            <p>
              The {me.role} role may not use this page.{' '}
              <a href="/scorecard" onClick={onLinkClick}>
                Go to the scorecard
              </a>
              .
            </p>
          </div>
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
