const FIRST_DELAY_MS = 250;
const MAX_DELAY_MS = 10_000;

/** Exponential backoff with jitter: 0.25 s, 0.5 s, 1 s… up to 10 s, each between half and all of it, so that many clients do not retry in step. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  return Math.round(Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** attempt) * (0.5 + random() / 2));
}
