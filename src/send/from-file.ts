import { UsageError } from '../errors.js';
import { dateToEpoch } from '../events/dates.js';
import { knownOperation, knownType } from '../events/event-names.js';
import { isPlainObject } from '../events/path.js';
import { createRandom } from '../events/random.js';
import type { EventType, Operation, WineSittingEvent } from '../events/schema.js';
import { findStatus, statusObject, type StatusName } from '../events/statuses.js';
import { nextChangeTime, seededMoment } from '../events/timeline.js';
import { updateObject } from '../events/update-object.js';

export interface FromFileOptions {
  type?: EventType;
  operation?: Operation;
  status?: StatusName;
  id?: number;
  /** Draws what a new status needs and the file lacks (a tracking number, an address). */
  seed: number;
  /** Undefined: the change is dated from the file alone. */
  now?: number;
  /** Lets a status turn a pickup order into a delivery order, or the other way round. */
  allowInvalid?: boolean;
}

/**
 * The event to send from what `--from` read: an envelope, or a bare object to wrap. A change of
 * status, or a CREATE sent as an UPDATE, is a new version of the object: it is dated after the
 * file's (receivers deduplicate on `updated_at`) and made consistent with its status. Otherwise
 * the file's event is sent as it is, a duplicate on purpose.
 */
export function fromFile(input: unknown, options: FromFileOptions): WineSittingEvent {
  const copy = structuredClone(input);
  if (!isPlainObject(copy)) throw new UsageError('--from must hold a JSON object: an event envelope or a bare order or putaway.');
  const wrapped = !('object' in copy && ('type' in copy || 'operation' in copy));
  const envelope: Record<string, unknown> = wrapped
    ? {
        type: options.type ?? ('is_pickup' in copy ? 'ORDER' : 'PUTAWAY'),
        operation: options.operation ?? 'CREATE',
        object: copy,
        date: copy.updated_at ?? null,
      }
    : copy;
  const operationBefore = typeof envelope.operation === 'string' ? knownOperation(envelope.operation) : null;
  if (options.type) envelope.type = options.type;
  if (options.operation) envelope.operation = options.operation;
  const object = envelope.object;
  if (!isPlainObject(object)) return envelope as WineSittingEvent;
  if (options.id !== undefined) object.id = options.id;
  const statusBefore = statusName(object.status);
  const statusChanged = options.status !== undefined && options.status !== statusBefore;
  const madeUpdate = !wrapped && operationBefore === 'CREATE' && envelope.operation === 'UPDATE';
  if (!statusChanged && !madeUpdate) {
    if (options.status) object.status = statusObject(options.status);
    return envelope as WineSittingEvent;
  }
  if (statusChanged && !options.allowInvalid) refuseOtherDeliveryMode(object, options.status!);
  const random = createRandom(options.seed);
  const since = latest(dateToEpoch(object.updated_at), dateToEpoch(envelope.date));
  const next = nextChangeTime(since, statusBefore, options.status ?? statusBefore, options.now);
  const type = typeof envelope.type === 'string' ? knownType(envelope.type) : null;
  const updated = updateObject(object, {
    type: type ?? 'ORDER',
    status: statusChanged ? options.status! : null,
    at: Number.isNaN(next) ? seededMoment(random) : next,
    random,
  });
  // A CREATE carries the object as it was created.
  if (envelope.operation === 'CREATE' && 'created_at' in updated) updated.created_at = updated.updated_at;
  envelope.object = updated;
  envelope.date = updated.updated_at;
  return envelope as WineSittingEvent;
}

/** A pickup order is collected (WITHDRAWED), never SHIPPED or DELIVERED; a delivery order is never collected. */
function refuseOtherDeliveryMode(object: Record<string, unknown>, status: StatusName): void {
  const delivered = status === 'SHIPPED' || status === 'DELIVERED';
  if (object.is_pickup === true && delivered) {
    throw new UsageError(
      `Order ${String(object.id)} is a pickup (collected at the warehouse), so it is never ${status}. Use --status WITHDRAWED, start from a delivery order, or pass --allow-invalid to make it one (an address is then drawn).`,
    );
  }
  if (object.is_pickup === false && status === 'WITHDRAWED') {
    throw new UsageError(
      `Order ${String(object.id)} is delivered to an address, so it is never WITHDRAWED (collected). Use --status DELIVERED, start from a pickup order, or pass --allow-invalid to make it one.`,
    );
  }
}

function statusName(status: unknown): StatusName | null {
  return isPlainObject(status) && typeof status.name === 'string' ? (findStatus(status.name)?.name ?? null) : null;
}

/** The later of two moments, either of which may be unknown (NaN). */
function latest(a: number, b: number): number {
  if (Number.isNaN(a)) return b;
  return Number.isNaN(b) ? a : Math.max(a, b);
}
