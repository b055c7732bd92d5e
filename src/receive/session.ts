import { digest } from '../text/digest.js';
import { diffObjects, type Change } from '../events/diff.js';

/** Past these, the oldest entries are forgotten: a long session keeps a bounded memory. */
const MAX_BODIES = 100_000;
const MAX_OBJECTS = 20_000;

/**
 * What this session has seen: bodies (for duplicates) and the last version of each
 * object (for changes). Decisions are taken in arrival order, synchronously.
 */
export class Session {
  private readonly bodies = new Map<string, number>();
  private readonly objects = new Map<string, unknown>();

  /** The seq of the first identical body, or null; remembers this one otherwise. */
  duplicateOf(body: Buffer, seq: number): number | null {
    const hash = digest('sha1', body, 'base64');
    const first = this.bodies.get(hash);
    if (first !== undefined) return first;
    remember(this.bodies, hash, seq, MAX_BODIES);
    return null;
  }

  /** The changes since the last version of the same object; the first version has none. */
  changes(type: string, id: string | number, object: unknown): Change[] {
    const key = `${type}:${id}`;
    const previous = this.objects.get(key);
    this.objects.delete(key);
    remember(this.objects, key, object, MAX_OBJECTS);
    return previous === undefined ? [] : diffObjects(previous, object);
  }
}

function remember<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.set(key, value);
  if (map.size > max) map.delete(map.keys().next().value as K);
}
