import { execFileSync } from 'node:child_process';
import { appendFile, mkdir, mkdtemp, readdir, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { writeFully, type WriteAt } from '../../../src/relay/server/file-store/channel-log.js';
import { openFileStore, type FileStoreOptions } from '../../../src/relay/server/file-store/file-store.js';
import { StoreFullError, type RelayStore } from '../../../src/relay/server/store.js';
import { describeStore, parsed, webhook } from './store-suite.js';

const temp = () => mkdtemp(join(tmpdir(), 'ws-store-'));
const mounted: string[] = [];
afterAll(() => {
  for (const mountPoint of mounted.splice(0)) execFileSync('umount', ['-l', mountPoint]);
});
const defaults = { capacity: 10_000, maxBytes: 2 ** 30, maxTotalBytes: 2 ** 32, maxChannels: 1000, rate: 1000, channelTtlMs: 30 * 86_400_000 };

describeStore('file store', async () => {
  const dataDir = await temp();
  return { open: (limits = {}) => openFileStore({ ...defaults, ...limits, dataDir, warn: () => undefined }) };
});

describe('file store on disk', () => {
  const stores: RelayStore[] = [];
  const warnings: string[] = [];
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close().catch(() => undefined);
    warnings.length = 0;
  });
  async function open(dataDir: string, extra: Partial<FileStoreOptions> = {}) {
    const store = await openFileStore({ ...defaults, dataDir, warn: (m) => warnings.push(m), ...extra });
    stores.push(store);
    return store;
  }
  async function closeAll() {
    for (const store of stores.splice(0)) await store.close();
  }
  const everything = { records: 10_000, bytes: 1 << 30 };
  const seqsOf = async (store: RelayStore, id: string) => (await store.read(id, 0, everything)).records.map((r) => r.seq);

  it.each([
    ['a line cut by a crash', (log: string) => appendFile(log, '{"seq":4,"receivedAt":"2026-11-28T12:00:00.000Z","meth')],
    ['a tail of zeros', (log: string) => appendFile(log, Buffer.alloc(4096))],
    ['an empty object', (log: string) => appendFile(log, '{}\n')],
    ['a null line', (log: string) => appendFile(log, 'null\n')],
  ])('repairs %s at the end of a log: the next event is not glued to it, and survives the next restart', async (_, damage) => {
    const dataDir = await temp();
    const first = await open(dataDir);
    const { id } = await first.createChannel('h');
    for (let n = 1; n <= 3; n++) await first.append(id, webhook(n));
    await closeAll();
    await damage(join(dataDir, `${id}.log`));

    const second = await open(dataDir);
    expect(await seqsOf(second, id)).toEqual([1, 2, 3]);
    expect(warnings.join('\n')).toMatch(new RegExp(`channel ${id}: cut \\d+ bytes off its log`));
    expect(await second.append(id, webhook(4))).toBe(4);
    await closeAll();

    const third = await open(dataDir);
    expect(await seqsOf(third, id)).toEqual([1, 2, 3, 4]);
    expect(parsed((await third.read(id, 3, everything)).records[0]!.json).path).toBe('/event/4');
  });

  it('keeps counting after its log was emptied, from the number kept beside it, and never reuses one', async () => {
    const dataDir = await temp();
    const first = await open(dataDir);
    const { id } = await first.createChannel('h');
    for (let n = 1; n <= 5; n++) await first.append(id, webhook(n));
    await closeAll();
    await truncate(join(dataDir, `${id}.log`), 0);
    const second = await open(dataDir);
    expect(await second.bounds(id)).toEqual({ firstSeq: 6, lastSeq: 5 });
    expect(await second.append(id, webhook(6))).toBe(6);
  });

  it('skips a channel whose meta file is corrupt, with a warning, and serves the others', async () => {
    const dataDir = await temp();
    const first = await open(dataDir);
    const good = await first.createChannel('h');
    const bad = await first.createChannel('h');
    await first.append(good.id, webhook(1));
    await closeAll();
    await writeFile(join(dataDir, `${bad.id}.meta.json`), '{"id": tru');
    const second = await open(dataDir);
    expect(await second.getChannel(bad.id)).toBeNull();
    expect(await seqsOf(second, good.id)).toEqual([1]);
    expect(warnings.join('\n')).toContain(`skipped the channel in ${join(dataDir, `${bad.id}.meta.json`)}`);
  });

  it('keeps its files private: folder 700, files 600', async () => {
    const dataDir = join(await temp(), 'relay-data');
    const store = await open(dataDir);
    const { id } = await store.createChannel('h');
    await store.append(id, webhook(1));
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
    for (const name of await readdir(dataDir)) expect(((await stat(join(dataDir, name))).mode & 0o777).toString(8)).toBe('600');
  });

  it('keeps only a bounded number of logs open, however many channels are written', async () => {
    const dataDir = await temp();
    const store = await open(dataDir, { openLogs: 2 });
    const ids = [];
    for (let i = 0; i < 12; i++) ids.push((await store.createChannel('h')).id);
    const before = (await readdir('/proc/self/fd')).length;
    for (const id of ids) for (let n = 1; n <= 2; n++) await store.append(id, webhook(n));
    expect((await readdir('/proc/self/fd')).length - before).toBeLessThanOrEqual(2);
    for (const id of ids) expect(await seqsOf(store, id)).toEqual([1, 2]);
  });

  it('acknowledges every one of 300 simultaneous 48 KB events across compactions, and keeps the newest after a restart', async () => {
    const dataDir = await temp();
    const store = await open(dataDir, { capacity: 50, rate: 100_000 });
    const { id } = await store.createChannel('h');
    const results = await Promise.allSettled(Array.from({ length: 300 }, (_, n) => store.append(id, webhook(n, 48_000))));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    await closeAll();
    // Compaction ran: the log holds about the 50 kept events, not all 300 (19 MB).
    expect((await stat(join(dataDir, `${id}.log`))).size).toBeLessThan(8 * 1024 * 1024);
    const again = await open(dataDir, { capacity: 50 });
    expect(await seqsOf(again, id)).toEqual(Array.from({ length: 50 }, (_, i) => 251 + i));
    expect(await readdir(dataDir)).toEqual(expect.not.arrayContaining([expect.stringMatching(/compact|tmp/)]));
  });

  it('evicts from the largest channel when the relay-wide byte limit is reached', async () => {
    const dataDir = await temp();
    const store = await open(dataDir, { maxTotalBytes: 60_000 });
    const big = await store.createChannel('h');
    const small = await store.createChannel('h');
    await store.append(small.id, webhook(1, 5_000));
    for (let n = 1; n <= 6; n++) await store.append(big.id, webhook(n, 10_000));
    expect(await seqsOf(store, small.id)).toEqual([1]);
    const kept = await seqsOf(store, big.id);
    expect(kept.at(-1)).toBe(6);
    expect(kept.length).toBeLessThan(6);
  });

  it('refuses an event it cannot write on a full disk (no number used up), and stores the next one once there is room', async () => {
    const { dataDir, fill, free, writeAt } = await fullDisk();
    const store = await open(dataDir, writeAt ? { writeAt } : {});
    const { id } = await store.createChannel('h');
    expect(await store.append(id, webhook(1, 500))).toBe(1);
    await fill();
    await expect(store.append(id, webhook(2, 4_000))).rejects.toBeInstanceOf(StoreFullError);
    await free();
    expect(await store.append(id, webhook(3, 500))).toBe(2);
    await closeAll();
    const again = await open(dataDir);
    const read = await again.read(id, 0, everything);
    expect(read.records.map((r) => [r.seq, parsed(r.json).path])).toEqual([
      [1, '/event/1'],
      [2, '/event/3'],
    ]);
  });
});

/**
 * A disk that fills up: a real 2 MB tmpfs when this runs as root (as CI does), otherwise a
 * write function that writes part of the data, then fails with ENOSPC, while `fill` is in force.
 */
async function fullDisk(): Promise<{ dataDir: string; fill: () => Promise<void>; free: () => Promise<void>; writeAt?: WriteAt }> {
  const mountPoint = await temp();
  if (process.getuid?.() === 0) {
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mountPoint], { stdio: 'ignore' });
      mounted.push(mountPoint);
      const dataDir = join(mountPoint, 'relay');
      await mkdir(dataDir);
      const filler = join(mountPoint, 'filler');
      return {
        dataDir,
        fill: () => writeFile(filler, Buffer.alloc(2 * 1024 * 1024)).catch(() => undefined),
        free: async () => {
          await rm(filler, { force: true });
        },
      };
    } catch {
      // Not allowed to mount here: rehearse the failure instead.
    }
  }
  let full = false;
  const writeAt: WriteAt = async (handle, data, position) => {
    if (!full) return writeFully(handle, data, position);
    await handle.write(data, 0, Math.floor(data.length / 2), position);
    throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
  };
  return {
    dataDir: mountPoint,
    writeAt,
    fill: () => Promise.resolve(void (full = true)),
    free: () => Promise.resolve(void (full = false)),
  };
}
