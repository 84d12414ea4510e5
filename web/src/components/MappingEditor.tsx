import { useEffect, useMemo, useState } from 'react';
import { errorMessage, invalidate, sendJson } from '../api/client.ts';
import type { BatchResult, Preview } from '../api/types.ts';
import { type UploadOptions, uploadContacts } from '../api/upload.ts';
import { useApi } from '../api/useApi.ts';
import { CANONICAL_COLUMNS } from '../../../server/wfm/canonical.ts';
import { DELIMITERS, DURATION_UNITS, type MappingProfile, parseMappingProfile, VALUE_MAPPED } from '../../../server/wfm/mapping/profile.ts';
import { Field } from './Field.tsx';
import { PREVIEW_SLICE, PreviewTable } from './PreviewTable.tsx';

interface StoredProfile {
  name: string;
  profile: MappingProfile;
}

const TIME_FORMATS = ['iso', 'MM/DD/YYYY hh:mm:ss A', 'MM/DD/YYYY HH:mm:ss', 'DD/MM/YYYY HH:mm:ss', 'DD.MM.YYYY HH:mm', 'YYYY-MM-DD HH:mm:ss', 'epoch_s', 'epoch_ms'];

/** Editable form of a profile: value maps as `from=to` lines, tokens as comma lists. */
interface Draft {
  columns: Record<string, string>;
  constants: Record<string, string>;
  delimiter: keyof typeof DELIMITERS;
  timeFormat: string;
  timeZone: string;
  durationUnit: string;
  trueTokens: string;
  falseTokens: string;
  values: Record<string, string>;
}

function toProfile(d: Draft): unknown {
  const values: Record<string, Record<string, string>> = {};
  for (const [col, text] of Object.entries(d.values)) {
    const pairs = text
      .split('\n')
      .map((l) => l.split('='))
      .filter((p) => p.length === 2 && p[0]!.trim() && p[1]!.trim());
    if (pairs.length) values[col] = Object.fromEntries(pairs.map(([a, b]) => [a!.trim(), b!.trim()]));
  }
  const list = (s: string) =>
    s
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
  const clean = (r: Record<string, string>) => Object.fromEntries(Object.entries(r).filter(([, v]) => v.trim() !== ''));
  return {
    columns: clean(d.columns),
    ...(Object.keys(clean(d.constants)).length ? { constants: clean(d.constants) } : {}),
    delimiter: d.delimiter,
    timeFormat: d.timeFormat || 'iso',
    ...(d.timeZone.trim() ? { timeZone: d.timeZone.trim() } : {}),
    durationUnit: d.durationUnit || 's',
    ...(d.trueTokens || d.falseTokens ? { booleans: { true: list(d.trueTokens), false: list(d.falseTokens) } } : {}),
    ...(Object.keys(values).length ? { values } : {}),
  };
}

function fromProfile(p: MappingProfile, delimiter: keyof typeof DELIMITERS): Draft {
  return {
    columns: { ...p.columns },
    constants: { ...(p.constants ?? {}) },
    delimiter: p.delimiter ?? delimiter,
    timeFormat: p.timeFormat ?? 'iso',
    timeZone: p.timeZone ?? '',
    durationUnit: p.durationUnit ?? 's',
    trueTokens: (p.booleans?.true ?? []).join(', '),
    falseTokens: (p.booleans?.false ?? []).join(', '),
    values: Object.fromEntries(
      Object.entries(p.values ?? {}).map(([col, m]) => [
        col,
        Object.entries(m ?? {})
          .map(([a, b]) => `${a}=${b}`)
          .join('\n'),
      ]),
    ),
  };
}

/**
 * Map a contact export in a layout the product does not know: the file's first rows as
 * written, a field for each canonical column, the value rules, and a live preview of the
 * first 100 rows as the ingest will read them (accepted, or rejected with the reason). The
 * mapping can be saved as a named profile and reused; then the file is loaded with it.
 */
export function MappingEditor({
  file,
  options,
  onLoaded,
  onClose,
}: {
  file: File;
  /** The Data page's own upload options (source, refusal limit), used for the load. */
  options: UploadOptions;
  onLoaded: (r: BatchResult) => void;
  onClose: () => void;
}) {
  const [text, setText] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const profiles = useApi<{ profiles: StoredProfile[] }>('/api/ingest/profiles');

  // The file's first bytes, and a first preview with the mapping guessed from its header.
  useEffect(() => {
    let live = true;
    void file
      .slice(0, PREVIEW_SLICE)
      .text()
      .then(async (t) => {
        if (!live) return;
        setText(t);
        const first = await sendJson<Preview>('POST', '/api/ingest/preview', { text: t, partial: file.size > PREVIEW_SLICE });
        if (!live) return;
        setPreview(first);
        setDraft(fromProfile({ columns: first.suggestion }, first.delimiter ?? 'comma'));
      })
      .catch((e) => live && setProblem(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [file]);

  const profile = useMemo(() => (draft ? toProfile(draft) : null), [draft]);
  const invalid = useMemo(() => {
    if (!profile) return null;
    try {
      parseMappingProfile(profile);
      return null;
    } catch (e) {
      return errorMessage(e);
    }
  }, [profile]);

  // Live preview, a moment after the last edit; with an incomplete mapping, the file as read
  // with the chosen delimiter (for its header).
  const delimiter = draft?.delimiter;
  useEffect(() => {
    if (!profile || text === null) return;
    let live = true;
    const timer = setTimeout(() => {
      const body = invalid ? { text, partial: file.size > PREVIEW_SLICE, delimiter } : { text, partial: file.size > PREVIEW_SLICE, mapping: profile };
      sendJson<Preview>('POST', '/api/ingest/preview', body).then(
        (p) => {
          if (!live) return;
          setPreview(p);
          setProblem(null);
        },
        (e) => live && setProblem(errorMessage(e)),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [profile, text, invalid, delimiter, file.size]);

  if (!draft) return <p className="muted small">{problem ?? `Reading ${file.name}…`}</p>;
  const headers = preview?.header ?? [];
  const set = (change: (d: Draft) => void) => {
    const next = structuredClone(draft);
    change(next);
    setDraft(next);
    setNote(null);
  };

  const save = async () => {
    try {
      await sendJson('PUT', `/api/ingest/profiles/${encodeURIComponent(name.trim())}`, profile);
      invalidate('/api/ingest/profiles');
      setNote(`Saved as “${name.trim()}”.`);
    } catch (e) {
      setNote(errorMessage(e));
    }
  };
  const load = async () => {
    setLoading(true);
    try {
      const r = await uploadContacts(file, { ...options, mapping: profile as object });
      invalidate();
      onLoaded(r);
    } catch (e) {
      setNote(errorMessage(e));
    } finally {
      setLoading(false);
    }
  };

  return (
    <div className="mapping-editor" data-testid="mapping-editor">
      <div className="card-head">
        <div>
          <h3>Map the columns of {file.name}</h3>
          <p className="muted small">Pick the column that holds each field; the preview below is the real ingest reading the file’s first 100 rows.</p>
        </div>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <div className="filters">
        <Field label="Saved profile">
          <select
            aria-label="Saved profile"
            value=""
            onChange={(e) => {
              const p = profiles.data?.profiles.find((x) => x.name === e.target.value);
              if (p) {
                setDraft(fromProfile(p.profile, draft.delimiter));
                setName(p.name);
              }
            }}
          >
            <option value="">Use a saved profile…</option>
            {profiles.data?.profiles.map((p) => (
              <option key={p.name}>{p.name}</option>
            ))}
          </select>
        </Field>
        <Field label="Delimiter">
          <select value={draft.delimiter} onChange={(e) => set((d) => (d.delimiter = e.target.value as Draft['delimiter']))}>
            {Object.keys(DELIMITERS).map((k) => (
              <option key={k}>{k}</option>
            ))}
          </select>
        </Field>
        <Field label="Time format">
          <input type="text" list="time-formats" value={draft.timeFormat} onChange={(e) => set((d) => (d.timeFormat = e.target.value))} />
          <datalist id="time-formats">
            {TIME_FORMATS.map((f) => (
              <option key={f} value={f} />
            ))}
          </datalist>
        </Field>
        <Field label="Time zone of the times">
          <input type="text" value={draft.timeZone} placeholder="e.g. America/Chicago" onChange={(e) => set((d) => (d.timeZone = e.target.value))} />
        </Field>
        <Field label="Durations in">
          <select value={draft.durationUnit} onChange={(e) => set((d) => (d.durationUnit = e.target.value))}>
            {DURATION_UNITS.map((u) => (
              <option key={u} value={u}>
                {{ s: 'seconds', ms: 'milliseconds', min: 'minutes', hms: 'H:MM:SS' }[u]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Also true">
          <input type="text" value={draft.trueTokens} placeholder="e.g. Y, Ja" onChange={(e) => set((d) => (d.trueTokens = e.target.value))} />
        </Field>
        <Field label="Also false">
          <input type="text" value={draft.falseTokens} placeholder="e.g. N, Nein" onChange={(e) => set((d) => (d.falseTokens = e.target.value))} />
        </Field>
      </div>

      {preview && preview.header.length > 0 && (
        <details open>
          <summary className="small">The file as written (first rows; the member ID column hidden)</summary>
          <div className="table-wrap">
            <table className="data" data-testid="file-sample">
              <thead>
                <tr>
                  {preview.header.map((h, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: headers may repeat
                    <th key={i}>{h}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.sample.slice(0, 3).map((r, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: rows of a sample
                  <tr key={i}>
                    {r.map((v, j) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: cells of a row
                      <td key={j}>{v}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}

      <div className="mapping-grid">
        {CANONICAL_COLUMNS.map((c) => (
          <Field key={c.name} label={`${c.name}${c.required ? ' *' : ''}`}>
            <select aria-label={`Column for ${c.name}`} value={draft.columns[c.name] ?? ''} onChange={(e) => set((d) => (d.columns[c.name] = e.target.value))}>
              <option value="">— not in the file —</option>
              {headers.map((h) => (
                <option key={h} value={h}>
                  {h}
                </option>
              ))}
            </select>
            {!draft.columns[c.name] && (c.name === 'channel' || c.name === 'plan' || c.name === 'state' || c.name === 'tier') && (
              <input
                type="text"
                aria-label={`Value of ${c.name} for every row`}
                placeholder="same for every row"
                value={draft.constants[c.name] ?? ''}
                onChange={(e) => set((d) => (d.constants[c.name] = e.target.value))}
              />
            )}
          </Field>
        ))}
      </div>
      <details>
        <summary className="small">Value maps (file value = canonical value, one per line)</summary>
        <div className="mapping-grid">
          {VALUE_MAPPED.map((col) => (
            <Field key={col} label={col}>
              <textarea
                rows={3}
                aria-label={`Value map for ${col}`}
                value={draft.values[col] ?? ''}
                placeholder={col === 'channel' ? 'Phone=voice\nWeb Chat=chat' : ''}
                onChange={(e) => set((d) => (d.values[col] = e.target.value))}
              />
            </Field>
          ))}
        </div>
      </details>

      {invalid ? (
        <p className="state-error small" role="alert">
          {invalid}
        </p>
      ) : null}
      {problem ? (
        <p className="state-error small" role="alert">
          {problem}
        </p>
      ) : preview && !invalid ? (
        <PreviewTable preview={preview} />
      ) : invalid ? null : (
        <p className="muted small">Previewing…</p>
      )}

      <div className="button-row" style={{ marginTop: 'var(--space-3)' }}>
        <Field label="Profile name">
          <input type="text" value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Acme ACD" />
        </Field>
        <button type="button" disabled={!name.trim() || invalid !== null} onClick={save}>
          Save profile
        </button>
        <button type="button" className="primary" disabled={invalid !== null || loading || !preview || preview.missing.length > 0} onClick={load} data-testid="load-mapped">
          {loading ? 'Loading…' : 'Load the file with this mapping'}
        </button>
        {note && <span className="small">{note}</span>}
      </div>
    </div>
  );
}
