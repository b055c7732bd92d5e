import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Channel, Subscriber } from './channel.js';
import type { RelayActivity } from './relay-server.js';
import { sseFrame } from './sse.js';

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
  const id = channel.meta.id;
  const liveFrom = channel.lastSeq + 1;
  let position = options.from;
  let waitingForDrain = false;
  let closed = false;

  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', 'x-accel-buffering': 'no', connection: 'close' });
  req.socket.setNoDelay(true);
  res.write(`retry: 1000\n\n`);
  res.write(sseFrame('hello', { channel: id, heartbeatMs: options.heartbeatMs, lastSeq: channel.lastSeq, firstSeq: channel.firstSeq }));
  const evicted = channel.firstSeq - 1 - position;
  if (evicted > 0) {
    res.write(sseFrame('evicted', { count: evicted, from: position + 1, to: channel.firstSeq - 1 }));
    position = channel.firstSeq - 1;
  }

  const drop = (reason: string) => {
    if (closed) return;
    res.destroy();
    cleanup(reason);
  };

  const pump = () => {
    if (closed || waitingForDrain) return;
    for (;;) {
      const batch = channel.after(position, BATCH);
      if (batch.length === 0) return;
      const gap = batch[0]!.seq - position - 1;
      if (gap > 0) res.write(sseFrame('evicted', { count: gap, from: position + 1, to: batch[0]!.seq - 1 }));
      let frames = '';
      for (const record of batch) frames += sseFrame('webhook', { ...record, late: record.seq < liveFrom }, record.seq);
      position = batch.at(-1)!.seq;
      if (!res.write(frames)) {
        if (res.writableLength > options.maxPendingBytes) return drop('stopped reading');
        waitingForDrain = true;
        res.once('drain', () => {
          waitingForDrain = false;
          pump();
        });
        return;
      }
    }
  };

  const subscriber: Subscriber = { wake: pump };
  let stalledBeats = 0;
  const heartbeat = setInterval(() => {
    stalledBeats = waitingForDrain ? stalledBeats + 1 : 0;
    if (stalledBeats >= STALLED_BEATS || res.writableLength > options.maxPendingBytes) return drop('stopped reading');
    res.write(sseFrame('heartbeat', { at: new Date().toISOString(), lastSeq: channel.lastSeq }));
  }, options.heartbeatMs);

  const cleanup = (reason: string) => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    channel.subscribers.delete(subscriber);
    options.report({ kind: 'unsubscribed', channel: id, reason, subscribers: channel.subscribers.size });
  };
  res.on('close', () => cleanup('disconnected'));

  channel.subscribers.add(subscriber);
  options.report({ kind: 'subscribed', channel: id, from: options.from, subscribers: channel.subscribers.size });
  pump();
}
