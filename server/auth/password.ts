/**
 * Password hashing with Node's scrypt: a random 16-byte salt per password, the cost
 * parameters stored beside the hash (`scrypt$N$r$p$salt$hash`, base64url), so they can be
 * raised later without invalidating stored hashes; verification compares in constant time.
 *
 * Parameters: N = 2^15, r = 8, p = 3 (32 MiB, about 0.4 s on this machine), one of OWASP's
 * equivalent scrypt settings (Password Storage Cheat Sheet).
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export const SCRYPT_PARAMS = { N: 2 ** 15, r: 8, p: 3 } as const;
const KEY_LENGTH = 64;
const SALT_BYTES = 16;
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

interface Params {
  N: number;
  r: number;
  p: number;
}

function derive(password: string, salt: Buffer, params: Params, keyLength: number): Promise<Buffer> {
  // maxmem must exceed 128·N·r bytes (32 MiB here); Node's default is 32 MiB exactly.
  const maxmem = 256 * params.N * params.r;
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyLength, { N: params.N, r: params.r, p: params.p, maxmem }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export async function hashPassword(password: string, params: Params = SCRYPT_PARAMS): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, params, KEY_LENGTH);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** True when `password` matches `stored`; false for a wrong password or a malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every((x) => Number.isInteger(x) && x > 0)) return false;
  const salt = Buffer.from(parts[4]!, 'base64url');
  const expected = Buffer.from(parts[5]!, 'base64url');
  if (expected.length === 0) return false;
  const key = await derive(password, salt, { N, r, p }, expected.length);
  return timingSafeEqual(key, expected);
}

/** A hash no password matches, computed once: sign-in for an unknown name costs the same time. */
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(24).toString('base64url'));
  return dummy;
}

/** The problem with a proposed password, or null when it is acceptable. */
export function passwordProblem(password: unknown): string | null {
  if (typeof password !== 'string') return 'expected a string';
  if (password.length < MIN_PASSWORD_LENGTH) return `too short: at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH) return `too long: at most ${MAX_PASSWORD_LENGTH} characters`;
  if (password.trim() !== password) return 'may not begin or end with a space';
  return null;
}

/** A one-time password: 18 random bytes, 24 characters of base64url. */
export function oneTimePassword(): string {
  return randomBytes(18).toString('base64url');
}
