import type { DeliveryResult } from '../deliver/verdict.js';
import { createEvent } from '../events/generate.js';
import type { CaseContext, CheckCase } from './case-types.js';
import { ANSWER_FIRST_ADVICE, adviseOnLoss, slowAnswerAdvice } from '../deliver/loss-advice.js';
import { describeAnswer } from './describe-answer.js';
import { acknowledged } from './judge-case.js';

/**
 * The deliveries a run-wide case judges: the run's so far, or, when it runs first or
 * alone, a few events of its own. A case with nothing to judge is no pass.
 */
async function runSoFar(ctx: CaseContext, count: number): Promise<DeliveryResult[]> {
  if (ctx.results.length > 0) return ctx.results;
  const events = [
    createEvent({ seed: ctx.seed + 200 }),
    createEvent({ seed: ctx.seed + 201, operation: 'UPDATE' }),
    createEvent({ seed: ctx.seed + 202, type: 'PUTAWAY' }),
  ].slice(0, count);
  for (const event of events) await ctx.send(event);
  return ctx.results;
}

/** Nothing of the run was answered: what happened to the first request, and what to change. */
function unanswered(results: DeliveryResult[], what: string, ctx: CaseContext) {
  const first = results[0]!;
  const context = { acknowledgedSome: results.some(acknowledged) };
  return {
    passed: false,
    detail: `no request of the run was answered, so ${what}: the first request ${describeAnswer(first, ctx.timeout)}`,
    fix: adviseOnLoss(first, context),
  };
}

export const latencyCase: CheckCase = {
  async run(ctx) {
    const results = await runSoFar(ctx, 3);
    const answered = results.filter((r) => r.status !== null);
    // A timeout is the slowest answer of all; refused or reset connections say nothing of speed.
    const timedOut = results.filter((r) => r.cause === 'timeout').length;
    if (answered.length === 0 && timedOut === 0) return unanswered(results, 'its speed is unknown', ctx);
    const over = answered.filter((r) => r.ms > ctx.budget).length;
    const slowest = Math.round(Math.max(0, ...answered.map((r) => r.ms)));
    if (over === 0 && timedOut === 0) return { passed: true, detail: `slowest ${slowest} ms of ${answered.length} answers (budget ${ctx.budget} ms)` };
    const parts = [];
    if (over > 0) parts.push(`${over} of ${answered.length} answers took longer than ${ctx.budget} ms; the slowest ${slowest} ms`);
    if (timedOut > 0) parts.push(`${timedOut} of ${results.length} requests got no answer within the ${ctx.timeout} ms timeout`);
    return { passed: false, detail: parts.join('; '), fix: over > 0 ? slowAnswerAdvice(ctx.budget) : ANSWER_FIRST_ADVICE };
  },
};

export const noRedirectCase: CheckCase = {
  async run(ctx) {
    const results = await runSoFar(ctx, 1);
    const answered = results.filter((r) => r.status !== null);
    const redirects = answered.filter((r) => r.cause === 'redirect');
    if (redirects.length > 0) {
      const first = redirects[0]!;
      return {
        passed: false,
        detail: `${redirects.length} of ${answered.length} answers were redirects, e.g. one ${describeAnswer(first, ctx.timeout)}`,
        fix: adviseOnLoss(first, { acknowledgedSome: results.some(acknowledged) }),
      };
    }
    if (answered.length === 0) return unanswered(results, 'redirects could not be ruled out', ctx);
    return { passed: true, detail: `none of ${answered.length} answers was a 3xx` };
  },
};
