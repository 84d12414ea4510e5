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
const stream = createReadStream(workerData, { highWaterMark: 1 << 20 });
const done = (m) => { if (m !== undefined) parentPort.postMessage(m); parentPort.close(); };
parentPort.once('message', () => { stream.destroy(); done(); }); // cancel: stop reading, exit
stream
  .on('data', (c) => h.update(c))
  .on('end', () => done(h.digest('hex')))
  .on('error', (e) => done({ error: String(e && e.code || 'read error') }));
`;

export interface Sha256Job {
  digest: Promise<string>;
  /** Stops the worker (when the file is refused before the digest is needed). */
  cancel(): void;
}

export function sha256InWorker(path: string): Sha256Job {
  // The worker ends by itself (after its answer, or when asked to stop) rather than being
  // terminated mid-read: a test worker process died once here while refused files' hash
  // workers were being terminated, and a read torn down from outside is the likely cause.
  const worker = new Worker(WORKER, { eval: true, workerData: path });
  worker.unref();
  const digest = new Promise<string>((resolve, reject) => {
    worker.once('message', (m: string | { error: string }) => {
      if (typeof m === 'string') resolve(m);
      else reject(new Error(`sha256 of the file failed: ${m.error}`));
    });
    worker.once('error', (e) => reject(e));
    worker.once('exit', (code) => reject(new Error(`sha256 worker exited (${code})`)));
  });
  digest.catch(() => undefined); // observed by the caller; never an unhandled rejection
  return { digest, cancel: () => worker.postMessage('cancel') };
}
