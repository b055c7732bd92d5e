// The baseline: a bare node:http server that reads the body and answers 200.
// `--save <dir>`: it also writes each body to its own file (temp file, then rename).
// `--parse`: it also runs JSON.parse on the body (the least any real receiver does).
import { createServer } from 'node:http';
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const args = process.argv.slice(2);
const dir = args.includes('--save') ? args[args.indexOf('--save') + 1] : null;
const parse = args.includes('--parse');
let n = 0;
const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', async () => {
    const body = Buffer.concat(chunks);
    if (parse) JSON.parse(body.toString('utf8'));
    if (dir) {
      const name = `${Date.now()}-${++n}.json`;
      await writeFile(join(dir, `.${name}.tmp`), body);
      await rename(join(dir, `.${name}.tmp`), join(dir, name));
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"received":true}');
  });
});
server.listen(0, '127.0.0.1', () => console.error(`Listening on http://127.0.0.1:${server.address().port}/`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
