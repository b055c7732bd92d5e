import { formatPath, parsePath, type PathSegment } from '../../events/path.js';
import { h } from './dom.js';
import type { Issue } from './types.js';

/** Bodies with more values than this open only their first levels; the rest is drawn when opened. */
const OPEN_ALL_UP_TO = 2000;
const OPEN_DEPTH = 2;

interface TreeContext {
  openAll: boolean;
  /** Issues by the path of the value they are shown next to. */
  notes: Map<string, Issue[]>;
  /** Paths to keep open: the ancestors of every value an issue names. */
  opened: Set<string>;
}

/**
 * The body as a collapsible, highlighted JSON tree: each object and array is a `<details>`,
 * each value carries its path (`data-path="object.content[0].quantity"`), and each
 * validation issue is written next to the value it names, or next to the nearest value
 * that exists when it names a missing one.
 */
export function renderJsonTree(value: unknown, issues: Issue[]): HTMLElement {
  const context: TreeContext = { openAll: countValues(value, OPEN_ALL_UP_TO) < OPEN_ALL_UP_TO, notes: new Map(), opened: new Set() };
  for (const issue of issues) {
    const { segments, missing } = existingPart(value, issue.path);
    const at = formatPath(segments);
    const note = missing.length > 0 ? { ...issue, message: `${formatPath(missing)}: ${issue.message}` } : issue;
    context.notes.set(at, [...(context.notes.get(at) ?? []), note]);
    for (let i = 0; i <= segments.length; i++) context.opened.add(formatPath(segments.slice(0, i)));
  }
  return h('div', { class: 'json-tree', 'data-testid': 'json-tree' }, renderValue(value, [], null, true, context));
}

function renderValue(value: unknown, path: PathSegment[], key: PathSegment | null, last: boolean, context: TreeContext): HTMLElement {
  const pathText = formatPath(path);
  const label =
    key === null ? null : typeof key === 'number' ? h('span', { class: 'jt-index' }, `${key}: `) : [h('span', { class: 'jt-key' }, JSON.stringify(key)), ': '];
  const comma = last ? null : h('span', { class: 'jt-punct' }, ',');
  const notes = (context.notes.get(pathText) ?? []).map((issue) =>
    h('span', { class: `jt-issue ${issue.severity}`, title: issue.path || '(the whole event)' }, issue.message),
  );
  if (typeof value !== 'object' || value === null) {
    return h('div', { class: 'jt-line', 'data-path': pathText }, label, scalar(value), comma, notes);
  }
  const entries: [PathSegment, unknown][] = Array.isArray(value) ? value.map((item, index) => [index, item]) : Object.entries(value);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0) {
    return h('div', { class: 'jt-line', 'data-path': pathText }, label, h('span', { class: 'jt-punct' }, `${open}${close}`), comma, notes);
  }
  const size = Array.isArray(value) ? `${entries.length} item${entries.length === 1 ? '' : 's'}` : `${entries.length} key${entries.length === 1 ? '' : 's'}`;
  const node = h(
    'details',
    { class: 'jt-node', 'data-path': pathText },
    h('summary', {}, label, h('span', { class: 'jt-punct' }, open), h('span', { class: 'jt-folded' }, ` ${size} ${close}`, comma), notes),
  );
  const drawChildren = () => {
    const children = h('div', { class: 'jt-children' });
    entries.forEach(([childKey, child], index) =>
      children.appendChild(renderValue(child, [...path, childKey], childKey, index === entries.length - 1, context)),
    );
    node.append(children, h('div', { class: 'jt-close' }, h('span', { class: 'jt-punct' }, close), comma?.cloneNode(true)));
  };
  if (context.openAll || path.length < OPEN_DEPTH || context.opened.has(pathText)) {
    node.open = true;
    drawChildren();
  } else {
    node.addEventListener('toggle', drawChildren, { once: true });
  }
  return node;
}

function scalar(value: unknown): HTMLElement {
  if (typeof value === 'string') return h('span', { class: 'jt-string' }, JSON.stringify(value));
  if (typeof value === 'number') return h('span', { class: 'jt-number' }, String(value));
  if (typeof value === 'boolean') return h('span', { class: 'jt-boolean' }, String(value));
  return h('span', { class: 'jt-null' }, 'null');
}

/** The part of an issue's path that exists in the body, and the rest (a missing field's name). */
function existingPart(root: unknown, pathText: string): { segments: PathSegment[]; missing: PathSegment[] } {
  const path = pathText === '' ? [] : (parsePath(pathText) ?? []);
  let current = root;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, segment)) return { segments: path.slice(0, i), missing: path.slice(i) };
    current = (current as Record<PathSegment, unknown>)[segment];
  }
  return { segments: path, missing: [] };
}

/** Counts values up to `limit`, no further: a huge body is not walked whole just to learn it is huge. */
function countValues(value: unknown, limit: number): number {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0 && count < limit) {
    const next = stack.pop();
    count++;
    if (typeof next === 'object' && next !== null) for (const child of Object.values(next)) stack.push(child);
  }
  return count;
}
