// The ceiling for the relay benchmark: a bare SSE relay. Receives a POST, pushes it to
// the one subscriber, answers 200. No storage, no auth, no buffer, no resume.
import { createServer } from 'node:http';

let subscriber = null;
let seq = 0;
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
    const body = Buffer.concat(chunks).toString('base64');
    subscriber?.write(`id: ${++seq}\nevent: webhook\ndata: ${JSON.stringify({ seq, body })}\n\n`);
    res.end('{"received":true}');
  });
});
server.listen(0, '127.0.0.1', () => console.error(`Listening on http://127.0.0.1:${server.address().port}/`));
process.on('SIGTERM', () => process.exit(0));
