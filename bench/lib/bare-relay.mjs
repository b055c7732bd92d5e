// The baselines for the relay benchmark: a bare SSE relay. Receives a POST, pushes it to
// the one subscriber, answers 200. No auth, no buffer, no resume.
// `--store <file>`: it also appends each event to a file and answers only once the write
// is flushed (fdatasync), with group commit: what arrives during a flush shares the next.
import { open } from 'node:fs/promises';
import { createServer } from 'node:http';

const args = process.argv.slice(2);
const file = args.includes('--store') ? await open(args[args.indexOf('--store') + 1], 'a') : null;
let subscriber = null;
let seq = 0;
let pending = [];
let flushing = false;

async function flush() {
  flushing = true;
  while (pending.length > 0) {
    const batch = pending;
    pending = [];
    await file.write(batch.map((p) => p.line).join(''));
    await file.datasync();
    for (const p of batch) p.done();
  }
  flushing = false;
}

const server = createServer((req, res) => {
  if (req.method === 'GET') {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.flushHeaders();
    subscriber = res;
    return;
  }
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const line = `${JSON.stringify({ seq: ++seq, body: Buffer.concat(chunks).toString('base64') })}\n`;
    const done = () => {
      subscriber?.write(`id: ${seq}\nevent: webhook\ndata: ${line}\n`);
      res.end('{"received":true}');
    };
    if (!file) return done();
    pending.push({ line, done });
    if (!flushing) void flush();
  });
});
server.listen(0, '127.0.0.1', () => console.error(`Listening on http://127.0.0.1:${server.address().port}/`));
process.on('SIGTERM', () => process.exit(0));
