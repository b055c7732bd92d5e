import { itemMarkers, itemTitle, statusName } from './describe-item.js';
import { h } from './dom.js';
import type { EventStore } from './event-store.js';
import { formatMs, formatTime, isSuccess } from './format.js';
import type { EventItem } from './types.js';

/** Every row is this tall: the list draws only the rows in view, placed by index. */
export const ROW_HEIGHT = 56;
const OVERSCAN = 6;

export interface EventListOptions {
  /** The selection moved (arrow keys, a click): show that event. */
  onSelect(seq: number): void;
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
  }

  get selection(): number | null {
    return this.selected;
  }

  /** New rows arrived at the top: a reader scrolled down keeps the rows they are reading in place. */
  grew(rowsOnTop: number): void {
    if (rowsOnTop > 0 && this.element.scrollTop > 0) this.element.scrollTop += rowsOnTop * ROW_HEIGHT;
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
    const count = this.store.visibleCount;
    this.spacer.style.height = `${count * ROW_HEIGHT}px`;
    const first = Math.max(0, Math.floor(this.element.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(count - 1, Math.ceil((this.element.scrollTop + this.element.clientHeight) / ROW_HEIGHT) + OVERSCAN);
    const rows: HTMLElement[] = [];
    for (let index = first; index <= last; index++) {
      const item = this.store.visibleAt(index);
      if (item) rows.push(this.row(item, index));
    }
    this.spacer.replaceChildren(...rows);
  }

  private row(item: EventItem, index: number): HTMLElement {
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
    row.style.transform = `translateY(${index * ROW_HEIGHT}px)`;
    return row;
  }
}
