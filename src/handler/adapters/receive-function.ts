import type { Answer } from '../answer.js';
import type { BodyInput } from '../decode-body.js';

/** The core every adapter carries bytes to. */
export type Receive = (input: BodyInput) => Promise<Answer>;
