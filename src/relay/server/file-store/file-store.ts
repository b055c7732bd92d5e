import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { folderProblem } from '../../../fs/folder-problem.js';
import { join } from 'node:path';
import { writeFileDurably } from '../../../fs/write-file-durably.js';
import { isChannelId, newChannelId } from '../ids.js';
import { RateLimiter } from '../rate-limit.js';
import {
  ChannelLimitError,
  StoreUnavailableError,
  type ChannelRecord,
  type IncomingWebhook,
  type ReadLimit,
  type ReadResult,
  type RelayStore,
  type StoreRules,
} from '../store.js';
import { ChannelLog, type WriteAt } from './channel-log.js';
import { touchDue, touchInterval } from '../touch-interval.js';

export interface FileStoreOptions extends StoreRules {
  dataDir: string;
  /** Channel logs kept open at once (a file descriptor and an index each); the least recently used are closed. */
  openLogs?: number;
  /** Problems that do not stop the relay (a corrupt channel file skipped, a torn log repaired). */
  warn: (message: string) => void;
  /** How events are written (to rehearse a failing disk). */
  writeAt?: WriteAt;
}

interface Meta extends ChannelRecord {
  /** The lowest sequence number the channel's next event may take: kept here because a log can lose its tail. */
  nextSeq: number;
  /** When a listener last read the channel (ms), for the channel TTL; written at most every touchInterval(). */
  seenAt: number;
}

interface ChannelState {
  meta: Meta;
  log: ChannelLog | null;
  opening: Promise<ChannelLog> | null;
  /** Bytes of events kept: exact while the log is open, the file's size otherwise. */
  bytes: number;
  limiter: RateLimiter;
  watchers: Set<(lastSeq: number) => void>;
}

const DEFAULT_OPEN_LOGS = 256;

/** The data folder cannot be used: the message says why, in words. */
export class DataFolderError extends Error {}

/** The file-system errors, met while reading the data folder at start, that mean the folder cannot be used. */
const FOLDER_ERRORS = new Set(['EACCES', 'EPERM', 'ENOTDIR', 'EROFS', 'ENOENT', 'EEXIST']);

/**
 * The relay's default store: one meta file and one log per channel under `dataDir`
 * (mode 700, files 600). Channels are listed at start; a log is opened (and indexed) on
 * first use, and only the most recently used stay open.
 */
export async function openFileStore(options: FileStoreOptions): Promise<RelayStore> {
  const problem = await folderProblem(options.dataDir, 0o700);
  if (problem !== null) throw new DataFolderError(problem);
  const now = options.now ?? Date.now;
  const touchEvery = touchInterval(options.channelTtlMs);
  const channels = new Map<string, ChannelState>();
  const newState = (meta: Meta, bytes: number): ChannelState => ({
    meta,
    log: null,
    opening: null,
    bytes,
    limiter: new RateLimiter(options.rate),
    watchers: new Set(),
  });
  /** Bytes of events kept in all channels. */
  let totalBytes = 0;
  const metas = await loadMetas(options, now()).catch((error: unknown) => {
    const { code, path } = error as NodeJS.ErrnoException;
    throw path !== undefined && FOLDER_ERRORS.has(code ?? '') ? new DataFolderError((error as Error).message) : error;
  });
  for (const meta of metas) {
    const bytes = await stat(logPath(options.dataDir, meta.id)).then(
      (s) => s.size,
      () => 0,
    );
    channels.set(meta.id, newState(meta, bytes));
    totalBytes += bytes;
  }
  const openOrder = new Set<string>();
  const openLimit = options.openLogs ?? DEFAULT_OPEN_LOGS;

  const saveMeta = (meta: Meta) => writeFileDurably(metaPath(options.dataDir, meta.id), JSON.stringify(meta), { mode: 0o600, syncFolder: true });

  async function logOf(state: ChannelState): Promise<ChannelLog> {
    openOrder.delete(state.meta.id);
    openOrder.add(state.meta.id);
    if (state.log) return state.log;
    state.opening ??= ChannelLog.open(logPath(options.dataDir, state.meta.id), {
      limits: { records: options.capacity, bytes: options.maxBytes },
      nextSeqFloor: state.meta.nextSeq,
      beforeCompaction: async (nextSeq) => {
        state.meta = { ...state.meta, nextSeq };
        await saveMeta(state.meta);
      },
      writeAt: options.writeAt,
      onRepair: (dropped, reason) =>
        options.warn(`channel ${state.meta.id}: cut ${dropped} bytes off its log (${reason}); every acknowledged event before it is kept.`),
    });
    try {
      state.log = await state.opening;
      setBytes(state, state.log.bytes);
    } catch (error) {
      // Out of file descriptors, or the file became unreadable: the event cannot be stored now.
      throw new StoreUnavailableError(`cannot open the log of channel ${state.meta.id} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    } finally {
      state.opening = null;
    }
    await closeLeastRecentlyUsed();
    return state.log;
  }

  async function closeLeastRecentlyUsed(): Promise<void> {
    for (const id of openOrder) {
      if (openOrder.size <= openLimit) return;
      const state = channels.get(id);
      if (!state?.log?.idle || state.watchers.size > 0) continue;
      openOrder.delete(id);
      await closeLog(state);
    }
  }

  /** Closes a channel's log and keeps its next number beside it, in case the log later loses its tail. */
  async function closeLog(state: ChannelState): Promise<void> {
    const log = state.log;
    if (!log) return;
    state.log = null;
    await log.close();
    if (log.lastSeq + 1 > state.meta.nextSeq) {
      state.meta = { ...state.meta, nextSeq: log.lastSeq + 1 };
      await saveMeta(state.meta).catch((error: unknown) =>
        options.warn(`could not update ${metaPath(options.dataDir, state.meta.id)}: ${(error as Error).message}`),
      );
    }
  }

  /** Marks a channel as read now, for the channel TTL: on disk at most once per interval, so that a restart keeps it. */
  async function touch(state: ChannelState): Promise<void> {
    const at = now();
    if (!touchDue(state.meta.seenAt, at, touchEvery)) return;
    state.meta = { ...state.meta, seenAt: at };
    await saveMeta(state.meta).catch((error: unknown) =>
      options.warn(`could not update ${metaPath(options.dataDir, state.meta.id)}: ${(error as Error).message}`),
    );
  }

  function find(id: string): ChannelState {
    const state = channels.get(id);
    if (!state) throw new Error(`no channel ${id}`);
    return state;
  }

  /** Keeps the relay-wide total in step with a channel's bytes, so that no append has to add them all up. */
  function setBytes(state: ChannelState, bytes: number): void {
    totalBytes += bytes - state.bytes;
    state.bytes = bytes;
  }

  /**
   * Past the relay-wide limit, the largest channel gives up its oldest events first; a channel
   * down to its newest event keeps it, and the next largest gives up its oldest instead.
   */
  async function applyTotalLimit(): Promise<void> {
    const drained = new Set<ChannelState>();
    while (totalBytes > options.maxTotalBytes) {
      const state = largest(channels.values(), drained);
      if (!state) return;
      const log = await logOf(state);
      while (totalBytes > options.maxTotalBytes && log.evictOldest() > 0) setBytes(state, log.bytes);
      drained.add(state);
    }
  }

  async function removeChannel(id: string): Promise<void> {
    const state = channels.get(id);
    if (!state) return;
    channels.delete(id);
    openOrder.delete(id);
    totalBytes -= state.bytes;
    await rm(metaPath(options.dataDir, id), { force: true });
    if (state.log) await state.log.close();
    await rm(logPath(options.dataDir, id), { force: true });
  }

  return {
    async createChannel(tokenHash) {
      if (channels.size >= options.maxChannels) throw new ChannelLimitError(options.maxChannels);
      const meta: Meta = { id: newChannelId(), tokenHash, createdAt: new Date(now()).toISOString(), nextSeq: 1, seenAt: now() };
      await saveMeta(meta);
      channels.set(meta.id, newState(meta, 0));
      return { id: meta.id, tokenHash: meta.tokenHash, createdAt: meta.createdAt };
    },
    getChannel(id) {
      const meta = channels.get(id)?.meta;
      return Promise.resolve(meta ? { id: meta.id, tokenHash: meta.tokenHash, createdAt: meta.createdAt } : null);
    },
    removeChannel,
    countChannels: () => Promise.resolve(channels.size),
    async append(channelId: string, webhook: IncomingWebhook) {
      const state = find(channelId);
      const log = await logOf(state);
      const seq = await log.append(webhook);
      setBytes(state, log.bytes);
      await applyTotalLimit();
      for (const watcher of state.watchers) watcher(log.lastSeq);
      return seq;
    },
    async bounds(channelId) {
      const state = find(channelId);
      await touch(state);
      const log = await logOf(state);
      return { firstSeq: log.firstSeq, lastSeq: log.lastSeq };
    },
    async read(channelId: string, afterSeq: number, limit: ReadLimit): Promise<ReadResult> {
      const state = find(channelId);
      await touch(state);
      const log = await logOf(state);
      const records = await log.read(afterSeq, limit);
      return { records, firstSeq: log.firstSeq, lastSeq: log.lastSeq };
    },
    watch(channelId, listener) {
      const state = find(channelId);
      state.watchers.add(listener);
      return () => state.watchers.delete(listener);
    },
    takeRate(channelId) {
      const { limiter } = find(channelId);
      return Promise.resolve(limiter.take() ? null : limiter.retryAfter());
    },
    // A folder does not come and go: a failed write is answered on its own (503 or 507).
    onStatus: () => () => undefined,
    async expire() {
      const cutoff = now() - options.channelTtlMs;
      const removed: string[] = [];
      for (const [id, state] of channels) {
        // A listener that stays connected to a quiet channel is still reading it.
        if (state.watchers.size > 0) await touch(state);
        else if (state.meta.seenAt < cutoff) {
          await removeChannel(id);
          removed.push(id);
        }
      }
      return removed;
    },
    async close() {
      for (const state of channels.values()) await closeLog(state);
    },
  };
}

/** The channel with the most bytes (the first of equals) not in `skipped`, in one pass: every append at --max-total-bytes looks for it. */
function largest(states: Iterable<ChannelState>, skipped: Set<ChannelState>): ChannelState | undefined {
  let found: ChannelState | undefined;
  for (const state of states) if (!skipped.has(state) && (!found || state.bytes > found.bytes)) found = state;
  return found;
}

function metaPath(dataDir: string, id: string): string {
  return join(dataDir, `${id}.meta.json`);
}

function logPath(dataDir: string, id: string): string {
  return join(dataDir, `${id}.log`);
}

/** Every channel's meta file; one that cannot be read is skipped with a warning, so one bad file does not stop the relay. */
async function loadMetas(options: FileStoreOptions, startedAt: number): Promise<Meta[]> {
  const metas: Meta[] = [];
  for (const name of (await readdir(options.dataDir)).sort()) {
    if (!name.endsWith('.meta.json')) continue;
    const path = join(options.dataDir, name);
    try {
      const meta = JSON.parse(await readFile(path, 'utf8')) as Partial<Meta> | null;
      if (!meta || typeof meta.id !== 'string' || !isChannelId(meta.id) || `${meta.id}.meta.json` !== name || typeof meta.tokenHash !== 'string') {
        throw new Error('not a channel description');
      }
      metas.push({
        id: meta.id,
        tokenHash: meta.tokenHash,
        createdAt: typeof meta.createdAt === 'string' ? meta.createdAt : '',
        nextSeq: Number.isSafeInteger(meta.nextSeq) ? meta.nextSeq! : 1,
        // Channels kept by a relay that did not record reads count as read at start, rather than expire at once.
        seenAt: Number.isSafeInteger(meta.seenAt) ? meta.seenAt! : startedAt,
      });
    } catch (error) {
      options.warn(`skipped the channel in ${path}: ${(error as Error).message}. Its events stay on disk; move the file away to silence this warning.`);
    }
  }
  return metas;
}
