import { createApi } from './api.js';
import { append, byId, h } from './dom.js';
import { EventList } from './event-list.js';
import { EventStore } from './event-store.js';
import { renderEventHeading, renderEventView } from './event-view.js';
import { isFiltering, type EventFilter } from './filter.js';
import { connectLiveStream, type StreamState } from './live-stream.js';
import type { SentRecord } from './resend-result.js';
import { TextSearch } from './text-search.js';
import type { EventItem, Info } from './types.js';

/** Typing in a filter box refilters this long after the last key: 10,000 events are searched once per pause. */
const FILTER_DELAY_MS = 80;
const TITLE = 'winesitting-hooks inspector';
/** Events opened lately, whole: going back and forth between two does not ask listen again. */
const OPENED_KEPT = 50;

const api = createApi(window.location.href);
const store = new EventStore();
const sent = new Map<number, SentRecord[]>();
let info: Info | null = null;
let opened: number | null = null;
const whole = new Map<number, EventItem>();

const listElement = byId('list');
const view = byId('view');
const count = byId('count');
const connection = byId('connection');
const filterType = byId('filter-type') as HTMLSelectElement;
const filterOperation = byId('filter-operation') as HTMLSelectElement;
const filterId = byId('filter-id') as HTMLInputElement;
const filterText = byId('filter-text') as HTMLInputElement;

const list = new EventList(listElement, store, {
  onSelect: (seq) => void show(seq),
  onDraw: showCount,
  onOpen(seq) {
    void show(seq).then(() => view.querySelector<HTMLElement>('h2')?.focus());
  },
});

/** The whole event, from listen: the list holds only what its rows show. */
async function wholeEvent(seq: number): Promise<EventItem> {
  let item = whole.get(seq);
  if (item === undefined) {
    item = await api.event(seq);
    whole.set(seq, item);
    if (whole.size > OPENED_KEPT) whole.delete(whole.keys().next().value!);
  }
  return item;
}

/** Shows one event in the view: at once what its row tells, the rest once listen has sent it. */
async function show(seq: number): Promise<void> {
  const row = store.get(seq);
  if (!row) return;
  if (list.selection !== seq) list.select(seq);
  opened = seq;
  if (!whole.has(seq)) view.replaceChildren(renderEventHeading(row));
  let item: EventItem;
  try {
    item = await wholeEvent(seq);
  } catch (error) {
    if (opened === seq) view.replaceChildren(h('p', { class: 'alert fail' }, `Cannot show #${seq}: ${(error as Error).message}`));
    return;
  }
  // Another event was chosen while this one came.
  if (opened !== seq) return;
  let body: Promise<Uint8Array> | null = null;
  const records = sent.get(seq) ?? [];
  sent.set(seq, records);
  view.replaceChildren(
    renderEventView({
      api,
      info,
      item,
      body: () => (body ??= api.body(seq)),
      sent: records,
      has: (other) => store.get(other) !== undefined,
      show: (other) => {
        void show(other);
        list.focus();
      },
    }),
  );
  view.scrollTop = 0;
}

function showEmpty(restarted = false): void {
  opened = null;
  const target = info?.listenUrl ?? 'http://127.0.0.1:4545/';
  view.replaceChildren(
    h(
      'div',
      { class: 'empty-view', 'data-testid': 'empty-view' },
      restarted && h('p', { class: 'alert note' }, 'listen restarted: the list starts again.'),
      store.size === 0
        ? [
            h('h2', {}, 'Waiting for events'),
            h('p', {}, 'Point WineSitting (or a relay) at ', h('code', {}, target), ', or send a realistic one:'),
            h('pre', { class: 'command' }, `npx winesitting-hooks send --to ${target}`),
          ]
        : [h('h2', {}, 'Select an event'), h('p', {}, 'Click one, or use ↑ ↓ in the list and Enter.')],
    ),
  );
}

function showCount(): void {
  const total = store.size;
  const noun = total === 1 ? 'event' : 'events';
  count.textContent = isFiltering(readFilter())
    ? `${store.visibleCount.toLocaleString()} of ${total.toLocaleString()} ${noun}`
    : `${total.toLocaleString()} ${noun}`;
}

function showInfo(): void {
  if (!info) return;
  const endpoint = byId('endpoint');
  endpoint.replaceChildren();
  append(endpoint, ['Listening on ', h('code', { 'data-testid': 'listen-url' }, info.listenUrl)]);
  append(endpoint, info.forwardTo ? [' → forwarding to ', h('code', {}, info.forwardTo)] : [' · not forwarding']);
}

function showState(state: StreamState): void {
  connection.dataset.state = state;
  connection.textContent = state === 'live' ? 'Live' : state === 'connecting' ? 'Connecting…' : 'Reconnecting…';
  // The tab says so too, when listen is away.
  document.title = state === 'live' ? TITLE : `${connection.textContent} · ${TITLE}`;
}

async function loadInfo(): Promise<void> {
  try {
    info = await api.info();
    showInfo();
    if (opened === null) showEmpty();
  } catch {
    // The stream says when listen is away; the info comes with the next hello.
  }
}

function readFilter(): EventFilter {
  return { type: filterType.value, operation: filterOperation.value, id: filterId.value, text: filterText.value };
}

const search = new TextSearch(api, () => store.newest, applyFilter);

/** The filter as it stands, on the events as they are: the list keeps its place. */
function applyFilter(): void {
  store.setFilter(readFilter(), search.matches);
  list.draw();
}

let filterTimer: number | undefined;
function refilter(delay: number, searchAgain = false): void {
  window.clearTimeout(filterTimer);
  filterTimer = window.setTimeout(async () => {
    // Newer words were typed while listen looked for these: the newer search shows.
    if (!(await search.set(filterText.value, searchAgain))) return;
    store.setFilter(readFilter(), search.matches);
    // From the top, unless the selected event is still listed: then it stays in view.
    listElement.scrollTop = 0;
    const selected = list.selection;
    list.select(selected !== null && store.visibleIndexOf(selected) !== -1 ? selected : null);
  }, delay);
}

filterType.addEventListener('change', () => refilter(0));
filterOperation.addEventListener('change', () => refilter(0));
filterId.addEventListener('input', () => refilter(FILTER_DELAY_MS));
filterText.addEventListener('input', () => refilter(FILTER_DELAY_MS));
byId('filters').addEventListener('submit', (event) => event.preventDefault());

document.addEventListener('keydown', (event) => {
  const typing = event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement || event.target instanceof HTMLSelectElement;
  if (event.key === '/' && !typing) {
    event.preventDefault();
    filterText.focus();
  } else if (event.key === 'Escape' && view.contains(event.target as Node) && !typing) {
    list.focus();
  }
});

showEmpty();
showCount();
void loadInfo();
connectLiveStream(api.url('api/stream', { since: '0', view: 'list' }), {
  onHello(hello, restarted) {
    store.setCapacity(hello.history);
    if (restarted) {
      store.clear();
      sent.clear();
      whole.clear();
      list.select(null);
      list.reset();
      showEmpty(true);
      // The words found before were in the events of the listen that stopped.
      if (filterText.value.trim() !== '') refilter(0, true);
    }
    if (restarted || !info) void loadInfo();
  },
  onEvents(items) {
    const wasEmpty = store.size === 0;
    list.grew(store.add(items));
    search.follow();
    if (wasEmpty && opened === null) showEmpty();
  },
  onState: showState,
});
