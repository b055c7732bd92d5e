import { isPlainObject } from '../path.js';
import { RedactionError, type Redactor } from './redact-event.js';
import { redactJsonText } from './redact-json-text.js';

/**
 * What `listen --save --redact` writes for a request: an event with its personal values
 * replaced where they stand, every other byte as it came. A body that is not JSON (saved as
 * rejected), or not an object as an event is, has every word and number replaced instead:
 * nothing personal reaches the disk, and the shape of what arrived still shows.
 */
export function redactSavedBody(body: Buffer, rejected: boolean, redactor: Redactor): Buffer | string {
  const text = body.toString('utf8');
  if (!rejected) {
    try {
      const { text: redacted, redaction } = redactJsonText(text, redactor);
      if (isPlainObject(redaction.value)) return redacted === text ? body : redacted;
    } catch (error) {
      if (!(error instanceof SyntaxError || error instanceof RedactionError)) throw error;
    }
  }
  return redactor.maskText(text);
}
