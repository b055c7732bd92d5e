import { createHmac } from 'node:crypto';
import { formatPath } from '../path.js';
import { createRandom, type Random } from '../random.js';
import { fakeInteger, FAKERS, maskWords, type FakeSource } from './fakes.js';
import { PERSONAL_KEYS, type FakeKind } from './personal-fields.js';
import { personalShape, type ShapeNode } from './personal-shape.js';

export interface Redaction {
  /** The event with its personal values replaced; the very input when none was. */
  value: unknown;
  /** The JSON paths of the values replaced, in the order they appear. */
  replaced: string[];
  /** Those of `replaced` that the model does not know, replaced because their key looks personal: fields to add to the table. */
  unknown: string[];
}

export interface Redactor {
  /** Replaces the personal values of an event (any JSON value); the input is left as it is. */
  redact(value: unknown): Redaction;
  /** A text that is not an event with every word and number replaced; its punctuation, spacing and JSON keys kept. */
  maskText(text: string): string;
}

/** An event nested deeper than an event can be: there is no telling what is personal in it. */
export class RedactionError extends Error {}

/** WineSitting's events are six levels deep; anything far deeper is not one. */
const MAX_DEPTH = 64;
/** A fake equal to its original is drawn again, this many times at most. */
const MAX_DRAWS = 8;
/** Fakes remembered, so that a person met in every event of a file costs one HMAC. */
const MEMO_SIZE = 50_000;
const KINDS_OF_NUMBERS = new Set<FakeKind>(['phone', 'zipcode', 'identifier']);

/**
 * Replaces personal data with fakes of the same shape (`null` stays `null`, types and key
 * order never change). Keyed and deterministic: an HMAC of each value with `key` picks its
 * fake, so the same person becomes the same fake person in every file and every UPDATE,
 * and only someone holding the key can tell which fake stands for whom.
 */
export function createRedactor(key: string | Uint8Array): Redactor {
  if (key.length === 0) throw new TypeError('A redaction key cannot be empty.');
  const shape = personalShape();
  // One map per kind: a lookup hashes the value as parsed, with no key to build.
  const memo = new Map<FakeKind, Map<string, string | null>>();
  let remembered = 0;
  const random = (input: string): Random => createRandom(createHmac('sha256', key).update(input).digest().readUInt32LE(0));
  const sourceFor = (draw: number): FakeSource => ({
    random: draw === 0 ? random : (input) => random(`${input}\u0000${draw}`),
    fake: (kind, value) => fake(kind, value) ?? value,
  });
  const fake = (kind: FakeKind, value: string): string | null => {
    let fakes = memo.get(kind);
    if (fakes === undefined) memo.set(kind, (fakes = new Map<string, string | null>()));
    const known = fakes.get(value);
    if (known !== undefined) return known;
    let result: string | null = null;
    for (let draw = 0; draw < MAX_DRAWS; draw++) {
      result = FAKERS[kind](value, sourceFor(draw));
      if (result?.toLowerCase() !== value.toLowerCase()) break;
    }
    if (++remembered > MEMO_SIZE) {
      for (const kept of memo.values()) kept.clear();
      remembered = 0;
    }
    fakes.set(value, result);
    return result;
  };
  return {
    redact(value) {
      const walk = new Walk(fake, (n) => fakeInteger(n, sourceFor(0)));
      const redacted = walk.visit(value, shape, null, false);
      return { value: redacted, replaced: walk.replaced, unknown: walk.unknown };
    },
    // Anything may hide in a text that is not an event, even in one or two characters (a phone's `71 22`).
    maskText: (text) => maskWords(text, sourceFor(0), 1),
  };
}

/** One event redacted with `key`. To redact many, create one redactor and keep it: it remembers the fakes it drew. */
export function redactEvent(value: unknown, key: string | Uint8Array): Redaction {
  return createRedactor(key).redact(value);
}

/**
 * One pass over an event, alongside what the model knows of each place. A value is
 * replaced when the table calls its place personal, when it lies inside such a place, or
 * when its key, unknown to the model, looks personal. Only the objects and arrays on the
 * way to a replaced value are copied.
 */
class Walk {
  readonly replaced: string[] = [];
  readonly unknown: string[] = [];
  /** The path to the current value, a formatted piece per level (`.address`, `[0]`), joined only for a value replaced. */
  private readonly path: string[] = [];

  constructor(
    private readonly fake: (kind: FakeKind, value: string) => string | null,
    private readonly fakeInteger: (value: number) => number,
  ) {}

  /** `covered`: the place is inside a field of the table, so a replacement there is no surprise. */
  visit(value: unknown, node: ShapeNode | null, kind: FakeKind | null, covered: boolean): unknown {
    if (typeof value === 'string') return kind === null ? value : this.replaceText(value, kind, covered);
    if (typeof value === 'number') return kind === null ? value : this.replaceNumber(value, kind, covered);
    if (typeof value !== 'object' || value === null) return value;
    if (this.path.length >= MAX_DEPTH) throw new RedactionError(`nested more than ${MAX_DEPTH} levels deep at ${pathText(this.path)}: not an event`);
    if (Array.isArray(value)) return this.visitArray(value, node, kind, covered);
    return this.visitObject(value as Record<string, unknown>, node, kind, covered);
  }

  private visitArray(items: unknown[], node: ShapeNode | null, kind: FakeKind | null, covered: boolean): unknown[] {
    const itemNode = node?.items ?? null;
    const itemKind = itemNode?.personal ?? kind;
    const itemCovered = covered || (itemNode?.personal != null && itemNode.fields === null);
    let copy: unknown[] | null = null;
    for (let index = 0; index < items.length; index++) {
      const before = items[index];
      this.path.push(`[${index}]`);
      const after = this.visit(before, itemNode, itemKind, itemCovered);
      this.path.pop();
      if (after !== before) (copy ??= items.slice())[index] = after;
    }
    return copy ?? items;
  }

  private visitObject(object: Record<string, unknown>, node: ShapeNode | null, kind: FakeKind | null, covered: boolean): Record<string, unknown> {
    let copy: Record<string, unknown> | null = null;
    const fields = node?.fields;
    const order = node?.order;
    const keys = Object.keys(object);
    for (let index = 0; index < keys.length; index++) {
      const key = keys[index]!;
      const before = object[key];
      const known = order?.[index] === key ? node!.children![index] : fields?.get(key);
      let childKind: FakeKind | null;
      let childCovered = covered;
      if (known !== undefined) {
        childKind = known.personal;
        // Most values of an event: a known place, nothing personal, nothing below.
        if (childKind === null && (typeof before !== 'object' || before === null)) continue;
        childCovered = childKind !== null && known.fields === null;
      } else {
        const rule = kindOfKey(key);
        childKind = rule === undefined ? kind : rule;
      }
      this.path.push(pieceOf(key));
      const after = this.visit(before, known ?? null, childKind, childCovered);
      this.path.pop();
      if (after === before) continue;
      copy ??= { ...object };
      // A "__proto__" key is data: define it, never set the copy's prototype.
      if (key === '__proto__') Object.defineProperty(copy, key, { value: after, enumerable: true, writable: true, configurable: true });
      else copy[key] = after;
    }
    return copy ?? object;
  }

  private replaceText(value: string, kind: FakeKind, covered: boolean): string {
    if (value.trim() === '') return value;
    const fake = this.fake(kind, value);
    if (fake === null || fake === value) return value;
    this.record(covered);
    return fake;
  }

  private replaceNumber(value: number, kind: FakeKind, covered: boolean): number {
    if (!KINDS_OF_NUMBERS.has(kind)) return value;
    const fake = this.fakeInteger(value);
    if (fake !== value) this.record(covered);
    return fake;
  }

  private record(covered: boolean): void {
    const path = pathText(this.path);
    this.replaced.push(path);
    if (!covered) this.unknown.push(path);
  }
}

/** What a key the model does not know says of its value: a kind of fake, null to keep it, undefined when it says nothing. */
function kindOfKey(key: string): FakeKind | null | undefined {
  const name = key.toLowerCase().replace(/[\s_-]/g, '');
  for (const [pattern, kind] of PERSONAL_KEYS) if (pattern.test(name)) return kind;
  return undefined;
}

const pieces = new Map<string, string>();

/** `.address`, or `["a key"]`: formatted once per key seen, since the same keys come in every event. */
function pieceOf(key: string): string {
  let piece = pieces.get(key);
  if (piece === undefined) {
    piece = formatPath(['_', key]).slice(1);
    if (pieces.size < 10_000) pieces.set(key, piece);
  }
  return piece;
}

function pathText(path: string[]): string {
  const text = path.join('');
  return text.startsWith('.') ? text.slice(1) : text;
}
