import { createMatcher, NO_FILTER, type EventFilter } from './filter.js';
import type { ListItem } from './types.js';

/**
 * The events the page keeps, oldest first, at most `capacity` of them (the server's
 * `--history`): a page left open for days receives more than it should hold. Keeps the
 * filtered list up to date as events arrive and leave, without scanning them all.
 */
export class EventStore {
  private items: ListItem[] = [];
  private readonly bySeq = new Map<number, ListItem>();
  private shown: ListItem[] = [];
  private matcher = createMatcher(NO_FILTER);
  private lastSeq = 0;

  constructor(private capacity = 1000) {}

  get size(): number {
    return this.items.length;
  }

  /** The seq of the newest event received. */
  get newest(): number {
    return this.lastSeq;
  }

  /** How many pass the filter. */
  get visibleCount(): number {
    return this.shown.length;
  }

  setCapacity(capacity: number): void {
    this.capacity = Math.max(1, capacity);
    this.trim();
  }

  get(seq: number): ListItem | undefined {
    return this.bySeq.get(seq);
  }

  /** Adds events in arrival order; those already seen (a stream that resumed) are skipped. Answers how many new rows the filtered list gained at its top. */
  add(items: ListItem[]): number {
    let visible = 0;
    for (const item of items) {
      if (item.seq <= this.lastSeq) continue;
      this.lastSeq = item.seq;
      this.items.push(item);
      this.bySeq.set(item.seq, item);
      if (this.matcher(item)) {
        this.shown.push(item);
        visible++;
      }
    }
    this.trim();
    return Math.min(visible, this.shown.length);
  }

  /** `listen` restarted: its numbering starts again at 1. */
  clear(): void {
    this.items = [];
    this.shown = [];
    this.bySeq.clear();
    this.lastSeq = 0;
  }

  /** `textMatches`: the events the server found holding the filter's words (null without words). */
  setFilter(filter: EventFilter, textMatches: ReadonlySet<number> | null = null): void {
    this.matcher = createMatcher(filter, textMatches);
    this.shown = this.items.filter(this.matcher);
  }

  /** The `index`th event passing the filter, newest first. */
  visibleAt(index: number): ListItem | undefined {
    return this.shown[this.shown.length - 1 - index];
  }

  /** Where an event stands in the filtered list, newest first; -1 when filtered out or gone. */
  visibleIndexOf(seq: number): number {
    let low = 0;
    let high = this.shown.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const at = this.shown[middle]!.seq;
      if (at === seq) return this.shown.length - 1 - middle;
      if (at < seq) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }

  /** Drops the oldest beyond the capacity; answers how many of them were visible. */
  private trim(): number {
    const excess = this.items.length - this.capacity;
    if (excess <= 0) return 0;
    const gone = this.items.splice(0, excess);
    let visible = 0;
    for (const item of gone) {
      this.bySeq.delete(item.seq);
      if (this.shown[visible] === item) visible++;
    }
    if (visible > 0) this.shown.splice(0, visible);
    return visible;
  }
}
