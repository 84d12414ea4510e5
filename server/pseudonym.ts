/**
 * Member IDs are PHI: they are replaced at ingest by a keyed HMAC-SHA256 pseudonym, so the
 * same member links across contacts (for FCR) while the raw ID is never stored. The key is
 * generated on first start and kept in a file beside (not inside) the database, or given in
 * STAFFCAST_HMAC_KEY; both are read by the same rule (`decodeHmacKey`).
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Config } from './config.ts';

/**
 * The key bytes of a key written as text, by one rule whatever holds it (STAFFCAST_HMAC_KEY or
 * the key file), so one key always gives one pseudonym: surrounding whitespace is ignored;
 * exactly 64 hexadecimal digits (either case) are the 32 bytes they spell; any other text of
 * at least 32 characters is its UTF-8 bytes. `source` names where the text came from.
 */
export function decodeHmacKey(text: string, source: string): Buffer {
  const key = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(key)) return Buffer.from(key, 'hex');
  if (key.length < 32) throw new Error(`invalid ${source}: the key must be 64 hex digits or at least 32 characters of text`);
  return Buffer.from(key, 'utf8');
}

export function loadOrCreateHmacKey(config: Pick<Config, 'hmacKey' | 'keyFile'>): Buffer {
  if (config.hmacKey) return decodeHmacKey(config.hmacKey, 'STAFFCAST_HMAC_KEY');
  if (existsSync(config.keyFile)) return decodeHmacKey(readFileSync(config.keyFile, 'utf8'), `key file ${config.keyFile}`);
  const key = randomBytes(32);
  mkdirSync(dirname(config.keyFile), { recursive: true });
  writeFileSync(config.keyFile, key.toString('hex') + '\n', { mode: 0o600 });
  chmodSync(config.keyFile, 0o600);
  return key;
}

// Zero-width characters and bidi controls that make two equal-looking IDs differ.
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;

/**
 * The canonical text of a member ID: NFC, invisible characters removed, trimmed, inner
 * whitespace removed, upper case. Leading zeros are kept: an ID is text, never a number.
 */
export function normalizeMemberId(raw: string): string {
  // NFC again after upper-casing: some letters (e.g. Greek ῢ) upper-case to a decomposed
  // sequence, and the result must be a fixed point (normalizing twice changes nothing).
  return raw.normalize('NFC').replace(INVISIBLE, '').replace(/\s+/g, '').toUpperCase().normalize('NFC');
}

/** The pseudonym of a member ID (hex HMAC-SHA256), or null for an empty one. */
export function pseudonymizeMemberId(key: Buffer, raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const id = normalizeMemberId(raw);
  if (id === '') return null;
  return createHmac('sha256', key).update(id, 'utf8').digest('hex');
}

/**
 * The HMAC-SHA256 inner and outer padded keys (RFC 2104: the key, hashed first when longer
 * than the 64-byte block, zero-padded, XOR 0x36 / 0x5c), as hex. With them a database can
 * compute the same pseudonym as `pseudonymizeMemberId` with two SHA-256 calls:
 * sha256(opad || sha256(ipad || id)). Secret material: bind it, never log it.
 */
export function hmacPads(key: Buffer): { ipad: string; opad: string } {
  const k0 = Buffer.alloc(64);
  (key.length > 64 ? createHash('sha256').update(key).digest() : key).copy(k0);
  const ipad = Buffer.alloc(64);
  const opad = Buffer.alloc(64);
  for (let i = 0; i < 64; i++) {
    ipad[i] = k0[i]! ^ 0x36;
    opad[i] = k0[i]! ^ 0x5c;
  }
  return { ipad: ipad.toString('hex'), opad: opad.toString('hex') };
}
