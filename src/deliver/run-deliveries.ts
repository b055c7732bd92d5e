import type { DeliveryResult } from './verdict.js';

export interface Job<T> {
  item: T;
  url: string;
  body: Uint8Array | string;
  contentType?: string;
}

export interface RunOptions {
  concurrency: number;
  /** Events per second, paced evenly; undefined: as fast as the concurrency allows. */
  rate?: number;
  /** Stop taking new jobs after the first loss. */
  bail?: boolean;
  signal?: AbortSignal;
}

type Deliver = (url: string, body: Uint8Array | string, contentType?: string, signal?: AbortSignal) => Promise<DeliveryResult>;

/**
 * Runs jobs from a (possibly huge, lazily read) source with bounded concurrency: at most
 * `concurrency` jobs are pulled ahead, so memory does not grow with the number of events.
 * Results are reported as they come, which with concurrency 1 is strictly in order.
 */
export async function runDeliveries<T>(
  jobs: AsyncIterable<Job<T>> | Iterable<Job<T>>,
  deliver: Deliver,
  options: RunOptions,
  onResult: (job: Job<T>, result: DeliveryResult) => void,
): Promise<{ abandoned: number }> {
  const iterator = (Symbol.asyncIterator in jobs ? jobs[Symbol.asyncIterator]() : (jobs as Iterable<Job<T>>)[Symbol.iterator]()) as AsyncIterator<Job<T>> | Iterator<Job<T>>;
  let stopped = false;
  let started = 0;
  let abandoned = 0;
  const begin = performance.now();
  let pulling: Promise<unknown> = Promise.resolve();

  // Pulls are serialised: async generators must not be advanced concurrently.
  const nextJob = (): Promise<IteratorResult<Job<T>>> => {
    const pulled = pulling.then(() => iterator.next());
    pulling = pulled.catch(() => undefined);
    return pulled;
  };

  const worker = async (): Promise<void> => {
    for (;;) {
      if (stopped || options.signal?.aborted) return;
      const next = await nextJob();
      if (next.done) return;
      if (options.rate) {
        const due = begin + (started++ * 1000) / options.rate;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      }
      if (stopped || options.signal?.aborted) return;
      const result = await deliver(next.value.url, next.value.body, next.value.contentType, options.signal);
      // Abandoned on interrupt: neither delivered nor lost by the endpoint, so not counted.
      if (options.signal?.aborted && result.verdict === 'lost') {
        abandoned++;
        return;
      }
      onResult(next.value, result);
      if (options.bail && result.verdict === 'lost') stopped = true;
    }
  };

  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  return { abandoned };
}
