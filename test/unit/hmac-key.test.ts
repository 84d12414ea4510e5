/**
 * One key, one pseudonym: the HMAC key reads the same from STAFFCAST_HMAC_KEY as from the key
 * file (64 hex digits are the 32 bytes they spell; other text of ≥ 32 characters is UTF-8).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { decodeHmacKey, loadOrCreateHmacKey, pseudonymizeMemberId } from '../../server/pseudonym.ts';

const HEX = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';

describe('HMAC key sources', () => {
  const dir = mkdtempSync(join(tmpdir(), 'staffcast-key-'));

  it('the same hex key in the environment and in the key file gives the same pseudonym', () => {
    const keyFile = join(dir, 'hex.key');
    writeFileSync(keyFile, `${HEX}\n`);
    const fromFile = loadOrCreateHmacKey(loadConfig({ STAFFCAST_KEY_FILE: keyFile }, { dbPath: ':memory:' }));
    const fromEnv = loadOrCreateHmacKey(loadConfig({ STAFFCAST_HMAC_KEY: HEX, STAFFCAST_KEY_FILE: join(dir, 'absent.key') }, { dbPath: ':memory:' }));
    // 64 hex digits are 32 bytes, 0x00 0x11 … 0xff twice (before: the environment's 64 ASCII bytes).
    expect(fromEnv.length).toBe(32);
    expect(fromEnv.equals(fromFile)).toBe(true);
    const expected = createHmac('sha256', Buffer.from(HEX, 'hex')).update('M123', 'utf8').digest('hex');
    expect(pseudonymizeMemberId(fromEnv, ' m123 ')).toBe(expected);
    expect(pseudonymizeMemberId(fromFile, 'M123')).toBe(expected);
  });

  it('upper-case hex and surrounding whitespace decode alike', () => {
    expect(decodeHmacKey(`  ${HEX.toUpperCase()}\n`, 'X').equals(Buffer.from(HEX, 'hex'))).toBe(true);
  });

  it('a text key is its UTF-8 bytes, from either source', () => {
    const text = 'correct horse battery staple, a long passphrase';
    const keyFile = join(dir, 'text.key');
    writeFileSync(keyFile, `${text}\n`);
    const fromFile = loadOrCreateHmacKey({ keyFile });
    const fromEnv = loadOrCreateHmacKey({ keyFile: join(dir, 'absent2.key'), hmacKey: text });
    expect(fromEnv.equals(Buffer.from(text, 'utf8'))).toBe(true);
    expect(fromFile.equals(fromEnv)).toBe(true);
  });

  it('refuses a short key, naming where it came from', () => {
    const keyFile = join(dir, 'short.key');
    writeFileSync(keyFile, 'abc\n');
    expect(() => loadOrCreateHmacKey({ keyFile })).toThrow(`invalid key file ${keyFile}: the key must be 64 hex digits or at least 32 characters of text`);
  });
});
