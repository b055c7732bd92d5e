import { jsonErrorText } from '../text/json-error.js';

export function parseJson(text: string): { value: unknown; parseError: string | null } {
  try {
    return { value: JSON.parse(text), parseError: null };
  } catch (error) {
    return { value: undefined, parseError: `not valid JSON: ${jsonErrorText(error)}` };
  }
}
