// WineSitting events with node:http alone, recorded in a journal on disk (survives a crash): `npm start`.
import { createServer } from 'node:http';
import { createHandler, fileStore } from 'winesitting-hooks/handler';

const hooks = createHandler({
  store: fileStore(process.env.INBOX ?? '.inbox'),
  async onEvent(event, info) {
    console.log(`${event.type} ${event.operation} #${event.object.id}${info.stale ? ' (stale: a newer version was seen)' : ''}`);
  },
  onError: (error) => console.error('Not handled yet, pending:', error),
});

const webhooks = hooks.node();
const server = createServer((req, res) => {
  if (req.url === '/webhooks/winesitting') return webhooks(req, res);
  res.writeHead(404).end();
});
server.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => {
  console.error(`Listening on http://127.0.0.1:${server.address().port}/webhooks/winesitting`);
});
process.once('SIGINT', shutdown).once('SIGTERM', shutdown);
async function shutdown() {
  server.close();
  await hooks.drain(); // finish what was acknowledged
  process.exit(0);
}
