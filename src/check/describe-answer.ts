import type { DeliveryResult } from '../deliver/verdict.js';
import { excerpt } from '../text/excerpt.js';

/** What happened, in a few words, for a delivery that got no answer or a non-2xx one. */
export function describeAnswer(result: DeliveryResult, timeout: number): string {
  const ms = Math.round(result.ms);
  switch (result.status === null ? result.cause : 'answered') {
    case 'refused':
      return 'could not connect (connection refused)';
    case 'timeout':
      return `got no answer within the ${timeout} ms timeout (gave up after ${ms} ms)`;
    case 'reset':
      return `had its connection reset before an answer, after ${ms} ms`;
    case 'answered': {
      const location = result.location ? ` to ${result.location}` : '';
      const body = result.body ? `: ${JSON.stringify(excerpt(result.body, 120))}` : '';
      return `answered ${String(result.status)}${location} in ${ms} ms${body}`;
    }
    default:
      return `failed after ${ms} ms: ${result.error ?? 'unknown error'}`;
  }
}
