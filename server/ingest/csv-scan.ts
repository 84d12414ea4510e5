/**
 * A byte-level pass over a CSV file before the engine reads it.
 *
 * DuckDB 1.5.6 returns 0 rows without an error for some malformed files and cannot say
 * which record had the wrong number of fields without quoting the line (PHI), so we walk the
 * file once ourselves: sha256, UTF-8 validity, BOM, the header, record terminators (LF, CRLF,
 * lone CR, and whether they are mixed), fields per record, unterminated or stray quotes and
 * over-long records. The quoting rules are RFC 4180 as DuckDB's strict mode reads them: a
 * quote opens a quoted field only at the start of a field, `""` inside is a quote, and a
 * closing quote must be followed by a delimiter or the end of the record.
 *
 * The same state machine, given a sink, writes a repaired copy for the engine: every record
 * terminated by LF, records with the wrong number of fields left out, and the original data
 * row number appended as a last column so rejects keep their row numbers.
 */
import { isUtf8 } from 'node:buffer';
import { createHash, type Hash } from 'node:crypto';
import { IngestRefusal } from './refusal.ts';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

export interface BadRow {
  /** 1-based data row (the header is row 0). */
  row: number;
  /** 1-based physical line where the row starts. */
  line: number;
  problem: 'too few fields' | 'too many fields';
}

export interface CsvScanResult {
  bytes: number;
  sha256: string;
  bom: boolean;
  header: string[];
  /** Data rows (records after the header; blank lines are not rows, as in DuckDB). */
  rows: number;
  /** Record terminators outside quoted fields. */
  lineEndings: { lf: number; crlf: number; cr: number };
  /** Line breaks inside quoted fields. */
  quotedNewlines: number;
  badRows: BadRow[];
  /** Where each data row starts: see `lineOfRow`. */
  lines: LineMap;
}

/**
 * The physical line where each data row starts, kept sparse: `line = row + delta`, where
 * delta changes only after a quoted line break or a blank line (`rows[k]` is the first row
 * with `deltas[k]`). At most MAX_LINE_BREAKS changes are kept; rows after the last kept
 * change whose delta is unknown (`knownBefore`) have no line.
 */
export interface LineMap {
  rows: number[];
  deltas: number[];
  /** Rows below this have a known line (Infinity when every change was kept). */
  knownBefore: number;
}

const MAX_LINE_BREAKS = 100_000;

/** The 1-based physical line where data row `row` starts, or null when not kept. */
export function lineOfRow(map: LineMap, row: number): number | null {
  if (row >= map.knownBefore || map.rows.length === 0 || row < map.rows[0]!) return null;
  let lo = 0;
  let hi = map.rows.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (map.rows[mid]! <= row) lo = mid;
    else hi = mid - 1;
  }
  return row + map.deltas[lo]!;
}

export interface CsvScanOptions {
  delimiter?: string;
  /** A record longer than this refuses the file (default 1 MiB). */
  maxRecordBytes?: number;
  /** Repair mode: receives the repaired copy (see the module comment). */
  sink?: (chunk: Buffer) => void;
  /** Repair mode: rows to leave out (from a first scan). */
  skipRows?: ReadonlySet<number>;
  /** false: no sha256 here (the caller hashes elsewhere, e.g. on a worker); `sha256` is ''. */
  hash?: boolean;
}

const enum S {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted,
}

export class CsvScanner {
  private readonly delim: number;
  private readonly maxRecordBytes: number;
  private readonly hash: Hash | null;
  private readonly sink?: (chunk: Buffer) => void;
  private readonly skipRows?: ReadonlySet<number>;

  private bytes = 0;
  private first = true;
  private head: Buffer = Buffer.alloc(0);
  private bom = false;
  private utf8Carry: Buffer = Buffer.alloc(0);

  private state: S = S.FieldStart;
  private pendingCR = false;
  private fields = 0; // delimiters seen in the current record
  private recordStartAbs = 0; // absolute offset where the current record starts
  private recordStartLine = 1;
  private line = 1;
  private record = -1; // index of the last completed record (0 = header)
  private headerFields = 0;
  private headerParts: Buffer[] = [];
  private header: string[] = [];
  private lf = 0;
  private crlf = 0;
  private cr = 0;
  private quotedNewlines = 0;
  private quotedCR = false;
  private readonly badRows: BadRow[] = [];
  private readonly lineMap: LineMap = { rows: [], deltas: [], knownBefore: Infinity };
  private lineDelta = Number.NaN;

  // repair mode
  private recordParts: Buffer[] = [];
  private out: Buffer[] = [];
  private outBytes = 0;

  constructor(options: CsvScanOptions = {}) {
    const d = options.delimiter ?? ',';
    if (Buffer.byteLength(d) !== 1) throw new Error('invalid delimiter: must be one byte');
    this.delim = d.charCodeAt(0);
    this.maxRecordBytes = options.maxRecordBytes ?? 1 << 20;
    this.sink = options.sink;
    this.skipRows = options.skipRows;
    this.hash = options.hash === false ? null : createHash('sha256');
  }

  push(input: Buffer): void {
    this.hash?.update(input);
    let chunk = input;
    if (this.first) {
      // The BOM test needs the first three bytes, which may arrive in several chunks.
      this.head = this.head.length ? Buffer.concat([this.head, chunk]) : chunk;
      if (this.head.length < 3) return;
      chunk = this.head;
      this.head = Buffer.alloc(0);
      this.first = false;
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) {
        this.bom = true;
        chunk = chunk.subarray(3);
        this.bytes += 3;
        this.recordStartAbs = 3;
      }
    }
    this.consume(chunk);
  }

  private consume(chunk: Buffer): void {
    this.checkUtf8(chunk);
    this.scan(chunk);
    this.bytes += chunk.length;
  }

  end(): CsvScanResult {
    if (this.first) {
      this.first = false;
      if (this.head.length) this.consume(this.head);
    }
    if (this.utf8Carry.length) this.refuseEncoding();
    if (this.state === S.Quoted) {
      throw new IngestRefusal('unterminated_quote', `unterminated quote: the quoted field of the row starting at line ${this.recordStartLine} never closes`, [
        { row: this.record + 1, line: this.recordStartLine, rule: 'unterminated quote' },
      ]);
    }
    // A last record without a terminator.
    const len = this.bytes - this.recordStartAbs;
    if (len > 0 || this.fields > 0) this.endRecord(this.bytes, null, 0);
    this.flush(true);
    if (this.record < 0) this.header = [];
    else if (this.record === 0 || this.headerParts.length) this.header = parseHeader(Buffer.concat(this.headerParts), this.delim);
    return {
      bytes: this.bytes,
      sha256: this.hash ? this.hash.digest('hex') : '',
      bom: this.bom,
      header: this.header,
      rows: Math.max(0, this.record),
      lineEndings: { lf: this.lf, crlf: this.crlf, cr: this.cr },
      quotedNewlines: this.quotedNewlines,
      badRows: this.badRows,
      lines: this.lineMap,
    };
  }

  private scan(chunk: Buffer): void {
    const delim = this.delim;
    const n = chunk.length;
    const base = this.bytes; // absolute offset of chunk[0]
    let state = this.state;
    let i = 0;
    let segStart = 0; // where the current record's bytes start within this chunk
    if (this.pendingCR && n > 0) {
      this.pendingCR = false;
      if (chunk[0] === LF) {
        this.crlf++;
        i = 1;
        this.recordStartAbs = base + 1;
      } else {
        this.cr++;
      }
      segStart = i;
    }
    // Hot loop: locals only; `fields` is written back before a record ends.
    let fields = this.fields;
    for (; i < n; i++) {
      const c = chunk[i]!;
      if (state === S.Unquoted) {
        if (c === delim) {
          fields++;
          state = S.FieldStart;
        } else if (c === LF || c === CR) {
          this.state = state;
          this.fields = fields;
          i = this.terminator(chunk, i, base, c, segStart);
          fields = 0;
          segStart = i + 1;
          state = S.FieldStart;
        }
      } else if (state === S.FieldStart) {
        if (c === delim) fields++;
        else if (c === QUOTE) state = S.Quoted;
        else if (c === LF || c === CR) {
          this.state = state;
          this.fields = fields;
          i = this.terminator(chunk, i, base, c, segStart);
          fields = 0;
          segStart = i + 1;
        } else state = S.Unquoted;
      } else if (state === S.Quoted) {
        // Line breaks inside a quoted field: CR, LF and CRLF each count as one line (the LF
        // of a CRLF is not counted again, even when a chunk boundary falls between them).
        if (c === QUOTE) {
          state = S.QuoteInQuoted;
          this.quotedCR = false;
        } else if (c === LF) {
          if (!this.quotedCR) {
            this.line++;
            this.quotedNewlines++;
          }
          this.quotedCR = false;
        } else if (c === CR) {
          this.line++;
          this.quotedNewlines++;
          this.quotedCR = true;
        } else this.quotedCR = false;
      } else {
        // QuoteInQuoted
        if (c === QUOTE) state = S.Quoted;
        else if (c === delim) {
          fields++;
          state = S.FieldStart;
        } else if (c === LF || c === CR) {
          this.state = state;
          this.fields = fields;
          i = this.terminator(chunk, i, base, c, segStart);
          fields = 0;
          segStart = i + 1;
          state = S.FieldStart;
        } else {
          throw new IngestRefusal('malformed_csv', `malformed CSV: a closing quote is followed by other characters on line ${this.line} (row ${this.record + 1})`, [
            { row: this.record + 1, line: this.line, rule: 'a closing quote is followed by other characters' },
          ]);
        }
      }
    }
    this.fields = fields;
    // A record still open at the end of the chunk must not already be too long.
    this.checkLength(base + n);
    this.state = state;
    // Bytes of a record that continues in the next chunk.
    if ((this.sink || this.record < 0) && segStart < n) {
      this.recordParts.push(Buffer.from(chunk.subarray(segStart, n)));
    }
    this.flush(false);
  }

  /**
   * A record terminator at chunk[i] (outside quotes). Returns the index of the terminator's
   * last byte (i, or i + 1 for CRLF within the chunk).
   */
  private terminator(chunk: Buffer, i: number, base: number, c: number, segStart: number): number {
    let last = i;
    if (c === LF) this.lf++;
    else if (i + 1 < chunk.length) {
      if (chunk[i + 1] === LF) {
        this.crlf++;
        last = i + 1;
      } else this.cr++;
    } else {
      this.pendingCR = true; // decided by the next chunk's first byte
    }
    this.checkLength(base + i);
    this.endRecord(base + i, chunk, segStart, i);
    this.line++;
    this.recordStartAbs = base + last + 1;
    this.recordStartLine = this.line;
    return last;
  }

  /** Refuses when the record that started at recordStartAbs is already longer than the limit. */
  private checkLength(endAbs: number): void {
    if (endAbs - this.recordStartAbs > this.maxRecordBytes) {
      throw new IngestRefusal('malformed_csv', `malformed CSV: the row starting at line ${this.recordStartLine} is longer than ${this.maxRecordBytes} bytes`, [
        { row: this.record + 1, line: this.recordStartLine, rule: `longer than ${this.maxRecordBytes} bytes` },
      ]);
    }
  }

  /** Ends the record whose content stops at absolute offset `endAbs` (exclusive). */
  private endRecord(endAbs: number, chunk: Buffer | null, segStart: number, segEnd = 0): void {
    const len = endAbs - this.recordStartAbs;
    const wantBytes = this.sink !== undefined || this.record < 0;
    if (len === 0 && this.fields === 0) {
      // A blank line: DuckDB skips it, and so do we.
      this.recordParts = [];
      return;
    }
    if (wantBytes && chunk) this.recordParts.push(chunk.subarray(segStart, segEnd));
    this.record++;
    const row = this.record;
    if (row > 0 && this.recordStartLine - row !== this.lineDelta) this.noteLineDelta(row);
    const fieldCount = this.fields + 1;
    this.fields = 0;
    if (row === 0) {
      this.headerFields = fieldCount;
      this.headerParts = this.recordParts.map((b) => Buffer.from(b));
      if (this.sink) this.emit([...this.recordParts, Buffer.from(',__rn\n')]);
    } else {
      if (fieldCount !== this.headerFields) {
        this.badRows.push({
          row,
          line: this.recordStartLine,
          problem: fieldCount < this.headerFields ? 'too few fields' : 'too many fields',
        });
      }
      if (this.sink && !this.skipRows?.has(row) && fieldCount === this.headerFields) {
        this.emit([...this.recordParts, Buffer.from(`,${row}\n`)]);
      }
    }
    this.recordParts = [];
  }

  /** Records that rows from `row` on start at line `row + delta` (see LineMap). */
  private noteLineDelta(row: number): void {
    this.lineDelta = this.recordStartLine - row;
    const m = this.lineMap;
    if (m.knownBefore !== Infinity) return;
    if (m.rows.length >= MAX_LINE_BREAKS) {
      m.knownBefore = row;
      return;
    }
    m.rows.push(row);
    m.deltas.push(this.lineDelta);
  }

  private emit(parts: Buffer[]): void {
    for (const p of parts) {
      this.out.push(Buffer.from(p));
      this.outBytes += p.length;
    }
  }

  private flush(force: boolean): void {
    if (!this.sink || this.out.length === 0) return;
    if (force || this.outBytes > 1 << 20) {
      this.sink(Buffer.concat(this.out));
      this.out = [];
      this.outBytes = 0;
    }
  }

  /** Validates UTF-8, carrying an incomplete trailing sequence into the next chunk. */
  private checkUtf8(chunk: Buffer): void {
    const buf = this.utf8Carry.length ? Buffer.concat([this.utf8Carry, chunk]) : chunk;
    // Hold back a trailing incomplete multi-byte sequence (at most 3 bytes).
    let cut = buf.length;
    for (let k = buf.length - 1; k >= Math.max(0, buf.length - 3); k--) {
      const b = buf[k]!;
      if ((b & 0xc0) === 0x80) continue; // continuation byte
      if (b >= 0xc0) {
        const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
        if (buf.length - k < need) cut = k;
      }
      break;
    }
    const whole = buf.subarray(0, cut);
    this.utf8Carry = Buffer.from(buf.subarray(cut));
    if (!isUtf8(whole)) {
      // Find the line for the message: count line feeds before the first bad byte.
      const bad = firstInvalidUtf8(whole);
      const before = whole.subarray(0, bad);
      let lines = 0;
      for (let k = 0; k < before.length; k++) if (before[k] === LF) lines++;
      this.refuseEncoding(this.line + lines);
    }
  }

  private refuseEncoding(line?: number): never {
    throw new IngestRefusal('invalid_encoding', `invalid encoding: the file is not valid UTF-8${line ? ` (near line ${line})` : ''}; export it as UTF-8`);
  }
}

/** Offset of the first byte that does not start a valid UTF-8 sequence. */
function firstInvalidUtf8(b: Buffer): number {
  let lo = 0;
  let hi = b.length;
  // Binary search on the longest valid prefix (isUtf8 of a prefix cut mid-sequence fails,
  // so step back to a character boundary before testing).
  while (hi - lo > 4) {
    let mid = (lo + hi) >> 1;
    while (mid > lo && (b[mid]! & 0xc0) === 0x80) mid--;
    if (isUtf8(b.subarray(0, mid))) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** Splits a header record into names (RFC 4180 quoting). */
export function parseHeader(record: Buffer, delim: number): string[] {
  const text = record.toString('utf8');
  const d = String.fromCharCode(delim);
  const out: string[] = [];
  let i = 0;
  for (;;) {
    let value = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) {
          value += text.slice(i);
          i = text.length;
          break;
        }
        value += text.slice(i, q);
        if (text[q + 1] === '"') {
          value += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      const next = text.indexOf(d, i);
      i = next < 0 ? text.length + 1 : next + 1;
    } else {
      const next = text.indexOf(d, i);
      value = next < 0 ? text.slice(i) : text.slice(i, next);
      i = next < 0 ? text.length + 1 : next + 1;
    }
    out.push(value);
    if (i > text.length) break;
  }
  return out;
}
