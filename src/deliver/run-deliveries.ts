import { JobQueue } from './job-queue.js';
import type { DeliveryResult } from './verdict.js';

export interface Job<T> {
  item: T;
  body: Uint8Array | string;
  contentType?: string;
}

/** Where jobs come from: a list, a lazy source, or a queue a reader fills ahead. */
export type JobSource<T> = AsyncIterable<Job<T>> | Iterable<Job<T>> | JobQueue<T>;

export interface RunOptions {
  concurrency: number;
  /** Events per second, paced evenly; undefined: as fast as the concurrency allows. */
  rate?: number;
  /** Stop taking new jobs after the first loss. */
  bail?: boolean;
  /** Once aborted, no new job starts; deliveries the deliverer abandoned (error `abandoned`) are counted apart, not reported. */
  signal?: AbortSignal;
}

type Deliver = (body: Uint8Array | string, contentType?: string) => Promise<DeliveryResult>;

/**
 * Runs jobs from a (possibly huge, lazily read) source with bounded concurrency: at most
 * `concurrency` jobs are pulled ahead, so memory does not grow with the number of events.
 * Results are reported as they come, which with concurrency 1 is strictly in order.
 */
export async function runDeliveries<T>(
  jobs: JobSource<T>,
  deliver: Deliver,
  options: RunOptions,
  onResult: (job: Job<T>, result: DeliveryResult) => void,
): Promise<{ abandoned: number }> {
  const next = puller(jobs);
  const aborted = () => options.signal?.aborted === true;
  const pacer = options.rate ? startPacer(options.rate, options.signal) : null;
  let stopped = false;
  // Read through a function: another worker may stop the run while this one awaits.
  const halted = () => stopped || aborted();
  let abandoned = 0;

  const worker = async (): Promise<void> => {
    while (!halted()) {
      const pulled = next();
      const job = pulled instanceof Promise ? await pulled : pulled;
      if (job === null) return;
      const due = pacer?.next();
      if (due) await due;
      if (halted()) return;
      const result = await deliver(job.body, job.contentType);
      // Abandoned on interrupt: neither delivered nor lost by the endpoint, so not counted.
      if (result.error === 'abandoned') {
        abandoned++;
        return;
      }
      onResult(job, result);
      if (options.bail && result.verdict === 'lost') stopped = true;
    }
  };

  try {
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  } finally {
    pacer?.stop();
    if (jobs instanceof JobQueue) jobs.stop();
  }
  return { abandoned };
}

/** The next job, synchronously when one is at hand; null once there are none. */
function puller<T>(jobs: JobSource<T>): () => Job<T> | null | Promise<Job<T> | null> {
  if (jobs instanceof JobQueue) {
    const wait = async (): Promise<Job<T> | null> => {
      for (;;) {
        await jobs.ready();
        const job = jobs.take();
        if (job !== undefined) return job;
      }
    };
    return () => {
      const job = jobs.take();
      return job === undefined ? wait() : job;
    };
  }
  if (Symbol.iterator in jobs) {
    const iterator = jobs[Symbol.iterator]();
    return () => {
      const pulled = iterator.next();
      return pulled.done ? null : pulled.value;
    };
  }
  // Pulls are serialised: an async generator must not be advanced by two workers at once.
  const iterator = jobs[Symbol.asyncIterator]();
  let pulling: Promise<unknown> = Promise.resolve();
  return () => {
    const pulled = pulling.then(() => iterator.next()).then((result) => (result.done ? null : result.value));
    pulling = pulled.catch(() => undefined);
    return pulled;
  };
}

/**
 * Paces starts evenly at `rate` per second. One abort listener for the whole run wakes every
 * waiting worker: one per wait would pass Node's limit of 10 listeners at `-c 11` and warn.
 */
function startPacer(rate: number, signal: AbortSignal | undefined) {
  const begin = performance.now();
  const waiting = new Set<() => void>();
  let started = 0;
  const wakeAll = () => {
    for (const wake of [...waiting]) wake();
  };
  signal?.addEventListener('abort', wakeAll, { once: true });
  return {
    /** Waits until the next start is due, or the run is aborted. */
    next(): Promise<void> | undefined {
      const wait = begin + (started++ * 1000) / rate - performance.now();
      if (wait <= 0 || signal?.aborted) return undefined;
      return new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          waiting.delete(done);
          resolve();
        };
        const timer = setTimeout(done, wait);
        waiting.add(done);
      });
    },
    stop: () => signal?.removeEventListener('abort', wakeAll),
  };
}
