import type { Issue } from '../events/parse.js';
import type { EventType, Operation, Order, Putaway, WineSittingEvent } from '../events/schema.js';

/** The object each event type carries, from the zod model. */
export interface ObjectOf {
  ORDER: Order;
  PUTAWAY: Putaway;
}

/** An event of one type and operation, typed from the model: in an `ORDER.UPDATE` event, `object` is an order. */
export type TypedEvent<T extends EventType = EventType, O extends Operation = Operation> = {
  [K in T]: WineSittingEvent<ObjectOf[K]> & { type: K; operation: O };
}[T];

/** Any event the kit hands to the app. */
export type AnyEvent = TypedEvent;

/** What `hooks.on` listens to: `ORDER.UPDATE` (a type and an operation), `ORDER` (every operation of a type) or `*` (everything). */
export type EventName = `${EventType}.${Operation}` | EventType | '*';

/** The event a listener of `name` receives. */
export type EventFor<N extends EventName> = N extends `${infer T extends EventType}.${infer O extends Operation}`
  ? TypedEvent<T, O>
  : N extends EventType
    ? TypedEvent<N>
    : AnyEvent;

export interface EventInfo {
  /** The event's key in the store: the same for every copy of one event. */
  key: string;
  /** True only for `onDuplicate`: a copy of an event already recorded. */
  duplicate: boolean;
  /** An older version of the object than one already seen (its `updated_at` is before the newest seen). */
  stale: boolean;
  /** When the first copy was received. */
  receivedAt: Date;
  /** Which run of the handlers this is: 1 for the first, 2 for the first retry… (0 for a duplicate). */
  attempt: number;
  /** Deviations from the WineSitting model (warnings): the event is still acknowledged and handled. */
  issues: Issue[];
}

export type Listener<E = AnyEvent> = (event: E, info: EventInfo) => unknown;

/** What a store is asked to record for each event that arrives. */
export interface RecordEntry {
  key: string;
  /** The JSON text of the event as received (re-parsed to retry it). */
  body: string;
  receivedAt: number;
  /** `type:id` of the object, when it has an id. */
  object?: string;
  /** The object's `updated_at` in epoch milliseconds, when it has one. */
  updatedAt?: number;
}

export interface RecordResult {
  /** This copy is the first with its key: the one to process. */
  first: boolean;
  stale: boolean;
}

export interface PendingEvent {
  key: string;
  body: string;
  receivedAt: number;
  stale: boolean;
  /** Runs started so far. */
  attempts: number;
}

/**
 * Where the kit records events. `record` must be atomic: of several copies with one key,
 * even at the same moment or from several processes sharing the store, exactly one is first.
 */
export interface Store {
  record(entry: RecordEntry): Promise<RecordResult>;
  /** Counts a run of the handlers and returns its number (1 for the first). */
  startAttempt(key: string): Promise<number>;
  markProcessed(key: string): Promise<void>;
  /** Events recorded and not processed, oldest first. */
  pending(): Promise<PendingEvent[]>;
  /** Releases what the store holds open (files); the app's own clients are left to the app. */
  close?(): Promise<void>;
}
