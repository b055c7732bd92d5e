// WineSitting events in a Fastify app: `npm start`.
import Fastify from 'fastify';
import { createHandler, memoryStore } from 'winesitting-hooks/handler';

const hooks = createHandler({
  // Remembers events in this process only: use fileStore(dir) or redisStore(client) to survive a restart.
  store: memoryStore(),
  async onEvent(event, info) {
    console.log(`${event.type} ${event.operation} #${event.object.id}${info.stale ? ' (stale: a newer version was seen)' : ''}`);
  },
  onError: (error) => console.error('Not handled yet, pending:', error),
});

// Fastify parses JSON before the route runs: its bodyLimit (1 MB by default) is the one that applies.
const app = Fastify({ bodyLimit: 10 * 1024 * 1024 });
app.post('/webhooks/winesitting', hooks.fastify());

const address = await app.listen({ port: Number(process.env.PORT ?? 3000), host: '127.0.0.1' });
console.error(`Listening on ${address}/webhooks/winesitting`);
process.once('SIGINT', shutdown).once('SIGTERM', shutdown);
async function shutdown() {
  await app.close();
  await hooks.drain(); // finish what was acknowledged
  process.exit(0);
}
