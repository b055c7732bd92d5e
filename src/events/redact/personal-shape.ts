import * as z from 'zod';
import { envelopeSchema, orderSchema, putawaySchema } from '../schema.js';
import { PERSONAL_FIELDS, type FakeKind } from './personal-fields.js';

/** What the model knows at one place of an event, and whether the table calls it personal. */
export interface ShapeNode {
  /** The keys the model knows here; null where it knows no object. */
  fields: Map<string, ShapeNode> | null;
  /** The same keys in the model's order, which is WineSitting's: most keys are found by position, without a lookup. */
  order?: readonly string[];
  children?: readonly ShapeNode[];
  /** The model's items, where it knows an array. */
  items: ShapeNode | null;
  personal: FakeKind | null;
}

let cached: ShapeNode | undefined;

/**
 * The event model's shape, read from its zod schemas (the one source of truth), with the
 * table of personal fields laid over it. Orders and putaways share one `object` shape:
 * the table applies to both, and a key one of them knows is never a surprise in the other.
 */
export function personalShape(): ShapeNode {
  if (cached) return cached;
  const root = fromSchema(envelopeSchema);
  root.fields!.set('object', merge(fromSchema(orderSchema), fromSchema(putawaySchema)));
  for (const [path, kind] of Object.entries(PERSONAL_FIELDS)) nodeAt(root, path).personal = kind;
  index(root);
  cached = root;
  return root;
}

function index(node: ShapeNode): void {
  if (node.fields) {
    node.order = [...node.fields.keys()];
    node.children = [...node.fields.values()];
    node.children.forEach(index);
  }
  if (node.items) index(node.items);
}

function fromSchema(schema: z.core.$ZodType): ShapeNode {
  if (schema instanceof z.ZodNullable || schema instanceof z.ZodOptional) return fromSchema(schema.unwrap());
  if (schema instanceof z.ZodObject) {
    const shape: Record<string, z.core.$ZodType> = schema.shape;
    const fields = new Map<string, ShapeNode>();
    for (const [key, value] of Object.entries(shape)) fields.set(key, fromSchema(value));
    return { fields, items: null, personal: null };
  }
  if (schema instanceof z.ZodArray) return { fields: null, items: fromSchema(schema.element), personal: null };
  if (schema instanceof z.ZodUnion) return (schema.options as z.core.$ZodType[]).map(fromSchema).reduce(merge);
  return { fields: null, items: null, personal: null };
}

function merge(a: ShapeNode, b: ShapeNode): ShapeNode {
  let fields = a.fields ?? b.fields;
  if (a.fields && b.fields) {
    fields = new Map(a.fields);
    for (const [key, node] of b.fields) fields.set(key, a.fields.has(key) ? merge(a.fields.get(key)!, node) : node);
  }
  const items = a.items && b.items ? merge(a.items, b.items) : (a.items ?? b.items);
  return { fields, items, personal: a.personal ?? b.personal };
}

/** The node of a table path (`object.content[].comment`), created when the model does not know it yet. */
function nodeAt(root: ShapeNode, path: string): ShapeNode {
  let node = root;
  for (const part of path.split('.')) {
    const name = part.endsWith('[]') ? part.slice(0, -2) : part;
    node.fields ??= new Map();
    let child = node.fields.get(name);
    if (!child) node.fields.set(name, (child = { fields: null, items: null, personal: null }));
    node = child;
    if (part.endsWith('[]')) node = node.items ??= { fields: null, items: null, personal: null };
  }
  return node;
}
