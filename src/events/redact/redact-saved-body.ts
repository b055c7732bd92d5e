import { isPlainObject } from '../path.js';
import { RedactionError, type Redactor } from './redact-event.js';
import { rewriteJsonText } from './redact-json-text.js';

/** A request as received: its bytes, their text, and its parsed value (ignored when `rejected`, as not JSON). */
export interface ReceivedBody {
  body: Buffer;
  text: string;
  event: unknown;
  rejected: boolean;
}

/**
 * What `listen --save --redact` writes for a request: an event with its personal values
 * replaced where they stand, every other byte as it came. A body that is not JSON (saved as
 * rejected), or not an object as an event is, has every word and number replaced instead:
 * nothing personal reaches the disk, and the shape of what arrived still shows. Reads the
 * text and value the receiver decoded and parsed, rather than doing it again.
 */
export function redactSavedBody({ body, text, event, rejected }: ReceivedBody, redactor: Redactor): Buffer | string {
  if (!rejected) {
    try {
      const redaction = redactor.redact(event);
      if (isPlainObject(redaction.value)) return redaction.replaced.length === 0 ? body : rewriteJsonText(text, event, redaction.value);
    } catch (error) {
      if (!(error instanceof RedactionError)) throw error;
    }
  }
  return redactor.maskText(text);
}
