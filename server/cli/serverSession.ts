/**
 * Commands that send their work to a running server (`--server URL`) sign in as a user of
 * that server: `STAFFCAST_USER`, with the password in `STAFFCAST_PASSWORD` or in the file
 * `STAFFCAST_PASSWORD_FILE` (first line). One sign-in per command and server; the session
 * then ends by itself (idle timeout).
 */
import { readFileSync } from 'node:fs';
import { UsageError } from './errors.ts';

const sessions = new Map<string, Promise<Record<string, string>>>();

export const SIGN_IN_HINT = 'set STAFFCAST_USER and STAFFCAST_PASSWORD (or STAFFCAST_PASSWORD_FILE) to a user of that server with the right role';

function password(env: NodeJS.ProcessEnv): string {
  if (env.STAFFCAST_PASSWORD) return env.STAFFCAST_PASSWORD;
  if (env.STAFFCAST_PASSWORD_FILE) {
    try {
      return readFileSync(env.STAFFCAST_PASSWORD_FILE, 'utf8').split(/\r?\n/)[0] ?? '';
    } catch {
      throw new UsageError('invalid STAFFCAST_PASSWORD_FILE: cannot read it');
    }
  }
  throw new UsageError(`invalid STAFFCAST_PASSWORD: ${SIGN_IN_HINT}`);
}

async function signIn(server: URL, env: NodeJS.ProcessEnv): Promise<Record<string, string>> {
  const name = env.STAFFCAST_USER;
  if (!name) return {};
  let res: Response;
  try {
    res = await fetch(new URL('/api/auth/sign-in', server), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password: password(env) }) });
  } catch {
    throw new Error(`cannot reach the server at ${server.origin}`);
  }
  const body = (await res.json().catch(() => ({}))) as { csrfToken?: string; error?: string };
  if (res.status !== 200 || !body.csrfToken) throw new Error(`cannot sign in to ${server.origin} as ${name}: ${body.error ?? `HTTP ${res.status}`}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  return { cookie, 'x-csrf-token': body.csrfToken };
}

/** The headers that carry the session to `server` (none when STAFFCAST_USER is not set). */
export function serverSessionHeaders(server: URL, env: NodeJS.ProcessEnv = process.env): Promise<Record<string, string>> {
  const key = server.origin;
  if (!sessions.has(key)) sessions.set(key, signIn(server, env));
  return sessions.get(key)!;
}
