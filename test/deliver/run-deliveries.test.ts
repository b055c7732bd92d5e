import { describe, expect, it } from 'vitest';
import { readAhead } from '../../src/deliver/job-queue.js';
import { runDeliveries, type Job } from '../../src/deliver/run-deliveries.js';
import type { DeliveryResult } from '../../src/deliver/verdict.js';

const result = (verdict: DeliveryResult['verdict'], status: number | null = verdict === 'lost' ? 500 : 200): DeliveryResult => ({
  url: 'http://app/',
  status,
  ms: 1,
  verdict,
  cause: verdict === 'lost' ? 'status' : null,
  body: null,
  location: null,
  error: null,
  fix: null,
});

/** A deliver function whose deliveries the test finishes one by one, in any order. */
function controlledDeliver() {
  const pending: { body: string; finish(r: DeliveryResult): void }[] = [];
  const waiters: (() => void)[] = [];
  const deliver = (body: Uint8Array | string) =>
    new Promise<DeliveryResult>((finish) => {
      pending.push({ body: String(body), finish });
      for (const wake of waiters.splice(0)) wake();
    });
  /** Resolves once `count` deliveries are in flight. */
  const inFlight = async (count: number) => {
    while (pending.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
  };
  return { deliver, pending, inFlight };
}

const jobs = (n: number): Job<number>[] => Array.from({ length: n }, (_, i) => ({ item: i, body: `event ${i}` }));

describe('runDeliveries', () => {
  it('never has more than `concurrency` deliveries in flight, and reports each as it finishes', async () => {
    const control = controlledDeliver();
    const reported: number[] = [];
    const run = runDeliveries(jobs(5), control.deliver, { concurrency: 2 }, (job) => reported.push(job.item));
    await control.inFlight(2);
    await Promise.resolve();
    expect(control.pending.map((p) => p.body)).toEqual(['event 0', 'event 1']);
    control.pending.splice(1, 1)[0]!.finish(result('delivered'));
    await control.inFlight(2);
    expect(control.pending.map((p) => p.body)).toEqual(['event 0', 'event 2']);
    while (control.pending.length > 0 || reported.length < 5) {
      control.pending.shift()?.finish(result('delivered'));
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await run).toEqual({ abandoned: 0 });
    expect(reported).toEqual([1, 0, 2, 3, 4]);
  });

  it('pulls from a lazy source no further ahead than the deliveries in flight', async () => {
    let pulled = 0;
    function* source() {
      for (let i = 0; i < 1000; i++) {
        pulled++;
        yield { item: i, body: `event ${i}` };
      }
    }
    const control = controlledDeliver();
    const run = runDeliveries(source(), control.deliver, { concurrency: 3 }, () => undefined);
    await control.inFlight(3);
    await new Promise((resolve) => setImmediate(resolve));
    expect(pulled).toBe(3);
    for (;;) {
      const next = control.pending.shift();
      if (next) next.finish(result('delivered'));
      else if (pulled === 1000) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    await run;
  });

  it('with --bail, starts nothing after the first loss', async () => {
    const sent: string[] = [];
    const deliver = (body: Uint8Array | string) => {
      sent.push(String(body));
      return Promise.resolve(body === 'event 2' ? result('lost') : result('delivered'));
    };
    const reported: string[] = [];
    await runDeliveries(jobs(10), deliver, { concurrency: 1, bail: true }, (_, r) => reported.push(r.verdict));
    expect(sent).toEqual(['event 0', 'event 1', 'event 2']);
    expect(reported).toEqual(['delivered', 'delivered', 'lost']);
  });

  it('once aborted, starts nothing new, and counts the abandoned deliveries apart from what the endpoint answered', async () => {
    const control = controlledDeliver();
    const stop = new AbortController();
    const reported: DeliveryResult[] = [];
    const run = runDeliveries(jobs(100), control.deliver, { concurrency: 4, signal: stop.signal }, (_, r) => reported.push(r));
    await control.inFlight(4);
    control.pending.shift()!.finish(result('delivered'));
    await control.inFlight(4);
    stop.abort();
    // What the endpoint answered still counts, a refusal too; what the abort cut off does not.
    control.pending.shift()!.finish(result('delivered'));
    control.pending.shift()!.finish(result('lost', 500));
    for (const p of control.pending.splice(0)) p.finish({ ...result('lost', null), cause: 'error', error: 'abandoned' });
    expect(await run).toEqual({ abandoned: 2 });
    expect(reported.map((r) => r.verdict)).toEqual(['delivered', 'delivered', 'lost']);
  });

  it('runs a plain array in order with concurrency 1', async () => {
    const reported: number[] = [];
    await runDeliveries(
      jobs(20),
      () => Promise.resolve(result('delivered')),
      { concurrency: 1 },
      (job) => reported.push(job.item),
    );
    expect(reported).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('takes jobs from a queue read ahead, and tells its reader to stop once the run stops', async () => {
    let read = 0;
    const queue = readAhead<number>(4, async (q) => {
      for (let i = 0; i < 1000; i++) {
        read++;
        q.put({ item: i, body: `event ${i}` });
        if (q.full) await q.room();
        if (q.stopped) return;
      }
    });
    const deliver = (body: Uint8Array | string) => Promise.resolve(body === 'event 5' ? result('lost') : result('delivered'));
    const reported: number[] = [];
    await runDeliveries(queue, deliver, { concurrency: 1, bail: true }, (job) => reported.push(job.item));
    expect(reported).toEqual([0, 1, 2, 3, 4, 5]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(queue.stopped).toBe(true);
    expect(read).toBeLessThan(20);
  });

  it('with --rate, an abort wakes every paced delivery at once', async () => {
    const stop = new AbortController();
    const sent: string[] = [];
    const deliver = (body: Uint8Array | string) => {
      sent.push(String(body));
      return Promise.resolve(result('delivered'));
    };
    // One start every 100 s: a paced delivery that the abort did not wake would hold the run past the test's timeout.
    const run = runDeliveries(jobs(100), deliver, { concurrency: 8, rate: 0.01, signal: stop.signal }, () => undefined);
    await new Promise((resolve) => setImmediate(resolve));
    stop.abort();
    expect(await run).toEqual({ abandoned: 0 });
    expect(sent).toEqual(['event 0']);
  });
});
