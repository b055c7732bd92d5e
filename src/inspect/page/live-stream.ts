import type { Hello, ListItem } from './types.js';

export type StreamState = 'connecting' | 'live' | 'reconnecting';

export interface LiveStreamHandlers {
  /** Once per connection, first; a session other than the last one means `listen` restarted. */
  onHello(hello: Hello, restarted: boolean): void;
  /** Events in arrival order, gathered so that a burst is drawn once. */
  onEvents(items: ListItem[]): void;
  onState(state: StreamState): void;
}

/**
 * The server sends a batch every 25 ms at most, which the browser hands over one message at a
 * time: they are gathered until the next task (0 ms), and the list draws once per frame anyway.
 */
const GATHER_MS = 0;
/** When the browser has given up on the stream (an answer that is not a stream, e.g. 503 while `listen` stops). */
const RETRY_MS = 1000;

/**
 * The live list's feed: `api/stream`, from the start of the history (`since=0`). The browser
 * reconnects by itself and resumes where it stopped in the same session; after a restart of
 * `listen` the session changes and `since=0` brings the new one's history.
 */
export function connectLiveStream(url: string, handlers: LiveStreamHandlers): { close(): void } {
  let session: string | null = null;
  let source: EventSource | null = null;
  let retry: number | undefined;
  let pending: ListItem[] = [];
  let flushTimer: number | undefined;

  const flush = () => {
    flushTimer = undefined;
    const items = pending;
    pending = [];
    if (items.length > 0) handlers.onEvents(items);
  };

  const open = () => {
    handlers.onState(session === null ? 'connecting' : 'reconnecting');
    const stream = new EventSource(url);
    source = stream;
    stream.addEventListener('hello', (message) => {
      const hello = JSON.parse((message as MessageEvent<string>).data) as Hello;
      // Events of the old session still waiting to be drawn belong to a list about to be cleared.
      const restarted = session !== null && hello.session !== session;
      if (restarted) pending = [];
      else flush();
      session = hello.session;
      handlers.onHello(hello, restarted);
      handlers.onState('live');
    });
    stream.addEventListener('events', (message) => {
      pending.push(...(JSON.parse((message as MessageEvent<string>).data) as ListItem[]));
      flushTimer ??= window.setTimeout(flush, GATHER_MS);
    });
    stream.addEventListener('error', () => {
      handlers.onState('reconnecting');
      if (stream.readyState === EventSource.CLOSED) retry = window.setTimeout(open, RETRY_MS);
    });
  };

  open();
  return {
    close() {
      window.clearTimeout(retry);
      window.clearTimeout(flushTimer);
      source?.close();
    },
  };
}
