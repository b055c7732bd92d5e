import { itemMarkers, itemTitle, statusName } from './describe-item.js';
import { h } from './dom.js';
import type { EventStore } from './event-store.js';
import { formatMs, formatTime, isSuccess } from './format.js';
import type { ListItem } from './types.js';

/** Every row is this tall: the list draws only the rows in view, placed by index. */
export const ROW_HEIGHT = 56;
const OVERSCAN = 4;
/**
 * Under a burst, arriving events redraw the list at most this often (a key or a scroll still
 * redraws on the next frame): the page draws a few frames a second, not sixty, and leaves the
 * CPU to `listen`, which often shares the machine. Below `BURST_RATE` events a second the
 * spacing shrinks in proportion: an event now and then is drawn at once.
 */
const LIVE_DRAW_MS = 150;
const BURST_RATE = 3000;

export interface EventListOptions {
  /** The selection moved (arrow keys, a click): show that event. */
  onSelect(seq: number): void;
  /** The list was drawn: what shows its size follows in the same frame. */
  onDraw?(): void;
  /** Enter on the selection: go to its view. */
  onOpen(seq: number): void;
}

/**
 * The live list, newest first, as a listbox: ArrowUp/ArrowDown (Home/End, PageUp/PageDown)
 * move the selection, Enter opens it. Virtualised: with 10,000 events it still draws a
 * screenful of rows.
 */
export class EventList {
  private selected: number | null = null;
  private frame: number | null = null;
  private liveTimer: number | null = null;
  private lastDraw = 0;
  /** Rows that arrived on top since the last draw, to keep a reader's place. */
  private arrivedOnTop = 0;
  /** The rows that arrived in the last second, batch by batch. */
  private arrivals: { at: number; rows: number }[] = [];
  /** The rows on screen by seq, kept from one draw to the next. */
  private rows = new Map<number, HTMLElement>();
  private readonly spacer: HTMLElement;

  constructor(
    private readonly element: HTMLElement,
    private readonly store: EventStore,
    private readonly options: EventListOptions,
  ) {
    element.style.setProperty('--row-height', `${ROW_HEIGHT}px`);
    this.spacer = h('div', { class: 'list-spacer' });
    element.replaceChildren(this.spacer);
    element.addEventListener('scroll', () => this.draw());
    element.addEventListener('keydown', (event) => this.onKey(event));
    element.addEventListener('click', (event) => {
      const row = (event.target as Element).closest<HTMLElement>('[data-seq]');
      if (row) this.select(Number(row.dataset.seq), true);
    });
    new ResizeObserver(() => this.draw()).observe(element);
    document.addEventListener('visibilitychange', () => {
      if (!document.hidden) this.draw();
    });
  }

  get selection(): number | null {
    return this.selected;
  }

  /** New rows arrived at the top: drawn within `LIVE_DRAW_MS`, at once when they are few; a reader scrolled down keeps the rows they are reading in place. */
  grew(rowsOnTop: number): void {
    this.arrivedOnTop += rowsOnTop;
    const now = performance.now();
    this.arrivals.push({ at: now, rows: rowsOnTop });
    while (this.arrivals[0]!.at < now - 1000) this.arrivals.shift();
    // A tab in the background draws nothing: the list is drawn when it shows again.
    if (document.hidden || this.frame !== null || this.liveTimer !== null) return;
    const rate = this.arrivals.reduce((sum, batch) => sum + batch.rows, 0);
    const wait = this.lastDraw + LIVE_DRAW_MS * Math.min(1, rate / BURST_RATE) - now;
    if (wait <= 0) this.draw();
    else
      this.liveTimer = window.setTimeout(() => {
        this.liveTimer = null;
        this.draw();
      }, wait);
  }

  /** The list starts again (listen restarted, or another filter): every row is drawn anew. */
  reset(): void {
    this.arrivedOnTop = 0;
    this.rows.clear();
    this.draw();
  }

  /** Redraws on the next frame; many calls in one frame draw once. */
  draw(): void {
    this.frame ??= requestAnimationFrame(() => {
      this.frame = null;
      this.drawNow();
    });
  }

  select(seq: number | null, notify = false): void {
    this.selected = seq;
    if (seq === null) this.element.removeAttribute('aria-activedescendant');
    else {
      this.element.setAttribute('aria-activedescendant', `event-${seq}`);
      this.scrollToIndex(this.store.visibleIndexOf(seq));
    }
    // The rows on screen follow the key press at once; rows scrolled into view come with the next frame.
    for (const row of this.spacer.children) {
      const selected = (row as HTMLElement).dataset.seq === String(seq);
      row.classList.toggle('selected', selected);
      row.setAttribute('aria-selected', String(selected));
    }
    this.draw();
    if (notify && seq !== null) this.options.onSelect(seq);
  }

  focus(): void {
    this.element.focus();
  }

  private onKey(event: KeyboardEvent): void {
    const count = this.store.visibleCount;
    if (count === 0) return;
    const current = this.selected === null ? -1 : this.store.visibleIndexOf(this.selected);
    const page = Math.max(1, Math.floor(this.element.clientHeight / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: current + 1,
      ArrowUp: current === -1 ? 0 : current - 1,
      PageDown: current + page,
      PageUp: current === -1 ? 0 : current - page,
      Home: 0,
      End: count - 1,
    };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      const item = this.store.visibleAt(Math.min(count - 1, Math.max(0, target)));
      if (item) this.select(item.seq, true);
    } else if (event.key === 'Enter' && this.selected !== null && current !== -1) {
      event.preventDefault();
      this.options.onOpen(this.selected);
    }
  }

  private scrollToIndex(index: number): void {
    if (index < 0) return;
    const top = index * ROW_HEIGHT;
    const view = this.element.clientHeight;
    if (top < this.element.scrollTop) this.element.scrollTop = top;
    else if (top + ROW_HEIGHT > this.element.scrollTop + view) this.element.scrollTop = top + ROW_HEIGHT - view;
  }

  private drawNow(): void {
    this.lastDraw = performance.now();
    if (this.liveTimer !== null) {
      window.clearTimeout(this.liveTimer);
      this.liveTimer = null;
    }
    const count = this.store.visibleCount;
    this.spacer.style.height = `${count * ROW_HEIGHT}px`;
    if (this.arrivedOnTop > 0 && this.element.scrollTop > 0) this.element.scrollTop += this.arrivedOnTop * ROW_HEIGHT;
    this.arrivedOnTop = 0;
    const first = Math.max(0, Math.floor(this.element.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(count - 1, Math.ceil((this.element.scrollTop + this.element.clientHeight) / ROW_HEIGHT) + OVERSCAN);
    const rows = new Map<number, HTMLElement>();
    for (let index = first; index <= last; index++) {
      const item = this.store.visibleAt(index);
      if (!item) continue;
      // A row already on screen only moves: under a burst, most of them are.
      const row = this.rows.get(item.seq) ?? this.row(item);
      row.style.transform = `translateY(${index * ROW_HEIGHT}px)`;
      rows.set(item.seq, row);
    }
    this.rows = rows;
    this.spacer.replaceChildren(...rows.values());
    this.options.onDraw?.();
  }

  private row(item: ListItem): HTMLElement {
    const status = statusName(item);
    const answer = item.response.status;
    const forward = item.forward;
    const row = h(
      'div',
      {
        class: `row${item.seq === this.selected ? ' selected' : ''}${item.rejected ? ' rejected' : ''}`,
        id: `event-${item.seq}`,
        role: 'option',
        'aria-selected': item.seq === this.selected ? 'true' : 'false',
        'data-seq': item.seq,
        'data-testid': 'event-row',
      },
      h(
        'div',
        { class: 'row-main' },
        h('span', { class: 'row-title', 'data-testid': 'row-title' }, itemTitle(item)),
        ' ',
        status && h('span', { class: 'status-name' }, status),
        ' ',
        h(
          'span',
          { class: 'markers' },
          itemMarkers(item).map((marker) => h('span', { class: `marker ${marker.kind}`, title: marker.title, 'data-marker': marker.kind }, marker.label)),
        ),
      ),
      ' ',
      h(
        'div',
        { class: 'row-sub' },
        h('span', { class: 'row-time' }, formatTime(item.receivedAt)),
        ' ',
        h('span', { class: 'row-path', title: item.path }, item.path),
        ' ',
        h(
          'span',
          { class: `row-answer ${isSuccess(answer) ? 'ok' : 'fail'}`, title: forward ? `app answered in ${formatMs(forward.ms)}` : 'what listen answered' },
          String(answer),
        ),
      ),
    );
    return row;
  }
}
