// WineSitting events in a Hono app on Node.js: `npm start`. `hooks.fetch` takes a Web Request,
// so the same line works on Bun, Deno and in Next.js route handlers (`export const POST = hooks.fetch`).
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createHandler, memoryStore } from 'winesitting-hooks/handler';

const hooks = createHandler({
  // Remembers events in this process only: use fileStore(dir) or redisStore(client) to survive a restart.
  store: memoryStore(),
  async onEvent(event, info) {
    console.log(`${event.type} ${event.operation} #${event.object.id}${info.stale ? ' (stale: a newer version was seen)' : ''}`);
  },
  onError: (error) => console.error('Not handled yet, pending:', error),
});

const app = new Hono();
app.post('/webhooks/winesitting', (c) => hooks.fetch(c.req.raw));

const server = serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 3000), hostname: '127.0.0.1' }, (info) => {
  console.error(`Listening on http://127.0.0.1:${info.port}/webhooks/winesitting`);
});
process.once('SIGINT', shutdown).once('SIGTERM', shutdown);
async function shutdown() {
  server.close();
  await hooks.drain(); // finish what was acknowledged
  process.exit(0);
}
