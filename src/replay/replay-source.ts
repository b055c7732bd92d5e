import { dateLike, dateToEpoch } from '../events/dates.js';
import { describeEnvelope } from '../events/describe-envelope.js';
import { isPlainObject } from '../events/path.js';
import { createRandom } from '../events/random.js';
import type { StoredEvent } from '../event-files/stored-event.js';
import { matchesFilters, type EventFilter } from '../events/filter.js';
import type { Described } from './event-plan.js';

export type ReplayOrder = 'name' | 'date' | 'shuffle';

/** An event to send: where it was read, the bytes to send, and what the report shows of it. */
export type ReplayItem = Pick<StoredEvent, 'file' | 'line' | 'index' | 'body'> & Described;

export interface SourceOptions {
  order: ReplayOrder;
  seed: number;
  repeat: number;
  filters?: readonly EventFilter[];
  /** Envelope dates set to this moment; undefined keeps the fixture's bytes. */
  refreshDate?: () => number;
}

interface Selected extends Described {
  stored: StoredEvent;
}

/**
 * The events to replay, lazily: in name order the files are streamed and nothing is
 * held; `date` and `shuffle` must see every event first, so they hold them in memory.
 */
export async function* replaySource(events: AsyncIterable<StoredEvent>, options: SourceOptions): AsyncGenerator<ReplayItem> {
  const selected = select(events, options.filters);
  const ordered = options.order === 'name' ? selected : reorder(await collect(selected), options);
  for await (const event of ordered) {
    const sent = options.refreshDate ? withFreshDate(event, options.refreshDate()) : itemOf(event, event.stored.body);
    for (let r = 0; r < options.repeat; r++) yield sent;
  }
}

async function* select(events: AsyncIterable<StoredEvent>, filters: readonly EventFilter[] | undefined): AsyncGenerator<Selected> {
  for await (const stored of events) {
    const { type, operation, objectId } = describeEnvelope(stored.value);
    if (matchesFilters(type, operation, filters)) yield { stored, type, operation, objectId };
  }
}

function itemOf({ stored, type, operation, objectId }: Selected, body: string | Buffer): ReplayItem {
  return { file: stored.file, line: stored.line, index: stored.index, body, type, operation, objectId };
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

function reorder(items: Selected[], options: SourceOptions): Selected[] {
  if (options.order === 'date') {
    const key = (item: Selected) => {
      const epoch = dateToEpoch(isPlainObject(item.stored.value) ? item.stored.value.date : undefined);
      return Number.isNaN(epoch) ? Infinity : epoch;
    };
    return items
      .map((item, index) => ({ item, index, at: key(item) }))
      .sort((a, b) => a.at - b.at || a.index - b.index)
      .map((x) => x.item);
  }
  const random = createRandom(options.seed);
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

function withFreshDate(event: Selected, now: number): ReplayItem {
  const value = event.stored.value;
  if (!isPlainObject(value)) return itemOf(event, event.stored.body);
  return itemOf(event, JSON.stringify({ ...value, date: dateLike(value.date, now) }));
}
