import type { CheckCase } from './case-types.js';
import { adviseOnFailure, describeAnswer, slowAnswerAdvice } from './failure-advice.js';
import { acknowledged } from './judge-case.js';

export const latencyCase: CheckCase = {
  run(ctx) {
    const answered = ctx.results.filter((r) => r.status !== null);
    if (answered.length === 0) return { passed: false, detail: 'no request of the run was answered', fix: 'Start your endpoint, then run the check again.' };
    const slowest = answered.reduce((a, b) => (b.ms > a.ms ? b : a));
    const over = answered.filter((r) => r.ms > ctx.budget).length;
    if (over === 0) return { passed: true, detail: `slowest ${Math.round(slowest.ms)} ms of ${answered.length} answers (budget ${ctx.budget} ms)` };
    return {
      passed: false,
      detail: `${over} of ${answered.length} answers took longer than ${ctx.budget} ms; the slowest ${Math.round(slowest.ms)} ms`,
      fix: slowAnswerAdvice(ctx.budget),
    };
  },
};

export const noRedirectCase: CheckCase = {
  run(ctx) {
    const redirects = ctx.results.filter((r) => r.cause === 'redirect');
    if (redirects.length === 0) return { passed: true, detail: `none of ${ctx.results.length} answers was a 3xx` };
    const first = redirects[0]!;
    return {
      passed: false,
      detail: `${redirects.length} of ${ctx.results.length} answers were redirects, e.g. one ${describeAnswer(first, ctx.timeout)}`,
      fix: adviseOnFailure(first, { timeout: ctx.timeout, acknowledgedSome: ctx.results.some(acknowledged) }),
    };
  },
};
