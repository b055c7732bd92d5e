import type { RelayedRequest } from '../protocol.js';
import type { ChannelLog } from './channel-log.js';
import { RateLimiter } from './rate-limit.js';

export interface ChannelMeta {
  id: string;
  tokenHash: string;
  createdAt: string;
}

/** What a subscriber needs from a channel; the HTTP side implements the writing. */
export interface Subscriber {
  /** Called when records after the subscriber's position are available. */
  wake(): void;
}

/**
 * One channel: the last `capacity` requests in memory (the same ones as on disk), the
 * next sequence number, and who is listening. Sequence numbers start at 1 and never
 * repeat, so a subscriber resumes with `Last-Event-ID` and sees any gap as evicted.
 */
export class Channel {
  readonly subscribers = new Set<Subscriber>();
  readonly limiter: RateLimiter;
  private records: RelayedRequest[];
  private nextSeq: number;

  constructor(
    readonly meta: ChannelMeta,
    private readonly log: ChannelLog,
    records: RelayedRequest[],
    private readonly capacity: number,
    rate: number,
  ) {
    this.records = records.slice(-capacity);
    this.nextSeq = (records.at(-1)?.seq ?? 0) + 1;
    this.limiter = new RateLimiter(rate);
  }

  /** Stores a request durably, then makes it visible to subscribers. */
  async store(request: Omit<RelayedRequest, 'seq'>): Promise<RelayedRequest> {
    const record = { seq: this.nextSeq++, ...request };
    await this.log.append(record);
    this.records.push(record);
    if (this.records.length > this.capacity) this.records.splice(0, this.records.length - this.capacity);
    await this.log.compact(this.records, this.capacity * 2);
    for (const subscriber of this.subscribers) subscriber.wake();
    return record;
  }

  get lastSeq(): number {
    return this.nextSeq - 1;
  }

  /** The oldest sequence number still kept; everything before it was evicted. */
  get firstSeq(): number {
    return this.records[0]?.seq ?? this.nextSeq;
  }

  /** Records after `seq`, in order, at most `limit`. */
  after(seq: number, limit: number): RelayedRequest[] {
    if (this.records.length === 0) return [];
    const first = this.records[0]!.seq;
    const start = Math.max(0, seq + 1 - first);
    return this.records.slice(start, start + limit);
  }

  close(): Promise<void> {
    return this.log.close();
  }
}
