import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ReceivedEvent } from '../receive/types.js';
import type { History } from './history.js';
import { inspectorJson } from './event-json.js';

/** Events are sent in batches this far apart at most: one write per batch keeps a busy receiver fast, and the page within 200 ms. */
const BATCH_MS = 25;
const HEARTBEAT_MS = 15_000;
/** A page that reads slower than events arrive is cut off past this; it reconnects and catches up from the history. */
const MAX_BACKLOG_BYTES = 16 * 1024 * 1024;

/**
 * `GET /_inspect/api/stream`: Server-Sent Events, one `event` message per received event.
 * Each message's id is `<session>.<seq>`: a browser that reconnects to the same `listen` gets
 * what it missed from the history; `?since=<seq>` asks for the history after `seq` first.
 */
export class EventStream {
  private readonly clients = new Set<ServerResponse>();
  private pending: string[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly heartbeat: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly history: History<ReceivedEvent>,
    private readonly session: string,
  ) {
    this.heartbeat = setInterval(() => this.write(': ping\n\n'), HEARTBEAT_MS).unref();
  }

  /** Queued for the next batch; nothing is worked out while no page listens. Worked out now, while `--json`'s line for it is at hand. */
  push(event: ReceivedEvent): void {
    if (this.clients.size === 0) return;
    this.pending.push(this.message(event));
    this.timer ??= setTimeout(() => this.flush(), BATCH_MS);
  }

  open(req: IncomingMessage, res: ServerResponse, since: number | null): void {
    if (this.closed) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' }).end('listen is stopping');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no' });
    const resumeFrom = this.resumePoint(req.headers['last-event-id']) ?? since;
    const backlog = resumeFrom === null ? [] : this.history.list(resumeFrom);
    res.write(
      `retry: 1000\nevent: hello\ndata: ${JSON.stringify({ session: this.session, history: this.history.size })}\n\n${backlog.map((e) => this.message(e)).join('')}`,
    );
    this.clients.add(res);
    res.on('close', () => this.clients.delete(res));
  }

  get listeners(): number {
    return this.clients.size;
  }

  /** Ends every stream: `listen` is stopping, and a server does not close while they are open. */
  close(): void {
    this.closed = true;
    clearInterval(this.heartbeat);
    if (this.timer) clearTimeout(this.timer);
    for (const res of this.clients) res.end();
    this.clients.clear();
  }

  private flush(): void {
    this.timer = null;
    const batch = this.pending;
    this.pending = [];
    this.write(batch.join(''));
  }

  private write(text: string): void {
    for (const res of this.clients) {
      if (res.writableLength > MAX_BACKLOG_BYTES) res.destroy();
      else res.write(text);
    }
  }

  private message(event: ReceivedEvent): string {
    return `id: ${this.session}.${event.seq}\nevent: event\ndata: ${inspectorJson(event)}\n\n`;
  }

  /** The seq after which a reconnecting page resumes; null when it last saw another session (listen restarted). */
  private resumePoint(lastEventId: string | string[] | undefined): number | null {
    if (typeof lastEventId !== 'string') return null;
    const [session, seq] = lastEventId.split('.');
    return session === this.session && seq && /^\d+$/.test(seq) ? Number(seq) : null;
  }
}
