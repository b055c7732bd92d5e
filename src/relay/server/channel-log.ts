import { open, readFile, type FileHandle } from 'node:fs/promises';
import { writeFileDurably } from '../../fs/write-file-durably.js';
import type { RelayedRequest } from '../protocol.js';

/**
 * A channel's append-only log (NDJSON). Appends are grouped: everything written in one
 * turn goes out in one write and one fdatasync, and each append resolves only once its
 * record is on disk. Past twice the buffer size, the log is rewritten with what is kept.
 */
export class ChannelLog {
  private pending: { line: string; done: (error?: Error) => void }[] = [];
  private flushing: Promise<void> | null = null;
  private lines = 0;

  private constructor(
    private readonly path: string,
    private handle: FileHandle,
    lines: number,
  ) {
    this.lines = lines;
  }

  static async open(path: string): Promise<{ log: ChannelLog; records: RelayedRequest[] }> {
    const records = await readRecords(path);
    const handle = await open(path, 'a');
    return { log: new ChannelLog(path, handle, records.length), records };
  }

  append(record: RelayedRequest): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ line: `${JSON.stringify(record)}\n`, done: (error) => (error ? reject(error) : resolve()) });
      this.flushing ??= this.flush();
    });
  }

  /** Rewrites the log with only `kept` when it has grown past `limit` lines. */
  async compact(kept: RelayedRequest[], limit: number): Promise<void> {
    if (this.lines <= limit) return;
    await this.flushing;
    await writeFileDurably(this.path, kept.map((r) => `${JSON.stringify(r)}\n`).join(''));
    await this.handle.close();
    this.handle = await open(this.path, 'a');
    this.lines = kept.length;
  }

  async close(): Promise<void> {
    await this.flushing;
    await this.handle.close();
  }

  private async flush(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      try {
        await this.handle.write(batch.map((p) => p.line).join(''));
        await this.handle.datasync();
        this.lines += batch.length;
        for (const p of batch) p.done();
      } catch (error) {
        for (const p of batch) p.done(error as Error);
      }
    }
    this.flushing = null;
  }
}

async function readRecords(path: string): Promise<RelayedRequest[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const records: RelayedRequest[] = [];
  for (const line of text.split('\n')) {
    if (!line) continue;
    try {
      records.push(JSON.parse(line) as RelayedRequest);
    } catch {
      // A line cut by a crash was never acknowledged: nothing is lost by skipping it.
    }
  }
  return records;
}
