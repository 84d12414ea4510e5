import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { InputError } from '../wfm/inputError.ts';

/** The size of the file an ingest reads; a path that is no readable file is an InputError naming `file`. */
export function readableFileSize(path: string): number {
  try {
    const st = statSync(path);
    if (st.isFile()) return st.size;
  } catch {
    /* answered below */
  }
  throw new InputError('file', `cannot read ${basename(path)}`);
}
