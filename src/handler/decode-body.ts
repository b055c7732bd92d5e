import { stripBom } from '../text/strip-bom.js';
import { answer, type Answer } from './answer.js';

/** A request body as an adapter has it: the bytes it read, or the value a framework's parser made of them. */
export type BodyInput = { bytes: Uint8Array } | { parsed: unknown };

/** The body's JSON value, with its text when the body came as text; or the answer that refuses it. */
export type Decoded = { value: unknown; text?: string } | { refused: Answer };

/** The JSON value of a body, or the 400 that an empty or non-JSON body gets. */
export function decodeBody(input: BodyInput): Decoded {
  if ('parsed' in input) {
    const { parsed } = input;
    if (parsed instanceof Uint8Array) return decodeBody({ bytes: parsed });
    // A framework's text parser leaves a string: still the body's JSON text.
    if (typeof parsed === 'string') return decodeText(parsed);
    if (parsed === undefined || parsed === null)
      return { refused: answer(400, { ok: false, error: 'The body is empty; expected a WineSitting event in JSON.' }) };
    return { value: parsed };
  }
  return decodeText(Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength).toString('utf8'));
}

function decodeText(raw: string): Decoded {
  const text = stripBom(raw);
  if (!/\S/.test(text)) return { refused: answer(400, { ok: false, error: 'The body is empty; expected a WineSitting event in JSON.' }) };
  try {
    return { value: JSON.parse(text), text };
  } catch {
    return { refused: answer(400, { ok: false, error: 'The body is not JSON; expected a WineSitting event in JSON.' }) };
  }
}
