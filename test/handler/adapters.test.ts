import { serve as serveHono } from '@hono/node-server';
import express from 'express';
import Fastify from 'fastify';
import { Hono } from 'hono';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer, type RequestListener } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { createHandler, eventKey, memoryStore, type WebhookHandler } from '../../src/handler/index.js';
import { eventBody, listen, post, recorder } from '../helpers/handler.js';

const PATH = '/webhooks/winesitting';
/** The shipped 500-line order, with the descriptions and comments a real cellar order carries. */
const LARGE_ORDER = new URL('../../fixtures/edge-cases/large-order.json', import.meta.url);
const closers: (() => Promise<unknown>)[] = [];

/** Express 4, installed under another name beside Express 5; typed as much as the test uses. */
type Express4 = RequestListener & { post(path: string, ...handlers: unknown[]): void; use(handler: unknown): void };
const express4 = createRequire(import.meta.url)('express4') as (() => Express4) & { json(options: { limit: string }): unknown };
/** Fastify 4, installed under another name beside Fastify 5; typed as much as the test uses. */
const fastify4 = createRequire(import.meta.url)('fastify4') as () => {
  post(path: string, handler: unknown): void;
  listen(options: { port: number; host: string }): Promise<string>;
  close(): Promise<unknown>;
};
afterAll(async () => {
  await Promise.all(closers.map((close) => close()));
});

/** Each adapter in the app setups the README describes, served on 127.0.0.1, port 0. */
const setups: Record<string, (hooks: WebhookHandler) => Promise<string>> = {
  'node:http': async (hooks) => {
    const server = createServer(hooks.node());
    closers.push(() => new Promise((resolve) => server.close(resolve)));
    return `${(await listen(server)).slice(0, -1)}${PATH}`;
  },
  'Express, no body parser': (hooks) => startExpress((app) => app.post(PATH, hooks.express())),
  'Express, express.json() mounted globally with a raised limit': (hooks) =>
    startExpress((app) => {
      app.use(express.json({ limit: '10mb' }));
      app.post(PATH, hooks.express());
    }),
  'Express, express.raw() on the route': (hooks) => startExpress((app) => app.post(PATH, express.raw({ type: '*/*', limit: '10mb' }), hooks.express())),
  'Express 4, no body parser': (hooks) => startApp(express4(), (app) => app.post(PATH, hooks.express())),
  'Express 4, express.json() mounted globally with a raised limit': (hooks) =>
    startApp(express4(), (app) => {
      app.use(express4.json({ limit: '10mb' }));
      app.post(PATH, hooks.express());
    }),
  'Fastify, default JSON parser': async (hooks) => {
    const app = Fastify();
    app.post(PATH, hooks.fastify());
    closers.push(() => app.close());
    return `${await app.listen({ port: 0, host: '127.0.0.1' })}${PATH}`;
  },
  'Fastify 4, default JSON parser': async (hooks) => {
    const app = fastify4();
    app.post(PATH, hooks.fastify());
    closers.push(() => app.close());
    return `${await app.listen({ port: 0, host: '127.0.0.1' })}${PATH}`;
  },
  'Hono on @hono/node-server': async (hooks) => {
    const app = new Hono();
    app.post(PATH, (c) => hooks.fetch(c.req.raw));
    const server = serveHono({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    closers.push(() => new Promise((resolve) => server.close(resolve)));
    await new Promise((resolve) => server.once('listening', resolve));
    const address = server.address();
    return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}${PATH}`;
  },
};

const startExpress = (mount: (app: express.Express) => void) => startApp(express(), mount);

async function startApp<App extends RequestListener>(app: App, mount: (app: App) => void) {
  mount(app);
  const server = createServer(app);
  closers.push(() => new Promise((resolve) => server.close(resolve)));
  return `${(await listen(server)).slice(0, -1)}${PATH}`;
}

describe.each(Object.keys(setups))('%s', (name) => {
  it('acknowledges a 300 KB order and hands it over whole, once for 5 copies at once; refuses a non-JSON body with 400', async () => {
    const seen = recorder();
    const hooks = createHandler({ store: memoryStore(), onEvent: seen.listener });
    const url = await setups[name]!(hooks);
    const body = await readFile(LARGE_ORDER, 'utf8');
    expect(Buffer.byteLength(body)).toBeGreaterThan(300_000);
    const answers = await Promise.all(Array.from({ length: 5 }, () => post(url, body)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    await hooks.drain();
    expect(seen.calls).toHaveLength(1);
    expect(seen.calls[0]!.event.object.content).toHaveLength(500);
    // The same key whatever the adapter: computed from the event, not from the framework's bytes.
    expect(seen.calls[0]!.info.key).toBe(eventKey(JSON.parse(body)));
    const refused = await post(url, 'this is not JSON', { 'content-type': 'application/json' });
    expect(refused.status).toBe(400);
    await hooks.drain();
    expect(seen.calls).toHaveLength(1);
    expect(await hooks.retryPending()).toEqual({ retried: 0, failed: 0 });
  });
});

describe('the adapters that read the bytes', () => {
  it('answer 413 past the kit’s body limit, declared or not', async () => {
    const hooks = createHandler({ store: memoryStore(), bodyLimit: 50_000 });
    const body = eventBody({ lines: 200 });
    for (const name of ['node:http', 'Express, no body parser', 'Hono on @hono/node-server']) {
      const url = await setups[name]!(hooks);
      expect((await post(url, body)).status, name).toBe(413);
    }
    const chunked = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(body));
        controller.close();
      },
    });
    const url = await setups['node:http']!(hooks);
    const response = await fetch(url, { method: 'POST', body: chunked, duplex: 'half' });
    expect(response.status).toBe(413);
  });
});

describe('an app that keeps the body as received on req.rawBody', () => {
  it('has the kit record those bytes, text or Buffer, not the parsed body serialised again', async () => {
    const keepAs = { text: (buf: Buffer) => buf.toString('utf8'), Buffer: (buf: Buffer) => buf };
    for (const [kind, keep] of Object.entries(keepAs)) {
      const store = memoryStore();
      // The handler fails, so the event stays pending with the body the store recorded.
      const hooks = createHandler({ store, onEvent: () => Promise.reject(new Error('not yet')) });
      const url = await startExpress((app) => {
        app.use(express.json({ verify: (req, _res, buf) => Object.assign(req, { rawBody: keep(buf) }) }));
        app.post(PATH, hooks.express());
      });
      const body = JSON.stringify(JSON.parse(eventBody()), null, 2);
      expect((await post(url, body)).status, kind).toBe(200);
      await hooks.drain();
      expect(
        (await store.pending()).map((p) => p.body),
        kind,
      ).toEqual([body]);
    }
  });
});
