// WineSitting events in an Express app, recorded in a journal on disk (survives a crash): `npm start`.
import express from 'express';
import { createHandler, fileStore } from 'winesitting-hooks/handler';

const hooks = createHandler({
  store: fileStore(process.env.INBOX ?? '.inbox'),
  async onEvent(event, info) {
    console.log(`${event.type} ${event.operation} #${event.object.id}${info.stale ? ' (stale: a newer version was seen)' : ''}`);
  },
  onError: (error) => console.error('Not handled yet, pending:', error),
});
hooks.on('ORDER.UPDATE', async (event) => {
  // event.object is an order: save its status, tracking numbers…
  console.log(`  order ${event.object.id} is ${event.object.status.name}`);
});

const app = express();
// Before any express.json(): the handler reads the body itself, without Express's 100 KB limit.
app.post('/webhooks/winesitting', hooks.express());

const server = app.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => {
  console.error(`Listening on http://127.0.0.1:${server.address().port}/webhooks/winesitting`);
});
process.once('SIGINT', shutdown).once('SIGTERM', shutdown);
async function shutdown() {
  server.close();
  await hooks.drain(); // finish what was acknowledged
  process.exit(0);
}
