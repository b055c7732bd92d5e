import type { Job } from '../deliver/run-deliveries.js';
import { describeEnvelope, type EnvelopeSummary } from '../events/describe-envelope.js';
import type { WineSittingEvent } from '../events/schema.js';

/** One job per delivery: each body `repeat` times, the same bytes each time, in order. */
export function sendJobs(events: WineSittingEvent[], bodies: string[], repeat: number): Job<EnvelopeSummary>[] {
  const jobs: Job<EnvelopeSummary>[] = [];
  events.forEach((event, index) => {
    const sent = describeEnvelope(event);
    for (let r = 0; r < repeat; r++) jobs.push({ item: sent, body: bodies[index]! });
  });
  return jobs;
}
