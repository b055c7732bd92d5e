import type { Headers } from '../protocol.js';

/**
 * Where a relay keeps its channels and their events. The HTTP and SSE code knows only
 * this interface: the file store (under `--data`) and any other store pass one suite.
 */
export interface RelayStore {
  /** Creates a channel for a token's hash; a ChannelLimitError past `maxChannels`. */
  createChannel(tokenHash: string): Promise<ChannelRecord>;
  getChannel(id: string): Promise<ChannelRecord | null>;
  /** Removes a channel and every event it holds. */
  removeChannel(id: string): Promise<void>;
  countChannels(): Promise<number>;
  /**
   * Stores one webhook durably and resolves with its sequence number: 1, 2, 3… per
   * channel, given only once the event is stored, so a failed write leaves no gap. A
   * StoreFullError or StoreUnavailableError when it cannot be stored.
   */
  append(channelId: string, webhook: IncomingWebhook): Promise<number>;
  /** The oldest sequence number kept (lastSeq + 1 when none is), the last one given, and the numbering they belong to. */
  bounds(channelId: string): Promise<Bounds>;
  /** Events after `afterSeq`, oldest first: at least one when there is one, else within `limit`. */
  read(channelId: string, afterSeq: number, limit: ReadLimit): Promise<ReadResult>;
  /**
   * Calls `listener` after each append to the channel, with the new last sequence number and
   * its epoch; also when the numbers went back (a store restored from an older copy) or the
   * channel is gone (lastSeq 0, no epoch).
   */
  watch(channelId: string, listener: (lastSeq: number, epoch?: string) => void): () => void;
  /** Takes one event from the channel's rate allowance: null when allowed, else the seconds to wait. */
  takeRate(channelId: string): Promise<number | null>;
  /** Calls `listener` when the store becomes unreachable and when it is back (a store that cannot be lost never calls it). */
  onStatus(listener: (status: StoreStatus) => void): () => void;
  /** Removes the channels nobody has read for the channel TTL, with their events; resolves with their ids. */
  expire(): Promise<string[]>;
  close(): Promise<void>;
}

export interface Bounds {
  firstSeq: number;
  lastSeq: number;
  /**
   * A store that can lose acknowledged events (Redis restarted from an older snapshot) names
   * its numbering: numbers from `epochFrom` on were given in `epoch`, and a number given in
   * another epoch at or past `epochFrom` may name another event.
   */
  epoch?: string;
  epochFrom?: number;
}

export interface StoreStatus {
  available: boolean;
  reason: string;
}

/** The rules every store applies, whatever keeps the data. */
export interface StoreRules {
  /** Events kept per channel. */
  capacity: number;
  /** Bytes of events kept per channel: past it, the oldest are evicted (the newest is always kept). */
  maxBytes: number;
  /** Bytes of events kept in all: past it, the oldest events of the largest channel are evicted. */
  maxTotalBytes: number;
  maxChannels: number;
  /** Events per second accepted per channel. */
  rate: number;
  /** A channel nobody has read (streamed) for this long is removed with its events. */
  channelTtlMs: number;
  /** The clock, in ms (tests move it). */
  now?: () => number;
}

export interface ChannelRecord {
  id: string;
  /** Only the token's hash is kept: a copy of the store grants no read access. */
  tokenHash: string;
  createdAt: string;
}

/** A webhook request as the relay received it. */
export interface IncomingWebhook {
  receivedAt: string;
  method: string;
  /** Sub-path and query after `/c/<id>`; `/` when none. */
  path: string;
  contentType: string | null;
  headers: Headers;
  body: Buffer;
}

export interface ReadLimit {
  records: number;
  bytes: number;
}

export interface ReadResult {
  /** Each event as its wire JSON (a `RelayedRequest`), serialised once when it was stored. */
  records: StoredEvent[];
  /** The oldest sequence number still kept (lastSeq + 1 when none is): everything before it was evicted. */
  firstSeq: number;
  lastSeq: number;
  /** The numbering the events belong to (see Bounds). */
  epoch?: string;
}

export interface StoredEvent {
  seq: number;
  json: Buffer;
}

/** More channels than `--max-channels`. */
export class ChannelLimitError extends Error {
  constructor(maxChannels: number) {
    super(`this relay holds its maximum of ${maxChannels} channels (--max-channels)`);
  }
}

/** The store has no room (a full disk): 507. */
export class StoreFullError extends Error {}

/** The store cannot be written or read right now: 503, try again. */
export class StoreUnavailableError extends Error {}

/** The store answers but refuses this relay (a wrong password, a database it does not have): its message names the fix. */
export class StoreRefusedError extends Error {}

/** The event is stored, and will be relayed, but not yet on as many copies as asked (`--redis-wait`): 503 all the same. */
export class NotReplicatedError extends Error {
  constructor(
    readonly replicas: number,
    readonly asked: number,
    readonly timeoutMs: number,
  ) {
    super(`only ${replicas} of the ${asked} Redis replicas asked for (--redis-wait) confirmed it within ${timeoutMs / 1000} s`);
  }
}
