import { isPlainObject } from './path.js';

export interface EnvelopeSummary {
  /** Upper-cased, as WineSitting sends it now; null when absent or not text. */
  type: string | null;
  operation: string | null;
  objectId: string | number | null;
  /** The object's status name, e.g. `SHIPPED`. */
  status: string | null;
}

/** What an event is, read leniently from any JSON value: what every line and file name shows. */
export function describeEnvelope(value: unknown): EnvelopeSummary {
  if (!isPlainObject(value)) return { type: null, operation: null, objectId: null, status: null };
  const upper = (v: unknown) => (typeof v === 'string' ? v.toUpperCase() : null);
  const object = isPlainObject(value.object) ? value.object : {};
  const id = object.id;
  const status = isPlainObject(object.status) ? object.status.name : undefined;
  return {
    type: upper(value.type),
    operation: upper(value.operation),
    objectId: typeof id === 'number' || typeof id === 'string' ? id : null,
    status: typeof status === 'string' ? status : null,
  };
}
