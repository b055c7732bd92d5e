import type { IncomingMessage, ServerResponse } from 'node:http';
import { sseFrame, type RelayActivity } from '../protocol.js';
import type { ChannelFeed } from './feed.js';
import type { Bounds, RelayStore } from './store.js';

export interface StreamOptions {
  /** The Last-Event-ID header as sent: the last sequence number the client has; absent for everything. */
  lastEventId: string | undefined;
  /** The epoch the client's Last-Event-ID belongs to (`x-relay-epoch`), when it knows one. */
  clientEpoch?: string;
  heartbeatMs: number;
  /** Bytes of frames read at once; a larger event is still sent, alone. */
  batchBytes: number;
  report(activity: RelayActivity): void;
}

const BATCH_RECORDS = 256;
/** A subscriber whose socket takes no byte for this many heartbeats while data waits is dropped (it resumes later). */
const STALLED_BEATS = 3;

/**
 * Streams a channel over SSE from `from` onward, then live. Frames are pulled one batch
 * at a time and the next batch waits until the socket drained, so a subscriber holds at
 * most one batch (or one event larger than that) however far behind it is. A reader is
 * judged stalled by time without progress, never by the size of one write.
 */
export async function openStream(store: RelayStore, feed: ChannelFeed, req: IncomingMessage, res: ServerResponse, options: StreamOptions): Promise<void> {
  const bounds = await store.bounds(feed.channelId);
  // Left while the channel was opened: a close listener added now would never run, and the subscription would stay for good.
  if (res.destroyed) return;
  new Subscription(store, feed, res, options, resumePoint(options.lastEventId, bounds, options.clientEpoch), bounds).start(req);
}

/**
 * Where a stream resumes: after the client's Last-Event-ID. Anything that is not a whole
 * number, or is negative, means from the start; past the last event means from the end
 * (the hello frame's lastSeq lets the client see that it is ahead of the relay). A number of
 * another epoch, at or past where the current one starts, was given again: resume there.
 */
export function resumePoint(lastEventId: string | undefined, bounds: Bounds, clientEpoch?: string): number {
  const text = (lastEventId ?? '').trim();
  if (!/^\d+$/.test(text)) return 0;
  let position = Number(text);
  if (clientEpoch && bounds.epoch && bounds.epochFrom !== undefined && clientEpoch !== bounds.epoch) {
    position = Math.min(position, bounds.epochFrom - 1);
  }
  return Math.min(position, bounds.lastSeq);
}

class Subscription {
  private pumping = false;
  private wokenWhilePumping = false;
  private closed = false;
  private stalledBeats = 0;
  private bytesAtLastBeat = 0;
  private heartbeat: NodeJS.Timeout | undefined;
  private unwatch: () => void = () => undefined;
  private unwatchStore: () => void = () => undefined;

  constructor(
    private readonly store: RelayStore,
    private readonly feed: ChannelFeed,
    private readonly res: ServerResponse,
    private readonly options: StreamOptions,
    private position: number,
    private readonly bounds: Bounds,
  ) {
    this.lastSeq = bounds.lastSeq;
    this.liveFrom = bounds.lastSeq + 1;
  }

  private lastSeq: number;

  /** Events from here on were stored after the subscriber connected: they are live, not late. */
  private readonly liveFrom: number;

  start(req: IncomingMessage): void {
    const { lastSeq, firstSeq, epoch, epochFrom } = this.bounds;
    const { res, feed, options } = this;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
      connection: 'close',
    });
    req.socket.setNoDelay(true);
    res.write('retry: 1000\n\n');
    res.write(sseFrame('hello', { channel: feed.channelId, heartbeatMs: options.heartbeatMs, lastSeq, firstSeq, epoch, epochFrom }));
    this.heartbeat = setInterval(() => this.beat(), options.heartbeatMs);
    res.on('close', () => this.end('disconnected'));
    feed.subscribers.add(this);
    this.unwatch = this.store.watch(feed.channelId, (newLastSeq, newEpoch) => {
      if (newEpoch !== this.bounds.epoch || newLastSeq < this.lastSeq) {
        this.restart('the channel was renumbered');
        return;
      }
      this.lastSeq = Math.max(this.lastSeq, newLastSeq);
      this.wake();
    });
    this.unwatchStore = this.store.onStatus((status) => {
      // Only the fact: the reason names the relay's infrastructure, which is the operator's business.
      if (!this.closed) res.write(sseFrame('store', { available: status.available }));
      // Events stored while this instance could not hear of them: look again.
      if (status.available) this.wake();
    });
    options.report({ kind: 'subscribed', channel: feed.channelId, from: this.position, subscribers: feed.subscribers.size });
    this.wake();
  }

  /** Sends what is after the position, batch by batch; one pump at a time, re-run when woken meanwhile. */
  private wake(): void {
    if (this.closed) return;
    if (this.pumping) {
      this.wokenWhilePumping = true;
      return;
    }
    this.pumping = true;
    this.pump()
      .catch(() => this.restart('the relay could not read the channel'))
      .finally(() => {
        this.pumping = false;
        if (this.wokenWhilePumping && !this.closed) {
          this.wokenWhilePumping = false;
          this.wake();
        }
      });
  }

  private async pump(): Promise<void> {
    while (!this.isClosed()) {
      this.wokenWhilePumping = false;
      const batch = await this.feed.after(this.position, { records: BATCH_RECORDS, bytes: this.options.batchBytes }, this.liveFrom);
      if (this.isClosed()) return;
      if (batch.epoch !== this.bounds.epoch) {
        this.restart('the channel was renumbered');
        return;
      }
      this.reportEvicted(batch.frames[0]?.seq ?? batch.firstSeq);
      if (batch.frames.length === 0) return;
      this.res.cork();
      for (const { frame } of batch.frames) for (const piece of frame) this.res.write(piece);
      this.res.uncork();
      this.position = batch.frames.at(-1)!.seq;
      // Only a write that returned false is followed by a drain event.
      if (this.res.writableNeedDrain) await this.drained();
    }
  }

  /** A method, not a field read: the client may leave while a read is awaited. */
  private isClosed(): boolean {
    return this.closed;
  }

  /** Tells the client about the events between its position and `nextSeq` that no longer exist. */
  private reportEvicted(nextSeq: number): void {
    const count = nextSeq - 1 - this.position;
    if (count <= 0) return;
    this.res.write(sseFrame('evicted', { count, from: this.position + 1, to: nextSeq - 1 }));
    this.position = nextSeq - 1;
  }

  private drained(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.res.off('drain', done);
        this.res.off('close', done);
        resolve();
      };
      this.res.on('drain', done);
      this.res.on('close', done);
    });
  }

  private beat(): void {
    const written = this.res.socket?.bytesWritten ?? 0;
    const waiting = this.res.writableLength > 0;
    this.stalledBeats = waiting && written === this.bytesAtLastBeat ? this.stalledBeats + 1 : 0;
    this.bytesAtLastBeat = written;
    if (this.stalledBeats >= STALLED_BEATS) {
      this.drop('stopped reading');
      return;
    }
    if (!waiting) this.res.write(sseFrame('heartbeat', { at: new Date().toISOString(), lastSeq: this.lastSeq }));
  }

  /**
   * Ends the stream with a frame saying so, for the client to open it again: it then learns
   * from the hello frame where the channel is (or that it is gone), and says what it lost.
   */
  private restart(reason: string): void {
    if (this.closed) return;
    this.res.write(sseFrame('restart', { reason }));
    this.end(reason);
    this.res.end();
  }

  private drop(reason: string): void {
    if (this.closed) return;
    this.end(reason);
    this.res.destroy();
  }

  private end(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    this.unwatch();
    this.unwatchStore();
    this.feed.subscribers.delete(this);
    this.options.report({ kind: 'unsubscribed', channel: this.feed.channelId, reason, subscribers: this.feed.subscribers.size });
  }
}
