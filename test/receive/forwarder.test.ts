import { afterEach, describe, expect, it } from 'vitest';
import { createEvent } from '../../src/index.js';
import { createForwarder } from '../../src/receive/forwarder.js';
import { createReceiver } from '../../src/receive/receiver.js';
import type { ReceivedEvent } from '../../src/receive/types.js';
import { trickle, useServers } from '../helpers/http.js';

const server = useServers(afterEach);
const closing: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closing.splice(0).map((close) => close()));
});

describe('createForwarder', () => {
  it('gives up on an app whose answer trickles in past the timeout, and the sender gets 502', async () => {
    const app = await server(trickle);
    const forwarder = createForwarder(app.url, 500);
    closing.push(forwarder.close);
    const receiver = createReceiver({ forward: forwarder.forward });
    const seen: ReceivedEvent[] = [];
    receiver.subscribe((event) => seen.push(event));

    const answer = await receiver.handle({
      method: 'POST',
      path: '/',
      headers: { 'content-type': 'application/json' },
      body: Buffer.from(JSON.stringify(createEvent({ seed: 1 }))),
    });

    expect(answer.status).toBe(502);
    expect(String(answer.body)).toContain(`could not reach ${app.url}: timed out`);
    expect(seen[0]!.forward).toMatchObject({ status: null, error: 'timed out' });
    expect(seen[0]!.forward!.ms).toBeGreaterThanOrEqual(500);
    // Well before the answer ends (3 s): the timeout bounds the whole forward, not each chunk.
    expect(seen[0]!.forward!.ms).toBeLessThan(2000);
    expect(receiver.summary.counts.forwardFailures).toBe(1);
  });
});
