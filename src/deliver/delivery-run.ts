import { createDeliverer, type DelivererOptions } from './deliverer.js';
import { runDeliveries, type JobSource, type RunOptions } from './run-deliveries.js';
import { DeliveryStats, type RunningCounts, type Summary } from './stats.js';
import type { DeliveryResult } from './verdict.js';

export interface DeliveryRunOptions extends DelivererOptions {
  /** Ctrl-C: abandons what is in flight and starts nothing new. One listener for the whole run. */
  signal?: AbortSignal;
}

export interface DeliveryRun {
  /** Delivers one body and counts it. */
  one(body: Uint8Array | string, contentType?: string): Promise<DeliveryResult>;
  /** Delivers every job with bounded concurrency, counting and reporting each. */
  many<T>(
    jobs: JobSource<T>,
    options: Omit<RunOptions, 'signal'>,
    onResult: (item: T, result: DeliveryResult, running: RunningCounts) => void,
  ): Promise<{ abandoned: number }>;
  summary(): Summary;
  close(): Promise<void>;
}

/** What `send`, `replay` and `check` share: one keep-alive pool to the target, one tally, one way to stop. */
export function startDeliveryRun(options: DeliveryRunOptions): DeliveryRun {
  const deliverer = createDeliverer(options);
  const stats = new DeliveryStats();
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  const abandon = () => deliverer.abandon();
  options.signal?.addEventListener('abort', abandon, { once: true });
  return {
    async one(body, contentType) {
      const result = await deliverer.deliver(body, contentType);
      stats.add(result);
      return result;
    },
    many(jobs, runOptions, onResult) {
      return runDeliveries(jobs, deliverer.deliver, { ...runOptions, signal: options.signal }, (job, result) => {
        stats.add(result);
        onResult(job.item, result, stats.running(elapsed()));
      });
    },
    summary: () => stats.summary(elapsed()),
    async close() {
      options.signal?.removeEventListener('abort', abandon);
      await deliverer.close();
    },
  };
}

/** A whole `send` or `replay`: one run, every job delivered, the pool closed, the tally returned. */
export async function deliverAll<T>(
  jobs: JobSource<T>,
  options: DeliveryRunOptions & Omit<RunOptions, 'signal'>,
  onResult: (item: T, result: DeliveryResult, running: RunningCounts) => void,
): Promise<{ summary: Summary; abandoned: number }> {
  const run = startDeliveryRun({ ...options, connections: options.connections ?? options.concurrency });
  try {
    const { abandoned } = await run.many(jobs, options, onResult);
    return { summary: run.summary(), abandoned };
  } finally {
    await run.close();
  }
}
