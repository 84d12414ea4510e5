/**
 * Writing a generated vendor file of `n` records, for the adapter benchmarks: a seeded
 * generator hands records to `emit` (each a record's text, a line or a CSV row) until `n` are
 * written; the text goes to disk in batches of about 1 MiB. Shared by ./*.ts.
 */
import { closeSync, openSync, writeSync } from 'node:fs';

export type Emit = (text: string) => void;

/** Writes `head` (if any), then records from `next` until `n` are written (`next` may emit several; extras past `n` are dropped), then `tail`. */
export function writeRecords(path: string, n: number, next: (emit: Emit, done: () => boolean) => void, head = '', tail = ''): void {
  const fd = openSync(path, 'w');
  let buf: string[] = [];
  let size = 0;
  let written = 0;
  const flush = () => {
    if (buf.length) writeSync(fd, buf.join(''));
    buf = [];
    size = 0;
  };
  const emit: Emit = (text) => {
    if (written >= n) return;
    written++;
    buf.push(text);
    size += text.length;
    if (size >= 1 << 20) flush();
  };
  try {
    if (head) buf.push(head);
    while (written < n) next(emit, () => written >= n);
    if (tail) buf.push(tail);
    flush();
  } finally {
    closeSync(fd);
  }
}

export const iso = (ms: number) => new Date(ms).toISOString();
export const isoS = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
