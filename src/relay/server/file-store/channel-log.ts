import { constants } from 'node:fs';
import { open, rename, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { syncFolder } from '../../../fs/write-file-durably.js';
import type { RelayedRequest } from '../../protocol.js';
import { wireJson } from '../wire-json.js';
import { StoreFullError, StoreUnavailableError, type IncomingWebhook, type ReadLimit, type StoredEvent } from '../store.js';

/** Where one stored event sits in the log file. */
interface Entry {
  seq: number;
  offset: number;
  /** Bytes of its line, the line break included. */
  length: number;
}

export interface LogLimits {
  /** Events kept; past it the oldest are evicted. */
  records: number;
  /** Bytes of events kept; past it the oldest are evicted (the newest is always kept). */
  bytes: number;
}

export interface OpenOptions {
  limits: LogLimits;
  /** The lowest next sequence number, from the channel's meta file: the log alone may have lost its tail. */
  nextSeqFloor: number;
  /** Called before a compaction rewrites the log, with the next sequence number to keep in the meta file. */
  beforeCompaction(nextSeq: number): Promise<void>;
  /** Called when a torn or corrupt tail was cut off at open. */
  onRepair(droppedBytes: number, reason: string): void;
  /** Writes all of `data` at `position` (by default, looping over short writes); replaced to rehearse a failing disk. */
  writeAt?: WriteAt;
}

export type WriteAt = (handle: FileHandle, data: Buffer, position: number) => Promise<void>;

const READ_CHUNK = 1024 * 1024;
/** Read and write at explicit positions (never O_APPEND, which ignores them), created private to the user. */
const READ_WRITE = constants.O_RDWR | constants.O_CREAT;
/** The newest events are also kept in memory, up to this many bytes, so that live subscribers read no disk. */
const TAIL_CACHE_BYTES = 256 * 1024;
/** Dead bytes before the first kept event are reclaimed past this, and past the kept bytes. */
const COMPACT_AFTER = 4 * 1024 * 1024;

interface Pending {
  webhook: IncomingWebhook;
  resolve(seq: number): void;
  reject(error: Error): void;
}

/**
 * One channel's events on disk: one line of JSON per event (a `RelayedRequest`), with
 * only an index (sequence number, offset, length) in memory; bodies are read back when
 * sent. Appends arriving together share one write and one fdatasync (group commit); a
 * sequence number is given only once its write succeeded, so a failed write leaves no
 * gap, and the file is truncated back to its last good byte. Compaction runs inside the
 * same flush loop, never beside an append.
 */
export class ChannelLog {
  private entries: Entry[] = [];
  /** entries[head] is the oldest kept event; those before it are evicted. */
  private head = 0;
  /** The end of the last good event: where the next write goes. */
  private size = 0;
  private keptBytes = 0;
  private pending: Pending[] = [];
  private flushing: Promise<void> | null = null;
  private compacting: Promise<void> | null = null;
  private readers = 0;
  private readersDone: (() => void) | null = null;
  /** Lines of the newest events (without their line break), by sequence number, oldest first. */
  private readonly tail = new Map<number, Buffer>();
  private tailBytes = 0;

  private constructor(
    private readonly path: string,
    private handle: FileHandle,
    private nextSeq: number,
    private readonly options: OpenOptions,
  ) {}

  /** Opens (or creates) the log, indexes it, and cuts off a torn or corrupt tail. */
  static async open(path: string, options: OpenOptions): Promise<ChannelLog> {
    const handle = await open(path, READ_WRITE, 0o600);
    try {
      const { entries, size, end, problem } = await scan(handle);
      if (size < end) {
        await handle.truncate(size);
        await handle.datasync();
        options.onRepair(end - size, problem ?? 'a torn last line');
      }
      const lastSeq = entries.at(-1)?.seq ?? 0;
      const log = new ChannelLog(path, handle, Math.max(lastSeq + 1, options.nextSeqFloor), options);
      log.entries = entries;
      log.size = size;
      log.keptBytes = entries.reduce((sum, e) => sum + e.length, 0);
      log.applyLimits();
      return log;
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  get firstSeq(): number {
    return this.entries[this.head]?.seq ?? this.nextSeq;
  }

  get lastSeq(): number {
    return this.nextSeq - 1;
  }

  get count(): number {
    return this.entries.length - this.head;
  }

  get bytes(): number {
    return this.keptBytes;
  }

  /** Nothing waiting, writing, compacting or reading: safe to close. */
  get idle(): boolean {
    return this.pending.length === 0 && !this.flushing && !this.compacting && this.readers === 0;
  }

  append(webhook: IncomingWebhook): Promise<number> {
    return new Promise((resolve, reject) => {
      this.pending.push({ webhook, resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  async read(afterSeq: number, limit: ReadLimit): Promise<StoredEvent[]> {
    while (this.compacting) await this.compacting;
    const start = this.indexAfter(afterSeq);
    if (start >= this.entries.length) return [];
    let end = start + 1;
    let bytes = this.entries[start]!.length;
    while (end < this.entries.length && end - start < limit.records && bytes + this.entries[end]!.length <= limit.bytes) bytes += this.entries[end++]!.length;
    const chosen = this.entries.slice(start, end);
    const cached = chosen.map((entry) => this.tail.get(entry.seq));
    if (cached.every((line) => line !== undefined)) return chosen.map((entry, i) => ({ seq: entry.seq, json: cached[i]! }));
    this.readers++;
    try {
      const first = chosen[0]!;
      const buffer = Buffer.allocUnsafe(bytes);
      await readFully(this.handle, buffer, first.offset);
      return chosen.map((entry) => ({ seq: entry.seq, json: buffer.subarray(entry.offset - first.offset, entry.offset - first.offset + entry.length - 1) }));
    } finally {
      if (--this.readers === 0) this.readersDone?.();
    }
  }

  /** Evicts the oldest event (for a relay-wide byte limit); returns the bytes it freed. */
  evictOldest(): number {
    if (this.count <= 1) return 0;
    const entry = this.entries[this.head++]!;
    this.keptBytes -= entry.length;
    return entry.length;
  }

  async close(): Promise<void> {
    while (this.flushing) await this.flushing;
    await this.handle.close();
  }

  private async flush(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0);
      try {
        const seqs = await this.write(batch.map((p) => p.webhook));
        batch.forEach((p, i) => p.resolve(seqs[i]!));
      } catch (error) {
        for (const p of batch) p.reject(error as Error);
      }
      this.applyLimits();
      if (this.shouldCompact()) await this.compact().catch(() => undefined);
    }
    this.flushing = null;
  }

  /** Writes a batch at the end of the last good event; on any failure, truncates back to it and numbers nothing. */
  private async write(webhooks: IncomingWebhook[]): Promise<number[]> {
    const lines = webhooks.map((webhook, i) => Buffer.from(`${wireJson(this.nextSeq + i, webhook)}\n`));
    const data = lines.length === 1 ? lines[0]! : Buffer.concat(lines);
    try {
      await (this.options.writeAt ?? writeFully)(this.handle, data, this.size);
      await this.handle.datasync();
    } catch (error) {
      await this.handle.truncate(this.size).catch(() => undefined);
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOSPC' || code === 'EDQUOT') throw new StoreFullError(`the relay's disk is full (${code})`);
      throw new StoreUnavailableError(`the relay could not write the event (${code ?? (error as Error).message})`);
    }
    let offset = this.size;
    const seqs = lines.map((line) => {
      const seq = this.nextSeq++;
      this.entries.push({ seq, offset, length: line.length });
      this.keptBytes += line.length;
      offset += line.length;
      this.remember(seq, line.subarray(0, line.length - 1));
      return seq;
    });
    this.size = offset;
    return seqs;
  }

  private remember(seq: number, line: Buffer): void {
    if (line.length > TAIL_CACHE_BYTES) return;
    this.tail.set(seq, line);
    this.tailBytes += line.length;
    for (const [oldSeq, old] of this.tail) {
      if (this.tailBytes <= TAIL_CACHE_BYTES) break;
      this.tail.delete(oldSeq);
      this.tailBytes -= old.length;
    }
  }

  private applyLimits(): void {
    const { records, bytes } = this.options.limits;
    while (this.count > 1 && (this.count > records || this.keptBytes > bytes)) this.evictOldest();
  }

  private shouldCompact(): boolean {
    const dead = this.entries[this.head]?.offset ?? this.size;
    return dead > COMPACT_AFTER && dead > this.keptBytes;
  }

  /** Rewrites the log with only the kept events, once no read is in progress. */
  private async compact(): Promise<void> {
    let release!: () => void;
    this.compacting = new Promise((resolve) => (release = resolve));
    try {
      if (this.readers > 0) await new Promise<void>((resolve) => (this.readersDone = resolve));
      this.readersDone = null;
      await this.options.beforeCompaction(this.nextSeq);
      const from = this.entries[this.head]?.offset ?? this.size;
      const temporary = `${this.path}.compact`;
      const target = await open(temporary, 'w', 0o600);
      try {
        const chunk = Buffer.allocUnsafe(READ_CHUNK);
        for (let position = from; position < this.size;) {
          const { bytesRead } = await this.handle.read(chunk, 0, Math.min(READ_CHUNK, this.size - position), position);
          if (bytesRead === 0) break;
          await writeFully(target, chunk.subarray(0, bytesRead), position - from);
          position += bytesRead;
        }
        await target.sync();
      } finally {
        await target.close();
      }
      await rename(temporary, this.path);
      await syncFolder(dirname(this.path));
      await this.handle.close();
      this.handle = await open(this.path, READ_WRITE, 0o600);
      this.entries = this.entries.slice(this.head).map((e) => ({ ...e, offset: e.offset - from }));
      this.head = 0;
      this.size -= from;
    } finally {
      this.compacting = null;
      release();
    }
  }

  /** The position of the first kept event after `seq` (binary search: sequence numbers only grow). */
  private indexAfter(seq: number): number {
    let low = this.head;
    let high = this.entries.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.entries[middle]!.seq <= seq) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

/** Short writes happen (a full disk): loop until every byte is written, or fail. */
export async function writeFully(handle: FileHandle, data: Buffer, position: number): Promise<void> {
  for (let done = 0; done < data.length;) {
    const { bytesWritten } = await handle.write(data, done, data.length - done, position + done);
    if (bytesWritten === 0) throw Object.assign(new Error('no byte written'), { code: 'ENOSPC' });
    done += bytesWritten;
  }
}

async function readFully(handle: FileHandle, buffer: Buffer, position: number): Promise<void> {
  for (let done = 0; done < buffer.length;) {
    const { bytesRead } = await handle.read(buffer, done, buffer.length - done, position + done);
    if (bytesRead === 0) throw new StoreUnavailableError('the relay log is shorter than its index');
    done += bytesRead;
  }
}

/**
 * Indexes a log from the start. Every line must be a JSON object whose `seq` grows;
 * scanning stops at the first that is not (a cut line, zeros left by a crash, `{}`), and
 * `size` is where the good part ends.
 */
async function scan(handle: FileHandle): Promise<{ entries: Entry[]; size: number; end: number; problem: string | null }> {
  const entries: Entry[] = [];
  const chunk = Buffer.allocUnsafe(READ_CHUNK);
  let parts: Buffer[] = [];
  let partBytes = 0;
  let position = 0;
  let size = 0;
  let lastSeq = 0;
  for (;;) {
    const { bytesRead } = await handle.read(chunk, 0, READ_CHUNK, position);
    if (bytesRead === 0) break;
    position += bytesRead;
    const view = chunk.subarray(0, bytesRead);
    let start = 0;
    for (let newline = view.indexOf(10); newline !== -1; newline = view.indexOf(10, start)) {
      const piece = view.subarray(start, newline);
      const line = partBytes === 0 ? piece : Buffer.concat([...parts, piece], partBytes + piece.length);
      parts = [];
      partBytes = 0;
      const seq = recordSeq(line);
      if (seq === null || seq <= lastSeq) return { entries, size, end: await fileSize(handle), problem: `a line that is not an event at byte ${size}` };
      entries.push({ seq, offset: size, length: line.length + 1 });
      lastSeq = seq;
      size += line.length + 1;
      start = newline + 1;
    }
    if (start < bytesRead) {
      parts.push(Buffer.from(view.subarray(start)));
      partBytes += bytesRead - start;
    }
  }
  return { entries, size, end: position, problem: partBytes > 0 ? 'a torn last line' : null };
}

function recordSeq(line: Buffer): number | null {
  try {
    const record = JSON.parse(line.toString('utf8')) as Partial<RelayedRequest> | null;
    return record && Number.isSafeInteger(record.seq) && typeof record.body === 'string' && record.seq! > 0 ? record.seq! : null;
  } catch {
    return null;
  }
}

async function fileSize(handle: FileHandle): Promise<number> {
  return (await handle.stat()).size;
}
