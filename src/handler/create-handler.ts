import { DEFAULT_MAX_BODY } from '../defaults.js';
import { EVENT_TYPES, OPERATIONS } from '../events/event-names.js';
import { ACCEPTED, DUPLICATE, answer, type Answer } from './answer.js';
import { decodeBody, type BodyInput } from './decode-body.js';
import { eventKey } from './event-key.js';
import { objectVersion } from './object-version.js';
import { readEvent, type ReadEvent } from './read-event.js';
import { createOrderedQueue } from './ordered-queue.js';
import { expressAdapter, type ExpressMiddleware } from './adapters/express.js';
import { fastifyAdapter, type FastifyRouteHandler } from './adapters/fastify.js';
import { fetchAdapter } from './adapters/fetch.js';
import { nodeAdapter, type NodeRequestListener } from './adapters/node.js';
import { InvalidEventError } from './invalid-event-error.js';
import type { AnyEvent, EventFor, EventInfo, EventName, Listener, PendingEvent, Store } from './types.js';

export interface ErrorContext {
  /** The event being handled, when there is one. */
  event?: AnyEvent;
  info?: EventInfo;
  /** The body as received, for an event that could not be read or recorded. */
  body?: string;
}

export interface HandlerOptions {
  /** Where events are recorded: `memoryStore()`, `fileStore(dir)` or `redisStore(client)`. */
  store: Store;
  /** Runs for every event, after it is acknowledged, before the listeners added with `on`. */
  onEvent?: Listener;
  /** The key that makes copies of one event one: by default SHA-256 of `type`, `operation` and `object`. */
  key?: (event: AnyEvent, raw: unknown) => string;
  /** Do not run the handlers for a stale event (an older version of an object already seen); it is marked processed. */
  skipStale?: boolean;
  /** How many events are handled at once (default 4); events of one object run one after the other, in arrival order. */
  concurrency?: number;
  /** Runs for a copy of an event already recorded: it is acknowledged, not handled again. */
  onDuplicate?: Listener;
  /** Each failure: a handler that threw (the event stays pending), a store that failed, a body that is JSON but no event. */
  onError?: (error: unknown, context: ErrorContext) => unknown;
  /** Largest body read, in bytes (default 10 MB); past it the answer is 413. */
  bodyLimit?: number;
  /** Run `retryPending()` when the handler is created (default true). */
  retryOnStart?: boolean;
  /** The clock, in epoch milliseconds. */
  now?: () => number;
}

export interface RetryReport {
  /** Pending events run again. */
  retried: number;
  /** Of those, how many failed again (each reported to `onError`). */
  failed: number;
}

export interface WebhookHandler {
  /** Adds a listener: `ORDER.UPDATE`, `ORDER`, `PUTAWAY.CREATE`, `*`… typed from the model. */
  on<N extends EventName>(name: N | readonly N[], listener: Listener<EventFor<N>>): WebhookHandler;
  /** The framework-neutral core: a body in, the answer out; handling starts after it. */
  receive(input: BodyInput): Promise<Answer>;
  /** Runs the events recorded and not processed (a handler threw, or the process died). */
  retryPending(): Promise<RetryReport>;
  /** Resolves once every acknowledged event has been handled: call it before shutting down. */
  drain(): Promise<void>;
  /** node:http request listener: `http.createServer(hooks.node())`. */
  node(): NodeRequestListener;
  /** Express 4/5 and Connect middleware: `app.post(path, hooks.express())`. */
  express(): ExpressMiddleware;
  /** Fastify 4/5 route handler: `fastify.post(path, hooks.fastify())`. */
  fastify(): FastifyRouteHandler;
  /** A Web `Request` in, a `Response` out (Hono, Next.js route handlers, Bun, Deno); bound, so `export const POST = hooks.fetch` works. */
  fetch: (request: Request) => Promise<Response>;
  /** Resolves once the start-up `retryPending()` has finished. */
  ready: Promise<void>;
}

const NAMES = new Set<string>(['*', ...EVENT_TYPES, ...EVENT_TYPES.flatMap((type) => OPERATIONS.map((operation) => `${type}.${operation}`))]);

/** An event as recorded: its key, its JSON value and text, and what the store said of it. */
interface Recorded {
  key: string;
  raw: unknown;
  body: string;
  stale: boolean;
  receivedAt: number;
  /** The object it is about: events of one object are handled one after the other. */
  object: string | undefined;
  /** The event as read already (for a `key` option), else read when handled. */
  read?: ReadEvent;
}

/** A `key` option sees the event as handlers do; JSON that is no event gets the default key. */
function customKey(key: NonNullable<HandlerOptions['key']>, raw: unknown): { key: string; read: ReadEvent } {
  const read = readEvent(raw);
  return { key: read.event ? key(read.event, raw) : eventKey(raw), read };
}

/** `info`, with `issues` validated when first read. */
function eventInfo(fields: Omit<EventInfo, 'issues'>, issues: () => EventInfo['issues']): EventInfo {
  return Object.defineProperty(fields, 'issues', { get: issues, enumerable: true }) as EventInfo;
}

/** The same default as `listen --max-body`. */
export const DEFAULT_BODY_LIMIT = DEFAULT_MAX_BODY;

/** The handler kit: acknowledge fast, never refuse an event, handle each event once, notice late updates. */
export function createHandler(options: HandlerOptions): WebhookHandler {
  const { store, skipStale = false, concurrency = 4, bodyLimit = DEFAULT_BODY_LIMIT, now = Date.now } = options;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a whole number of at least 1, not ${concurrency}`);
  const listeners = new Map<string, Listener[]>();
  const queue = createOrderedQueue(concurrency);
  const inFlight = new Set<string>();
  const receiving = new Set<Promise<unknown>>();

  const report = async (error: unknown, context: ErrorContext) => {
    try {
      await options.onError?.(error, context);
    } catch {
      // An onError that throws has nowhere left to report to.
    }
  };

  /** Queues one run of the handlers; resolves with whether it succeeded, or null when the event is already queued here. */
  const handle = (recorded: Recorded, later = false): Promise<boolean> | null => {
    const { key, raw, body, stale, receivedAt } = recorded;
    if (inFlight.has(key)) return null;
    inFlight.add(key);
    return new Promise<boolean>((resolve) => {
      const task = {
        group: recorded.object,
        run: async () => {
          let event: AnyEvent | undefined;
          let info: EventInfo | undefined;
          try {
            // Validation waits until after the answer too: the answer needs only the key and the version.
            const read = recorded.read ?? readEvent(raw);
            if (!read.event) {
              // JSON, but not an event: refusing it would have lost it all the same; it is reported, once.
              await report(new InvalidEventError(read.issues()), { body });
            } else {
              event = read.event;
              const attempt = await store.startAttempt(key);
              info = eventInfo({ key, duplicate: false, stale, receivedAt: new Date(receivedAt), attempt }, read.issues);
              if (!(stale && skipStale)) await runListeners(event, info);
            }
            await store.markProcessed(key);
            resolve(true);
          } catch (error) {
            await report(error, { event, info });
            resolve(false);
          } finally {
            inFlight.delete(key);
          }
        },
      };
      // A new event waits for the next turn of the event loop: its answer is on its way first.
      if (later) setImmediate(() => queue.add(task));
      else queue.add(task);
    });
  };

  const runListeners = async (event: AnyEvent, info: EventInfo) => {
    await options.onEvent?.(event, info);
    for (const name of [`${event.type}.${event.operation}`, event.type, '*']) {
      for (const listener of listeners.get(name) ?? []) await listener(event, info);
    }
  };

  const receive = async (input: BodyInput): Promise<Answer> => {
    const decoded = decodeBody(input);
    if ('refused' in decoded) return decoded.refused;
    const { value: raw, text } = decoded;
    const body = text ?? JSON.stringify(raw);
    const receivedAt = now();
    try {
      const { key, read } = options.key ? customKey(options.key, raw) : { key: eventKey(raw), read: undefined };
      const version = objectVersion(raw);
      const { first, stale } = await store.record({ key, body, receivedAt, ...version });
      const recorded = { key, raw, body, stale, receivedAt, object: version.object, read };
      if (!first) {
        if (options.onDuplicate) void duplicate(options.onDuplicate, recorded);
        return DUPLICATE;
      }
      // Handled after the answer: WineSitting's answer never waits for the app's work.
      void handle(recorded, true);
      return ACCEPTED;
    } catch (error) {
      await report(error, { body });
      return answer(500, { ok: false, error: 'The event could not be recorded in the store.' });
    }
  };

  const duplicate = async (listener: Listener, { key, raw, stale, receivedAt, read }: Recorded) => {
    const { event, issues } = read ?? readEvent(raw);
    if (!event) return;
    const info = eventInfo({ key, duplicate: true, stale, receivedAt: new Date(receivedAt), attempt: 0 }, issues);
    try {
      await listener(event, info);
    } catch (error) {
      await report(error, { event, info });
    }
  };

  const tracked = (input: BodyInput): Promise<Answer> => {
    const promise = receive(input);
    receiving.add(promise);
    void promise.finally(() => receiving.delete(promise));
    return promise;
  };

  const retryPending = async (): Promise<RetryReport> => {
    const pending = await store.pending();
    const runs: Promise<boolean>[] = [];
    for (const entry of pending) {
      const run = retry(entry);
      if (run) runs.push(run);
    }
    const results = await Promise.all(runs);
    return { retried: results.length, failed: results.filter((ok) => !ok).length };
  };

  const retry = (entry: PendingEvent): Promise<boolean> | null => {
    let raw: unknown;
    try {
      raw = JSON.parse(entry.body);
    } catch {
      raw = undefined;
    }
    return handle({ ...entry, raw, object: objectVersion(raw).object });
  };

  const drain = async () => {
    while (receiving.size > 0 || queue.size > 0 || inFlight.size > 0) {
      await Promise.all(receiving);
      // A recorded event reaches the queue on the next turn of the event loop.
      await new Promise((resolve) => setImmediate(resolve));
      await queue.idle();
    }
  };

  const hooks: WebhookHandler = {
    on(name, listener) {
      for (const one of (Array.isArray(name) ? name : [name]) as string[]) {
        if (!NAMES.has(one)) throw new TypeError(`Unknown event name "${one}"; expected one of ${[...NAMES].join(', ')}`);
        listeners.set(one, [...(listeners.get(one) ?? []), listener as Listener]);
      }
      return hooks;
    },
    receive: tracked,
    retryPending,
    drain,
    node: () => nodeAdapter(tracked, bodyLimit),
    express: () => expressAdapter(tracked, bodyLimit),
    fastify: () => fastifyAdapter(tracked),
    fetch: fetchAdapter(tracked, bodyLimit),
    ready: Promise.resolve(),
  };
  if (options.retryOnStart ?? true) {
    hooks.ready = retryPending().then(
      () => undefined,
      (error: unknown) => report(error, {}),
    );
  }
  return hooks;
}
