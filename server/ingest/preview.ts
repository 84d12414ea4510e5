/**
 * The preview of a file before it is loaded (Data page, issue 9): how its first rows will be
 * read — the columns found or the mapping applied, each row accepted or rejected with the
 * reason — by running the real ingest over those rows into a throwaway in-memory database,
 * so the preview can never disagree with the load. Nothing is stored; no member ID leaves.
 */
import { makeTempDir } from './uploadTemp.ts';
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dsvFormat } from 'd3-dsv';
import { Database } from '../db/database.ts';
import { CANONICAL_COLUMNS } from '../wfm/canonical.ts';
import { applyMapping, headerIndex, mappedColumns } from '../wfm/mapping/apply.ts';
import { DELIMITERS, type MappingProfile, parseMappingProfile } from '../wfm/mapping/profile.ts';
import { guessDelimiter, suggestColumns } from '../wfm/mapping/suggest.ts';
import { ingestFile } from './index.ts';
import { canonicalCsv } from './mapped.ts';

/** Rows a preview reads and judges. */
export const PREVIEW_ROWS = 100;
/** Bytes of the file a preview reads (the browser sends at most this much). */
export const PREVIEW_BYTES = 512 * 1024;

export interface PreviewRow {
  /** 1-based data row of the file. */
  row: number;
  /** Canonical column → value as the ingest will read it (member_id shown as "(hidden)"). */
  values: Record<string, string>;
  outcome: 'accepted' | 'rejected';
  reason: string | null;
}

export interface Preview {
  delimiter: keyof typeof DELIMITERS;
  /** The file's header as read. */
  header: string[];
  /** The first rows as written, for mapping by eye (at most 10; the member ID column hidden). */
  sample: string[][];
  /** The canonical columns the rows are shown in. */
  columns: string[];
  /** Why the rows cannot be judged yet (a required column or a mapped header missing); empty when they were. */
  missing: string[];
  /** A first guess at the mapping, from the header's names. */
  suggestion: MappingProfile['columns'];
  rows: PreviewRow[];
  accepted: number;
  rejected: number;
  /** Why the whole file would be refused (e.g. times without a zone), or null. */
  refusal: string | null;
}

export interface PreviewOptions {
  /** A mapping profile (checked; an invalid one throws InputError naming the field). */
  mapping?: unknown;
  /** The delimiter when no profile is given (default: guessed from the header line). */
  delimiter?: keyof typeof DELIMITERS;
  /** Zone of times without an offset, when the profile names none. */
  timezone?: string;
  siteTimezone: string;
  /** The text is a slice of a larger file and may end inside a row: the last line is dropped. */
  partial?: boolean;
  now?: Date;
}

/** The preview of a file's first bytes as text (`partial`: a slice that may end inside a row). */
export async function previewText(input: string, o: PreviewOptions): Promise<Preview> {
  let text = input.slice(0, PREVIEW_BYTES).replace(/^\uFEFF/, '');
  if ((o.partial || input.length > PREVIEW_BYTES) && !text.endsWith('\n')) text = text.slice(0, text.lastIndexOf('\n') + 1);
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
  const base = { delimiter, header, sample, suggestion, rows: [], accepted: 0, rejected: 0, refusal: null };

  // The mapping to apply: the profile, or the file's own canonical columns.
  const effective: MappingProfile = profile ?? { columns: Object.fromEntries(CANONICAL_COLUMNS.filter((c) => header.some((h) => h.trim().toLowerCase() === c.name)).map((c) => [c.name, c.name])) };
  const { index, missing } = headerIndex(effective, header);
  const required = CANONICAL_COLUMNS.filter((c) => c.required && effective.columns[c.name] === undefined && effective.constants?.[c.name] === undefined).map((c) => `${c.name} (required)`);
  const columns = mappedColumns(effective);
  if (missing.length || required.length) return { ...base, columns, missing: [...required, ...missing.map((m) => `no column ${m}`)] };

  const canonical = records.map((r) => applyMapping(effective, index, r));
  const dir = makeTempDir('ingest');
  const db = await Database.open(':memory:');
  try {
    const file = join(dir, 'preview.csv');
    writeFileSync(file, canonicalCsv(canonical, columns));
    const result = await ingestFile(db, file, {
      format: 'csv',
      timezone: profile?.timeZone ?? o.timezone,
      siteTimezone: o.siteTimezone,
      hmacKey: randomBytes(32),
      maxRejectShare: 1,
      now: o.now,
    });
    if (result.outcome === 'refused') return { ...base, columns, missing: [], refusal: result.message ?? 'refused' };
    const rejects = new Map((await db.query<{ row: number; reason: string }>('SELECT row_number AS row, reason FROM ingest_rejects ORDER BY row_number')).map((r) => [r.row, r.reason]));
    const rows: PreviewRow[] = canonical.map((values, i) => {
      const reason = rejects.get(i + 1) ?? null;
      const shown = values.member_id ? { ...values, member_id: '(hidden)' } : values;
      return { row: i + 1, values: shown, outcome: reason === null ? 'accepted' : 'rejected', reason };
    });
    const rejected = rows.filter((r) => r.outcome === 'rejected').length;
    return { ...base, columns, missing: [], rows, accepted: rows.length - rejected, rejected };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
