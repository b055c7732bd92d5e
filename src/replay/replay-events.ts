import { createDeliverer } from '../deliver/deliverer.js';
import { runDeliveries, type Job } from '../deliver/run-deliveries.js';
import { DeliveryStats, type RunningCounts, type Summary } from '../deliver/stats.js';
import type { DeliveryResult } from '../deliver/verdict.js';
import type { ReplayItem } from './replay-source.js';

export interface ReplayOptions {
  url: string;
  concurrency: number;
  rate?: number;
  bail?: boolean;
  signal?: AbortSignal;
  timeout: number;
  budget: number;
  headers?: Array<[string, string]>;
  onResult(item: ReplayItem, result: DeliveryResult, running: RunningCounts): void;
}

/** Delivers every item through one keep-alive pool and accounts for each. */
export async function replayEvents(source: AsyncIterable<ReplayItem>, options: ReplayOptions): Promise<{ summary: Summary; abandoned: number }> {
  const deliverer = createDeliverer({ timeout: options.timeout, budget: options.budget, headers: options.headers, connections: options.concurrency });
  const stats = new DeliveryStats();
  const started = performance.now();
  async function* jobs(): AsyncGenerator<Job<ReplayItem>> {
    for await (const item of source) yield { item, url: options.url, body: item.stored.body };
  }
  let abandoned = 0;
  try {
    ({ abandoned } = await runDeliveries(jobs(), deliverer.deliver, options, (job, result) => {
      stats.add(result);
      options.onResult(job.item, result, stats.running(performance.now() - started));
    }));
  } finally {
    await deliverer.close();
  }
  return { summary: stats.summary(performance.now() - started), abandoned };
}
