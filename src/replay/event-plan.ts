import { checkStored } from '../event-files/check-stored.js';
import type { StoredEvent } from '../event-files/stored-event.js';
import { describeEnvelope, type EnvelopeSummary } from '../events/describe-envelope.js';
import { matchesFilters, type EventFilter } from '../events/filter.js';
import type { ParseResult } from '../events/parse.js';

/** What a replay's report shows of an event sent. */
export type Described = Pick<EnvelopeSummary, 'type' | 'operation' | 'objectId'>;

/** The model's verdict on one event, and what is sent of it: its description when it is valid and passes the filters, else null. */
export function planEvent(stored: StoredEvent, filters: readonly EventFilter[] | undefined): ParseResult & { sent: Described | null } {
  const { event, issues } = checkStored(stored);
  if (event === null || !matchesFilters(event.type, event.operation, filters)) return { event, issues, sent: null };
  const { type, operation, objectId } = describeEnvelope(stored.value);
  return { event, issues, sent: { type, operation, objectId } };
}

/**
 * At most this many events are recorded, about 9 bytes each (9 MB): memory must not grow with
 * the number of events (SPEC, replay). Past it, the send pass reads the events again.
 */
const MAX_RECORDED = 1 << 20;
const BLOCK_BITS = 16;
const BLOCK = 1 << BLOCK_BITS;
/** Kinds: not sent; not recorded (read it again); else the index of [type, operation] in `names`, plus 2. */
const NOT_SENT = 0;
const NOT_RECORDED = 1;
const MAX_KIND = 255;

/**
 * What the first pass learnt of each event, by its position in the run: whether it is sent, and
 * what its result line shows of it. With it, the send pass sends each event's bytes as they are,
 * without parsing them again (a JSON.parse of a 2 KB event is about a tenth of its cost). Typed
 * arrays, not an object per event: a kind byte and the object's id.
 */
export class EventPlan {
  private readonly kinds: Uint8Array[] = [];
  private readonly ids: Float64Array[] = [];
  private readonly names: [string | null, string | null][] = [];
  private readonly kindByName = new Map<string | null, Map<string | null, number>>();
  private count = 0;

  /** `capacity`: how many events are recorded at most (the default but in tests). */
  constructor(private readonly capacity = MAX_RECORDED) {}

  /** Records the next event: its description when it is sent, null when it is not. */
  add(sent: Described | null): void {
    const position = this.count++;
    if (position >= this.capacity) return;
    const block = position >>> BLOCK_BITS;
    const slot = position & (BLOCK - 1);
    if (slot === 0) {
      this.kinds.push(new Uint8Array(BLOCK));
      this.ids.push(new Float64Array(BLOCK));
    }
    const kinds = this.kinds[block]!;
    if (sent === null) {
      kinds[slot] = NOT_SENT;
      return;
    }
    // JSON has no NaN: it stands for a null id. An id given as text is left for the send pass (the model takes only numbers).
    if (typeof sent.objectId === 'string') {
      kinds[slot] = NOT_RECORDED;
      return;
    }
    this.ids[block]![slot] = sent.objectId ?? NaN;
    kinds[slot] = this.kindOf(sent.type, sent.operation);
  }

  /** Event `position`'s description; null when it is not sent; undefined when it was not recorded: read it again. */
  get(position: number): Described | null | undefined {
    if (position >= this.capacity || position >= this.count) return undefined;
    const block = position >>> BLOCK_BITS;
    const slot = position & (BLOCK - 1);
    const kind = this.kinds[block]![slot]!;
    if (kind === NOT_SENT) return null;
    if (kind === NOT_RECORDED) return undefined;
    const [type, operation] = this.names[kind - 2]!;
    const id = this.ids[block]![slot]!;
    return { type, operation, objectId: Number.isNaN(id) ? null : id };
  }

  private kindOf(type: string | null, operation: string | null): number {
    let byOperation = this.kindByName.get(type);
    if (byOperation === undefined) this.kindByName.set(type, (byOperation = new Map<string | null, number>()));
    let kind = byOperation.get(operation);
    if (kind === undefined) {
      if (this.names.length + 2 > MAX_KIND) return NOT_RECORDED;
      kind = this.names.length + 2;
      this.names.push([type, operation]);
      byOperation.set(operation, kind);
    }
    return kind;
  }
}
