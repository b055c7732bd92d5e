import { EVENT_TYPES, OPERATIONS } from '../events/event-names.js';
import { parseEvent, type Issue } from '../events/parse.js';
import { isPlainObject } from '../events/path.js';
import type { AnyEvent } from './types.js';

export interface ReadEvent {
  /** The event, with type and operation in WineSitting's current names; null when the value is no event. */
  event: AnyEvent | null;
  /** Its validation issues, computed on first read. */
  issues: () => Issue[];
}

/**
 * The event in a JSON value. An envelope already in WineSitting's current names (nearly every
 * one) is taken as it is and validated only if someone reads its issues: the model's warnings
 * never change what happens to an event, and validating costs more than all the rest of receiving it.
 */
export function readEvent(raw: unknown): ReadEvent {
  if (isCanonical(raw)) {
    let issues: Issue[] | undefined;
    return { event: raw as AnyEvent, issues: () => (issues ??= parseEvent(raw).issues) };
  }
  const { event, issues } = parseEvent(raw);
  return { event: event as AnyEvent | null, issues: () => issues };
}

/** The cases where `parseEvent` finds no error and changes nothing: known names as sent, an object, a putaway with an integer id. */
function isCanonical(raw: unknown): raw is Record<string, unknown> {
  if (!isPlainObject(raw) || !isPlainObject(raw.object)) return false;
  if (!(OPERATIONS as readonly unknown[]).includes(raw.operation) || !(EVENT_TYPES as readonly unknown[]).includes(raw.type)) return false;
  return raw.type === 'ORDER' || Number.isInteger(raw.object.id);
}
