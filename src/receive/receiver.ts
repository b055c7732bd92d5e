import { describeEnvelope } from '../events/describe-envelope.js';
import { parseEvent } from '../events/parse.js';
import { isPlainObject } from '../events/path.js';
import { matchesFilters, type TypeFilter } from '../options.js';
import { infoPage } from './info-page.js';
import { Session } from './session.js';
import { ReceiveSummary } from './summary.js';
import type { Answer, ForwardOutcome, IncomingRequest, ReceivedEvent } from './types.js';

export interface SaveRecord {
  seq: number;
  receivedAt: Date;
  type: string | null;
  operation: string | null;
  objectId: string | number | null;
  body: Buffer;
  rejected: boolean;
}

export interface ReceiverOptions {
  /** Status answered when not forwarding. */
  status?: number;
  /** Milliseconds to wait before answering. */
  delay?: number;
  filters?: TypeFilter[];
  maxBody?: number;
  /** Writes the body to disk and resolves with its path; the answer waits for it. */
  save?: (record: SaveRecord) => Promise<string>;
  forward?: (request: IncomingRequest) => Promise<ForwardOutcome>;
  clock?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

export interface Receiver {
  handle(request: IncomingRequest): Promise<Answer>;
  /** Records a request refused before its body was read (too large, malformed). */
  refuse(request: Omit<IncomingRequest, 'body'>, status: number, reason: string): Answer;
  subscribe(listener: (event: ReceivedEvent) => void): () => void;
  /** Resolves when every request in progress is answered. */
  drain(): Promise<void>;
  readonly summary: ReceiveSummary;
}

const JSON_HEADERS = { 'content-type': 'application/json' };

/**
 * The receiver's decisions, free of any transport: request in, answer out. WineSitting
 * never retries, so anything that is JSON is acknowledged, whatever the model says of it.
 */
export function createReceiver(options: ReceiverOptions = {}): Receiver {
  const session = new Session();
  const summary = new ReceiveSummary();
  const listeners = new Set<(event: ReceivedEvent) => void>();
  let inFlight = 0;
  const drained: Array<() => void> = [];
  const clock = options.clock ?? (() => new Date());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let seq = 0;

  const emit = (event: ReceivedEvent) => {
    summary.add(event);
    for (const listener of listeners) listener(event);
  };

  const base = (request: Omit<IncomingRequest, 'body'>, text: string): ReceivedEvent => ({
    seq: ++seq,
    receivedAt: (request.receivedAt ?? clock()).toISOString(),
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
    file: null,
    event: null,
    text,
    rejected: null,
    source: request.source ?? 'local',
    late: request.late ?? false,
    shown: true,
    contentType: headerValue(request.headers['content-type']),
    saveError: null,
  });

  async function process(request: IncomingRequest): Promise<Answer> {
    const method = request.method.toUpperCase();
    if (method === 'GET' || method === 'HEAD') return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: infoPage() };
    if (method !== 'POST') {
      const record = base(request, '');
      return answerRefusal(record, 405, `method ${method}: WineSitting only POSTs`, { allow: 'POST, GET, HEAD' });
    }
    if (options.maxBody !== undefined && request.body.length > options.maxBody) {
      return answerRefusal(base(request, ''), 413, `body of ${request.body.length} bytes is over the ${options.maxBody}-byte limit (--max-body)`);
    }
    // Invalid UTF-8 becomes U+FFFD, as with TextDecoder; the raw bytes are what is saved and forwarded.
    const text = request.body.toString('utf8');
    const record = base(request, text);
    const parsed = parseBody(text);
    if (parsed.error) {
      record.rejected = parsed.error;
      if (options.save) {
        const saved = await trySave(saveRecord(record, request.body, true));
        if ('error' in saved) return answerSaveFailure(record, saved.error);
        record.file = saved.file;
      }
      return answerRefusal(record, 400, parsed.error);
    }
    record.event = parsed.value;
    const { event, issues } = parseEvent(parsed.value);
    record.valid = event !== null;
    record.issues = issues;
    const { type, operation, objectId } = describeEnvelope(parsed.value);
    Object.assign(record, { type, operation, objectId });
    record.duplicateOf = session.duplicateOf(request.body, record.seq);
    if (record.duplicateOf === null && record.type && record.objectId !== null && isPlainObject(parsed.value)) {
      record.changes = session.changes(record.type, record.objectId, parsed.value.object);
    }
    record.shown = matchesFilters(record.type, record.operation, options.filters);
    const saving = options.save ? trySave(saveRecord(record, request.body, false)) : null;
    const forwarding = options.forward && record.shown ? options.forward(request) : null;
    const [saved, forward] = saving || forwarding ? await Promise.all([saving, forwarding]) : [null, null];
    if (saved && 'error' in saved) return answerSaveFailure(record, saved.error);
    record.file = saved?.file ?? null;
    if (options.delay) await sleep(options.delay);
    if (forward) {
      const { body, contentType, ...shown } = forward;
      record.forward = shown;
      const status = forward.status ?? 502;
      record.response = { status };
      emit(record);
      if (forward.status === null) return { status: 502, headers: JSON_HEADERS, body: JSON.stringify({ error: `could not reach ${forward.url}: ${forward.error}` }) };
      return { status, headers: contentType ? { 'content-type': contentType } : {}, body: body ?? '' };
    }
    const status = options.status ?? 200;
    record.response = { status };
    emit(record);
    return { status, headers: JSON_HEADERS, body: JSON.stringify({ received: true, seq: record.seq }) };
  }

  async function trySave(record: SaveRecord): Promise<{ file: string } | { error: string }> {
    try {
      return { file: await options.save!(record) };
    } catch (error) {
      return { error: (error as Error).message };
    }
  }

  /** --save promises that an acknowledged event is on disk: when it cannot be, say so with a 500. */
  function answerSaveFailure(record: ReceivedEvent, error: string): Answer {
    record.saveError = error;
    record.response = { status: 500 };
    emit(record);
    return { status: 500, headers: JSON_HEADERS, body: JSON.stringify({ error: `could not save the event: ${error}`, seq: record.seq }) };
  }

  function answerRefusal(record: ReceivedEvent, status: number, reason: string, headers: Record<string, string> = {}): Answer {
    record.rejected = reason;
    record.response = { status };
    emit(record);
    return { status, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify({ error: reason, seq: record.seq }) };
  }

  return {
    async handle(request) {
      inFlight++;
      try {
        return await process(request);
      } finally {
        if (--inFlight === 0) for (const resolve of drained.splice(0)) resolve();
      }
    },
    refuse(request, status, reason) {
      return answerRefusal(base(request, ''), status, reason);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    drain() {
      return inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => drained.push(resolve));
    },
    summary,
  };
}

function parseBody(text: string): { value?: unknown; error?: string } {
  if (text.trim() === '') return { error: 'empty body: WineSitting sends a JSON event' };
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    return { error: `body is not JSON (${(error as Error).message})` };
  }
}

function saveRecord(record: ReceivedEvent, body: Buffer, rejected: boolean): SaveRecord {
  return { seq: record.seq, receivedAt: new Date(record.receivedAt), type: record.type, operation: record.operation, objectId: record.objectId, body, rejected };
}

function headerValue(value: string | string[] | undefined): string | null {
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}
