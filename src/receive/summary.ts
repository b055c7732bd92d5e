import type { ReceivedEvent } from './types.js';

export interface ReceiveCounts {
  requests: number;
  byKind: Record<string, number>;
  duplicates: number;
  invalid: number;
  rejected: number;
  forwardFailures: number;
  saveFailures: number;
}

/** Counts for the summary printed when listen stops. */
export class ReceiveSummary {
  readonly counts: ReceiveCounts = { requests: 0, byKind: {}, duplicates: 0, invalid: 0, rejected: 0, forwardFailures: 0, saveFailures: 0 };

  add(event: ReceivedEvent): void {
    const c = this.counts;
    c.requests++;
    if (event.saveError) c.saveFailures++;
    if (event.rejected) {
      c.rejected++;
      return;
    }
    const kind = `${event.type ?? '?'} ${event.operation ?? '?'}`;
    c.byKind[kind] = (c.byKind[kind] ?? 0) + 1;
    if (event.duplicateOf !== null) c.duplicates++;
    if (!event.valid) c.invalid++;
    if (event.forward && (event.forward.status === null || event.forward.status >= 300)) c.forwardFailures++;
  }
}
