// The servers of the handler benchmark, one Express app each, on a free port:
// `bare`: `express.raw()` and a handler that answers 200 (the baseline);
// `memory`: the handler kit with memoryStore; `redis <url>`: with redisStore over ioredis;
// `file <dir>`: with fileStore. The kit's onEvent does nothing: this measures the kit.
import express from 'express';
import { createHandler, fileStore, memoryStore, redisStore } from '../../dist/handler/index.js';

const [mode, where] = process.argv.slice(2);
const app = express();
let client;
if (mode === 'bare') {
  app.post('/webhooks', express.raw({ type: '*/*', limit: '10mb' }), (req, res) => res.status(200).end());
} else {
  let store;
  if (mode === 'redis') {
    const { Redis } = await import('ioredis');
    client = new Redis(where);
    store = redisStore(client);
  } else store = mode === 'file' ? fileStore(where) : memoryStore();
  const hooks = createHandler({ store, onEvent: async () => undefined });
  app.post('/webhooks', hooks.express());
}
const server = app.listen(0, '127.0.0.1', () => console.error(`Listening on http://127.0.0.1:${server.address().port}/webhooks`));
process.on('SIGINT', () => process.exit(0));
process.on('SIGTERM', () => {
  client?.disconnect();
  process.exit(0);
});
