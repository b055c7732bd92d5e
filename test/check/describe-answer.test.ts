import { describe, expect, it } from 'vitest';
import { describeAnswer } from '../../src/check/describe-answer.js';
import { judgeAnswer, judgeFailure } from '../../src/deliver/verdict.js';

const URL = 'http://127.0.0.1:3000/webhooks';
const answered = (status: number, location: string | null = null, body = '') => judgeAnswer(URL, status, 12, 1000, body, location);
const failure = (code: string) => judgeFailure(URL, Object.assign(new Error(code), { code }), 300);

describe('describeAnswer', () => {
  it('says what happened in a few words', () => {
    expect(describeAnswer(answered(302, '/login'), 300)).toBe('answered 302 to /login in 12 ms');
    expect(describeAnswer(answered(500, null, 'boom\n  at x'), 300)).toBe('answered 500 in 12 ms: "boom at x"');
    expect(describeAnswer(failure('ECONNREFUSED'), 300)).toBe('could not connect (connection refused)');
    expect(describeAnswer(failure('UND_ERR_BODY_TIMEOUT'), 300)).toBe('got no answer within the 300 ms timeout (gave up after 300 ms)');
    expect(describeAnswer(failure('ECONNRESET'), 300)).toBe('had its connection reset before an answer, after 300 ms');
  });
});
