/**
 * Temporary files of uploads and ingests: where they go, how they are written, and the sweep
 * at start that removes what a killed process left behind.
 *
 * Every folder is named with the owning process id (`staffcast-upload-<pid>-XXXXXX`,
 * `staffcast-ingest-<pid>-XXXXXX`) under the system temp folder, so the sweep removes the
 * folders of processes that no longer run and never those of another live server (tests run
 * several at once). Folders of the older naming (no pid) are removed once a day old.
 */
import { createWriteStream, mkdtempSync, readdirSync, rmSync, statSync, type WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PREFIXES = ['staffcast-upload-', 'staffcast-ingest-'] as const;
type Kind = 'upload' | 'ingest';
const LEGACY_MAX_AGE_MS = 24 * 3600 * 1000;

/** A fresh folder for one upload or one ingest's repaired copy, owned by this process. */
export function makeTempDir(kind: Kind, root: string = tmpdir()): string {
  return mkdtempSync(join(root, `staffcast-${kind}-${process.pid}-`));
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // alive, another user's
  }
}

/**
 * Removes the temp folders of processes that are gone (and legacy ones over a day old);
 * returns their names. Run at start, before the server accepts uploads.
 */
export function sweepStaleTempDirs(root: string = tmpdir(), now: number = Date.now(), isAlive: (pid: number) => boolean = processAlive): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return removed;
  }
  for (const name of names) {
    const prefix = PREFIXES.find((p) => name.startsWith(p));
    if (!prefix) continue;
    const pid = /^(\d+)-/.exec(name.slice(prefix.length))?.[1];
    const path = join(root, name);
    let stale: boolean;
    if (pid !== undefined) stale = !isAlive(Number(pid));
    else {
      try {
        stale = now - statSync(path).mtimeMs > LEGACY_MAX_AGE_MS;
      } catch {
        continue;
      }
    }
    if (!stale) continue;
    rmSync(path, { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

type Writer = (path: string) => WriteStream;
let writer: Writer = (path) => createWriteStream(path);

/** The stream an upload is written to (a test may point it at /dev/full: a full temp disk). */
export function uploadWriteStream(path: string): WriteStream {
  return writer(path);
}

/** Test hook: replaces the upload writer; returns a function that restores it. */
export function setUploadWriterForTest(w: Writer): () => void {
  const before = writer;
  writer = w;
  return () => {
    writer = before;
  };
}

/** True for the errors of a full disk (or quota). */
export function isDiskFull(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return true;
  const text = e instanceof Error ? e.message : String(e);
  return /no space left on device|disk (is )?full|ENOSPC|quota exceeded/i.test(text);
}
