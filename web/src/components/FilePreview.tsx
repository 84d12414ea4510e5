import { useEffect, useState } from 'react';
import { errorMessage, sendJson } from '../api/client.ts';
import type { Preview } from '../api/types.ts';
import { formatValue } from '../lib/format.ts';
import { PREVIEW_SLICE, PreviewTable } from './PreviewTable.tsx';

/** A Parquet file: by its name or its first bytes ("PAR1"); its columns are checked on load. */
async function isParquet(file: File): Promise<boolean> {
  if (/\.parquet$/i.test(file.name)) return true;
  return (await file.slice(0, 4).text()) === 'PAR1';
}

/**
 * A chosen file before it is loaded: the format it will be read as (declared, or detected
 * from its content as the load detects it) and its first rows as the load will read them,
 * each accepted or rejected with the reason — the server runs the real ingest on the file's
 * first 256 KiB in a throwaway database. `onPreview` hands the answer to the page (for its
 * buttons). The declared format and time zone re-run it.
 */
export function FilePreview({ file, format, timezone, onPreview }: { file: File; format: string; timezone: string; onPreview: (p: Preview | null) => void }) {
  const [preview, setPreview] = useState<Preview | null>(null);
  const [parquet, setParquet] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setPreview(null);
    setProblem(null);
    onPreview(null);
    // A moment after the last keystroke in the time zone field.
    const timer = setTimeout(async () => {
      try {
        const binary = format === 'parquet' || (format === '' && (await isParquet(file)));
        if (live) setParquet(binary);
        if (binary) return;
        const text = await file.slice(0, PREVIEW_SLICE).text();
        const p = await sendJson<Preview>('POST', '/api/ingest/preview', {
          text,
          partial: file.size > PREVIEW_SLICE,
          ...(format ? { format } : {}),
          ...(timezone.trim() ? { timezone: timezone.trim() } : {}),
        });
        if (!live) return;
        setPreview(p);
        onPreview(p);
      } catch (e) {
        if (live) setProblem(errorMessage(e));
      }
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [file, format, timezone, onPreview]);

  return (
    <div className="file-preview" data-testid="file-preview" aria-live="polite">
      <div className="card-head">
        <div>
          <h2 id="preview-h">Before loading {file.name}</h2>
          <p>What the load will make of the file: the format it is read as, and its first rows as they will be stored.</p>
        </div>
      </div>
      {problem ? (
        <p className="state-error small" role="alert">
          Cannot preview the file: {problem}
        </p>
      ) : parquet ? (
        <p className="small" data-testid="preview-format">
          Read as: <strong>canonical contact columns, Parquet</strong>. A Parquet file is not previewed: its columns and rows are checked when it is loaded.
        </p>
      ) : !preview ? (
        <p className="muted small">Reading the first rows…</p>
      ) : (
        <>
          <p className="small" data-testid="preview-format">
            Read as: <strong>{preview.format ? `${preview.format.label}` : 'contact columns (CSV)'}</strong>
            {preview.format ? '' : preview.delimiter && preview.delimiter !== 'comma' ? `, ${preview.delimiter}-separated` : ''}.{' '}
            {preview.summary ? <span data-testid="preview-summary">In the part read: {preview.summary}</span> : null}
          </p>
          {file.size > PREVIEW_SLICE ? (
            <p className="muted small">
              The preview reads the first {formatValue(PREVIEW_SLICE / 1024, 'count')} KiB of {formatValue(Math.ceil(file.size / 1024), 'count')} KiB. Records that continue beyond it (a transfer leg,
              a later delivery) are judged on the whole file when it is loaded.
            </p>
          ) : null}
          <PreviewTable preview={preview} />
        </>
      )}
    </div>
  );
}
