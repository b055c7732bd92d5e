// The servers of the handler benchmark, one Express app each, on a free port:
// `bare`: `express.raw()` and a handler that answers 200 (the baseline);
// `memory`: the handler kit with memoryStore; `redis <url>`: with redisStore over ioredis;
// `file <dir>`: with fileStore. The kit's onEvent does nothing: this measures the kit.
import express from 'express';
import { createHandler, fileStore, memoryStore, redisStore } from '../../dist/handler/index.js';

const [mode, where] = process.argv.slice(2);
const app = express();
let client;
// Requests and this process's CPU time, printed at SIGTERM: CPU per request is steadier than throughput on a shared machine.
let requests = 0;
app.use((req, res, next) => {
  requests++;
  next();
});
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
  const { user, system } = process.cpuUsage();
  console.error(`cpu ${user + system} requests ${requests}`);
  client?.disconnect();
  process.exit(0);
});
