import { describe, expect, it } from 'vitest';
import { readAhead, JobQueue } from '../../src/deliver/job-queue.js';

const job = (i: number) => ({ item: i, body: `event ${i}` });

describe('JobQueue', () => {
  it('hands jobs out in order, synchronously while there are some, then says when there are none yet and when there are no more', async () => {
    const queue = new JobQueue<number>(10);
    expect(queue.take()).toBeUndefined();
    const ready = queue.ready();
    queue.put(job(1));
    queue.put(job(2));
    await ready;
    expect([queue.take()?.item, queue.take()?.item, queue.take()]).toEqual([1, 2, undefined]);
    queue.end();
    expect(queue.take()).toBeNull();
  });

  it('makes the reader wait while full, until half is taken', async () => {
    const queue = new JobQueue<number>(4);
    for (let i = 0; i < 4; i++) queue.put(job(i));
    expect(queue.full).toBe(true);
    let roomy = false;
    const room = queue.room().then(() => (roomy = true));
    queue.take();
    await Promise.resolve();
    expect(roomy).toBe(false);
    queue.take();
    await room;
    expect(queue.size).toBe(2);
  });

  it("lets the reader go once no more jobs are wanted, and throws the reader's failure after the jobs read before it", async () => {
    const queue = new JobQueue<number>(1);
    queue.put(job(1));
    const room = queue.room();
    queue.stop();
    await room;
    expect(queue.stopped).toBe(true);

    const failing = readAhead<number>(8, (q) => {
      q.put(job(1));
      return Promise.reject(new Error('the file went away'));
    });
    await failing.ready();
    expect(failing.take()?.item).toBe(1);
    expect(() => failing.take()).toThrow('the file went away');
  });

  it('never holds more than its bound, however many jobs pass through, and keeps their order', async () => {
    const queue = readAhead<number>(16, async (q) => {
      for (let i = 0; i < 10_000; i++) {
        q.put(job(i));
        if (q.full) await q.room();
      }
    });
    const seen: number[] = [];
    for await (const { item } of queue) {
      seen.push(item);
      expect(queue.size).toBeLessThanOrEqual(16);
    }
    expect(seen).toEqual(Array.from({ length: 10_000 }, (_, i) => i));
  });
});
