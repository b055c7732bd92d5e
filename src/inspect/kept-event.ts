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
    text: event.text,
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
