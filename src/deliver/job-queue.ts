import type { Job } from './run-deliveries.js';

const COMPACT_AFTER = 256;

/**
 * Jobs read ahead of the deliveries, in order, up to a bound: a reader puts the events of a
 * chunk as it splits them and waits for `room()` when the queue is full; deliveries `take()`
 * them synchronously while there are some. An async-generator chain costs several promises
 * per event; this costs one per chunk.
 */
export class JobQueue<T> implements AsyncIterable<Job<T>> {
  private jobs: Job<T>[] = [];
  private head = 0;
  private ended = false;
  private failed = false;
  private failure: unknown = undefined;
  private takers: (() => void)[] = [];
  private reader: (() => void) | null = null;
  /** Set once no more jobs are wanted (the run stopped): the reader stops reading. */
  stopped = false;

  constructor(private readonly bound: number) {}

  /** How many jobs wait. */
  get size(): number {
    return this.jobs.length - this.head;
  }

  /** True when the reader should wait for `room()` before putting more. */
  get full(): boolean {
    return this.size >= this.bound;
  }

  put(job: Job<T>): void {
    this.jobs.push(job);
    this.takers.shift()?.();
  }

  /** Resolves once half the queue is taken, or no more jobs are wanted. */
  room(): Promise<void> {
    if (!this.full || this.stopped) return Promise.resolve();
    return new Promise((resolve) => (this.reader = resolve));
  }

  /** No more jobs: the reader is done. */
  end(): void {
    this.ended = true;
    for (const wake of this.takers.splice(0)) wake();
  }

  /** The reader failed: `take()` throws `failure` once the jobs read before it are taken. */
  fail(failure: unknown): void {
    this.failed = true;
    this.failure = failure;
    this.end();
  }

  /** No more jobs are wanted: the reader stops at its next `room()`. */
  stop(): void {
    this.stopped = true;
    this.wakeReader();
  }

  /** The next job; undefined when none is ready yet (wait with `ready()`); null once every job is taken. */
  take(): Job<T> | null | undefined {
    if (this.head < this.jobs.length) {
      const job = this.jobs[this.head]!;
      this.head++;
      // Taken jobs are dropped in batches, so that the array neither shifts on every take nor keeps them.
      if (this.head >= COMPACT_AFTER && this.head * 2 >= this.jobs.length) {
        this.jobs = this.jobs.slice(this.head);
        this.head = 0;
      }
      if (this.size <= this.bound / 2) this.wakeReader();
      return job;
    }
    if (this.failed) throw this.failure;
    return this.ended ? null : undefined;
  }

  /** Resolves when `take()` may have something new to say. */
  ready(): Promise<void> {
    if (this.ended) return Promise.resolve();
    return new Promise((resolve) => this.takers.push(resolve));
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Job<T>> {
    try {
      for (;;) {
        const job = this.take();
        if (job === null) return;
        if (job === undefined) await this.ready();
        else yield job;
      }
    } finally {
      this.stop();
    }
  }

  private wakeReader(): void {
    const wake = this.reader;
    this.reader = null;
    wake?.();
  }
}

/** A queue that `read` fills, ended when `read` returns or fails. */
export function readAhead<T>(bound: number, read: (queue: JobQueue<T>) => Promise<void>): JobQueue<T> {
  const queue = new JobQueue<T>(bound);
  read(queue).then(
    () => queue.end(),
    (error: unknown) => queue.fail(error),
  );
  return queue;
}
