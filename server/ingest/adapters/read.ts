/**
 * Cutting a vendor file into records, streamed (a 1 M-record export never sits in memory as
 * one string): JSON values (JSON lines, a JSON array, or objects written one after another
 * as Kinesis Firehose does), CSV rows keyed by their trimmed header names, or non-blank text
 * lines. The bytes must be UTF-8 (checked, not replaced). A record whose text is not valid
 * JSON is handed on as an `InvalidJson` value for the adapter to reject; only text that
 * cannot be cut into records at all refuses the file.
 */
import { isAscii } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { IngestRefusal } from '../refusal.ts';
import type { Syntax, VendorRecord } from './types.ts';

/** The value of a JSON record that did not parse. */
export class InvalidJson {
  readonly invalidJson = true;
}

export interface ReadOptions {
  syntax: Syntax;
  unwrap?: (value: unknown) => unknown[] | null;
}

/** Reads `path` and calls `onRecord` for each record in order; returns the record count. */
export async function readRecords(path: string, o: ReadOptions, onRecord: (r: VendorRecord) => void): Promise<number> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const cutter = o.syntax === 'json' ? new JsonCutter(onRecord, o.unwrap) : o.syntax === 'csv' ? new CsvCutter(onRecord) : new LineCutter(onRecord);
  let line = 1;
  let first = true;
  let held = false; // the decoder holds the first bytes of a character cut at a chunk's end
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    let text: string;
    // An ASCII chunk is its own text (the decoder's check and copy cost a tenth of the
    // adapter's time), unless it must complete a character the chunk before began.
    if (!held && isAscii(chunk as Buffer)) text = (chunk as Buffer).toString('latin1');
    else {
      try {
        text = decoder.decode(chunk as Buffer, { stream: true });
      } catch {
        throw new IngestRefusal('invalid_encoding', `invalid encoding: the file is not UTF-8 (near line ${line})`);
      }
      held = endsInsideCharacter(chunk as Buffer);
    }
    if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    first = false;
    cutter.push(text);
    line = cutter.line;
  }
  try {
    cutter.push(decoder.decode());
  } catch {
    throw new IngestRefusal('invalid_encoding', 'invalid encoding: the file ends inside a UTF-8 character');
  }
  cutter.end();
  return cutter.count;
}

/**
 * Whether `b` ends inside a UTF-8 character (its lead byte is in the last three bytes and
 * needs more bytes than follow it); true when unsure, which only keeps the decoder on.
 */
export function endsInsideCharacter(b: Uint8Array): boolean {
  for (let k = 1; k <= Math.min(3, b.length); k++) {
    const c = b[b.length - k]!;
    if (c < 0x80) return false;
    if (c >= 0xc0) return k < (c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2);
  }
  return true;
}

interface Cutter {
  line: number;
  count: number;
  push(text: string): void;
  end(): void;
}

const WS = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/**
 * Top-level JSON values, by tracking strings and bracket depth (no full parse until a
 * record is complete). Inside a top-level array, its elements are the records.
 *
 * The fast path, for JSON lines: a whole line of the chunk that starts outside any record
 * and holds one object (`{` … `}` between whitespace) that parses is that record, found
 * with one `indexOf` of the line break instead of a walk over its characters. It gives what
 * the walk would: a valid object's outer braces match, and the rest of the line is
 * whitespace. Any other line (inside an array, several objects on one line, a record over
 * several lines or chunks, text that does not parse) is walked as before. Exported for its
 * tests, which hold the two paths to the same records.
 */
export class JsonCutter implements Cutter {
  line = 1;
  count = 0;
  private depth = 0; // depth inside the current record
  private inArray = false; // inside a top-level array
  private inString = false;
  private escape = false;
  private parts: string[] = [];
  private startLine = 1;
  private from = -1; // start of the current record's text in the chunk being cut
  private lineStart = true; // the next character begins a line, outside any record
  constructor(
    private readonly onRecord: (r: VendorRecord) => void,
    private readonly unwrap?: (value: unknown) => unknown[] | null,
  ) {}

  push(text: string): void {
    this.from = this.depth > 0 ? 0 : -1;
    const n = text.length;
    let i = 0;
    while (i < n) {
      const nl = text.indexOf('\n', i);
      if (nl < 0) {
        i = this.walk(text, i, n);
        break;
      }
      if (this.lineStart && this.depth === 0 && !this.inArray && this.wholeLine(text, i, nl)) {
        this.line++;
        i = nl + 1;
        continue;
      }
      i = this.walk(text, i, nl + 1);
      this.lineStart = this.depth === 0 && !this.inString && text.charCodeAt(i - 1) === 0x0a;
    }
    this.lineStart = n === 0 ? this.lineStart : this.depth === 0 && !this.inString && text.charCodeAt(n - 1) === 0x0a;
    if (this.depth > 0 && this.from >= 0) this.parts.push(text.slice(this.from));
  }

  /** The line `text[start, nl)` as one record when it is a lone object that parses; false to walk it. */
  private wholeLine(text: string, start: number, nl: number): boolean {
    let s = start;
    while (s < nl && WS(text.charCodeAt(s))) s++;
    if (s === nl) return true; // blank
    if (text.charCodeAt(s) !== 0x7b) return false;
    let e = nl - 1;
    while (e > s && WS(text.charCodeAt(e))) e--;
    if (text.charCodeAt(e) !== 0x7d) return false;
    let value: unknown;
    try {
      value = JSON.parse(text.slice(s, e + 1));
    } catch {
      return false; // the walk cuts it (perhaps into several records) and rejects what does not parse
    }
    this.startLine = this.line;
    this.deliver(value);
    return true;
  }

  /** The character walk over `text[i, end)`; returns where it stopped (past `end` when a string runs on). */
  private walk(text: string, i: number, end: number): number {
    for (; i < end; i++) {
      if (this.inString) {
        // Jump to the closing quote (most of a record is string text): a quote preceded by
        // an odd number of backslashes is escaped. A raw line break inside a string is
        // invalid JSON anyway (the record is rejected), so lines are not counted here.
        if (this.escape) {
          this.escape = false;
          continue;
        }
        const q = text.indexOf('"', i);
        if (q < 0) {
          let k = text.length - 1;
          while (k >= i && text.charCodeAt(k) === 0x5c) k--;
          this.escape = (text.length - 1 - k) % 2 === 1;
          return text.length;
        }
        let k = q - 1;
        while (k >= i && text.charCodeAt(k) === 0x5c) k--;
        if ((q - 1 - k) % 2 === 1) {
          i = q; // escaped: keep looking after it
          continue;
        }
        this.inString = false;
        i = q;
        continue;
      }
      const c = text.charCodeAt(i);
      if (c === 0x0a) this.line++;
      if (this.depth > 0) {
        if (c === 0x22) this.inString = true;
        else if (c === 0x7b || c === 0x5b) this.depth++;
        else if (c === 0x7d || c === 0x5d) {
          this.depth--;
          if (this.depth === 0) {
            this.parts.push(text.slice(this.from, i + 1));
            this.emit();
            this.from = -1;
          }
        }
        continue;
      }
      if (WS(c)) continue;
      if (c === 0x7b || (c === 0x5b && this.inArray)) {
        this.depth = 1;
        this.from = i;
        this.startLine = this.line;
      } else if (c === 0x5b) this.inArray = true;
      else if (c === 0x5d && this.inArray) this.inArray = false;
      else if (c === 0x2c && this.inArray) continue;
      else {
        throw new IngestRefusal('unsupported_type', `unsupported type: not JSON records (an unexpected character on line ${this.line} outside any object)`);
      }
    }
    return i;
  }

  private emit(): void {
    const text = this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
    this.parts = [];
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      value = new InvalidJson();
    }
    this.deliver(value);
  }

  private deliver(value: unknown): void {
    const inner = this.unwrap && !(value instanceof InvalidJson) ? this.unwrap(value) : null;
    if (inner) for (const v of inner) this.onRecord({ n: ++this.count, line: this.startLine, value: v });
    else this.onRecord({ n: ++this.count, line: this.startLine, value });
  }

  end(): void {
    if (this.depth > 0) {
      // A truncated last record: the adapter rejects it like any other invalid JSON.
      this.parts = [];
      this.onRecord({ n: ++this.count, line: this.startLine, value: new InvalidJson() });
      this.depth = 0;
    }
  }
}

/** RFC 4180 CSV rows, as objects keyed by the trimmed header names; blank rows skipped. */
class CsvCutter implements Cutter {
  line = 1;
  count = 0;
  private header: string[] | null = null;
  private fields: string[] = [];
  private field = '';
  private quoted = false; // inside quotes
  private afterQuote = false;
  private startLine = 1;
  private pendingCr = false;
  constructor(private readonly onRecord: (r: VendorRecord) => void) {}

  push(text: string): void {
    let i = 0;
    const n = text.length;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (this.quoted) {
        const q = text.indexOf('"', i);
        if (q < 0) {
          this.countLines(text, i, n);
          this.field += text.slice(i);
          return;
        }
        this.countLines(text, i, q);
        this.field += text.slice(i, q);
        if (q + 1 < n) {
          if (text.charCodeAt(q + 1) === 0x22) {
            this.field += '"';
            i = q + 2;
          } else {
            this.quoted = false;
            this.afterQuote = true;
            i = q + 1;
          }
        } else {
          // A quote at the chunk's end: doubled or closing, decided by the next chunk.
          this.quoted = false;
          this.afterQuote = true;
          this.pendingQuote = true;
          return;
        }
        continue;
      }
      if (this.pendingQuote) {
        this.pendingQuote = false;
        if (c === 0x22) {
          this.field += '"';
          this.quoted = true;
          this.afterQuote = false;
          i++;
          continue;
        }
      }
      if (c === 0x2c) {
        this.fields.push(this.field);
        this.field = '';
        this.afterQuote = false;
      } else if (c === 0x0a || c === 0x0d) {
        if (c === 0x0a && this.pendingCr) {
          this.pendingCr = false;
          i++;
          continue;
        }
        this.pendingCr = c === 0x0d;
        this.endRow();
        this.line++;
        this.startLine = this.line;
      } else if (c === 0x22 && this.field === '' && !this.afterQuote) {
        this.quoted = true;
      } else if (this.afterQuote) {
        throw new IngestRefusal('malformed_csv', `malformed CSV: a closing quote is followed by other characters on line ${this.line}`);
      } else {
        // A run of plain characters at once (a quote inside an unquoted field is kept).
        let j = i + 1;
        while (j < n) {
          const d = text.charCodeAt(j);
          if (d === 0x2c || d === 0x0a || d === 0x0d) break;
          j++;
        }
        this.field += text.slice(i, j);
        this.pendingCr = false;
        i = j;
        continue;
      }
      if (c !== 0x0d) this.pendingCr = false;
      i++;
    }
  }
  private pendingQuote = false;

  private countLines(text: string, from: number, to: number): void {
    for (let j = from; j < to; j++) if (text.charCodeAt(j) === 0x0a) this.line++;
  }

  private endRow(): void {
    this.fields.push(this.field);
    const fields = this.fields;
    this.fields = [];
    this.field = '';
    this.afterQuote = false;
    if (fields.every((f) => f === '')) return;
    if (this.header === null) {
      this.header = fields.map((h) => h.trim());
      return;
    }
    const value: Record<string, string> = {};
    for (let k = 0; k < this.header.length; k++) value[this.header[k]!] = fields[k] ?? '';
    if (fields.length !== this.header.length) value.__fieldCount = String(fields.length);
    this.onRecord({ n: ++this.count, line: this.startLine, value });
  }

  /** The header names (after the file is read). */
  get headerNames(): string[] {
    return this.header ?? [];
  }

  end(): void {
    if (this.quoted) throw new IngestRefusal('unterminated_quote', `unterminated quote: the field opened on line ${this.startLine} is never closed`);
    if (this.field !== '' || this.fields.length) this.endRow();
  }
}

/** Non-blank lines (LF or CRLF), without their terminator. */
class LineCutter implements Cutter {
  line = 1;
  count = 0;
  private rest = '';
  constructor(private readonly onRecord: (r: VendorRecord) => void) {}
  push(text: string): void {
    const all = this.rest + text;
    let from = 0;
    for (let nl = all.indexOf('\n'); nl >= 0; nl = all.indexOf('\n', from)) {
      this.take(all.slice(from, nl));
      from = nl + 1;
    }
    this.rest = all.slice(from);
  }
  private take(raw: string): void {
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (text.trim() !== '') this.onRecord({ n: ++this.count, line: this.line, value: text });
    this.line++;
  }
  end(): void {
    if (this.rest !== '') this.take(this.rest);
    this.rest = '';
  }
}
