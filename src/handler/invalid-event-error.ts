import type { Issue } from '../events/parse.js';

/** A body that is JSON but not a WineSitting event: acknowledged (refusing it would not bring it back) and reported to `onError`. */
export class InvalidEventError extends Error {
  override readonly name = 'InvalidEventError';
  constructor(readonly issues: Issue[]) {
    super(`Not a WineSitting event: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`);
  }
}
