import { useState } from 'react';
import { apiUrl, invalidate } from '../api/client.ts';
import { useApi } from '../api/useApi.ts';
import { StateMessage } from '../components/ChartFrame.tsx';
import { type Column, DataTable } from '../components/DataTable.tsx';
import { Field } from '../components/Field.tsx';

interface AuditRow {
  id: number;
  at: string;
  actor: string | null;
  role: string | null;
  address: string | null;
  action: string;
  path: string | null;
  filters: string | null;
  status: number | null;
  outcome: 'ok' | 'denied' | 'failed';
  detail: string | null;
}

const PAGE = 100;

const COLUMNS: Column<AuditRow>[] = [
  { key: 'at', label: 'When (UTC)', render: (r) => <span className="nowrap">{r.at.replace('T', ' ').slice(0, 19)}</span>, header: true },
  { key: 'actor', label: 'Who', render: (r) => (r.actor ? `${r.actor}${r.role ? ` (${r.role})` : ''}` : '—') },
  { key: 'address', label: 'From', render: (r) => r.address ?? '—' },
  { key: 'action', label: 'What', render: (r) => <code>{r.action}</code> },
  { key: 'filters', label: 'Filters / path', render: (r) => <span className="small">{r.filters ?? (r.path && !r.action.endsWith(r.path) ? r.path : '')}</span> },
  { key: 'outcome', label: 'Outcome', render: (r) => `${r.outcome}${r.status ? ` (${r.status})` : ''}`, cellClass: (r) => (r.outcome === 'ok' ? undefined : 'change-bad') },
  { key: 'detail', label: 'Detail', render: (r) => <span className="small">{r.detail ?? ''}</span> },
];

/** The audit trail, for admins: filters, pages of 100, CSV export of everything that matches. */
export function AuditPage() {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [actor, setActor] = useState('');
  const [action, setAction] = useState('');
  const [outcome, setOutcome] = useState('');
  const [offset, setOffset] = useState(0);
  const filters = { from, to, actor: actor.trim(), action: action.trim(), outcome };
  const list = useApi<{ total: number; rows: AuditRow[] }>(apiUrl('/api/audit', { ...filters, limit: PAGE, offset }));
  const set = (f: (v: string) => void) => (v: string) => {
    f(v);
    setOffset(0);
  };

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Audit trail</h1>
          <p>
            Every sign-in and failure, every read of KPI, case or compliance data with its filters, and every change (ingest, undo, export, targets, calendar, templates, users), with who, when, from
            where and the outcome. Rows are never changed; only the retention purge removes old ones, and records itself.
          </p>
        </div>
      </div>
      <div className="card filters" role="search">
        <Field label="From (UTC date)">
          <input type="date" name="from" value={from} onChange={(e) => set(setFrom)(e.target.value)} />
        </Field>
        <Field label="To (UTC date, exclusive)">
          <input type="date" name="to" value={to} onChange={(e) => set(setTo)(e.target.value)} />
        </Field>
        <Field label="User">
          <input name="actor" value={actor} onChange={(e) => set(setActor)(e.target.value)} placeholder="any" />
        </Field>
        <Field label="Action starts with">
          <input name="action" value={action} onChange={(e) => set(setAction)(e.target.value)} placeholder="sign-in, GET /api/kpis…" />
        </Field>
        <Field label="Outcome">
          <select name="outcome" value={outcome} onChange={(e) => set(setOutcome)(e.target.value)}>
            <option value="">any</option>
            <option value="ok">ok</option>
            <option value="denied">denied</option>
            <option value="failed">failed</option>
          </select>
        </Field>
        <div className="row">
          <button type="button" onClick={() => invalidate('/api/audit')}>
            Refresh
          </button>
          <a className="button" href={apiUrl('/api/audit', { ...filters, format: 'csv' })} download="staffcast-audit.csv">
            Export CSV
          </a>
        </div>
      </div>
      {list.data ? (
        <div className="card">
          <p className="muted small" data-testid="audit-count">
            {list.data.total === 0 ? 'No audit rows match.' : `Rows ${offset + 1}–${offset + list.data.rows.length} of ${list.data.total}, newest first.`}
          </p>
          <DataTable columns={COLUMNS} rows={list.data.rows} rowKey={(r) => String(r.id)} testId="audit-table" scroll />
          <div className="row">
            <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
              Newer
            </button>
            <button type="button" disabled={offset + PAGE >= list.data.total} onClick={() => setOffset(offset + PAGE)}>
              Older
            </button>
          </div>
        </div>
      ) : (
        <StateMessage state={list.state === 'idle' ? 'loading' : list.state} error={list.error} />
      )}
    </>
  );
}
