/**
 * Which reader a file gets: the declared format, else the extension, else the magic bytes;
 * and a check that the bytes agree, so an .xlsx renamed .csv, a compressed file or a
 * truncated Parquet file is refused as an unsupported type before any parser sees it.
 * Compressed files are refused rather than expanded: that also rules out decompression bombs.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { IngestRefusal } from './refusal.ts';

export type Format = 'csv' | 'parquet';

const SIGNATURES: { bytes: number[]; what: string }[] = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a ZIP archive (an .xlsx workbook?); export the sheet as CSV' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'a legacy Office document (.xls?); export the sheet as CSV' },
  { bytes: [0x1f, 0x8b], what: 'gzip-compressed data; decompress it first' },
  { bytes: [0x28, 0xb5, 0x2f, 0xfd], what: 'zstd-compressed data; decompress it first' },
  { bytes: [0x42, 0x5a, 0x68], what: 'bzip2-compressed data; decompress it first' },
  { bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], what: 'xz-compressed data; decompress it first' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document' },
];

const startsWith = (buf: Buffer, sig: number[]) => sig.every((b, i) => buf[i] === b);
const isPar1 = (b: Buffer) => b.length >= 4 && b.toString('latin1', 0, 4) === 'PAR1';

/** The file's format, or an IngestRefusal naming what the file is instead. */
export function detectFormat(path: string, declared?: Format): Format {
  const size = statSync(path).size;
  if (size === 0) throw new IngestRefusal('empty_file', 'empty file: 0 bytes');
  const fd = openSync(path, 'r');
  const head = Buffer.alloc(Math.min(size, 4096));
  const tail = Buffer.alloc(4);
  try {
    readSync(fd, head, 0, head.length, 0);
    if (size >= 8) readSync(fd, tail, 0, 4, size - 4);
  } finally {
    closeSync(fd);
  }
  const ext = extname(path).toLowerCase();
  const byExt: Format | undefined = ext === '.parquet' || ext === '.pq' ? 'parquet' : ext === '.csv' || ext === '.txt' ? 'csv' : undefined;
  const parquetMagic = isPar1(head) && size >= 12 && isPar1(tail);
  const format: Format = declared ?? byExt ?? (isPar1(head) ? 'parquet' : 'csv');
  // What said "Parquet" or "CSV": named both when the content disagrees.
  const claim = declared ? `declared ${declared === 'csv' ? 'CSV' : 'Parquet'}` : byExt ? `named ${ext} (${byExt === 'csv' ? 'CSV' : 'Parquet'})` : null;

  if (format === 'parquet') {
    if (!parquetMagic) {
      if (isPar1(head)) throw new IngestRefusal('unsupported_type', 'unsupported type: a truncated or corrupt Parquet file (no PAR1 footer)');
      throw new IngestRefusal('unsupported_type', `unsupported type: not a Parquet file (no PAR1 magic bytes); the file is ${claim ?? 'Parquet by its name'} but its content is ${contentOf(head)}`);
    }
    return format;
  }
  if (isPar1(head)) {
    throw new IngestRefusal(
      'unsupported_type',
      `unsupported type: the file is Parquet, not CSV (send it with a .parquet name, or declare the format as parquet)${claim ? `; it is ${claim} but its content is Parquet` : ''}`,
    );
  }
  for (const s of SIGNATURES) if (startsWith(head, s.bytes)) throw new IngestRefusal('unsupported_type', `unsupported type: ${s.what}`);
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    throw new IngestRefusal('invalid_encoding', 'invalid encoding: the file is UTF-16; export it as UTF-8');
  }
  // A stray NUL in a field is a row problem (rejected later); many control bytes mean binary.
  let control = 0;
  for (const b of head) if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  if (control > Math.max(2, head.length * 0.02)) throw new IngestRefusal('unsupported_type', 'unsupported type: binary data, not CSV text');
  return format;
}

/** What the first bytes look like, in words (for a refusal that names the declared type and the content). */
function contentOf(head: Buffer): string {
  for (const s of SIGNATURES) if (startsWith(head, s.bytes)) return s.what.split(';')[0]!;
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return 'UTF-16 text';
  let control = 0;
  for (const b of head) if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  return control > Math.max(2, head.length * 0.02) ? 'binary data' : 'text, as in a CSV file';
}
