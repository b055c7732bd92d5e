import { dateLike, dateToEpoch } from './dates.js';
import { drawAddress, drawTrackingNumber, trackingUrl } from './draw.js';
import { isPlainObject } from './path.js';
import type { Random } from './random.js';
import type { EventType } from './schema.js';
import { statusObject, type StatusName } from './statuses.js';
import { DAY } from './timeline.js';

export interface ObjectUpdate {
  type: EventType;
  /** The status it moves to; null: it keeps its own. */
  status: StatusName | null;
  /** When the change happens (epoch milliseconds). */
  at: number;
  /** Draws what the new status needs and the object lacks: a tracking number, an address. */
  random: Random;
}

/**
 * The object as WineSitting would send it after a change at `at` (a copy): `updated_at` moves to
 * `at` and, for an order, every field follows from its status, as along a generated lifecycle:
 * - WITHDRAWED: collected at the warehouse (no address); SHIPPED, DELIVERED: delivered to an address;
 * - tracking numbers and URL only once shipped, kept when it already has them;
 * - NEW: its preparation still ahead; PROCESSING to SHIPPED: its delivery still ahead (the planned
 *   dates move on by whole days when they are past); DELIVERED, WITHDRAWED: not before the delivery
 *   date (the change waits for it);
 * - updated by its creator while NEW, by WineSitting after.
 * Fields it does not name are kept as they are, in their order.
 */
export function updateObject(object: Record<string, unknown>, update: ObjectUpdate): Record<string, unknown> {
  const copy = structuredClone(object);
  let at = update.at;
  if (update.status) copy.status = statusObject(update.status);
  if (update.type === 'ORDER' && update.status) at = settleOrder(copy, update.status, at, update.random);
  copy.updated_at = dateLike(copy.updated_at, at);
  return copy;
}

/** Makes the order's fields agree with its status; returns when the change can happen. */
function settleOrder(order: Record<string, unknown>, status: StatusName, at: number, random: Random): number {
  const shipped = status === 'SHIPPED' || status === 'DELIVERED';
  if (status === 'WITHDRAWED') {
    order.is_pickup = true;
    order.address = null;
  } else if (shipped) {
    order.is_pickup = false;
    if (!isPlainObject(order.address)) order.address = drawAddress(random);
  }
  const numbers = Array.isArray(order.tracking_numbers) ? (order.tracking_numbers as unknown[]) : [];
  if (!shipped) {
    order.tracking_numbers = [];
    order.tracking_url = null;
  } else if (numbers.length === 0) {
    const number = drawTrackingNumber(random);
    order.tracking_numbers = [number];
    order.tracking_url = trackingUrl(number);
  } else if (typeof order.tracking_url !== 'string') {
    order.tracking_url = trackingUrl(String(numbers[0]));
  }
  order.updated_by = status === 'NEW' && typeof order.created_by === 'string' ? order.created_by : 'WineSitting';
  return settleDates(order, status, at);
}

function settleDates(order: Record<string, unknown>, status: StatusName, at: number): number {
  const preparation = dateToEpoch(order.preparation_date);
  const delivery = dateToEpoch(order.delivery_date);
  // NaN compares false: dates that cannot be read are left as they are.
  if (status === 'DELIVERED' || status === 'WITHDRAWED') return delivery > at ? delivery : at;
  const ahead = status === 'NEW' ? preparation : delivery;
  if (ahead < at) {
    const days = Math.ceil((at - ahead) / DAY) * DAY;
    if (!Number.isNaN(preparation)) order.preparation_date = dateLike(order.preparation_date, preparation + days);
    if (!Number.isNaN(delivery)) order.delivery_date = dateLike(order.delivery_date, delivery + days);
  }
  return at;
}
