// A small app for the tests that need a process of its own (killed with SIGKILL, or two sharing a Redis):
// `node store-app.mjs file:<dir>` or `node store-app.mjs redis:<url>`. With HANG_ON_FIRST=1 the first
// run of each event never ends (the test kills the process there). SIGTERM drains, then exits.
import { createServer } from 'node:http';
import { createHandler, fileStore, redisStore } from 'winesitting-hooks/handler';

const [, kind, where] = /^(file|redis):(.*)$/s.exec(process.argv[2] ?? '') ?? [];
let client;
if (kind === 'redis') {
  const { Redis } = await import('ioredis');
  client = new Redis(where);
}
const store = kind === 'file' ? fileStore(where) : redisStore(client);
const say = (line) => console.log(JSON.stringify({ pid: process.pid, ...line }));

const hooks = createHandler({
  store,
  async onEvent(event, info) {
    say({ handling: info.key, attempt: info.attempt, id: event.object.id });
    if (process.env.HANG_ON_FIRST === '1' && info.attempt === 1) await new Promise(() => undefined);
    say({ handled: info.key, attempt: info.attempt, id: event.object.id });
  },
  onError: (error) => say({ error: String(error) }),
});

const server = createServer(hooks.node()).listen(0, '127.0.0.1', () => console.error(`Listening on http://127.0.0.1:${server.address().port}/`));
process.on('SIGTERM', async () => {
  server.close();
  await hooks.drain();
  say({ drained: true });
  client?.disconnect();
  process.exit(0);
});
