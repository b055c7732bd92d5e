import type { ListItem } from './types.js';

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

/**
 * Builds the test once per filter, so that 10,000 events are checked without re-reading the
 * filter. The words are looked for by `listen`, which holds the bodies: `textMatches` is what it found.
 */
export function createMatcher(filter: EventFilter, textMatches: ReadonlySet<number> | null = null): (item: ListItem) => boolean {
  const id = filter.id.trim();
  const searching = filter.text.trim() !== '';
  return (item) => {
    if (filter.type === 'OTHER' ? KNOWN_TYPES.has(item.type ?? '') : filter.type !== '' && item.type !== filter.type) return false;
    if (filter.operation !== '' && item.operation !== filter.operation) return false;
    if (id !== '' && !String(item.objectId ?? '').startsWith(id)) return false;
    return !searching || textMatches?.has(item.seq) === true;
  };
}
