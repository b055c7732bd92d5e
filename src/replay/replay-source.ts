import { dateLike, dateToEpoch } from '../events/dates.js';
import { describeEnvelope } from '../events/describe-envelope.js';
import { isPlainObject } from '../events/path.js';
import { createRandom } from '../events/random.js';
import type { StoredEvent } from '../event-files/stored-event.js';
import { matchesFilters, type EventFilter } from '../events/filter.js';

export type ReplayOrder = 'name' | 'date' | 'shuffle';

export interface ReplayItem {
  stored: StoredEvent;
  type: string | null;
  operation: string | null;
  objectId: string | number | null;
}

export interface SourceOptions {
  order: ReplayOrder;
  seed: number;
  repeat: number;
  filters?: readonly EventFilter[];
  /** Envelope dates set to this moment; undefined keeps the fixture's bytes. */
  refreshDate?: () => number;
}

/**
 * The events to replay, lazily: in name order the files are streamed and nothing is
 * held; `date` and `shuffle` must see every event first, so they hold them in memory.
 */
export async function* replaySource(events: AsyncIterable<StoredEvent>, options: SourceOptions): AsyncGenerator<ReplayItem> {
  const selected = select(events, options.filters);
  const ordered = options.order === 'name' ? selected : reorder(await collect(selected), options);
  for await (const item of ordered) {
    const sent = options.refreshDate ? withFreshDate(item, options.refreshDate()) : item;
    for (let r = 0; r < options.repeat; r++) yield sent;
  }
}

async function* select(events: AsyncIterable<StoredEvent>, filters: readonly EventFilter[] | undefined): AsyncGenerator<ReplayItem> {
  for await (const stored of events) {
    const item = describeStored(stored);
    if (matchesFilters(item.type, item.operation, filters)) yield item;
  }
}

function describeStored(stored: StoredEvent): ReplayItem {
  const { type, operation, objectId } = describeEnvelope(stored.value);
  return { stored, type, operation, objectId };
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

function reorder(items: ReplayItem[], options: SourceOptions): ReplayItem[] {
  if (options.order === 'date') {
    const key = (item: ReplayItem) => {
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

function withFreshDate(item: ReplayItem, now: number): ReplayItem {
  const value = item.stored.value;
  if (!isPlainObject(value)) return item;
  const refreshed = { ...value, date: dateLike(value.date, now) };
  return { ...item, stored: { ...item.stored, value: refreshed, body: JSON.stringify(refreshed) } };
}
