import { knownOperation, knownType } from './event-names.js';
import { isPlainObject } from './path.js';

export interface EnvelopeSummary {
  /** As WineSitting sends it now (`getoutrequest` is `ORDER`); an unknown name upper-cased; null when absent or not text. */
  type: string | null;
  operation: string | null;
  objectId: string | number | null;
  /** The object's status name, e.g. `SHIPPED`. */
  status: string | null;
}

/** What an event is, read leniently from any JSON value: what every line and file name shows. */
export function describeEnvelope(value: unknown): EnvelopeSummary {
  if (!isPlainObject(value)) return { type: null, operation: null, objectId: null, status: null };
  const name = (v: unknown, known: (raw: string) => string | null) => (typeof v === 'string' ? (known(v) ?? v.toUpperCase()) : null);
  const object = isPlainObject(value.object) ? value.object : {};
  const id = object.id;
  const status = isPlainObject(object.status) ? object.status.name : undefined;
  return {
    type: name(value.type, knownType),
    operation: name(value.operation, knownOperation),
    objectId: typeof id === 'number' || typeof id === 'string' ? id : null,
    status: typeof status === 'string' ? status : null,
  };
}
