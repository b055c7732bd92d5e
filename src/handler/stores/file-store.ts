import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileDurably } from '../../fs/write-file-durably.js';
import { isStale } from '../object-version.js';
import type { PendingEvent, Store } from '../types.js';
import { openJournal, type Journal } from './journal.js';

export interface FileStoreOptions {
  /** Events remembered (default 100 000), and as many objects; at compaction the oldest processed ones are forgotten. */
  max?: number;
}

interface Entry extends PendingEvent {
  processed: boolean;
  durable: Promise<void>;
}

/** One journal line: a recorded event (`r`), an attempt (`a`), a processed event (`p`), an object version (`v`). */
type Line = { r: string; b: string; t: number; s?: 1; n?: number; d?: 1 } | { a: string } | { p: string } | { v: string; u: number };

const FILE = 'journal.ndjson';

/**
 * Events in an append-only journal in `dir`, fsync'd before the event is acknowledged:
 * what was acknowledged survives a crash of the process (`kill -9`) or of the machine.
 * Compacted as it grows. For one process at a time: processes that share events need `redisStore`.
 */
export function fileStore(dir: string, { max = 100_000 }: FileStoreOptions = {}): Store {
  const entries = new Map<string, Entry>();
  const objects = new Map<string, number>();
  let lines = 0;
  let compacting = false;

  const load = async (): Promise<Journal> => {
    await mkdir(dir, { recursive: true });
    const path = join(dir, FILE);
    const bytes = await readFile(path).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return Buffer.alloc(0);
      throw error;
    });
    // Past the last newline: a line cut short by a crash in mid-write, never acknowledged.
    const end = bytes.lastIndexOf(0x0a) + 1;
    for (const raw of bytes.toString('utf8', 0, end).split('\n')) {
      if (raw === '') continue;
      let line: Line;
      try {
        line = JSON.parse(raw) as Line;
      } catch {
        continue;
      }
      lines++;
      apply(line);
    }
    return openJournal(path, end);
  };

  const apply = (line: Line) => {
    if ('r' in line) {
      entries.set(line.r, {
        key: line.r,
        body: line.b,
        receivedAt: line.t,
        stale: line.s === 1,
        attempts: line.n ?? 0,
        processed: line.d === 1,
        durable: Promise.resolve(),
      });
    } else if ('a' in line) {
      const entry = entries.get(line.a);
      if (entry) entry.attempts++;
    } else if ('p' in line) {
      const entry = entries.get(line.p);
      if (entry) entry.processed = true;
    } else {
      objects.set(line.v, line.u);
    }
  };

  let opened: Promise<Journal> | undefined;
  const journal = () => (opened ??= load());

  const write = async (line: Line, sync: boolean) => {
    const j = await journal();
    lines++;
    await j.append(JSON.stringify(line), sync);
    // A failed compaction leaves the journal as it was: appending goes on.
    if (!compacting && lines > 2 * (entries.size + objects.size) + 1000) void compact(j).catch(() => undefined);
  };

  /** Rewrites the journal with what it means now: each event once, the newest objects, the oldest processed events past `max` left out. */
  const compact = async (j: Journal) => {
    compacting = true;
    try {
      await j.exclusive(async () => {
        const drop = entries.size - max;
        let dropped = 0;
        for (const [key, entry] of entries) {
          if (dropped >= drop) break;
          if (entry.processed) {
            entries.delete(key);
            dropped++;
          }
        }
        while (objects.size > max) objects.delete(objects.keys().next().value!);
        const out: string[] = [];
        for (const e of entries.values()) {
          out.push(
            JSON.stringify({
              r: e.key,
              b: e.processed ? '' : e.body,
              t: e.receivedAt,
              s: e.stale ? 1 : undefined,
              n: e.attempts,
              d: e.processed ? 1 : undefined,
            }),
          );
        }
        for (const [v, u] of objects) out.push(JSON.stringify({ v, u }));
        await writeFileDurably(join(dir, FILE), out.map((l) => l + '\n').join(''), { syncFolder: true });
        lines = out.length;
      });
    } finally {
      compacting = false;
    }
  };

  return {
    async record({ key, body, receivedAt, object, updatedAt }) {
      await journal();
      const seen = entries.get(key);
      if (seen) {
        // A copy is acknowledged only once the first copy is on disk.
        await seen.durable;
        return { first: false, stale: seen.stale };
      }
      const newest = object === undefined ? undefined : objects.get(object);
      const stale = isStale(newest, updatedAt);
      const entry: Entry = { key, body, receivedAt, stale, attempts: 0, processed: false, durable: Promise.resolve() };
      entries.set(key, entry);
      const newer = object !== undefined && updatedAt !== undefined && !stale;
      if (newer) objects.set(object, updatedAt);
      // Both lines go out in the same batch, under one fsync.
      const written = [write({ r: key, b: body, t: receivedAt, s: stale ? 1 : undefined }, true)];
      if (newer) written.push(write({ v: object, u: updatedAt }, false));
      entry.durable = Promise.all(written).then(() => undefined);
      try {
        await entry.durable;
      } catch (error) {
        entries.delete(key);
        throw error;
      }
      return { first: true, stale };
    },
    async startAttempt(key) {
      await journal();
      const entry = entries.get(key);
      if (!entry) throw new Error(`fileStore: event ${key} is not in the journal`);
      entry.attempts++;
      await write({ a: key }, false);
      return entry.attempts;
    },
    async markProcessed(key) {
      await journal();
      const entry = entries.get(key);
      if (!entry) return;
      entry.processed = true;
      entry.body = '';
      await write({ p: key }, false);
    },
    async pending() {
      await journal();
      return [...entries.values()]
        .filter((e) => !e.processed)
        .sort((a, b) => a.receivedAt - b.receivedAt)
        .map(({ key, body, receivedAt, stale, attempts }) => ({ key, body, receivedAt, stale, attempts }));
    },
    async close() {
      if (opened) await (await opened).close();
    },
  };
}
