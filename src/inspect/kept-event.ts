import { describeEnvelope } from '../events/describe-envelope.js';
import type { ReceivedEvent } from '../receive/types.js';

/** Stands for a parsed body the inspector does not keep: what it serves only asks whether there was one. */
const PARSED = Object.freeze({});

/** What the inspector keeps of an event: everything but the parsed body and its text (the bytes stay), plus the object's status name. */
export interface KeptEvent extends ReceivedEvent {
  status: string | null;
}

/**
 * Kept for a while, an event outlives the young generation of listen's garbage collector,
 * which copies what survives: a parsed order is hundreds of objects, its text a few
 * kilobytes. The bytes live outside that heap, and the text is decoded again from them when
 * asked for (`withText`).
 */
export function keepEvent(event: ReceivedEvent): KeptEvent {
  return { ...event, event: event.event === null ? null : PARSED, text: '', status: describeEnvelope(event.event).status };
}

/** The event with its text, for what embeds or searches it. */
export function withText(event: KeptEvent): KeptEvent {
  return { ...event, text: event.body.toString('utf8') };
}
