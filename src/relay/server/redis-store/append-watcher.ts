import type { Redis } from 'ioredis';

type Listener = (lastSeq: number) => void;

const BLOCK_MS = 5000;
const BATCH = 1000;

/**
 * One blocking reader per relay instance: it waits with `XREAD BLOCK` on the stream that
 * every append notes itself in, and wakes the local watchers of the channels named there.
 * However many SSE clients an instance serves, it holds this one blocking connection.
 * Appends made by this instance wake their watchers at once, without waiting for it.
 */
export class AppendWatcher {
  private readonly listeners = new Map<string, Set<Listener>>();
  /** The highest sequence number each watched channel's listeners were told of: each append wakes them once. */
  private readonly told = new Map<string, number>();
  private stopped = false;
  private readonly loop: Promise<void>;

  constructor(
    private readonly reader: Redis,
    private readonly key: string,
    /** After the reader reconnected: the last sequence number of a channel, to tell its watchers what they may have missed. */
    private readonly lastSeqOf: (channelId: string) => Promise<number>,
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

  tell(channelId: string, lastSeq: number): void {
    const set = this.listeners.get(channelId);
    if (!set || (this.told.get(channelId) ?? 0) >= lastSeq) return;
    this.told.set(channelId, lastSeq);
    for (const listener of [...set]) listener(lastSeq);
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
          if (channel !== undefined) this.tell(channel, Number(fields[3]));
        }
      } catch {
        if (this.isStopped()) return;
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
    for (const channelId of this.watched()) this.tell(channelId, await this.lastSeqOf(channelId));
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
