/**
 * Writing a large text file piece by piece from synchronous code (an adapter's canonical CSV,
 * a line per contact as the converter hands it on): each piece is encoded into a 1 MiB
 * buffer as it comes, so no long string is built, joined and encoded at once.
 */
import { writeSync } from 'node:fs';

/**
 * Text written to `fd` through a 1 MiB buffer, each piece encoded into it as it comes (no long
 * string to join and encode at once); a short write, as to a full disk, is retried until it fails.
 */
export function bufferedWriter(fd: number): { write(text: string): void; flush(): void } {
  const buf = Buffer.allocUnsafe(1 << 20);
  let used = 0;
  const writeAll = (bytes: Buffer, length: number) => {
    for (let at = 0; at < length; ) at += writeSync(fd, bytes, at, length - at);
  };
  const flush = () => {
    writeAll(buf, used);
    used = 0;
  };
  return {
    write(text) {
      // A UTF-16 unit is at most 3 bytes of UTF-8 (a surrogate pair, 4 for 2 units).
      if (used + text.length * 3 > buf.length) {
        flush();
        if (text.length * 3 > buf.length) {
          const bytes = Buffer.from(text);
          return writeAll(bytes, bytes.length);
        }
      }
      used += buf.write(text, used);
    },
    flush,
  };
}
