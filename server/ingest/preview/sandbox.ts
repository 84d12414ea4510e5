/**
 * Where a preview runs the real ingest: a temporary folder holding the slice as a file, and
 * a throwaway in-memory database, both gone when the callback returns. Nothing a preview
 * does reaches the stored data; member IDs are keyed with a random key that is then lost.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Database } from '../../db/database.ts';
import { makeTempDir } from '../uploadTemp.ts';

export async function inSandbox<T>(text: string, fileName: string, run: (db: Database, path: string, dir: string) => Promise<T>): Promise<T> {
  const dir = makeTempDir('ingest');
  const db = await Database.open(':memory:');
  try {
    const path = join(dir, fileName);
    writeFileSync(path, text);
    return await run(db, path, dir);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text cut after its last complete line (a slice of a larger file may end inside one). */
export function completeLines(text: string): string {
  return text.endsWith('\n') ? text : text.slice(0, text.lastIndexOf('\n') + 1);
}
