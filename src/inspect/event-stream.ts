import type { IncomingMessage, ServerResponse } from 'node:http';
import type { History } from './history.js';
import type { KeptEvent } from './kept-event.js';
import { inspectorJson, listItemJson } from './event-json.js';

/** Events are sent in batches this far apart at most: one write per batch keeps a busy receiver fast, and the page within 200 ms. */
const BATCH_MS = 25;
const HEARTBEAT_MS = 15_000;
/** A page that reads slower than events arrive is cut off past this; it reconnects and catches up from the history. */
const MAX_BACKLOG_BYTES = 16 * 1024 * 1024;
/** The history a list stream sends at connection, in messages of this many events. */
const BACKLOG_CHUNK = 1000;

/** `full`: one `event` message per event, with every field. `list`: one `events` message per batch, an array of the rows' fields (the page's own feed). */
export type StreamView = 'full' | 'list';

interface Client {
  res: ServerResponse;
  view: StreamView;
  /** The newest event when it connected: it had those from the history, or did not ask for them. */
  upTo: number;
}

/**
 * `GET /_inspect/api/stream`: Server-Sent Events, one `event` message per received event.
 * Each message's id is `<session>.<seq>`: a browser that reconnects to the same `listen` gets
 * what it missed from the history; `?since=<seq>` asks for the history after `seq` first.
 */
export class EventStream {
  private readonly clients = new Set<Client>();
  private pending: KeptEvent[] = [];
  /** The messages worked out for the batch to come, per view, only when a client has that view. */
  private full: string[] = [];
  private list: string[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly heartbeat: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly history: History<KeptEvent>,
    private readonly session: string,
  ) {
    this.heartbeat = setInterval(() => {
      for (const client of this.clients) this.send(client, ': ping\n\n');
    }, HEARTBEAT_MS).unref();
  }

  /** Queued for the next batch; nothing is worked out while no page listens. Worked out now, while `--json`'s line for it is at hand. */
  push(event: KeptEvent): void {
    if (this.clients.size === 0) return;
    this.pending.push(event);
    if (this.has('full')) this.full.push(this.fullMessage(event));
    if (this.has('list')) this.list.push(listItemJson(event));
    this.timer ??= setTimeout(() => this.flush(), BATCH_MS);
  }

  open(req: IncomingMessage, res: ServerResponse, since: number | null, view: StreamView): void {
    if (this.closed) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' }).end('listen is stopping');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no' });
    const resumeFrom = this.resumePoint(req.headers['last-event-id']) ?? since;
    const backlog = resumeFrom === null ? [] : this.history.list(resumeFrom);
    let text = `retry: 1000\nevent: hello\ndata: ${JSON.stringify({ session: this.session, history: this.history.size })}\n\n`;
    if (view === 'full') text += backlog.map((e) => this.fullMessage(e)).join('');
    else
      for (let at = 0; at < backlog.length; at += BACKLOG_CHUNK)
        text += this.listMessage(backlog.slice(at, at + BACKLOG_CHUNK).map(listItemJson), backlog[Math.min(at + BACKLOG_CHUNK, backlog.length) - 1]!);
    res.write(text);
    const client = { res, view, upTo: this.history.newest };
    this.clients.add(client);
    res.on('close', () => this.clients.delete(client));
  }

  /** Ends every stream: `listen` is stopping, and a server does not close while they are open. */
  close(): void {
    this.closed = true;
    clearInterval(this.heartbeat);
    if (this.timer) clearTimeout(this.timer);
    for (const { res } of this.clients) res.end();
    this.clients.clear();
  }

  private flush(): void {
    this.timer = null;
    const { pending, full, list } = this;
    this.pending = [];
    this.full = [];
    this.list = [];
    const last = pending.at(-1);
    if (!last) return;
    const batch = (view: StreamView, from: number) => (view === 'full' ? full.slice(from).join('') : this.listMessage(list.slice(from), last));
    const whole = { full: full.length ? batch('full', 0) : '', list: list.length ? batch('list', 0) : '' };
    for (const client of this.clients) {
      // A client that connected during this batch had its first events from the history.
      const from = client.upTo < pending[0]!.seq ? 0 : pending.findIndex((e) => e.seq > client.upTo);
      if (from === -1) continue;
      this.send(client, from === 0 ? whole[client.view] : batch(client.view, from));
    }
  }

  private has(view: StreamView): boolean {
    for (const client of this.clients) if (client.view === view) return true;
    return false;
  }

  private send({ res }: Client, text: string): void {
    if (res.writableLength > MAX_BACKLOG_BYTES) res.destroy();
    else if (text) res.write(text);
  }

  private fullMessage(event: KeptEvent): string {
    return `id: ${this.session}.${event.seq}\nevent: event\ndata: ${inspectorJson(event)}\n\n`;
  }

  private listMessage(items: string[], last: KeptEvent): string {
    return `id: ${this.session}.${last.seq}\nevent: events\ndata: [${items.join(',')}]\n\n`;
  }

  /** The seq after which a reconnecting page resumes; null when it last saw another session (listen restarted). */
  private resumePoint(lastEventId: string | string[] | undefined): number | null {
    if (typeof lastEventId !== 'string') return null;
    const [session, seq] = lastEventId.split('.');
    return session === this.session && seq && /^\d+$/.test(seq) ? Number(seq) : null;
  }
}
