import { createDeliverer } from '../deliver/deliverer.js';
import { runDeliveries, type Job } from '../deliver/run-deliveries.js';
import { DeliveryStats } from '../deliver/stats.js';
import { describeEnvelope } from '../events/describe-envelope.js';
import type { WineSittingEvent } from '../events/schema.js';
import type { Io } from '../io.js';
import { deliveryRecord, formatDelivery, formatSummary, type Sent } from '../render/delivery.js';
import { jsonLine } from '../render/json-line.js';
import type { Paint } from '../render/paint.js';

export interface SendDeliveryOptions {
  url: string;
  repeat: number;
  concurrency: number;
  timeout: number;
  budget: number;
  headers?: Array<[string, string]>;
  json: boolean;
}

/** Delivers each body `repeat` times, reports each result, and a summary when there were several. */
export async function deliverEvents(events: WineSittingEvent[], bodies: string[], options: SendDeliveryOptions, io: Io, paint: Paint) {
  const deliverer = createDeliverer({ timeout: options.timeout, budget: options.budget, headers: options.headers, connections: options.concurrency });
  const stats = new DeliveryStats();
  const jobs: Array<Job<Sent>> = [];
  events.forEach((event, index) => {
    const sent = describeEnvelope(event);
    for (let r = 0; r < options.repeat; r++) jobs.push({ item: sent, url: options.url, body: bodies[index]! });
  });
  const started = performance.now();
  try {
    await runDeliveries(jobs, deliverer.deliver, { concurrency: options.concurrency }, (job, result) => {
      stats.add(result);
      io.stdout.write(options.json ? jsonLine(deliveryRecord(job.item, result)) : `${formatDelivery(job.item, result, paint, options.budget)}\n`);
    });
  } finally {
    await deliverer.close();
  }
  const summary = stats.summary(performance.now() - started);
  if (jobs.length > 1) io.stdout.write(options.json ? jsonLine({ summary }) : `${formatSummary(summary, paint)}\n`);
  return summary;
}
