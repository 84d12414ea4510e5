/**
 * What a vendor adapter is: a named, detectable source format whose records become canonical
 * contact rows (server/wfm/canonical.ts) — values, not only headers: instants in UTC ISO
 * 8601, durations in seconds, channels and outcomes mapped — plus, for each vendor record that
 * cannot become (part of) a contact, a reject with its reason. The conversion is pure: the
 * records in, the rows and rejects out; reading the file (./read.ts) and loading the rows
 * (../adapter-ingest.ts) happen around it, so every promise of the canonical ingest holds.
 */

/** A canonical column an adapter can fill (the names of server/wfm/canonical.ts). */
export type CanonicalField =
  | 'contact_id'
  | 'queue'
  | 'channel'
  | 'offered_at'
  | 'answered_at'
  | 'ended_at'
  | 'talk_s'
  | 'hold_s'
  | 'acw_s'
  | 'agent_id'
  | 'member_id'
  | 'transferred'
  | 'ivr_contained'
  | 'abandoned';

/**
 * One canonical contact. A missing or `null` field is written empty: unknown, never 0 or
 * false (a metric whose inputs a source does not carry stays null).
 */
export type ContactRow = { [K in CanonicalField]?: string | null };

/** A contact and the number of the vendor record it is reported under (1-based). */
export interface AdaptedContact {
  record: number;
  row: ContactRow;
}

export interface AdapterReject {
  /** 1-based vendor record (JSON object, CSV data row, log line) the reason is about. */
  record: number;
  reason: string;
}

export interface AdapterOutput {
  contacts: AdaptedContact[];
  rejects: AdapterReject[];
  /**
   * Records kept apart from the contacts with a reason (outbound calls, agent tasks): not
   * offers to a queue, so not in any inbound KPI, and not errors either.
   */
  excluded: AdapterReject[];
  /**
   * Records folded into another record's contact: older deliveries of the same contact,
   * transfer legs, exact repeats, events of a task.
   * records = contacts + rejects + excluded + folded.
   */
  folded: number;
}

/** How the file is cut into records before the adapter sees them. */
export type Syntax = 'json' | 'csv' | 'lines';

/** One vendor record as read: JSON value, CSV row (by trimmed header name), or text line. */
export interface VendorRecord<T = unknown> {
  /** 1-based record number (JSON value, CSV data row, non-blank line). */
  n: number;
  /** Physical line of the file where the record starts. */
  line: number;
  value: T;
}

export interface AdapterOptions {
  /** IANA zone of vendor times written without an offset (Five9): declared, else the site zone. */
  timezone: string;
}

/** The first bytes of a file, for detection. */
export interface FileSample {
  /** Up to the first 64 KiB, decoded as UTF-8 (a BOM removed). */
  text: string;
}

export interface ContactAdapter {
  /** `--format` value and the batch's recorded format. */
  name: string;
  /** The product and export it reads, for lists and messages. */
  label: string;
  target: 'contacts';
  syntax: Syntax;
  /** How sure (0 … 1) that the sample is this format: 0 = certainly not. */
  detect(sample: FileSample): number;
  /** The canonical columns this source carries (the others are left empty: unknown). */
  columns: readonly CanonicalField[];
  /**
   * JSON sources: the records inside one top-level value, when it is an envelope (a query
   * response holding a page of records), else null (the value is a record itself).
   */
  unwrap?(value: unknown): unknown[] | null;
  /** The pure conversion: records are added in file order, then `finish` gives the output. */
  start(options: AdapterOptions): Converter;
}

export interface Converter {
  add(record: VendorRecord): void;
  finish(): AdapterOutput;
  /**
   * Optional, for sources read by the million: the output of `finish`, but each contact is
   * handed to `onContact` in record order as it is built instead of being held in an array
   * (the caller writes it out and lets it go); returns the rest and the contact count.
   */
  finishEach?(onContact: (contact: AdaptedContact) => void): StreamedOutput;
}

/** What `finishEach` returns: the output of `finish` less the contacts it handed on. */
export type StreamedOutput = Omit<AdapterOutput, 'contacts'> & { contacts: number };
