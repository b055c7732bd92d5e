import { describeEnvelope } from '../events/describe-envelope.js';
import type { ReceivedEvent } from '../receive/types.js';

/** Stands for a parsed body the inspector does not keep: what it serves only asks whether there was one. */
const PARSED = Object.freeze({});

/** What the inspector keeps of an event: everything but the parsed body (its text and bytes stay), plus the object's status name. */
export interface KeptEvent extends ReceivedEvent {
  status: string | null;
}

/**
 * A parsed order is hundreds of objects: keeping a thousand of them alive costs the
 * receiver's garbage collector more than all the rest of the inspector. The text is kept,
 * one string, and is what every answer embeds anyway.
 */
export function keepEvent(event: ReceivedEvent): KeptEvent {
  return { ...event, event: event.event === null ? null : PARSED, status: describeEnvelope(event.event).status };
}
