import { afterEach, describe, expect, it } from 'vitest';
import { createDeliverer } from '../../src/deliver/deliverer.js';
import { useServers } from '../helpers/http.js';

const server = useServers(afterEach);
const options = { timeout: 5000, budget: 1000, connections: 2 };

describe('createDeliverer', () => {
  it('posts to the path and query of the URL, with the JSON and -H headers, and never follows a redirect', async () => {
    const app = await server((_, res) => {
      res.writeHead(302, { location: '/login' });
      res.end();
    });
    const deliverer = createDeliverer({ ...options, url: `${app.url}hooks?x=1`, headers: [['X-Token', 'secret']] });
    const result = await deliverer.deliver(Buffer.from('{"a":1}'));
    await deliverer.close();
    expect(result).toMatchObject({ status: 302, verdict: 'lost', cause: 'redirect', location: '/login', body: '' });
    expect(app.requests).toHaveLength(1);
    expect(app.requests[0]).toMatchObject({ method: 'POST', url: '/hooks?x=1', body: Buffer.from('{"a":1}') });
    expect(app.requests[0]!.headers).toMatchObject({ 'content-type': 'application/json', 'x-token': 'secret', 'user-agent': 'winesitting-hooks' });
  });

  it('keeps an excerpt of a refusal and stops reading it there, even when the answer never ends', async () => {
    const app = await server((_, res) => {
      res.writeHead(500);
      res.write('x'.repeat(3000));
      // The rest never comes: the excerpt must not wait for it.
    });
    const deliverer = createDeliverer({ ...options, url: app.url });
    const result = await deliverer.deliver('{}');
    await deliverer.close();
    expect(result).toMatchObject({ status: 500, verdict: 'lost', cause: 'status' });
    expect(result.body).toBe(`${'x'.repeat(2048)}…`);
  });

  it('takes a 2xx answer as complete once 128 KB of its body are read, as before', async () => {
    const app = await server((_, res) => {
      res.writeHead(200);
      res.write(Buffer.alloc(200 * 1024, 'y'));
      // Never ended.
    });
    const deliverer = createDeliverer({ ...options, url: app.url });
    const result = await deliverer.deliver('{}');
    await deliverer.close();
    expect(result).toMatchObject({ status: 200, verdict: 'delivered', cause: null, body: null });
  });

  it('ends every request in flight as abandoned once abandoned', async () => {
    const app = await server(() => undefined);
    const deliverer = createDeliverer({ ...options, url: app.url });
    const results = Promise.all([deliverer.deliver('{}'), deliverer.deliver('{}')]);
    await app.waitFor(2);
    deliverer.abandon();
    for (const result of await results) expect(result).toMatchObject({ status: null, verdict: 'lost', cause: 'error', error: 'abandoned' });
    expect(await deliverer.deliver('{}')).toMatchObject({ error: 'abandoned' });
  });

  it('loses every event to a URL undici cannot take, naming its fault', async () => {
    const deliverer = createDeliverer({ ...options, url: 'ftp://127.0.0.1/' });
    expect(await deliverer.deliver('{}')).toMatchObject({
      status: null,
      verdict: 'lost',
      cause: 'error',
      error: expect.stringMatching(/Invalid URL protocol/),
    });
    await deliverer.close();
  });
});
