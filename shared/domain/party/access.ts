import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A party's access token: handed out once when the party starts, kept by the browser, and stored
 * only as a hash, so a leaked table gives nobody access.
 */
export function newPartyToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashPartyToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function tokenMatches(token: string, expectedHash: string): boolean {
  const actual = Buffer.from(hashPartyToken(token), 'hex');
  const expected = Buffer.from(expectedHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
