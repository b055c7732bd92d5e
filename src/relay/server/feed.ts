import type { ReadLimit, ReadResult, RelayStore, StoredEvent } from './store.js';

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
 * issue one read, and write the same stored JSON to their sockets: each event is
 * serialised once, when stored, and only a few bytes of header are made per subscriber.
 */
export class ChannelFeed {
  readonly subscribers = new Set<object>();
  private readonly reading = new Map<number, Promise<ReadResult>>();

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
    return { frames: records.map((record) => ({ seq: record.seq, frame: webhookFrame(record, record.seq < liveFrom) })), firstSeq, lastSeq, epoch };
  }
}

const LATE = Buffer.from(',"late":true}\n\n');
const LIVE = Buffer.from(',"late":false}\n\n');

/** `webhook` frame: the stored JSON with `late` spliced in before its closing brace, never parsed again. */
function webhookFrame(record: StoredEvent, late: boolean): Frame {
  return [Buffer.from(`id: ${record.seq}\nevent: webhook\ndata: `), record.json.subarray(0, record.json.length - 1), late ? LATE : LIVE];
}
