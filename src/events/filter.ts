import { knownOperation, knownType } from './event-names.js';
import type { EventType, Operation } from './event-names.js';

/** `ORDER` or `ORDER:UPDATE`: the events `--filter` selects. */
export interface EventFilter {
  type: EventType;
  /** Null: every operation of the type. */
  operation: Operation | null;
}

/** `order`, `PUTAWAY`, `ORDER:update` → a filter; null when the text names no known type or operation. */
export function parseEventFilter(text: string): EventFilter | null {
  const [typeName = '', operationName, ...rest] = text.trim().split(':');
  const type = knownType(typeName);
  const operation = operationName === undefined ? null : knownOperation(operationName);
  if (!type || rest.length > 0 || (operationName !== undefined && !operation)) return null;
  return { type, operation };
}

export function formatFilter(filter: EventFilter): string {
  return filter.operation ? `${filter.type}:${filter.operation}` : filter.type;
}

/** True when no filter is given, or one matches the type (and the operation, when it names one). */
export function matchesFilters(type: string | null, operation: string | null, filters: readonly EventFilter[] | undefined): boolean {
  if (!filters || filters.length === 0) return true;
  return filters.some((f) => f.type === type && (f.operation === null || f.operation === operation));
}
