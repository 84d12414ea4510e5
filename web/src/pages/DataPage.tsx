import { useRef, useState } from 'react';
import { apiUrl, errorMessage, invalidate } from '../api/client.ts';
import type { BatchPage, BatchResult, RejectPage, RejectRow } from '../api/types.ts';
import { uploadContacts } from '../api/upload.ts';
import { useApi } from '../api/useApi.ts';
import { StateMessage } from '../components/ChartFrame.tsx';
import { CsvButton } from '../components/CsvButton.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { Field } from '../components/Field.tsx';
import { formatValue } from '../lib/format.ts';
import { onLinkClick } from '../router.ts';

type Upload =
  | { phase: 'idle' }
  | { phase: 'sending'; fileName: string; fraction: number }
  | { phase: 'processing'; fileName: string }
  | { phase: 'done'; result: BatchResult }
  | { phase: 'failed'; fileName: string; message: string };

const OUTCOME_TEXT: Record<string, string> = {
  committed: 'Loaded',
  refused: 'Refused',
  duplicate_file: 'Already loaded',
};

/**
 * Data: upload a contact log (bytes sent, then the server's validation), the batch result
 * with its first rejects and their reasons, the history of every batch, and a link to the
 * metric definitions.
 */
export function DataPage() {
  const [upload, setUpload] = useState<Upload>({ phase: 'idle' });
  const [drag, setDrag] = useState(false);
  const [source, setSource] = useState('');
  const [timezone, setTimezone] = useState('');
  const [maxBadPct, setMaxBadPct] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const batchPage = useApi<BatchPage>(apiUrl('/api/ingest/batches', { limit: 100 }));
  const batches = batchPage.data?.batches ?? [];
  const resultId = upload.phase === 'done' && upload.result.rowsRejected > 0 ? upload.result.batchId : null;
  const rejectPage = useApi<RejectPage>(resultId !== null ? apiUrl(`/api/ingest/batches/${encodeURIComponent(String(resultId))}/rejects`, { limit: 20 }) : null);

  const send = async (file: File) => {
    const pct = Number(maxBadPct);
    if (maxBadPct.trim() !== '' && !(pct >= 0 && pct <= 100)) {
      setUpload({ phase: 'failed', fileName: file.name, message: 'invalid maxRejectShare: give a percentage from 0 to 100' });
      if (input.current) input.current.value = '';
      return;
    }
    setUpload({ phase: 'sending', fileName: file.name, fraction: 0 });
    try {
      const result = await uploadContacts(file, {
        source: source.trim() || undefined,
        timezone: timezone.trim() || undefined,
        maxRejectShare: maxBadPct.trim() === '' ? undefined : Number(maxBadPct) / 100,
        onProgress: (fraction) => setUpload(fraction >= 1 ? { phase: 'processing', fileName: file.name } : { phase: 'sending', fileName: file.name, fraction }),
      });
      setUpload({ phase: 'done', result });
      // New contacts change every figure: forget cached answers.
      invalidate();
    } catch (e) {
      setUpload({ phase: 'failed', fileName: file.name, message: errorMessage(e) });
      invalidate('/api/ingest');
    } finally {
      if (input.current) input.current.value = '';
    }
  };

  const busy = upload.phase === 'sending' || upload.phase === 'processing';

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Data</h1>
          <p>
            Load contact logs (CSV or Parquet, canonical columns) and see what was accepted. How each figure is computed:{' '}
            <a href="/metrics" onClick={onLinkClick}>
              metric definitions
            </a>
            .
          </p>
        </div>
      </div>

      <div className="grid-2">
        <section className="card" aria-labelledby="upload-h">
          <div className="card-head">
            <div>
              <h2 id="upload-h">Upload a contact log</h2>
              <p>Bad rows are set aside with a reason; good rows are loaded. Loading the same file twice adds nothing.</p>
            </div>
          </div>
          <div
            className={drag ? 'dropzone drag' : 'dropzone'}
            onDragOver={(e) => {
              e.preventDefault();
              setDrag(true);
            }}
            onDragLeave={() => setDrag(false)}
            onDrop={(e) => {
              e.preventDefault();
              setDrag(false);
              const f = e.dataTransfer.files[0];
              if (f && !busy) void send(f);
            }}
          >
            <p style={{ marginBottom: 8 }}>Drop a file here, or</p>
            <label className="button" style={{ display: 'inline-block' }}>
              <input
                ref={input}
                type="file"
                name="file"
                accept=".csv,.parquet,text/csv"
                disabled={busy}
                data-testid="file-input"
                aria-label="Choose a contact log to upload"
                onChange={(e) => {
                  const f = e.target.files?.[0];
                  if (f) void send(f);
                }}
              />
            </label>
          </div>
          <div className="row" style={{ marginTop: 12 }}>
            <Field label="Source name (optional)">
              <input type="text" name="source" value={source} onChange={(e) => setSource(e.target.value)} placeholder="acd-export" />
            </Field>
            <Field label="Time zone of times without offset (optional)">
              <input type="text" name="timezone" value={timezone} onChange={(e) => setTimezone(e.target.value)} placeholder="America/Los_Angeles" />
            </Field>
            <Field label="Refuse the file above (% bad rows)">
              <input type="number" name="max-bad" min={0} max={100} step={0.5} value={maxBadPct} onChange={(e) => setMaxBadPct(e.target.value)} placeholder="1" style={{ width: 90 }} />
            </Field>
          </div>
          <UploadStatus upload={upload} />
        </section>

        <section className="card" aria-labelledby="rejects-h">
          <div className="card-head">
            <div>
              <h2 id="rejects-h">First rejected rows</h2>
              <p>Rows are numbered from the first data row (the header is not counted).</p>
            </div>
          </div>
          {resultId === null ? (
            <p className="muted small">{upload.phase === 'done' ? 'No rows were rejected.' : 'Upload a file to see its rejected rows here.'}</p>
          ) : rejectPage.state === 'ready' ? (
            <>
              <p className="small muted" style={{ marginBottom: 8 }}>
                Showing {rejectPage.data.rejects.length} of {formatValue(rejectPage.data.total, 'count')} rejected rows.
              </p>
              <DataTable
                testId="rejects-table"
                columns={[
                  { key: 'row', label: 'Row no.', numeric: true, render: (r: RejectRow) => r.rowNumber },
                  { key: 'reason', label: 'Reason', render: (r: RejectRow) => r.reason },
                  { key: 'value', label: 'Value', render: (r: RejectRow) => <code>{namedValue(r)}</code> },
                  {
                    key: 'raw',
                    label: 'Row',
                    render: (r: RejectRow) => (
                      <details>
                        <summary>{contactOf(r.raw)}</summary>
                        <code style={{ wordBreak: 'break-all', fontSize: 'var(--text-xs)' }}>{rawText(r.raw)}</code>
                      </details>
                    ),
                  },
                ]}
                rows={rejectPage.data.rejects}
                rowKey={(r) => String(r.rowNumber)}
                scroll
              />
            </>
          ) : (
            <StateMessage state={rejectPage.state} error={rejectPage.error} />
          )}
        </section>
      </div>

      <section className="card section" aria-labelledby="batches-h">
        <div className="card-head">
          <div>
            <h2 id="batches-h">Batch history</h2>
            <p>Every load: rows read = accepted + rejected + already present.</p>
          </div>
          <CsvButton
            fileName="ingest-batches.csv"
            header={['batchId', 'fileName', 'source', 'outcome', 'rowsRead', 'rowsAccepted', 'rowsRejected', 'rowsAlreadyPresent', 'startedAt', 'finishedAt', 'message']}
            rows={() => batches.map((b) => [b.batchId, b.fileName, b.source, b.outcome, b.rowsRead, b.rowsAccepted, b.rowsRejected, b.rowsAlreadyPresent, b.startedAt, b.finishedAt, b.message])}
          />
        </div>
        {batchPage.data && batches.length > 0 ? (
          <DataTable
            testId="batches-table"
            columns={[
              { key: 'id', label: 'Batch', numeric: true, render: (b) => b.batchId },
              { key: 'file', label: 'File', header: true, render: (b) => b.fileName },
              { key: 'source', label: 'Source', render: (b) => b.source ?? '—' },
              { key: 'outcome', label: 'Outcome', render: (b) => <span title={b.message ?? undefined}>{OUTCOME_TEXT[b.outcome] ?? b.outcome}</span> },
              { key: 'read', label: 'Read', numeric: true, render: (b) => formatValue(b.rowsRead, 'count') },
              { key: 'acc', label: 'Accepted', numeric: true, render: (b) => formatValue(b.rowsAccepted, 'count') },
              { key: 'rej', label: 'Rejected', numeric: true, render: (b) => formatValue(b.rowsRejected, 'count') },
              { key: 'dup', label: 'Already present', numeric: true, render: (b) => formatValue(b.rowsAlreadyPresent, 'count') },
              { key: 'at', label: 'Started', render: (b) => (b.startedAt ? b.startedAt.replace('T', ' ').slice(0, 19) : '—') },
            ]}
            rows={batches}
            rowKey={(b) => String(b.batchId)}
            scroll
          />
        ) : batchPage.state === 'ready' ? (
          <p className="muted small">No files loaded yet.</p>
        ) : (
          <StateMessage state={batchPage.state} error={batchPage.error} />
        )}
      </section>
    </>
  );
}

/**
 * The value the reason is about: reasons name their column (`invalid channel: …`), so the
 * cell shows `channel=fax` rather than the whole row.
 */
function namedValue(r: RejectRow): string {
  const field = /^invalid ([a-z_]+):/.exec(r.reason)?.[1];
  if (!field || r.raw === null || typeof r.raw === 'string') return '—';
  const v = r.raw[field];
  return `${field}=${v === null || v === undefined || v === '' ? '(empty)' : v}`;
}

function contactOf(raw: RejectRow['raw']): string {
  if (raw && typeof raw === 'object' && raw.contact_id) return String(raw.contact_id);
  return 'all values';
}

/** The values of a rejected row as `column=value` pairs, empty ones left out. */
function rawText(raw: RejectRow['raw']): string {
  if (raw === null) return '—';
  if (typeof raw === 'string') return raw;
  return Object.entries(raw)
    .filter(([, v]) => v !== null && v !== '')
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}

function UploadStatus({ upload }: { upload: Upload }) {
  switch (upload.phase) {
    case 'idle':
      return null;
    case 'sending':
      return (
        <div style={{ marginTop: 12 }} role="status">
          <p className="small">
            Sending {upload.fileName}: {Math.round(upload.fraction * 100)}%
          </p>
          <progress max={1} value={upload.fraction} aria-label="Upload progress" />
        </div>
      );
    case 'processing':
      return (
        <div style={{ marginTop: 12 }} role="status">
          <p className="small">Sent {upload.fileName}; validating and loading…</p>
          <progress aria-label="Loading into the database" />
        </div>
      );
    case 'failed':
      return (
        <p className="notice notice-error" role="alert" style={{ marginTop: 12 }} data-testid="upload-error">
          {upload.fileName}: {upload.message}
        </p>
      );
    case 'done': {
      const r = upload.result;
      return (
        <div style={{ marginTop: 12 }} data-testid="upload-result" data-outcome={r.outcome}>
          <p className={`notice ${r.outcome === 'refused' ? 'notice-error' : r.outcome === 'committed' ? 'notice-ok' : 'notice-info'}`} role="status">
            <strong>{OUTCOME_TEXT[r.outcome] ?? r.outcome}:</strong> {r.fileName}
            {r.message ? ` — ${r.message}` : ''}
          </p>
          <div className="result-grid">
            <Figure label="Rows read" value={r.rowsRead} testId="rows-read" />
            <Figure label="Accepted" value={r.rowsAccepted} testId="rows-accepted" />
            <Figure label="Rejected" value={r.rowsRejected} testId="rows-rejected" />
            <Figure label="Already present" value={r.rowsAlreadyPresent} testId="rows-present" />
            <Figure label="Flagged (kept)" value={r.rowsFlagged} testId="rows-flagged" />
          </div>
          {r.rejectReasons.length > 0 && (
            <DataTable
              caption="Rejected rows by reason"
              columns={[
                { key: 'reason', label: 'Reason', header: true, render: (x) => x.reason },
                { key: 'count', label: 'Rows', numeric: true, render: (x) => formatValue(x.count, 'count') },
              ]}
              rows={r.rejectReasons}
              rowKey={(x) => x.reason}
            />
          )}
          {r.unknownColumns.length > 0 && <p className="small muted">Ignored columns: {r.unknownColumns.join(', ')}</p>}
        </div>
      );
    }
  }
}

function Figure({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <div className="kpi">
      <span>{label}</span>
      <strong data-testid={testId} data-value={value}>
        {formatValue(value, 'count')}
      </strong>
    </div>
  );
}
