import { startDeliveryRun } from '../deliver/delivery-run.js';
import type { DeliveryResult } from '../deliver/verdict.js';
import type { WineSittingEvent } from '../events/schema.js';
import { CASE_NAMES, CASE_SUMMARIES } from './case-names.js';
import type { CaseOutcome } from './case-types.js';
import { CHECK_CASES } from './cases.js';

export interface CheckOptions {
  url: string;
  budget: number;
  timeout: number;
  seed: number;
  only?: string[];
  headers?: [string, string][];
  onCase?(result: CaseResult): void;
}

export interface CaseResult extends CaseOutcome {
  case: string;
  summary: string;
  ms: number;
}

/** Enough sockets for the largest case (a burst of 50 at once). */
const CONNECTIONS = 50;

/** Runs the cases one after another, so that each failure is attributable to one case. */
export async function runCheck(options: CheckOptions): Promise<CaseResult[]> {
  const run = startDeliveryRun({ url: options.url, timeout: options.timeout, budget: options.budget, headers: options.headers, connections: CONNECTIONS });
  const results: DeliveryResult[] = [];
  const send = async (event: WineSittingEvent | string) => {
    const result = await run.one(typeof event === 'string' ? event : JSON.stringify(event));
    results.push(result);
    return result;
  };
  const outcomes: CaseResult[] = [];
  try {
    for (const name of CASE_NAMES) {
      if (options.only?.length && !options.only.includes(name)) continue;
      const started = performance.now();
      const outcome = await CHECK_CASES[name].run({ seed: options.seed, budget: options.budget, timeout: options.timeout, send, results });
      const result = { case: name, summary: CASE_SUMMARIES[name], ms: Math.round(performance.now() - started), ...outcome };
      outcomes.push(result);
      options.onCase?.(result);
    }
  } finally {
    await run.close();
  }
  return outcomes;
}
