import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { digest } from '../../src/text/digest.js';

describe('digest', () => {
  it('gives what a hash object gives, for text and bytes', () => {
    for (const data of ['{"type":"ORDER"}', Buffer.from('Château Rayas 🍷')]) {
      expect(digest('sha1', data, 'base64')).toBe(createHash('sha1').update(data).digest('base64'));
      expect(digest('sha256', data, 'hex')).toBe(createHash('sha256').update(data).digest('hex'));
    }
  });
});
