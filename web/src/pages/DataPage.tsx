import { useEffect, useRef, useState } from 'react';
import { apiUrl, errorMessage, invalidate, sendJson } from '../api/client.ts';
import type { Me } from '../api/session.ts';
import type { BatchPage, BatchResult, BatchSummary, Preview, RejectPage, RejectRow } from '../api/types.ts';
import { batchView, browserMessage, uploadContacts, type BatchLike, type RefusalRowView } from '../api/upload.ts';
import { useApi } from '../api/useApi.ts';
import { StateMessage } from '../components/ChartFrame.tsx';
import { CsvButton } from '../components/CsvButton.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { Field } from '../components/Field.tsx';
import { FilePreview } from '../components/FilePreview.tsx';
import { MappingEditor } from '../components/MappingEditor.tsx';
import { formatInstant, formatValue } from '../lib/format.ts';
import { onLinkClick } from '../router.ts';

type Upload =
  | { phase: 'idle' }
  | { phase: 'sending'; fileName: string; fraction: number }
  | { phase: 'processing'; fileName: string }
  | { phase: 'done'; result: BatchResult }
  | { phase: 'failed'; fileName: string; message: string };

const OUTCOME_TEXT: Record<string, string> = {
  committed: 'Loaded',
  refused: 'Refused: nothing committed',
  duplicate_file: 'Already loaded: not read again',
  failed: 'Failed: nothing committed',
  undone: 'Undone: contacts removed',
};

/** Flags a kept row can carry (server/wfm/canonical.ts FLAGS), in words. */
const FLAG_TEXT: Record<string, string> = {
  csat_out_of_range: 'CSAT outside 1–5: dropped, contact kept',
  nps_out_of_range: 'NPS outside 0–10: dropped, contact kept',
  ambiguous_local_time: 'time in the repeated hour of the fall-back day: the first (daylight-time) one was taken',
  handle_time_outlier: 'handle time beyond the outlier limit: left out of AHT',
  clock_skew_clamped: 'a time slightly before the offer (clock skew): clamped',
};

interface FlaggedPage {
  total: number;
  contacts: { contactId: string; queue: string; channel: string; offeredAt: string; flags: string[] }[];
}

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
  // A file to map by hand: chosen for it, or one refused for not having the canonical columns.
  const [mapFile, setMapFile] = useState<File | null>(null);
  // A chosen file, previewed before it is loaded.
  const [chosen, setChosen] = useState<File | null>(null);
  const [chosenPreview, setChosenPreview] = useState<Preview | null>(null);
  const previewCard = useRef<HTMLElement>(null);
  // A chosen file's preview is below the upload card: bring it into view.
  useEffect(() => {
    if (chosen) previewCard.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [chosen]);
  const [format, setFormat] = useState('');
  const formats = useApi<{ formats: { name: string; label: string }[] }>('/api/ingest/formats');
  const vendorFormats = (formats.data?.formats ?? []).filter((f) => f.name !== 'csv' && f.name !== 'parquet');
  const input = useRef<HTMLInputElement>(null);
  const health = useApi<{ timezone: string }>('/api/health');
  const zone = health.data?.timezone ?? 'UTC';
  const batchPage = useApi<BatchPage>(apiUrl('/api/ingest/batches', { limit: 100 }));
  // Who may undo a batch: the user who loaded it, or an admin (the server checks it too).
  const me = useApi<Pick<Me, 'name' | 'role'>>('/api/auth/me').data;
  const mayUndo = (b: BatchSummary) => me !== undefined && (me.role === 'admin' || b.loadedBy === me.name);
  const batches = batchPage.data?.batches ?? [];
  const done = upload.phase === 'done' ? upload.result : null;
  const view = done ? batchView(done as BatchLike) : null;
  // Rejected rows are stored only for a batch that was loaded; a refusal carries its own rows.
  const resultId = done && view?.loaded && done.rowsRejected > 0 ? done.batchId : null;
  const flaggedId = done && view?.loaded && done.rowsFlagged > 0 ? done.batchId : null;
  const rejectPage = useApi<RejectPage>(resultId !== null ? apiUrl(`/api/ingest/batches/${encodeURIComponent(String(resultId))}/rejects`, { limit: 20 }) : null);
  const flaggedPage = useApi<FlaggedPage>(flaggedId !== null ? apiUrl(`/api/ingest/batches/${encodeURIComponent(String(flaggedId))}/flagged`, { limit: 20 }) : null);

  const choose = (file: File) => {
    setChosen(file);
    setMapFile(null);
    setUpload({ phase: 'idle' });
    if (input.current) input.current.value = '';
  };

  const send = async (file: File) => {
    setChosen(null);
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
        format: format || undefined,
        maxRejectShare: maxBadPct.trim() === '' ? undefined : Number(maxBadPct) / 100,
        onProgress: (fraction) => setUpload(fraction >= 1 ? { phase: 'processing', fileName: file.name } : { phase: 'sending', fileName: file.name, fraction }),
      });
      setUpload({ phase: 'done', result });
      if (result.refusal?.code === 'missing_columns' || result.refusal?.code === 'invalid_header') setMapFile(file);
      // New contacts change every figure: forget cached answers.
      invalidate();
    } catch (e) {
      setUpload({ phase: 'failed', fileName: file.name, message: browserMessage(errorMessage(e)) });
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
            Load contact logs (CSV or Parquet with the canonical columns, or a contact-center platform’s export) and see what was accepted. How each figure is computed:{' '}
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
              <p>
                A chosen file is previewed first: the format it is read as and its first rows as they will be loaded. Bad rows are set aside with a reason; good rows are loaded. Loading the same file
                twice adds nothing.
              </p>
              <p className="small muted" data-testid="vendor-formats">
                Canonical columns (CSV or Parquet), or a platform’s own export, unedited
                {vendorFormats.length ? `: ${vendorFormats.map((f) => f.label).join('; ')}` : ''}. The format is detected from the content.
              </p>
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
              if (f && !busy) choose(f);
            }}
          >
            <p style={{ marginBottom: 8 }}>Drop a file here, or</p>
            <label className="button" style={{ display: 'inline-block' }}>
              <input
                ref={input}
                type="file"
                name="file"
                accept=".csv,.parquet,.json,.jsonl,.ndjson,.log,.txt,text/csv,application/json"
                disabled={busy}
                data-testid="file-input"
                aria-label="Choose a contact log to upload"
                onChange={(e) => {
                  const f = e.target.files?.[0];
                  if (f) choose(f);
                }}
              />
            </label>
          </div>
          <div className="row upload-options" style={{ marginTop: 12, alignItems: 'flex-start' }}>
            <Field label="Source name (optional)">
              <input type="text" name="source" value={source} onChange={(e) => setSource(e.target.value)} aria-describedby="source-hint" />
              <small id="source-hint" className="muted">
                Blank: “default”. Letters, digits, “.”, “_”, “:” and “-”.
              </small>
            </Field>
            <Field label="Time zone (optional)">
              <input type="text" name="timezone" value={timezone} onChange={(e) => setTimezone(e.target.value)} aria-describedby="tz-hint" autoComplete="off" spellCheck={false} />
              <small id="tz-hint" className="muted">
                Only for times written without a UTC offset: the IANA zone they were recorded in. The site’s zone is {health.data ? zone : '…'}.
              </small>
            </Field>
            <Field label="Format">
              <select name="format" value={format} onChange={(e) => setFormat(e.target.value)} aria-describedby="format-hint" data-testid="format-select" style={{ width: 300 }}>
                <option value="">Detect from the content</option>
                {(formats.data?.formats ?? []).map((f) => (
                  <option key={f.name} value={f.name}>
                    {f.label}
                  </option>
                ))}
              </select>
              <small id="format-hint" className="muted">
                A file of another format than the one chosen is refused.
              </small>
            </Field>
            <Field label="Refuse the file above (% bad rows)">
              <input type="number" name="max-bad" min={0} max={100} step={0.5} value={maxBadPct} onChange={(e) => setMaxBadPct(e.target.value)} style={{ width: 90 }} aria-describedby="max-bad-hint" />
              <small id="max-bad-hint" className="muted">
                Blank: 1%.
              </small>
            </Field>
          </div>
          <UploadStatus upload={upload} />
          {mapFile ? (
            <MappingEditor
              key={`${mapFile.name}:${mapFile.size}:${mapFile.lastModified}`}
              file={mapFile}
              options={{ source: source.trim() || undefined, maxRejectShare: maxBadPct.trim() === '' || !(Number(maxBadPct) >= 0 && Number(maxBadPct) <= 100) ? undefined : Number(maxBadPct) / 100 }}
              onLoaded={(result) => {
                setMapFile(null);
                setUpload({ phase: 'done', result });
              }}
              onClose={() => setMapFile(null)}
            />
          ) : (
            <p className="small" style={{ marginTop: 12 }}>
              An export in another layout?{' '}
              <label className="button">
                Map its columns…
                <input
                  type="file"
                  accept=".csv,.tsv,.txt,text/csv"
                  className="visually-hidden"
                  data-testid="map-file-input"
                  aria-label="Choose an export to map"
                  onChange={(e) => {
                    const f = e.target.files?.[0];
                    if (f) setMapFile(f);
                    e.target.value = '';
                  }}
                />
              </label>
            </p>
          )}
        </section>

        <section className="card" aria-labelledby="rejects-h">
          <div className="card-head">
            <div>
              <h2 id="rejects-h">{view && !view.loaded ? (done?.outcome === 'duplicate_file' ? 'Already loaded' : 'Why the file was not loaded') : 'Rejected and flagged rows'}</h2>
              <p>Rows are numbered from the first data row (the header is not counted); lines are the file’s own.</p>
            </div>
          </div>
          {!done || !view ? (
            <p className="muted small">Upload a file to see its rejected and flagged rows here.</p>
          ) : !view.loaded ? (
            <RefusalDetail result={done} view={view} />
          ) : (
            <>
              <h3 className="small" style={{ margin: '0 0 6px' }}>
                Rejected rows (not loaded)
              </h3>
              {resultId === null ? (
                <p className="muted small">None: every row passed the checks.</p>
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
              <h3 className="small" style={{ margin: '12px 0 6px' }}>
                Flagged rows (kept, a value set aside)
              </h3>
              {flaggedId === null ? (
                <p className="muted small">None.</p>
              ) : flaggedPage.state === 'ready' ? (
                <>
                  <p className="small muted" style={{ marginBottom: 8 }}>
                    Showing {flaggedPage.data.contacts.length} of {formatValue(flaggedPage.data.total, 'count')} flagged rows; times in the site’s zone, {zone}.
                  </p>
                  <DataTable
                    testId="flagged-table"
                    columns={[
                      { key: 'contact', label: 'Contact', header: true, render: (c: FlaggedPage['contacts'][number]) => c.contactId },
                      { key: 'offered', label: `Offered (${zone})`, render: (c: FlaggedPage['contacts'][number]) => formatInstant(c.offeredAt, zone) },
                      { key: 'flags', label: 'Flags', render: (c: FlaggedPage['contacts'][number]) => c.flags.map((f) => FLAG_TEXT[f] ?? f).join('; ') },
                    ]}
                    rows={flaggedPage.data.contacts}
                    rowKey={(c) => c.contactId}
                    scroll
                  />
                </>
              ) : (
                <StateMessage state={flaggedPage.state} error={flaggedPage.error} />
              )}
            </>
          )}
        </section>
      </div>

      {chosen ? (
        <section className="card section" aria-labelledby="preview-h" ref={previewCard}>
          <FilePreview file={chosen} format={format} timezone={timezone} onPreview={setChosenPreview} />
          <div className="button-row" style={{ marginTop: 'var(--space-3)' }}>
            <button type="button" className="primary" disabled={busy} onClick={() => void send(chosen)} data-testid="load-file">
              Load {chosen.name}
            </button>
            {chosenPreview && chosenPreview.format === null ? (
              <button
                type="button"
                onClick={() => {
                  setMapFile(chosen);
                  setChosen(null);
                }}
                data-testid="map-chosen"
              >
                Map its columns…
              </button>
            ) : null}
            <button type="button" onClick={() => setChosen(null)}>
              Cancel
            </button>
          </div>
        </section>
      ) : null}

      <section className="card section" aria-labelledby="batches-h">
        <div className="card-head">
          <div>
            <h2 id="batches-h">Batch history</h2>
            <p>
              Every file: rows read = accepted + rejected + already present. A refused file loads nothing; its counts show how its rows were checked, or “not read” when it was refused before that.
              Times in the site’s zone, {zone}.
            </p>
          </div>
          <CsvButton
            fileName="ingest-batches.csv"
            header={['batch', 'file', 'source', 'outcome', 'rows read (rows)', 'accepted (rows)', 'rejected (rows)', 'already present (rows)', `started (${zone})`, `finished (${zone})`, 'message']}
            rows={() =>
              batches.map((b) => {
                const v = batchView(b as BatchLike);
                const n = (x: number) => (v.read ? x : null);
                return [
                  b.batchId,
                  b.fileName,
                  b.source,
                  OUTCOME_TEXT[b.outcome] ?? b.outcome,
                  n(b.rowsRead),
                  n(b.rowsAccepted),
                  n(b.rowsRejected),
                  n(b.rowsAlreadyPresent),
                  formatInstant(b.startedAt, zone),
                  formatInstant(b.finishedAt, zone),
                  b.message ? browserMessage(b.message) : null,
                ];
              })
            }
          />
        </div>
        {batchPage.data && batches.length > 0 ? (
          <DataTable
            testId="batches-table"
            columns={[
              { key: 'id', label: 'Batch', numeric: true, render: (b) => b.batchId },
              { key: 'file', label: 'File', header: true, render: (b) => b.fileName },
              { key: 'source', label: 'Source', render: (b) => b.source ?? '—' },
              { key: 'outcome', label: 'Outcome', render: (b) => OUTCOME_TEXT[b.outcome] ?? b.outcome },
              ...(['rowsRead', 'rowsAccepted', 'rowsRejected', 'rowsAlreadyPresent'] as const).map((k, i) => ({
                key: ['read', 'acc', 'rej', 'dup'][i]!,
                label: ['Read', 'Accepted', 'Rejected', 'Already present'][i]!,
                numeric: true,
                render: (b: BatchSummary) => (batchView(b as BatchLike).read ? formatValue(b[k], 'count') : i === 0 ? 'not read' : '—'),
              })),
              {
                key: 'why',
                label: 'Why',
                render: (b) =>
                  b.outcome === 'committed' || b.outcome === 'duplicate_file' || !b.message ? (
                    ''
                  ) : (
                    <span title={browserMessage(b.message)} style={{ display: 'inline-block', minWidth: 220 }}>
                      {firstClause(browserMessage(b.message))}
                    </span>
                  ),
              },
              { key: 'at', label: 'Started', render: (b) => <span className="nowrap">{formatInstant(b.startedAt, zone)}</span> },
              { key: 'by', label: 'Loaded by', render: (b) => b.loadedBy ?? <span className="muted">not recorded</span> },
              {
                key: 'undo',
                label: 'Undo',
                render: (b) =>
                  b.outcome === 'undone' ? (
                    <span title={b.undoNote ?? ''}>undone</span>
                  ) : b.outcome !== 'committed' ? (
                    ''
                  ) : mayUndo(b) ? (
                    <UndoButton batch={b} />
                  ) : (
                    <span className="muted small" title="Only the user who loaded a batch, or an admin, may undo it">
                      —
                    </span>
                  ),
              },
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
 * Undo a committed batch (POST /api/ingest/batches/:id/undo) after an inline confirmation
 * that says what will go; the answer (or the refusal, e.g. a batch that replaced contacts)
 * is shown in place, and every page's data is reloaded.
 */
function UndoButton({ batch }: { batch: BatchSummary }) {
  const [phase, setPhase] = useState<'idle' | 'confirm' | 'working'>('idle');
  const [error, setError] = useState<string | null>(null);
  if (error) return <span className="state-error small">{error}</span>;
  if (phase === 'idle') {
    return (
      <button type="button" className="small" onClick={() => setPhase('confirm')}>
        Undo…
      </button>
    );
  }
  const run = async () => {
    setPhase('working');
    try {
      await sendJson('POST', `/api/ingest/batches/${encodeURIComponent(String(batch.batchId))}/undo`);
      invalidate();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <div className="undo-confirm">
      <span>Remove its {formatValue(batch.rowsAccepted, 'count')} contacts?</span>
      <span className="button-row">
        <button type="button" className="small primary" disabled={phase === 'working'} onClick={run}>
          {phase === 'working' ? 'Undoing…' : 'Confirm undo'}
        </button>
        <button type="button" className="small" disabled={phase === 'working'} onClick={() => setPhase('idle')}>
          Cancel
        </button>
      </span>
    </div>
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
      const v = batchView(r as BatchLike);
      return (
        <div style={{ marginTop: 12 }} data-testid="upload-result" data-outcome={r.outcome} data-read={String(v.read)}>
          <p className={`notice ${r.outcome === 'refused' ? 'notice-error' : r.outcome === 'committed' ? 'notice-ok' : 'notice-info'}`} role="status">
            <strong>{v.headline}:</strong> {r.fileName}
            {r.message ? ` — ${browserMessage(r.message)}` : ''}
          </p>
          {v.loaded ? (
            <div className="result-grid">
              <Figure label="Rows read" value={r.rowsRead} testId="rows-read" />
              <Figure label="Accepted" value={r.rowsAccepted} testId="rows-accepted" />
              <Figure label="Rejected" value={r.rowsRejected} testId="rows-rejected" />
              <Figure label="Already present" value={r.rowsAlreadyPresent} testId="rows-present" />
              <Figure label="Flagged (kept)" value={r.rowsFlagged} testId="rows-flagged" />
            </div>
          ) : v.read ? (
            <>
              <div className="result-grid">
                <Figure label="Rows read" value={r.rowsRead} testId="rows-read" />
                <Figure label="Passed the checks" value={r.rowsAccepted} testId="rows-accepted" />
                <Figure label="Rejected" value={r.rowsRejected} testId="rows-rejected" />
                <Figure label="Already present" value={r.rowsAlreadyPresent} testId="rows-present" />
              </div>
              <p className="small muted" data-testid="not-loaded">
                {formatValue(r.rowsRead, 'count')} read = {formatValue(r.rowsAccepted, 'count')} passed + {formatValue(r.rowsRejected, 'count')} rejected + {formatValue(r.rowsAlreadyPresent, 'count')}{' '}
                already present; none was loaded, nothing was committed.
              </p>
            </>
          ) : (
            <p className="small muted" data-testid="not-loaded">
              {r.outcome === 'duplicate_file'
                ? 'The same file was loaded before, so it was not read again: there are no counts, and nothing was committed.'
                : 'The file was not read: it was refused before its rows could be checked, so there are no counts, and nothing was committed.'}
            </p>
          )}
          {r.rejectReasons.length > 0 && (
            <DataTable
              caption={v.loaded ? 'Rejected rows by reason' : 'Bad rows by reason'}
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

/** A refused (or duplicate) upload: the reason, and the rows the refusal names. */
function RefusalDetail({ result, view }: { result: BatchResult; view: ReturnType<typeof batchView> }) {
  const rows = view.refusal?.rows ?? [];
  return (
    <div data-testid="refusal">
      <p className="small" style={{ marginBottom: 8 }}>
        <strong>Nothing from {result.fileName} was committed.</strong> {view.read ? 'Its rows were read and checked; the reason is beside the upload.' : 'The reason is beside the upload.'}
      </p>
      {rows.length > 0 ? (
        <>
          <p className="small muted" style={{ marginBottom: 8 }}>
            {view.refusal!.rowCount > rows.length ? `The first ${rows.length} of ${formatValue(view.refusal!.rowCount, 'count')} rows` : rows.length === 1 ? 'The row' : `The ${rows.length} rows`} that
            caused the refusal:
          </p>
          <DataTable
            testId="refusal-rows"
            columns={[
              { key: 'row', label: 'Row no.', numeric: true, render: (x: RefusalRowView) => x.row },
              { key: 'line', label: 'Line', numeric: true, render: (x: RefusalRowView) => (x.line === null ? '—' : x.line) },
              { key: 'rule', label: 'Rule', render: (x: RefusalRowView) => x.rule },
            ]}
            rows={rows}
            rowKey={(x) => `${x.row}-${x.rule}`}
            scroll
          />
        </>
      ) : result.outcome === 'duplicate_file' ? (
        <p className="small muted">Its contacts are already in the database from the earlier batch.</p>
      ) : result.rejectReasons.length > 0 ? (
        <p className="small muted">The bad rows by reason are listed beside the upload.</p>
      ) : (
        <p className="small muted">The refusal is about the whole file, not particular rows.</p>
      )}
    </div>
  );
}

/** The message up to its first clause (`too many bad rows: 3 of 10 (30.0%) exceed the limit of 1.00%`); the whole is in the title. */
function firstClause(message: string): string {
  const m = /^(.*?)(;|\. )/.exec(message);
  return m ? m[1]! : message;
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
