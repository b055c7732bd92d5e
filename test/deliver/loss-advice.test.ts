import { describe, expect, it } from 'vitest';
import { adviseOnLoss, classifyLoss } from '../../src/deliver/loss-advice.js';
import { judgeAnswer, judgeFailure, type DeliveryResult } from '../../src/deliver/verdict.js';

const URL = 'http://127.0.0.1:3000/webhooks';
const answered = (status: number, location: string | null = null, body = '') => judgeAnswer(URL, status, 12, 1000, body, location);
const failure = (code: string) => judgeFailure(URL, Object.assign(new Error(code), { code }), 300);
const fresh = { acknowledgedSome: false };
const advise = (result: DeliveryResult, context = fresh) => adviseOnLoss(result, context);

describe('advice from what happened', () => {
  it.each([
    ['413', answered(413), 'body-limit', /Raise the body size limit .*Express's default limit is 100 KB/],
    ['401', answered(401), 'auth', /WineSitting sends no credentials/],
    ['403', answered(403), 'auth', /exempt the webhook route from authentication/],
    ['302 to a login page', answered(302, '/login?next=/webhooks'), 'redirect', /redirects to a login page.*does not follow redirects/],
    ['301 elsewhere', answered(301, 'https://example.com/webhooks/'), 'redirect', /^WineSitting does not follow redirects: configure the final URL/],
    ['404', answered(404), 'not-found', /check the URL/],
    ['405', answered(405), 'method', /accept POST/],
    ['400', answered(400), 'refusal', /Answer 2xx to every event/],
    ['422', answered(422), 'refusal', /Answer 2xx to every event/],
    ['429', answered(429), 'rate-limit', /rate limits/],
    ['500', answered(500), 'server', /error log/],
    ['503', answered(503), 'gateway', /proxy/],
    ['ECONNREFUSED', failure('ECONNREFUSED'), 'refused', /^Start your endpoint .*nothing listens at 127\.0\.0\.1:3000\.$/],
    ['UND_ERR_HEADERS_TIMEOUT', failure('UND_ERR_HEADERS_TIMEOUT'), 'timeout', /^Answer 2xx first, then do the work/],
    ['ECONNRESET', failure('ECONNRESET'), 'reset', /closed the connection without answering/],
    [
      'https:// to a plain-HTTP port',
      judgeFailure('https://127.0.0.1:3000/', Object.assign(new Error('x'), { code: 'ERR_SSL_WRONG_VERSION_NUMBER' }), 3),
      'error',
      /^Use http:\/\/127\.0\.0\.1:3000\/\.$/,
    ],
    [
      'DEPTH_ZERO_SELF_SIGNED_CERT',
      judgeFailure(URL, Object.assign(new Error('x'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }), 3),
      'error',
      /^To test here, trust it with NODE_EXTRA_CA_CERTS/,
    ],
    ['ENOTFOUND', failure('ENOTFOUND'), 'error', /Check the URL/],
  ])('%s', (_, result, kind, advice) => {
    expect(classifyLoss(result, fresh)).toBe(kind);
    expect(advise(result)).toMatch(advice);
  });

  it('takes a 404 for the app refusing the event when the same URL took others', () => {
    expect(classifyLoss(answered(404), { acknowledgedSome: true })).toBe('refusal');
    expect(advise(answered(404, null, 'order 42 not found'), { acknowledgedSome: true })).toMatch(/Answer 2xx to every event/);
  });

  it('has nothing to say of an acknowledged delivery', () => {
    expect(classifyLoss(answered(204), fresh)).toBeNull();
  });
});
