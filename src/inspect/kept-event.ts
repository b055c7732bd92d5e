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
  // Written out rather than spread: one object shape for all, built without a runtime copy loop.
  return {
    seq: event.seq,
    receivedAt: event.receivedAt,
    method: event.method,
    path: event.path,
    type: event.type,
    operation: event.operation,
    objectId: event.objectId,
    valid: event.valid,
    issues: event.issues,
    duplicateOf: event.duplicateOf,
    changes: event.changes,
    response: event.response,
    forward: event.forward,
    forwardAnswer: event.forwardAnswer,
    file: event.file,
    event: event.event === null ? null : PARSED,
    text: '',
    body: event.body,
    headers: event.headers,
    rejected: event.rejected,
    source: event.source,
    late: event.late,
    shown: event.shown,
    contentType: event.contentType,
    saveError: event.saveError,
    status: describeEnvelope(event.event).status,
  };
}

/** The event with its text, for what embeds or searches it. */
export function withText(event: KeptEvent): KeptEvent {
  return { ...event, text: event.body.toString('utf8') };
}
