import type { Change } from '../events/diff.js';
import type { Issue } from '../events/parse.js';

export type Headers = Record<string, string | string[] | undefined>;
export type Source = 'local' | 'relay';

/** A request as any transport hands it over: the local HTTP server or the relay client. */
export interface IncomingRequest {
  method: string;
  /** Path and query, as received (`/hooks?env=staging`). */
  path: string;
  headers: Headers;
  body: Buffer;
  source?: Source;
  /** Relayed after a disconnect: it waited at the relay. */
  late?: boolean;
  receivedAt?: Date;
  /**
   * For relayed events, which the relay keeps: a forward that got no answer (refused,
   * reset, timeout) is tried again after `nextDelay` ms, until `signal` aborts.
   */
  forwardRetry?: { signal: AbortSignal; nextDelay(attempt: number, failure: ForwardOutcome): number };
}

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
  /** With `forwardRetry`: the app never answered before the retries were stopped. */
  unanswered?: boolean;
}

/** What `--save` needs to name and write one request. */
export interface SaveRecord {
  seq: number;
  receivedAt: Date;
  type: string | null;
  operation: string | null;
  objectId: string | number | null;
  body: Buffer;
  /** The body decoded, and parsed (null when it is not JSON), as the receiver already has them: a saver that rewrites the body reads neither again. */
  text: string;
  event: unknown;
  rejected: boolean;
}

/** Writes the body to disk and resolves with its path; the answer waits for it. */
export type Save = (record: SaveRecord) => Promise<string>;
export type Forward = (request: IncomingRequest) => Promise<ForwardOutcome>;

export interface ForwardOutcome {
  url: string;
  status: number | null;
  ms: number;
  error: string | null;
  /** The app's answer, passed back to the sender. */
  body: Buffer | null;
  contentType: string | null;
}

/** Everything known about one received request: what renderers, summaries and tests see. */
export interface ReceivedEvent {
  seq: number;
  receivedAt: string;
  method: string;
  path: string;
  type: string | null;
  operation: string | null;
  objectId: string | number | null;
  valid: boolean;
  issues: Issue[];
  duplicateOf: number | null;
  changes: Change[];
  response: { status: number };
  forward: Omit<ForwardOutcome, 'body' | 'contentType'> | null;
  /** The start of the app's answer when forwarding, as text, for the inspector. */
  forwardAnswer: string | null;
  file: string | null;
  /** The parsed body; null when it is not JSON. */
  event: unknown;
  /** The body text as received, for the JSON line (kept even when it is JSON). */
  text: string;
  /** The exact bytes received (empty when refused unread: too large, wrong method). */
  body: Buffer;
  headers: Headers;
  /** Why it was refused (not JSON, empty, too large, wrong method); null when acknowledged as JSON. */
  rejected: string | null;
  source: Source;
  late: boolean;
  /** False when a --filter hides it: still acknowledged and saved. */
  shown: boolean;
  contentType: string | null;
  /** Why `--save` could not write it (answered 500); null otherwise. */
  saveError: string | null;
}
