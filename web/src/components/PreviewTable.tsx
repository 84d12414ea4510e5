import type { Preview } from '../api/types.ts';

/** The bytes of a file a preview reads: its first 256 KiB (the server takes at most 512 KiB). */
export const PREVIEW_SLICE = 256 * 1024;

/**
 * The first rows of a file as the load will read them (POST /api/ingest/preview): each row
 * accepted, or rejected with the reason, in the columns it will be stored in.
 */
export function PreviewTable({ preview }: { preview: Preview }) {
  if (preview.missing.length) return <p className="state-error small">Cannot read the rows yet: {preview.missing.join('; ')}.</p>;
  if (preview.refusal) return <p className="state-error small">The file would be refused: {preview.refusal}</p>;
  if (preview.rows.length === 0) return <p className="muted small">No complete row in the part of the file read.</p>;
  return (
    <>
      <p className="small" data-testid="preview-counts">
        First {preview.rows.length} rows: <strong>{preview.accepted} accepted</strong>, <strong>{preview.rejected} rejected</strong>.
      </p>
      <div className="table-wrap table-scroll">
        <table className="data" data-testid="preview-table">
          <thead>
            <tr>
              <th className="n">{preview.numbering === 'record' ? 'Record' : 'Row'}</th>
              <th>Read as</th>
              {preview.columns.map((c) => (
                <th key={c}>{c}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((r) => (
              <tr key={r.row}>
                <td className="n">{r.row}</td>
                <td className={r.outcome === 'rejected' ? 'cell-red' : 'cell-green'}>{r.outcome === 'rejected' ? r.reason : 'accepted'}</td>
                {preview.columns.map((c) => (
                  <td key={c}>{r.values[c] ?? ''}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
