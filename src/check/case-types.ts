import type { DeliveryResult } from '../deliver/verdict.js';
import type { WineSittingEvent } from '../events/schema.js';

export interface CaseContext {
  seed: number;
  budget: number;
  timeout: number;
  /** Sends one body; identical bodies for identical events. */
  send(event: WineSittingEvent | string): Promise<DeliveryResult>;
  /** Every delivery of the run so far, this case's included. */
  results: DeliveryResult[];
}

export interface CaseOutcome {
  /** Every event acknowledged (or, for a run-wide case, what it checks was seen and held). */
  passed: boolean;
  /** Passed, but some answer was slower than the budget: a warning. */
  atRisk?: boolean;
  detail: string;
  /** What to change, when it failed or is at risk. */
  fix?: string;
}

export interface CheckCase {
  run(ctx: CaseContext): Promise<CaseOutcome> | CaseOutcome;
}
