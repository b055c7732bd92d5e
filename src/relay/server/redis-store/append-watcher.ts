import type { Redis } from 'ioredis';

type Listener = (lastSeq: number, epoch?: string) => void;

/** Where a channel's numbering is: its last number and the epoch it belongs to; none when the channel is gone. */
export interface Numbering {
  lastSeq: number;
  epoch?: string;
}

const BLOCK_MS = 5000;
/**
 * The reader's command timeout: a blocking read answers within BLOCK_MS, so one silent for
 * longer has a connection that died without closing (a peer gone from the network, a NAT
 * that forgot it); it is then dropped and opened again, instead of waiting for TCP to notice.
 */
export const READER_TIMEOUT_MS = BLOCK_MS + 5000;
const BATCH = 1000;

/**
 * One blocking reader per relay instance: it waits with `XREAD BLOCK` on the stream that
 * every append notes itself in, and wakes the local watchers of the channels named there.
 * However many SSE clients an instance serves, it holds this one blocking connection.
 * Appends made by this instance wake their watchers at once, without waiting for it.
 */
export class AppendWatcher {
  private readonly listeners = new Map<string, Set<Listener>>();
  /** The highest sequence number each watched channel's listeners were told of, and its epoch: each append wakes them once. */
  private readonly told = new Map<string, { seq: number; epoch?: string }>();
  private stopped = false;
  private readonly loop: Promise<void>;

  constructor(
    private readonly reader: Redis,
    private readonly key: string,
    /** After the reader reconnected: where a channel's numbering is, to tell its watchers what they may have missed. */
    private readonly numberingOf: (channelId: string) => Promise<Numbering>,
    /** A watched channel's numbers went back, or it is gone: Redis came back without some of what it had acknowledged. */
    private readonly lost: (channelId: string, told: number, now: Numbering) => void,
  ) {
    this.loop = this.run();
  }

  watch(channelId: string, listener: Listener): () => void {
    let set = this.listeners.get(channelId);
    if (!set) this.listeners.set(channelId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(channelId) === set) {
        this.listeners.delete(channelId);
        this.told.delete(channelId);
      }
    };
  }

  watched(): string[] {
    return [...this.listeners.keys()];
  }

  tell(channelId: string, lastSeq: number, epoch?: string): void {
    const set = this.listeners.get(channelId);
    if (!set) return;
    const told = this.told.get(channelId);
    if (told && told.epoch === epoch && told.seq >= lastSeq) return;
    this.told.set(channelId, { seq: lastSeq, epoch });
    // A new epoch whose numbers do not go past what was told reuses them: the events told of are gone.
    if (told && (epoch === undefined || lastSeq <= told.seq)) this.lost(channelId, told.seq, { lastSeq, epoch });
    for (const listener of [...set]) listener(lastSeq, epoch);
  }

  /** Where a watched channel's numbering is, found outside a notification: noted when nothing was told yet, else told. */
  seed(channelId: string, lastSeq: number, epoch?: string): void {
    if (!this.listeners.has(channelId)) return;
    if (this.told.has(channelId)) this.tell(channelId, lastSeq, epoch);
    else this.told.set(channelId, { seq: lastSeq, epoch });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.reader.disconnect();
    await this.loop;
  }

  private async run(): Promise<void> {
    let lastId = '$';
    let missedSome = false;
    while (!this.stopped) {
      try {
        if (lastId === '$') lastId = await this.newestId();
        if (missedSome) {
          missedSome = false;
          await this.catchUp();
        }
        const reply = await this.reader.xread('COUNT', BATCH, 'BLOCK', BLOCK_MS, 'STREAMS', this.key, lastId);
        for (const [id, fields] of reply?.[0]?.[1] ?? []) {
          lastId = id;
          const channel = fields[1];
          if (channel !== undefined) this.tell(channel, Number(fields[3]), fields[5]);
        }
      } catch (error) {
        if (this.isStopped()) return;
        if ((error as Error).message === 'Command timed out') this.reader.disconnect(true);
        // Notifications written meanwhile may be gone (trimmed, or Redis restarted without them): start from
        // the newest, then ask each watched channel where it is.
        lastId = '$';
        missedSome = true;
        await this.ready();
      }
    }
  }

  /** A method, not a field read: `stop()` may run while a command is awaited. */
  private isStopped(): boolean {
    return this.stopped;
  }

  private async newestId(): Promise<string> {
    const newest = await this.reader.xrevrange(this.key, '+', '-', 'COUNT', 1);
    return newest[0]?.[0] ?? '0-0';
  }

  private async catchUp(): Promise<void> {
    for (const channelId of this.watched()) {
      const { lastSeq, epoch } = await this.numberingOf(channelId);
      this.tell(channelId, lastSeq, epoch);
    }
  }

  /** Resolves once the reader is connected again (it reconnects by itself), or stopped. */
  private ready(): Promise<void> {
    return new Promise((resolve) => {
      if (this.stopped) {
        resolve();
        return;
      }
      const check = setInterval(() => {
        if (this.stopped || this.reader.status === 'ready') {
          clearInterval(check);
          resolve();
        }
      }, 100);
    });
  }
}
