// The baselines of the listen benchmark: a bare node:http server that reads the body and
// answers 200.
// `--parse`: it also runs JSON.parse on the body (the least any real receiver does).
// `--print`: it parses each body and prints one NDJSON line per event on stdout, batched per
//            turn of the event loop: the fair ceiling for `listen --json`.
// `--save <dir>`: it also writes each body to its own file (temp file, then rename);
// `--fsync`: flushed before the rename, the promise `listen --save` makes.
import { open, rename, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';

const args = process.argv.slice(2);
const dir = args.includes('--save') ? args[args.indexOf('--save') + 1] : null;
const fsync = args.includes('--fsync');
const parse = args.includes('--parse');
const print = args.includes('--print');
let n = 0;
let pending = '';

async function save(body) {
  const name = `${Date.now()}-${++n}.json`;
  const temporary = join(dir, `.${name}.tmp`);
  if (fsync) {
    const handle = await open(temporary, 'w');
    await handle.writeFile(body);
    await handle.sync();
    await handle.close();
  } else await writeFile(temporary, body);
  await rename(temporary, join(dir, name));
}

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', async () => {
    const body = Buffer.concat(chunks);
    if (parse || print) {
      const event = JSON.parse(body.toString('utf8'));
      if (print) {
        if (pending === '') setImmediate(() => (process.stdout.write(pending), (pending = '')));
        pending += `${JSON.stringify({ seq: ++n, type: event.type, operation: event.operation, objectId: event.object?.id, event })}\n`;
      }
    }
    if (dir) await save(body);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"received":true}');
  });
});
server.listen(0, '127.0.0.1', () => console.error(`Listening on http://127.0.0.1:${server.address().port}/`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
