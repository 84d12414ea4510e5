/**
 * `staffcast serve` as a child process for the stress runs: started on its own database,
 * key file and port, ready once it prints its "serving" line, stopped with SIGTERM or
 * killed with SIGKILL (the crash tests).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/staffcast.js', import.meta.url));

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything it wrote to stderr so far. */
  log(): string;
  /** SIGTERM, and waits for the exit. */
  stop(): Promise<void>;
  /** SIGKILL (no chance to clean up), and waits for the exit. */
  kill9(): Promise<void>;
}

export interface ServeOptions {
  db: string;
  keyFile: string;
  port: number;
  /** Seed an empty database with the default sample (default true, as `npm start`). */
  seed?: boolean;
  env?: Record<string, string>;
}

export function startServerProcess(o: ServeOptions): Promise<ServerProcess> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', String(o.port)], {
    env: {
      ...process.env,
      STAFFCAST_DB: o.db,
      STAFFCAST_KEY_FILE: o.keyFile,
      STAFFCAST_SEED: o.seed === false ? 'false' : 'true',
      ...o.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  let ready: ((s: ServerProcess) => void) | null = null;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const handle: Omit<ServerProcess, 'url'> = {
    child,
    log: () => text,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
    kill9: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
  // The "serving" line goes to stdout, progress to stderr: both are read.
  const onData = (chunk: Buffer) => {
    text += chunk.toString();
    const m = ready && /serving (http:\/\/\S+)/.exec(text);
    if (m && ready) {
      ready({ ...handle, url: m[1]! });
      ready = null;
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  return new Promise((resolve, reject) => {
    ready = resolve;
    child.once('exit', (code) => reject(new Error(`staffcast serve exited (${code}) before serving:\n${text.slice(-2000)}`)));
  });
}
