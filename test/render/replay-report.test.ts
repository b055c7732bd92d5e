import { describe, expect, it } from 'vitest';
import type { Summary } from '../../src/deliver/stats.js';
import { plain } from '../../src/render/paint.js';
import { replayReporter } from '../../src/render/replay-report.js';

const summary: Summary = { events: 3, delivered: 3, atRisk: 0, lost: 0, lostBy: {}, p50: 1.2, p95: 2, p99: 2, max: 2.5, eventsPerSecond: 120.5 };

describe("replay's summary", () => {
  it('names the sending rate beside the whole run, validation included', () => {
    expect(replayReporter(false, plain, 1000, true).summary({ ...summary, overallEventsPerSecond: 97.1 })).toBe(
      '3 events, 3 delivered, 0 lost\np50 1.2 ms · p95 2.0 ms · p99 2.0 ms · max 2.5 ms · sending 120.5 events/s · overall 97.1 events/s\n',
    );
  });

  it('adds overallEventsPerSecond after the fields send has, in --json', () => {
    const line = replayReporter(true, plain, 1000, true).summary({ ...summary, overallEventsPerSecond: 97.1 });
    expect(line).toBe(
      '{"summary":{"events":3,"delivered":3,"atRisk":0,"lost":0,"lostBy":{},"p50":1.2,"p95":2,"p99":2,"max":2.5,"eventsPerSecond":120.5,"overallEventsPerSecond":97.1}}\n',
    );
  });
});
