/** What a preview answers (POST /api/ingest/preview; the Data page and the mapping editor). */
import type { DELIMITERS, MappingProfile } from '../../wfm/mapping/profile.ts';

export interface PreviewRow {
  /** 1-based data row of the file (CSV), or vendor record (an export's JSON value, row or line). */
  row: number;
  /** Column → value as the ingest will read it (member_id shown as "(hidden)"); empty for a record that made no row. */
  values: Record<string, string>;
  outcome: 'accepted' | 'rejected';
  reason: string | null;
}

export interface Preview {
  /** The format the file is read as: a platform export or interval report; null = contact columns (CSV). */
  format: { name: string; label: string } | null;
  /** What `PreviewRow.row` counts: the file's data rows, or a platform export's records. */
  numbering: 'row' | 'record';
  /** What the records became, in one sentence (platform exports and interval reports), or null. */
  summary: string | null;
  /** The delimiter read (CSV contact columns), or null. */
  delimiter: keyof typeof DELIMITERS | null;
  /** The file's header as read (CSV contact columns). */
  header: string[];
  /** The first rows as written, for mapping by eye (at most 10; the member ID column hidden). */
  sample: string[][];
  /** The columns the rows are shown in: canonical contact columns, or interval columns. */
  columns: string[];
  /** Why the rows cannot be judged yet (a required column or a mapped header missing); empty when they were. */
  missing: string[];
  /** A first guess at the mapping, from the header's names (CSV contact columns). */
  suggestion: MappingProfile['columns'];
  rows: PreviewRow[];
  accepted: number;
  rejected: number;
  /** Why the whole file would be refused (e.g. times without a zone, a mislabelled format), or null. */
  refusal: string | null;
}

/** A preview with nothing read yet, and `fields` given. */
export function previewOf(fields: Partial<Preview>): Preview {
  return {
    format: null,
    numbering: 'row',
    summary: null,
    delimiter: null,
    header: [],
    sample: [],
    columns: [],
    missing: [],
    suggestion: {},
    rows: [],
    accepted: 0,
    rejected: 0,
    refusal: null,
    ...fields,
  };
}
