import type { IncomingMessage, ServerResponse } from 'node:http';
import { sseFrame, type RelayActivity } from '../protocol.js';
import type { Channel, Subscriber } from './channel.js';

export interface StreamOptions {
  /** The last sequence number the client has (Last-Event-ID); 0 for everything. */
  from: number;
  heartbeatMs: number;
  maxPendingBytes: number;
  report(activity: RelayActivity): void;
}

const BATCH = 64;
/** A subscriber whose socket has not drained for this many heartbeats is dropped. */
const STALLED_BEATS = 3;

/**
 * Streams a channel over SSE from `from` onward, then live. Records are pulled as the
 * socket drains, so a slow reader holds at most one batch in memory; one that stops
 * reading is dropped once its unsent bytes pass the cap, and resumes from its last id.
 */
export function openStream(channel: Channel, req: IncomingMessage, res: ServerResponse, options: StreamOptions): void {
  new Subscription(channel, res, options).start(req);
}

class Subscription implements Subscriber {
  /** Records up to here were sent before the stream opened: they are late. */
  private readonly liveFrom: number;
  private position: number;
  private waitingForDrain = false;
  private closed = false;
  private stalledBeats = 0;
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(
    private readonly channel: Channel,
    private readonly res: ServerResponse,
    private readonly options: StreamOptions,
  ) {
    this.liveFrom = channel.lastSeq + 1;
    this.position = options.from;
  }

  start(req: IncomingMessage): void {
    const { channel, res, options } = this;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
      connection: 'close',
    });
    req.socket.setNoDelay(true);
    res.write('retry: 1000\n\n');
    res.write(sseFrame('hello', { channel: channel.meta.id, heartbeatMs: options.heartbeatMs, lastSeq: channel.lastSeq, firstSeq: channel.firstSeq }));
    this.reportEvicted(channel.firstSeq);
    this.heartbeat = setInterval(() => this.beat(), options.heartbeatMs);
    res.on('close', () => this.end('disconnected'));
    channel.subscribers.add(this);
    options.report({ kind: 'subscribed', channel: channel.meta.id, from: options.from, subscribers: channel.subscribers.size });
    this.wake();
  }

  /** Sends what is after the position, batch by batch, while the socket takes it. */
  wake(): void {
    if (this.closed || this.waitingForDrain) return;
    for (;;) {
      const batch = this.channel.after(this.position, BATCH);
      if (batch.length === 0) return;
      this.reportEvicted(batch[0]!.seq);
      let frames = '';
      for (const record of batch) frames += sseFrame('webhook', { ...record, late: record.seq < this.liveFrom }, record.seq);
      this.position = batch.at(-1)!.seq;
      if (!this.res.write(frames)) {
        if (this.res.writableLength > this.options.maxPendingBytes) {
          this.drop();
          return;
        }
        this.waitingForDrain = true;
        this.res.once('drain', () => {
          this.waitingForDrain = false;
          this.wake();
        });
        return;
      }
    }
  }

  /** Tells the client about the records between its position and `nextSeq` that no longer exist. */
  private reportEvicted(nextSeq: number): void {
    const count = nextSeq - 1 - this.position;
    if (count <= 0) return;
    this.res.write(sseFrame('evicted', { count, from: this.position + 1, to: nextSeq - 1 }));
    this.position = nextSeq - 1;
  }

  private beat(): void {
    this.stalledBeats = this.waitingForDrain ? this.stalledBeats + 1 : 0;
    if (this.stalledBeats >= STALLED_BEATS || this.res.writableLength > this.options.maxPendingBytes) {
      this.drop();
      return;
    }
    this.res.write(sseFrame('heartbeat', { at: new Date().toISOString(), lastSeq: this.channel.lastSeq }));
  }

  private drop(): void {
    if (this.closed) return;
    this.res.destroy();
    this.end('stopped reading');
  }

  private end(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    this.channel.subscribers.delete(this);
    this.options.report({ kind: 'unsubscribed', channel: this.channel.meta.id, reason, subscribers: this.channel.subscribers.size });
  }
}
