/** Why an exchange was cut short by its deadline; `judgeFailure` reads the name as a timeout. */
export const TIMED_OUT = new DOMException('no complete answer within the timeout', 'TimeoutError');

/** What undici's `request` takes so that the deadline alone bounds it. */
export interface DeadlineBounds {
  signal: AbortSignal;
  headersTimeout: 0;
  bodyTimeout: 0;
}

/**
 * Runs one HTTP exchange (connect, headers and body together) under one deadline of `ms`:
 * undici's own timeouts each bound one phase (the wait for headers, the wait between two
 * chunks), so an answer that trickles in never ended, and they fire up to half a second
 * late. `exchange` spreads `bounds` into `request` and reads the body; when the deadline
 * passed, this throws a TimeoutError, even if the body's reader ended quietly (`dump()` does):
 * an answer that never ended is no answer.
 */
export async function withinDeadline<T>(ms: number, exchange: (bounds: DeadlineBounds) => Promise<T>): Promise<T> {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(TIMED_OUT), ms);
  try {
    const result = await exchange({ signal: deadline.signal, headersTimeout: 0, bodyTimeout: 0 });
    deadline.signal.throwIfAborted();
    return result;
  } finally {
    clearTimeout(timer);
  }
}
