import { statusName } from './describe-item.js';
import type { EventItem } from './types.js';

export interface EventFilter {
  /** `ORDER`, `PUTAWAY`, `OTHER` (anything else, rejected requests included) or '' for all. */
  type: string;
  /** `CREATE`, `UPDATE` or '' for all. */
  operation: string;
  /** The start of an object id. */
  id: string;
  /** Words to find, case-insensitive, in the body, the path, the id, the type and the status. */
  text: string;
}

export const NO_FILTER: EventFilter = { type: '', operation: '', id: '', text: '' };

const KNOWN_TYPES = new Set(['ORDER', 'PUTAWAY']);

export function isFiltering(filter: EventFilter): boolean {
  return filter.type !== '' || filter.operation !== '' || filter.id.trim() !== '' || filter.text.trim() !== '';
}

/** Builds the test once per filter, so that 10,000 events are checked without re-reading the filter. */
export function createMatcher(filter: EventFilter): (item: EventItem) => boolean {
  const id = filter.id.trim();
  const words = filter.text.toLowerCase().split(/\s+/).filter(Boolean);
  return (item) => {
    if (filter.type === 'OTHER' ? KNOWN_TYPES.has(item.type ?? '') : filter.type !== '' && item.type !== filter.type) return false;
    if (filter.operation !== '' && item.operation !== filter.operation) return false;
    if (id !== '' && !String(item.objectId ?? '').startsWith(id)) return false;
    if (words.length === 0) return true;
    const text = searchText(item);
    return words.every((word) => text.includes(word));
  };
}

const texts = new WeakMap<EventItem, string>();

/** Worked out on the first text search of each event, then kept as long as the event is. */
function searchText(item: EventItem): string {
  let text = texts.get(item);
  if (text === undefined) {
    const body = item.raw ?? (item.event === null ? '' : JSON.stringify(item.event));
    text = [item.method, item.path, item.type, item.operation, item.objectId, statusName(item), item.rejected, body].join(' ').toLowerCase();
    texts.set(item, text);
  }
  return text;
}
