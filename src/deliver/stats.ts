import { roundTenth } from '../text/round-tenth.js';
import type { DeliveryResult, LossCause } from './verdict.js';

export interface Summary {
  events: number;
  /** Every event answered 2xx, at-risk ones included. */
  delivered: number;
  atRisk: number;
  lost: number;
  lostBy: Partial<Record<LossCause, number>>;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  eventsPerSecond: number;
}

export type RunningCounts = Pick<Summary, 'events' | 'lost' | 'eventsPerSecond'>;

/** `events` over `elapsedMs`, per second, to a tenth; 0 before any time has passed. */
export function eventsPerSecond(events: number, elapsedMs: number): number {
  return elapsedMs > 0 ? roundTenth((events * 1000) / elapsedMs) : 0;
}

/** Buckets 1% wide: percentiles within 1% in constant memory, whatever the number of events. */
const GROWTH = Math.log(1.01);

export class DeliveryStats {
  private readonly buckets = new Map<number, number>();
  private count = 0;
  private delivered = 0;
  private atRisk = 0;
  private lost = 0;
  private readonly lostBy: Partial<Record<LossCause, number>> = {};
  private max = 0;

  add(result: DeliveryResult): void {
    this.count++;
    if (result.verdict === 'lost') {
      this.lost++;
      const cause = result.cause ?? 'error';
      this.lostBy[cause] = (this.lostBy[cause] ?? 0) + 1;
    } else {
      this.delivered++;
      if (result.verdict === 'at-risk') this.atRisk++;
    }
    const bucket = Math.floor(Math.log1p(result.ms) / GROWTH);
    this.buckets.set(bucket, (this.buckets.get(bucket) ?? 0) + 1);
    this.max = Math.max(this.max, result.ms);
  }

  /** The cheap part of the summary, for a progress line updated on every event. */
  running(elapsedMs: number): RunningCounts {
    return { events: this.count, lost: this.lost, eventsPerSecond: eventsPerSecond(this.count, elapsedMs) };
  }

  summary(elapsedMs: number): Summary {
    return {
      events: this.count,
      delivered: this.delivered,
      atRisk: this.atRisk,
      lost: this.lost,
      lostBy: { ...this.lostBy },
      p50: this.percentile(50),
      p95: this.percentile(95),
      p99: this.percentile(99),
      max: roundTenth(this.max),
      eventsPerSecond: eventsPerSecond(this.count, elapsedMs),
    };
  }

  private percentile(p: number): number {
    if (this.count === 0) return 0;
    const rank = Math.ceil((p / 100) * this.count);
    let seen = 0;
    for (const bucket of [...this.buckets.keys()].sort((a, b) => a - b)) {
      seen += this.buckets.get(bucket)!;
      if (seen >= rank) return roundTenth(Math.min(Math.expm1((bucket + 1) * GROWTH), this.max));
    }
    return roundTenth(this.max);
  }
}
