import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../../src/relay/server/rate-limit.js';

describe('RateLimiter', () => {
  it('allows a burst, then the steady rate as time passes', () => {
    let now = 0;
    const limiter = new RateLimiter(10, 20, () => now);
    const burst = Array.from({ length: 25 }, () => limiter.take());
    expect(burst.filter(Boolean)).toHaveLength(20);
    expect(limiter.retryAfter()).toBe(1);
    now += 500;
    expect(Array.from({ length: 10 }, () => limiter.take()).filter(Boolean)).toHaveLength(5);
  });
});
