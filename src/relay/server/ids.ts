import { randomBytes, timingSafeEqual } from 'node:crypto';
import { digest } from '../../text/digest.js';

/** 144 random bits (at least 128 are required), URL-safe. */
export function newChannelId(): string {
  return randomBytes(18).toString('base64url');
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Only the token's hash is stored: a copy of the relay's data grants no read access. */
export function hashToken(token: string): string {
  return digest('sha256', token, 'hex');
}

/** Constant-time: compares fixed-length hashes, so neither length nor content leaks. */
export function tokenMatches(token: string, storedHash: string): boolean {
  const given = Buffer.from(hashToken(token), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}

export function isChannelId(text: string): boolean {
  return /^[A-Za-z0-9_-]{22,64}$/.test(text);
}

/** Constant-time comparison of a secret given with the one configured (the admin token). */
export function secretMatches(given: string, expected: string): boolean {
  return tokenMatches(given, hashToken(expected));
}
