import { sleep } from '../time/sleep.js';
import type { DeliveryResult } from './verdict.js';

export interface Job<T> {
  item: T;
  body: Uint8Array | string;
  contentType?: string;
}

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
  jobs: AsyncIterable<Job<T>> | Iterable<Job<T>>,
  deliver: Deliver,
  options: RunOptions,
  onResult: (job: Job<T>, result: DeliveryResult) => void,
): Promise<{ abandoned: number }> {
  const next = serialPuller(jobs);
  const aborted = () => options.signal?.aborted === true;
  const begin = performance.now();
  let stopped = false;
  // Read through a function: another worker may stop the run while this one awaits.
  const halted = () => stopped || aborted();
  let started = 0;
  let abandoned = 0;

  const worker = async (): Promise<void> => {
    while (!halted()) {
      const pulled = await next();
      if (pulled.done) return;
      if (options.rate) await pace(begin + (started++ * 1000) / options.rate, options.signal);
      if (halted()) return;
      const result = await deliver(pulled.value.body, pulled.value.contentType);
      // Abandoned on interrupt: neither delivered nor lost by the endpoint, so not counted.
      if (result.error === 'abandoned') {
        abandoned++;
        return;
      }
      onResult(pulled.value, result);
      if (options.bail && result.verdict === 'lost') stopped = true;
    }
  };

  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  return { abandoned };
}

/** Pulls are serialised: an async generator must not be advanced by two workers at once. */
function serialPuller<T>(jobs: AsyncIterable<T> | Iterable<T>): () => Promise<IteratorResult<T>> {
  const iterator: AsyncIterator<T> | Iterator<T> = Symbol.asyncIterator in jobs ? jobs[Symbol.asyncIterator]() : jobs[Symbol.iterator]();
  let pulling: Promise<unknown> = Promise.resolve();
  return () => {
    const pulled = pulling.then(() => iterator.next());
    pulling = pulled.catch(() => undefined);
    return pulled;
  };
}

/** Waits until `due` (a performance.now() time), or until the run is aborted. */
function pace(due: number, signal?: AbortSignal): Promise<void> | undefined {
  const wait = due - performance.now();
  return wait > 0 ? sleep(wait, signal) : undefined;
}
