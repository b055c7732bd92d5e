import { NotReplicatedError, StoreFullError, StoreUnavailableError } from './store.js';

export interface StoreRefusal {
  status: number;
  reason: string;
  headers: Record<string, string>;
}

/**
 * The answer to a store that refused, the same wherever the refusal surfaces (a post, the
 * health check, any other route); null for an error that is not the store's. Never a 2xx:
 * WineSitting then counts the event as lost, which is the truth.
 */
export function storeRefusal(error: unknown): StoreRefusal | null {
  if (error instanceof NotReplicatedError) {
    return {
      status: 503,
      reason: `The event is stored on the Redis primary and will be relayed, but is not yet on ${error.asked - error.replicas} of the ${error.asked} replicas asked for (--redis-wait) after ${error.timeoutMs / 1000} s. WineSitting does not retry: it counts this event as lost, yet it may still arrive.`,
      headers: { 'retry-after': '5' },
    };
  }
  // Redis at its maxmemory refuses every write, the rate limit's too.
  if (error instanceof StoreFullError) return { status: 507, reason: `The relay's store is full: ${error.message}.`, headers: {} };
  if (error instanceof StoreUnavailableError) {
    return { status: 503, reason: `The relay's store does not answer: ${error.message}. Try again shortly.`, headers: { 'retry-after': '5' } };
  }
  return null;
}
