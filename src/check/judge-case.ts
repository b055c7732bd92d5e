import type { DeliveryResult } from '../deliver/verdict.js';
import type { CaseContext, CaseOutcome } from './case-types.js';
import { adviseOnLoss, classifyLoss, slowAnswerAdvice, type LossKind } from '../deliver/loss-advice.js';
import { describeAnswer } from './describe-answer.js';

/** A case's own advice, and the failures it fits: any other failure gets the advice for what happened. */
export interface OwnAdvice {
  fix: string;
  /** Failures this case looks for, whatever else happened. */
  owns?: LossKind[];
  /** Failures that are this case's doing only when another of its events was acknowledged: a copy refused after the first was taken. */
  ownsBesideAcknowledged?: LossKind[];
}

export const acknowledged = (result: DeliveryResult): boolean => result.status !== null && result.status >= 200 && result.status < 300;

/**
 * Judges the deliveries of one case: it passes when all were acknowledged, at risk when
 * some were slower than the budget; otherwise the first failure is named, with the
 * case's own advice when the failure is the one it looks for.
 */
export function judgeCase(results: DeliveryResult[], labels: string[], own: OwnAdvice, ctx: CaseContext): CaseOutcome {
  const failed = results.findIndex((result) => !acknowledged(result));
  if (failed === -1) return judgeAcknowledged(results, ctx.budget);
  const result = results[failed]!;
  const context = { acknowledgedSome: ctx.results.some(acknowledged) };
  const kind = classifyLoss(result, context);
  const isOwn = kind !== null && (own.owns?.includes(kind) === true || (own.ownsBesideAcknowledged?.includes(kind) === true && results.some(acknowledged)));
  return { passed: false, detail: `${labels[failed]!} ${describeAnswer(result, ctx.timeout)}`, fix: isOwn ? own.fix : adviseOnLoss(result, context) };
}

function judgeAcknowledged(results: DeliveryResult[], budget: number): CaseOutcome {
  const many = results.length > 1;
  const slowest = Math.round(Math.max(...results.map((r) => r.ms)));
  const statuses = [...new Set(results.map((r) => r.status))].join('/');
  const detail = `${many ? `${results.length} events: ` : ''}${statuses} in ${slowest} ms${many ? ' (slowest)' : ''}`;
  const slow = results.filter((r) => r.verdict === 'at-risk').length;
  if (slow === 0) return { passed: true, detail };
  return {
    passed: true,
    atRisk: true,
    detail: `${detail}, at risk: ${many ? `${slow} of ${results.length} ` : ''}slower than the ${budget} ms budget`,
    fix: slowAnswerAdvice(budget),
  };
}
