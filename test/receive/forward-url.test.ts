import { describe, expect, it } from 'vitest';
import { forwardUrl } from '../../src/receive/forward-url.js';

describe('forwardUrl', () => {
  it.each([
    ['http://app/webhooks', '/', 'http://app/webhooks'],
    ['http://app/webhooks', '/orders?x=1', 'http://app/webhooks/orders?x=1'],
    ['http://app/webhooks/', '/orders', 'http://app/webhooks/orders'],
    ['http://app/hooks?token=a', '/?env=pre', 'http://app/hooks?token=a&env=pre'],
  ])('%s + %s → %s', (target, path, expected) => {
    expect(forwardUrl(target, path)).toBe(expected);
  });
});
