import { DEFAULT_MAX_BODY } from '../defaults.js';
import { describeEnvelope } from '../events/describe-envelope.js';
import type { EventFilter } from '../events/filter.js';
import { matchesFilters } from '../events/filter.js';
import { parseEvent } from '../events/parse.js';
import { isPlainObject } from '../events/path.js';
import { headerValue } from '../http/headers.js';
import { sleep } from '../time/sleep.js';
import { infoPage } from './info-page.js';
import { Session } from './session.js';
import { ReceiveSummary } from './summary.js';
import type { Answer, Forward, ForwardOutcome, IncomingRequest, ReceivedEvent, Save, SaveRecord } from './types.js';
import { jsonErrorText } from '../text/json-error.js';

export interface ReceiverOptions {
  /** Status answered when not forwarding. */
  status?: number;
  /** Milliseconds to wait before answering. */
  delay?: number;
  filters?: readonly EventFilter[];
  /** Largest accepted body in bytes; larger gets 413. */
  maxBody?: number;
  save?: Save;
  forward?: Forward;
  clock?: () => Date;
  /** Waits `ms`, or less when `signal` aborts (by default, a timer). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** The CLI as the user started it, for the page a GET shows (default `winesitting-hooks`). */
  invokedAs?: string;
  /** The page a GET shows links to the inspector (served on loopback without a token). */
  inspectorLink?: boolean;
}

export interface Receiver {
  handle(request: IncomingRequest): Promise<Answer>;
  /** Records and answers a request whose body was too large to read; `size` is its declared length, when known. */
  refuseTooLarge(request: Omit<IncomingRequest, 'body'>, size: number | null): Answer;
  subscribe(listener: (event: ReceivedEvent) => void): () => void;
  /** Resolves when every request in progress is answered. */
  drain(): Promise<void>;
  /** Requests received and not yet answered (waiting for a save, the app, or --delay). */
  readonly inFlight: number;
  readonly summary: ReceiveSummary;
}

interface Context {
  readonly options: ReceiverOptions;
  readonly maxBody: number;
  readonly session: Session;
  readonly clock: () => Date;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  nextSeq: number;
  emit(event: ReceivedEvent): void;
}

const JSON_HEADERS = { 'content-type': 'application/json' };
const EMPTY = Buffer.alloc(0);
/** How much of the app's answer the inspector shows. */
const ANSWER_EXCERPT = 2048;

/**
 * The receiver's decisions, free of any transport: request in, answer out. WineSitting
 * never retries, so anything that is JSON is acknowledged, whatever the model says of it.
 */
export function createReceiver(options: ReceiverOptions = {}): Receiver {
  const summary = new ReceiveSummary();
  const listeners = new Set<(event: ReceivedEvent) => void>();
  const context: Context = {
    options,
    maxBody: options.maxBody ?? DEFAULT_MAX_BODY,
    session: new Session(),
    clock: options.clock ?? (() => new Date()),
    sleep: options.sleep ?? sleep,
    nextSeq: 1,
    emit(event) {
      summary.add(event);
      for (const listener of listeners) listener(event);
    },
  };
  const inFlight = createInFlight();
  return {
    handle: (request) => inFlight.track(() => answerRequest(context, request)),
    refuseTooLarge: (request, size) => refuse(context, newRecord(context, request, EMPTY), 413, tooLargeReason(size, context.maxBody)),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    drain: inFlight.drain,
    get inFlight() {
      return inFlight.count();
    },
    summary,
  };
}

async function answerRequest(context: Context, request: IncomingRequest): Promise<Answer> {
  const method = request.method.toUpperCase();
  if (method === 'GET' || method === 'HEAD')
    return {
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: infoPage(context.options.invokedAs ?? 'winesitting-hooks', context.options.inspectorLink === true),
    };
  if (method !== 'POST')
    return refuse(context, newRecord(context, request, EMPTY), 405, `method ${method}: WineSitting only POSTs`, { allow: 'POST, GET, HEAD' });
  if (request.body.length > context.maxBody)
    return refuse(context, newRecord(context, request, EMPTY), 413, tooLargeReason(request.body.length, context.maxBody));
  const record = newRecord(context, request, request.body);
  const parsed = parseBody(record.text);
  if ('error' in parsed) return answerNotJson(context, record, request.body, parsed.error);
  describeEvent(context, record, request.body, parsed.value);
  return answerEvent(context, record, request);
}

/** What the event is and what it means in this session: validity, duplicate, changes, shown. */
function describeEvent(context: Context, record: ReceivedEvent, body: Buffer, value: unknown): void {
  record.event = value;
  const { event, issues } = parseEvent(value);
  record.valid = event !== null;
  record.issues = issues;
  const { type, operation, objectId } = describeEnvelope(value);
  Object.assign(record, { type, operation, objectId });
  record.duplicateOf = context.session.duplicateOf(body, record.seq);
  if (record.duplicateOf === null && type && objectId !== null && isPlainObject(value)) {
    record.changes = context.session.changes(type, objectId, value.object);
  }
  record.shown = matchesFilters(type, operation, context.options.filters);
}

/** Saves and forwards at once; the answer is the app's when forwarding, else the configured status. */
async function answerEvent(context: Context, record: ReceivedEvent, request: IncomingRequest): Promise<Answer> {
  const { save, forward, delay } = context.options;
  const saving = save ? trySave(save, saveRecord(record, request.body, false)) : null;
  const forwarding = forward && record.shown ? forwardUntilAnswered(forward, request, context.sleep) : null;
  // Most events need neither: they are answered without waiting on a promise.
  const [saved, forwarded] = saving || forwarding ? await Promise.all([saving, forwarding]) : [null, null];
  if (saved && 'error' in saved) return answerSaveFailure(context, record, saved.error);
  record.file = saved?.file ?? null;
  if (delay) await context.sleep(delay);
  if (forwarded) return answerForwarded(context, record, forwarded, request.forwardRetry !== undefined);
  const status = context.options.status ?? 200;
  record.response = { status };
  context.emit(record);
  return { status, headers: JSON_HEADERS, body: JSON.stringify({ received: true, seq: record.seq }) };
}

/** Forwards once; a relayed event whose forward got no answer is tried again, as its request says. */
async function forwardUntilAnswered(forward: Forward, request: IncomingRequest, sleep: Context['sleep']): Promise<ForwardOutcome> {
  const retry = request.forwardRetry;
  // Read through a function: the signal may abort while this waits.
  const stopped = () => retry?.signal.aborted !== false;
  for (let attempt = 0; ; attempt++) {
    const outcome = await forward(request);
    if (outcome.status !== null || stopped()) return outcome;
    await sleep(retry!.nextDelay(attempt, outcome), retry!.signal);
    if (stopped()) return outcome;
  }
}

/** The app's answer goes back to the sender as it is; an unreachable app is a 502. */
function answerForwarded(context: Context, record: ReceivedEvent, forwarded: ForwardOutcome, retried: boolean): Answer {
  const { body, contentType, ...shown } = forwarded;
  record.forward = shown;
  record.forwardAnswer = body && body.length > 0 ? body.subarray(0, ANSWER_EXCERPT).toString('utf8') : null;
  record.response = { status: forwarded.status ?? 502 };
  context.emit(record);
  if (forwarded.status === null) {
    const error = JSON.stringify({ error: `could not reach ${forwarded.url}: ${forwarded.error}` });
    return { status: 502, headers: JSON_HEADERS, body: error, unanswered: retried };
  }
  return { status: forwarded.status, headers: contentType ? { 'content-type': contentType } : {}, body: body ?? '' };
}

/** Not JSON, or empty: refused with 400, but shown and saved like any request, so nothing received is lost. */
async function answerNotJson(context: Context, record: ReceivedEvent, body: Buffer, reason: string): Promise<Answer> {
  record.rejected = reason;
  if (context.options.save) {
    const saved = await trySave(context.options.save, saveRecord(record, body, true));
    if ('error' in saved) return answerSaveFailure(context, record, saved.error);
    record.file = saved.file;
  }
  return refuse(context, record, 400, reason);
}

/** --save promises that an acknowledged event is on disk: when it cannot be, say so with a 500. */
function answerSaveFailure(context: Context, record: ReceivedEvent, error: string): Answer {
  record.saveError = error;
  record.response = { status: 500 };
  context.emit(record);
  return { status: 500, headers: JSON_HEADERS, body: JSON.stringify({ error: `could not save the event: ${error}`, seq: record.seq }) };
}

function refuse(context: Context, record: ReceivedEvent, status: number, reason: string, headers: Record<string, string> = {}): Answer {
  record.rejected = reason;
  record.response = { status };
  context.emit(record);
  return { status, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify({ error: reason, seq: record.seq }) };
}

async function trySave(save: Save, record: SaveRecord): Promise<{ file: string } | { error: string }> {
  try {
    return { file: await save(record) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

function newRecord(context: Context, request: Omit<IncomingRequest, 'body'>, body: Buffer): ReceivedEvent {
  return {
    seq: context.nextSeq++,
    receivedAt: (request.receivedAt ?? context.clock()).toISOString(),
    method: request.method,
    path: request.path,
    type: null,
    operation: null,
    objectId: null,
    valid: false,
    issues: [],
    duplicateOf: null,
    changes: [],
    response: { status: 0 },
    forward: null,
    forwardAnswer: null,
    file: null,
    event: null,
    // Invalid UTF-8 becomes U+FFFD, as with TextDecoder; the raw bytes are what is saved and forwarded.
    text: body.length === 0 ? '' : body.toString('utf8'),
    body,
    headers: request.headers,
    rejected: null,
    source: request.source ?? 'local',
    late: request.late ?? false,
    shown: true,
    contentType: headerValue(request.headers['content-type']),
    saveError: null,
  };
}

function tooLargeReason(size: number | null, limit: number): string {
  return `body${size !== null ? ` of ${size} bytes` : ''} is over the ${limit}-byte limit; raise it with --max-body`;
}

function parseBody(text: string): { value: unknown } | { error: string } {
  if (text.trim() === '') return { error: 'empty body: WineSitting sends a JSON event' };
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    return { error: `body is not JSON (${jsonErrorText(error)})` };
  }
}

function saveRecord(record: ReceivedEvent, body: Buffer, rejected: boolean): SaveRecord {
  return {
    seq: record.seq,
    receivedAt: new Date(record.receivedAt),
    type: record.type,
    operation: record.operation,
    objectId: record.objectId,
    body,
    text: record.text,
    event: record.event,
    rejected,
  };
}

/** Counts requests in progress, so that stopping can wait for the last answer. */
function createInFlight() {
  let count = 0;
  const waiting: (() => void)[] = [];
  return {
    async track<T>(work: () => Promise<T>): Promise<T> {
      count++;
      try {
        return await work();
      } finally {
        if (--count === 0) for (const resolve of waiting.splice(0)) resolve();
      }
    },
    drain: (): Promise<void> => (count === 0 ? Promise.resolve() : new Promise((resolve) => waiting.push(resolve))),
    count: () => count,
  };
}
