/**
 * The preview of a file before it is loaded (Data page, issue 9): the format it is read as
 * and how its first rows will be read — the columns found or the mapping applied, each row
 * accepted or rejected with the reason — by running the real ingest over those rows into a
 * throwaway in-memory database (./sandbox.ts), so the preview can never disagree with the
 * load. Platform exports: ./vendor.ts; interval reports: ./intervals.ts. Nothing is stored;
 * no member ID leaves.
 */
import { randomBytes } from 'node:crypto';
import { dsvFormat } from 'd3-dsv';
import { listRejects } from '../../db/queries/ingest-rejects.ts';
import { CANONICAL_COLUMNS } from '../../wfm/canonical.ts';
import { applyMapping, headerIndex, mappedColumns } from '../../wfm/mapping/apply.ts';
import { DELIMITERS, type MappingProfile, parseMappingProfile } from '../../wfm/mapping/profile.ts';
import { guessDelimiter, suggestColumns } from '../../wfm/mapping/suggest.ts';
import { chooseAdapter, type ContactAdapter, formatList } from '../adapters/index.ts';
import { ingestFile } from '../index.ts';
import { detectIntervalSample, isIntervalFormat } from '../intervals/index.ts';
import { canonicalCsv } from '../mapped.ts';
import { IngestRefusal } from '../refusal.ts';
import { previewIntervals } from './intervals.ts';
import { completeLines, inSandbox } from './sandbox.ts';
import { type Preview, type PreviewRow, previewOf } from './types.ts';
import { previewVendor } from './vendor.ts';

/** Rows a preview reads and judges. */
export const PREVIEW_ROWS = 100;
/** Bytes of the file a preview reads (the browser sends at most this much). */
export const PREVIEW_BYTES = 512 * 1024;

export type { Preview, PreviewRow } from './types.ts';

export interface PreviewOptions {
  /** A mapping profile (checked; an invalid one throws InputError naming the field): read as contact columns through it. */
  mapping?: unknown;
  /** The delimiter of contact columns read by hand (default: guessed from the header line). */
  delimiter?: keyof typeof DELIMITERS;
  /** The declared format (`--format`); default: detected from the content as the load detects it. */
  format?: string;
  /** Zone of times without an offset, when the profile names none. */
  timezone?: string;
  siteTimezone: string;
  /** The text is a slice of a larger file and may end inside a row: the last line is dropped. */
  partial?: boolean;
  now?: Date;
}

/**
 * The preview of a file's first bytes as text (`partial`: a slice that may end inside a
 * row). With a mapping or a delimiter, the text is read as contact columns by hand (the
 * mapping editor); otherwise the format is the declared one, or detected from the content
 * exactly as the load detects it: an interval report, a platform's export, or contact columns.
 */
export async function previewText(input: string, o: PreviewOptions): Promise<Preview> {
  const partial = o.partial === true || input.length > PREVIEW_BYTES;
  const text = input.slice(0, PREVIEW_BYTES).replace(/^\uFEFF/, '');
  if (o.mapping === undefined && o.delimiter === undefined) {
    const interval = isIntervalFormat(o.format) ? o.format : o.format === undefined ? detectIntervalSample(text) : null;
    if (interval) return previewIntervals(text, interval, { partial, timezone: o.timezone, siteTimezone: o.siteTimezone, rows: PREVIEW_ROWS });
    let adapter: ContactAdapter | null;
    try {
      adapter = chooseAdapter({ text: text.slice(0, 64 * 1024) }, o.format);
    } catch (e) {
      // Read as the declared format, which the content contradicts.
      if (e instanceof IngestRefusal) return previewOf({ format: formatList().find((f) => f.name === o.format) ?? null, refusal: e.message });
      throw e;
    }
    if (adapter) return previewVendor(text, adapter, { partial, timezone: o.timezone, siteTimezone: o.siteTimezone, rows: PREVIEW_ROWS, now: o.now });
  }
  return previewColumns(partial ? completeLines(text) : text, o);
}

/** Contact columns (CSV), as written or through a mapping profile. */
async function previewColumns(text: string, o: PreviewOptions): Promise<Preview> {
  const profile = o.mapping === undefined ? undefined : parseMappingProfile(o.mapping);
  const delimiter = profile?.delimiter ?? o.delimiter ?? guessDelimiter(text.slice(0, text.indexOf('\n') >>> 0));
  const parsed = dsvFormat(DELIMITERS[delimiter])
    .parseRows(text)
    .filter((r) => r.some((f) => f.trim() !== ''));
  const header = parsed[0] ?? [];
  const records = parsed.slice(1, PREVIEW_ROWS + 1);
  const suggestion = suggestColumns(header);
  // Member IDs are PHI: the sample never shows the column mapped (or guessed) as member_id.
  const memberHeader = (profile?.columns.member_id ?? suggestion.member_id ?? 'member_id').trim().toLowerCase();
  const hidden = header.findIndex((h) => h.trim().toLowerCase() === memberHeader);
  const sample = records.slice(0, 10).map((r) => r.map((v, i) => (i === hidden && v !== '' ? '(hidden)' : v)));
  const base = previewOf({ delimiter, header, sample, suggestion });

  // The mapping to apply: the profile, or the file's own canonical columns.
  const effective: MappingProfile = profile ?? { columns: Object.fromEntries(CANONICAL_COLUMNS.filter((c) => header.some((h) => h.trim().toLowerCase() === c.name)).map((c) => [c.name, c.name])) };
  const { index, missing } = headerIndex(effective, header);
  const required = CANONICAL_COLUMNS.filter((c) => c.required && effective.columns[c.name] === undefined && effective.constants?.[c.name] === undefined).map((c) => `${c.name} (required)`);
  const columns = mappedColumns(effective);
  if (missing.length || required.length) return { ...base, columns, missing: [...required, ...missing.map((m) => `no column ${m}`)] };

  const canonical = records.map((r) => applyMapping(effective, index, r));
  return inSandbox(canonicalCsv(canonical, columns), 'preview.csv', async (db, file) => {
    const result = await ingestFile(db, file, {
      format: 'csv',
      timezone: profile?.timeZone ?? o.timezone,
      siteTimezone: o.siteTimezone,
      hmacKey: randomBytes(32),
      maxRejectShare: 1,
      now: o.now,
    });
    if (result.outcome === 'refused') return { ...base, columns, missing: [], refusal: result.message ?? 'refused' };
    const rejects = new Map((await listRejects(db, result.batchId, PREVIEW_ROWS, 0)).rejects.map((r) => [r.rowNumber, r.reason]));
    const rows: PreviewRow[] = canonical.map((values, i) => {
      const reason = rejects.get(i + 1) ?? null;
      const shown = values.member_id ? { ...values, member_id: '(hidden)' } : values;
      return { row: i + 1, values: shown, outcome: reason === null ? 'accepted' : 'rejected', reason };
    });
    const rejected = rows.filter((r) => r.outcome === 'rejected').length;
    return { ...base, columns, missing: [], rows, accepted: rows.length - rejected, rejected };
  });
}
