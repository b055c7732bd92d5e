import type { ReadLimit, ReadResult, RelayStore, StoredEvent } from './store.js';

/** Frames kept for reuse across subscribers, in bytes (the newest frame is always kept). */
const FRAME_CACHE_BYTES = 16 * 1024 * 1024;

/** A frame as the pieces written one after the other: the stored JSON is sent as it is, never copied. */
export type Frame = readonly Buffer[];

export interface FrameBatch {
  frames: { seq: number; frame: Frame }[];
  firstSeq: number;
  lastSeq: number;
  epoch?: string;
}

/**
 * What the subscribers of one channel share. A thousand subscribers woken by one event
 * issue one read, and write the same frame buffer to their sockets: each event is
 * serialised once, not once per subscriber.
 */
export class ChannelFeed {
  readonly subscribers = new Set<object>();
  private readonly reading = new Map<number, Promise<ReadResult>>();
  private readonly frames = new Map<number, Frame>();
  private frameBytes = 0;
  /** The epoch of the cached frames: a frame is cached by its number, which another epoch gives to another event. */
  private epoch: string | undefined;

  constructor(
    private readonly store: RelayStore,
    readonly channelId: string,
  ) {}

  /** The frames of the events after `afterSeq`; `late` events were stored before the subscriber connected. */
  async after(afterSeq: number, limit: ReadLimit, liveFrom: number): Promise<FrameBatch> {
    let read = this.reading.get(afterSeq);
    if (!read) {
      read = this.store.read(this.channelId, afterSeq, limit);
      this.reading.set(afterSeq, read);
      void read.finally(() => this.reading.delete(afterSeq)).catch(() => undefined);
    }
    const { records, firstSeq, lastSeq, epoch } = await read;
    if (epoch !== this.epoch) {
      this.frames.clear();
      this.frameBytes = 0;
      this.epoch = epoch;
    }
    return { frames: records.map((record) => ({ seq: record.seq, frame: this.frame(record, record.seq < liveFrom) })), firstSeq, lastSeq, epoch };
  }

  private frame(record: StoredEvent, late: boolean): Frame {
    const key = record.seq * 2 + (late ? 1 : 0);
    const cached = this.frames.get(key);
    if (cached) return cached;
    const frame = webhookFrame(record, late);
    this.frames.set(key, frame);
    this.frameBytes += record.json.length;
    for (const [oldKey, old] of this.frames) {
      if (this.frameBytes <= FRAME_CACHE_BYTES || oldKey === key) break;
      this.frames.delete(oldKey);
      this.frameBytes -= old[1]!.length;
    }
    return frame;
  }
}

const LATE = Buffer.from(',"late":true}\n\n');
const LIVE = Buffer.from(',"late":false}\n\n');

/** `webhook` frame: the stored JSON with `late` spliced in before its closing brace, never parsed again. */
function webhookFrame(record: StoredEvent, late: boolean): Frame {
  return [Buffer.from(`id: ${record.seq}\nevent: webhook\ndata: `), record.json.subarray(0, record.json.length - 1), late ? LATE : LIVE];
}
