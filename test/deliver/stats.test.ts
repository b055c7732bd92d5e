import { describe, expect, it } from 'vitest';
import { DeliveryStats } from '../../src/deliver/stats.js';
import { judgeAnswer, judgeFailure } from '../../src/deliver/verdict.js';

describe('delivery verdicts and statistics', () => {
  it('sorts answers and failures into delivered, at risk and lost by cause', () => {
    expect(judgeAnswer('u', 204, 10, 1000, null, null)).toMatchObject({ verdict: 'delivered', cause: null });
    expect(judgeAnswer('u', 200, 1500, 1000, null, null)).toMatchObject({ verdict: 'at-risk' });
    expect(judgeAnswer('u', 301, 5, 1000, '', '/x')).toMatchObject({ verdict: 'lost', cause: 'redirect', location: '/x' });
    expect(judgeAnswer('u', 500, 5, 1000, 'boom', null)).toMatchObject({ verdict: 'lost', cause: 'status', body: 'boom' });
    const refused = Object.assign(new Error('fetch failed'), { cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }) });
    expect(judgeFailure('u', refused, 1)).toMatchObject({ cause: 'refused', status: null });
    expect(judgeFailure('u', Object.assign(new Error('t'), { code: 'UND_ERR_HEADERS_TIMEOUT' }), 1).cause).toBe('timeout');
    expect(judgeFailure('u', Object.assign(new Error('r'), { code: 'ECONNRESET' }), 1).cause).toBe('reset');
  });

  it('counts every 2xx as delivered, and gives percentiles within 1%', () => {
    const stats = new DeliveryStats();
    for (let ms = 1; ms <= 1000; ms++) stats.add(judgeAnswer('u', 200, ms, 990, null, null));
    stats.add(judgeAnswer('u', 503, 2, 990, null, null));
    const summary = stats.summary(2000);
    expect(summary).toMatchObject({ events: 1001, delivered: 1000, atRisk: 10, lost: 1, lostBy: { status: 1 }, max: 1000, eventsPerSecond: 500.5 });
    expect(summary.p50).toBeGreaterThan(495);
    expect(summary.p50).toBeLessThan(506);
    expect(summary.p99).toBeGreaterThan(985);
    expect(summary.p99).toBeLessThanOrEqual(1000);
  });
});
