export const EVENT_TYPES = ['ORDER', 'PUTAWAY'] as const;
export const OPERATIONS = ['CREATE', 'UPDATE'] as const;
export type EventType = (typeof EVENT_TYPES)[number];
export type Operation = (typeof OPERATIONS)[number];

/** Older documentation used lower-case values; API v1 called an order a `getoutrequest`. */
export const LEGACY_TYPES: Record<string, EventType> = {
  order: 'ORDER',
  putaway: 'PUTAWAY',
  getoutrequest: 'ORDER',
};

/**
 * The type WineSitting means by `raw`: the name itself, its upper case, or an older
 * name (`getoutrequest` → `ORDER`); null when it names no known type. Every reading of
 * an event's type (validation, filters, lines, file names) goes through here.
 */
export function knownType(raw: string): EventType | null {
  // Nearly every event names its type exactly: no case folding for those.
  if ((EVENT_TYPES as readonly string[]).includes(raw)) return raw as EventType;
  const upper = raw.toUpperCase();
  if ((EVENT_TYPES as readonly string[]).includes(upper)) return upper as EventType;
  // Own keys only: "constructor" or "__proto__" must not find Object's own properties.
  const lower = raw.toLowerCase();
  return Object.hasOwn(LEGACY_TYPES, lower) ? LEGACY_TYPES[lower]! : null;
}

/** The operation `raw` names, whatever its case; null when unknown. */
export function knownOperation(raw: string): Operation | null {
  if ((OPERATIONS as readonly string[]).includes(raw)) return raw as Operation;
  const upper = raw.toUpperCase();
  return (OPERATIONS as readonly string[]).includes(upper) ? (upper as Operation) : null;
}
