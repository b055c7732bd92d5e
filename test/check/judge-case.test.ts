import { describe, expect, it } from 'vitest';
import type { CaseContext } from '../../src/check/case-types.js';
import { judgeCase, type OwnAdvice } from '../../src/check/judge-case.js';
import { judgeAnswer, judgeFailure, type DeliveryResult } from '../../src/deliver/verdict.js';

const URL = 'http://127.0.0.1:3000/';
const answer = (status: number, ms = 10) => judgeAnswer(URL, status, ms, 100, status >= 300 ? 'nope' : null, status >= 300 && status < 400 ? '/login' : null);
const refused = () => judgeFailure(URL, Object.assign(new Error('x'), { code: 'ECONNREFUSED' }), 1);
const context = (results: DeliveryResult[]): CaseContext => ({
  seed: 1,
  budget: 100,
  timeout: 300,
  send: () => Promise.reject(new Error('not in these tests')),
  results,
});
const judge = (results: DeliveryResult[], own: OwnAdvice, run = results) =>
  judgeCase(
    results,
    results.map((_, i) => `event ${i + 1}`),
    own,
    context(run),
  );

const BODY_LIMIT: OwnAdvice = { fix: 'the case advice', owns: ['body-limit'] };
const DUPLICATE: OwnAdvice = { fix: 'the case advice', ownsBesideAcknowledged: ['refusal', 'server'] };

describe('judgeCase', () => {
  it("gives the case's own advice for the failure it looks for, and the advice for what happened otherwise", () => {
    expect(judge([answer(413)], BODY_LIMIT)).toMatchObject({ passed: false, detail: 'event 1 answered 413 in 10 ms: "nope"', fix: 'the case advice' });
    expect(judge([answer(302)], BODY_LIMIT).fix).toMatch(/login page/);
    expect(judge([answer(401)], BODY_LIMIT).fix).toMatch(/WineSitting sends no credentials/);
    expect(judge([refused()], BODY_LIMIT)).toMatchObject({
      detail: 'event 1 could not connect (connection refused)',
      fix: expect.stringMatching(/^Start your endpoint/),
    });
  });

  it('owns a refused copy only when another copy was acknowledged', () => {
    expect(judge([answer(200), answer(409)], DUPLICATE)).toMatchObject({ detail: expect.stringContaining('event 2 answered 409'), fix: 'the case advice' });
    expect(judge([answer(500), answer(500)], DUPLICATE).fix).toMatch(/error log/);
  });

  it('passes with a warning when an acknowledged answer was slower than the budget', () => {
    expect(judge([answer(200, 40)], BODY_LIMIT)).toEqual({ passed: true, detail: '200 in 40 ms' });
    expect(judge([answer(200, 150)], BODY_LIMIT)).toMatchObject({
      passed: true,
      atRisk: true,
      detail: '200 in 150 ms, at risk: slower than the 100 ms budget',
      fix: expect.stringMatching(/^Answer 2xx first/),
    });
    expect(judge([answer(200, 40), answer(204, 150)], BODY_LIMIT).detail).toBe(
      '2 events: 200/204 in 150 ms (slowest), at risk: 1 of 2 slower than the 100 ms budget',
    );
  });
});
