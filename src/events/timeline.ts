import type { Random } from './random.js';
import type { StatusName } from './statuses.js';

/** When things happen to a generated order, and when a changed one moves on. */

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** Generated dates fall in the 300 days after this, so that a seed alone fixes every byte. */
const REFERENCE_TIME = Date.UTC(2026, 0, 5, 8, 0, 0);

/**
 * Hours after creation at which an order reaches each status. Preparation is planned for the next
 * day (7 to 31 hours after creation) and delivery 1 to 3 days after it, at most 103 hours after
 * creation: an order is delivered or collected only once that date has come.
 */
export const ORDER_STEPS: Record<StatusName, number> = { NEW: 0, PROCESSING: 20, READY: 26, SHIPPED: 30, WITHDRAWED: 104, DELIVERED: 104 };

/** A moment drawn from the seed, when no clock is given. */
export function seededMoment(random: Random): number {
  return REFERENCE_TIME + random.int(0, 300) * DAY + random.int(0, 36_000) * 1000;
}

/** 07:00 UTC on the (UTC) day of `epochMs`: the start of a warehouse day. */
export function startOfDay(epochMs: number): number {
  return Math.floor(epochMs / DAY) * DAY + 7 * HOUR;
}

/**
 * When the next change of an object last changed at `since` happens: one lifecycle step later
 * (`from` → `to`, an hour at least, a status going back included), or `now` when that is later.
 * NaN when neither `since` nor `now` is known.
 */
export function nextChangeTime(since: number, from: StatusName | null, to: StatusName | null, now?: number): number {
  const step = from && to ? Math.max(1, ORDER_STEPS[to] - ORDER_STEPS[from]) : 1;
  const next = since + step * HOUR;
  if (now === undefined) return next;
  return Number.isNaN(next) ? now : Math.max(next, now);
}
