/** scrypt password hashes: salted, parameters stored with the hash, wrong passwords refused. */
import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, SCRYPT_PARAMS, verifyPassword } from '../../server/auth/password.ts';

describe('password hashes', () => {
  it('stores the scrypt parameters and a random salt with the hash, and verifies only the right password', async () => {
    const a = await hashPassword('correct horse battery staple');
    const b = await hashPassword('correct horse battery staple');
    const parts = a.split('$');
    // scrypt$N$r$p$salt$hash: N = 2^15 = 32768, r = 8, p = 3; a 16-byte salt is 22
    // base64url characters, a 64-byte key 86.
    expect(parts.slice(0, 4)).toEqual(['scrypt', String(SCRYPT_PARAMS.N), '8', '3']);
    expect(parts[4]).toHaveLength(22);
    expect(parts[5]).toHaveLength(86);
    expect(a).not.toBe(b); // a different salt each time
    expect(await verifyPassword('correct horse battery staple', a)).toBe(true);
    expect(await verifyPassword('correct horse battery stapl', a)).toBe(false);
    expect(await verifyPassword('', a)).toBe(false);
  });

  it('verifies a hash made with other parameters (they are read from the hash) and refuses a malformed one', async () => {
    const cheap = await hashPassword('another long password', { N: 1024, r: 8, p: 1 });
    expect(cheap.startsWith('scrypt$1024$8$1$')).toBe(true);
    expect(await verifyPassword('another long password', cheap)).toBe(true);
    expect(await verifyPassword('another long password', 'plain-text')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$0$8$1$AAAA$BBBB')).toBe(false);
  });

  it('names what is wrong with a proposed password', () => {
    expect(passwordProblem('short')).toBe('too short: at least 12 characters');
    expect(passwordProblem(' twelve chars ok')).toBe('may not begin or end with a space');
    expect(passwordProblem('x'.repeat(257))).toBe('too long: at most 256 characters');
    expect(passwordProblem(42)).toBe('expected a string');
    expect(passwordProblem('twelve chars')).toBeNull();
  });
});
