/**
 * The sha256 of a file computed on a worker thread, so that hashing (about 40 % of the
 * CSV pre-scan's time) runs on another core while the pre-scan walks the bytes.
 * The worker is plain JavaScript (eval), so it needs no TypeScript loader.
 */
import { Worker } from 'node:worker_threads';

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { createReadStream } = require('node:fs');
const h = createHash('sha256');
createReadStream(workerData, { highWaterMark: 1 << 20 })
  .on('data', (c) => h.update(c))
  .on('end', () => parentPort.postMessage(h.digest('hex')))
  .on('error', (e) => parentPort.postMessage({ error: String(e && e.code || 'read error') }));
`;

export interface Sha256Job {
  digest: Promise<string>;
  /** Stops the worker (when the file is refused before the digest is needed). */
  cancel(): void;
}

export function sha256InWorker(path: string): Sha256Job {
  const worker = new Worker(WORKER, { eval: true, workerData: path });
  const digest = new Promise<string>((resolve, reject) => {
    worker.once('message', (m: string | { error: string }) => {
      void worker.terminate();
      if (typeof m === 'string') resolve(m);
      else reject(new Error(`sha256 of the file failed: ${m.error}`));
    });
    worker.once('error', (e) => reject(e));
    worker.once('exit', (code) => reject(new Error(`sha256 worker exited (${code})`)));
  });
  digest.catch(() => undefined); // observed by the caller; never an unhandled rejection
  return { digest, cancel: () => void worker.terminate() };
}
