import { condenseChanges } from '../../render/condense-changes.js';
import { renderActions } from './actions.js';
import type { Api } from './api.js';
import { itemMarkers, itemTitle, statusName } from './describe-item.js';
import { h } from './dom.js';
import { formatMs, formatTime, isSuccess, preview } from './format.js';
import { renderJsonTree } from './json-tree.js';
import type { SentRecord } from './resend-result.js';
import type { EventItem, Info, Issue, ListItem } from './types.js';

export interface EventViewContext {
  api: Api;
  info: Info | null;
  item: EventItem;
  body(): Promise<Uint8Array>;
  sent: SentRecord[];
  /** Whether the page still keeps event `seq`. */
  has(seq: number): boolean;
  /** Selects and shows another event (the first copy of a duplicate). */
  show(seq: number): void;
}

/** One event: what it is, what is wrong with it, what changed, what the app answered, the actions, the body and the headers. */
export function renderEventView(context: EventViewContext): HTMLElement {
  const { item } = context;
  const tree = item.event === null ? null : renderJsonTree(item.event, item.issues);
  return h(
    'article',
    { class: 'event-view', 'data-testid': 'event-view', 'data-seq': item.seq },
    heading(item),
    problems(item),
    changes(item),
    duplicate(context),
    issues(item.issues, tree),
    forwarded(item),
    renderActions(context),
    body(context, tree),
    headers(item),
    item.file && section('Saved', 'saved', h('code', { class: 'file', 'data-testid': 'saved-file' }, item.file)),
  );
}

/** What the row already tells of an event, while the rest comes from listen. */
export function renderEventHeading(item: ListItem): HTMLElement {
  return h('article', { class: 'event-view loading', 'data-testid': 'event-view', 'data-seq': item.seq }, heading(item));
}

function heading(item: ListItem): HTMLElement {
  const status = statusName(item);
  const forward = item.forward;
  const markers = itemMarkers(item);
  return h(
    'header',
    { class: 'view-head' },
    h(
      'h2',
      { tabindex: '-1', 'data-testid': 'view-title' },
      h('span', { class: 'view-seq' }, `#${item.seq}`),
      ' ',
      itemTitle(item),
      ' ',
      status && h('span', { class: 'status-name' }, status),
    ),
    markers.length > 0 &&
      h(
        'div',
        { class: 'markers' },
        markers.map((marker) => h('span', { class: `marker ${marker.kind}`, title: marker.title, 'data-marker': marker.kind }, marker.label)),
      ),
    h(
      'p',
      { class: 'view-meta' },
      h('span', {}, h('code', {}, `${item.method} ${item.path}`)),
      h('span', {}, `received ${formatTime(item.receivedAt)}`),
      h('span', {}, 'answered ', h('b', { class: isSuccess(item.response.status) ? 'ok' : 'fail' }, String(item.response.status))),
      forward &&
        h(
          'span',
          {},
          'app ',
          h('b', { class: isSuccess(forward.status) ? 'ok' : 'fail' }, forward.status === null ? 'no answer' : String(forward.status)),
          ` in ${formatMs(forward.ms)}`,
        ),
    ),
  );
}

function problems(item: EventItem): HTMLElement | null {
  const lines = [
    item.rejected &&
      h('p', { class: 'alert fail', 'data-testid': 'rejected' }, h('b', {}, 'Rejected: '), item.rejected, ` — listen answered ${item.response.status}.`),
    item.saveError && h('p', { class: 'alert fail' }, h('b', {}, 'Not saved: '), item.saveError),
    !item.shown && h('p', { class: 'alert note' }, 'Hidden by listen --filter: acknowledged and saved, not forwarded.'),
  ].filter((line) => line !== null && line !== undefined && line !== false && line !== '');
  return lines.length > 0 ? h('div', { class: 'problems' }, lines) : null;
}

function changes(item: EventItem): HTMLElement | null {
  if (item.changes.length === 0) return null;
  return section(
    'Changes since the previous version',
    'changes',
    h(
      'ul',
      { class: 'changes' },
      condenseChanges(item.changes).map((change) =>
        h(
          'li',
          { 'data-testid': 'change' },
          h('code', { class: 'change-path' }, change.path),
          ' ',
          change.text ?? [h('span', { class: 'change-from' }, preview(change.from)), ' → ', h('span', { class: 'change-to' }, preview(change.to))],
        ),
      ),
    ),
  );
}

function duplicate(context: EventViewContext): HTMLElement | null {
  const first = context.item.duplicateOf;
  if (first === null) return null;
  const link = context.has(first)
    ? h('button', { type: 'button', class: 'link', 'data-testid': 'duplicate-link', onclick: () => context.show(first) }, `#${first}`)
    : h('span', {}, `#${first} (no longer kept)`);
  return h(
    'p',
    { class: 'alert warn', 'data-testid': 'duplicate' },
    h('b', {}, 'Duplicate of '),
    link,
    ': the same body was already received. WineSitting may send an event twice: make processing idempotent.',
  );
}

function issues(list: Issue[], tree: HTMLElement | null): HTMLElement | null {
  if (list.length === 0) return null;
  const reveal = (path: string) => {
    const node = tree?.querySelector<HTMLElement>(`[data-path="${CSS.escape(path)}"]`);
    if (!node) return;
    node.scrollIntoView({ block: 'center' });
    // Restarts the highlight when the same path is clicked again.
    node.classList.remove('flash');
    requestAnimationFrame(() => node.classList.add('flash'));
  };
  return section(
    'Validation',
    'issues',
    h(
      'ul',
      { class: 'issues' },
      list.map((issue) =>
        h(
          'li',
          { class: `issue ${issue.severity}`, 'data-testid': 'issue' },
          h('span', { class: 'severity' }, issue.severity),
          ' ',
          h('button', { type: 'button', class: 'link issue-path', onclick: () => reveal(nearestPath(tree, issue.path)) }, issue.path || '(the event)'),
          ' ',
          h('span', { class: 'issue-message' }, issue.message),
        ),
      ),
    ),
  );
}

/** The issue's own value, or the nearest one above it the tree shows (a missing field's parent). */
function nearestPath(tree: HTMLElement | null, path: string): string {
  let at = path;
  while (at !== '' && !tree?.querySelector(`[data-path="${CSS.escape(at)}"]`)) at = at.replace(/(\.[^.[\]]+|\[[^\]]*\])$/, '');
  return at;
}

function forwarded(item: EventItem): HTMLElement | null {
  const forward = item.forward;
  if (!forward) return null;
  return section(
    'Forwarded to your app',
    'forward',
    h(
      'p',
      { class: 'forward-line' },
      h('code', {}, forward.url),
      ' → ',
      h('b', { class: isSuccess(forward.status) ? 'ok' : 'fail' }, forward.status === null ? 'no answer' : String(forward.status)),
      ` in ${formatMs(forward.ms)}`,
    ),
    forward.error && h('p', { class: 'alert fail' }, forward.error),
    item.forwardAnswer
      ? h('pre', { class: 'answer-body', 'data-testid': 'forward-answer' }, item.forwardAnswer)
      : h('p', { class: 'dim' }, 'The app answered no body.'),
  );
}

function body(context: EventViewContext, tree: HTMLElement | null): HTMLElement {
  const { item } = context;
  if (!tree) return section('Body (not JSON)', 'body', h('pre', { class: 'raw-body', 'data-testid': 'raw-body' }, item.raw ?? ''));
  const raw = h('pre', { class: 'raw-body', 'data-testid': 'raw-body', hidden: true }, 'Loading…');
  const toggle = h('button', { type: 'button', 'aria-pressed': 'false' }, 'Raw');
  toggle.addEventListener('click', () => {
    const showRaw = raw.hidden;
    raw.hidden = !showRaw;
    tree.hidden = showRaw;
    toggle.setAttribute('aria-pressed', String(showRaw));
    if (showRaw)
      context.body().then(
        (bytes) => (raw.textContent = new TextDecoder().decode(bytes)),
        (error: unknown) => (raw.textContent = `Could not read the body: ${error instanceof Error ? error.message : String(error)}`),
      );
  });
  const setAll = (open: boolean) => {
    for (const node of tree.querySelectorAll('details')) if (node.open !== open) node.open = open;
  };
  return section(
    'Body',
    'body',
    h(
      'div',
      { class: 'body-tools' },
      h('button', { type: 'button', onclick: () => setAll(true) }, 'Expand all'),
      h('button', { type: 'button', onclick: () => setAll(false) }, 'Collapse all'),
      toggle,
    ),
    tree,
    raw,
  );
}

function headers(item: EventItem): HTMLElement {
  const rows = Object.entries(item.headers).flatMap(([name, value]) =>
    (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((one) => h('tr', {}, h('th', { scope: 'row' }, name), h('td', {}, one))),
  );
  return section('Request headers', 'headers', h('table', { class: 'headers' }, h('tbody', {}, rows)));
}

function section(title: string, testid: string, ...content: (Node | null | undefined | false | '')[]): HTMLElement {
  return h(
    'section',
    { class: `view-section section-${testid}`, 'data-testid': testid },
    h('h3', {}, title),
    content.filter((node): node is Node => !!node),
  );
}
