// The replay benchmark's client baseline: a minimal undici Pool.dispatch loop posting the lines of
// an NDJSON file, `concurrency` in flight, with no validation, no report and no deadline: what
// undici alone reaches. The file is read into memory first; the rate counts the sending only.
// Usage: node dispatch-loop.mjs <url> <file.ndjson> <concurrency>; prints {"events", "seconds"}.
import { readFileSync } from 'node:fs';
import { Pool } from 'undici';

const [url, file, concurrency] = process.argv.slice(2);
const bytes = readFileSync(file);
const bodies = [];
for (let start = 0, end = bytes.indexOf(10); end !== -1; start = end + 1, end = bytes.indexOf(10, start)) bodies.push(bytes.subarray(start, end));
const target = new URL(url);
const pool = new Pool(target.origin, { connections: Number(concurrency) });
const headers = { 'content-type': 'application/json' };
let next = 0;
let done = 0;
const started = performance.now();
await new Promise((resolve, reject) => {
  const send = () => {
    const body = bodies[next++];
    pool.dispatch(
      { path: target.pathname, method: 'POST', body, headers },
      {
        onRequestStart() {},
        onResponseStart() {},
        onResponseData() {},
        onResponseEnd() {
          if (++done === bodies.length) resolve();
          else if (next < bodies.length) send();
        },
        onResponseError(_, error) {
          reject(error);
        },
      },
    );
  };
  for (let i = 0; i < Number(concurrency); i++) send();
});
const seconds = (performance.now() - started) / 1000;
await pool.close();
console.log(JSON.stringify({ events: done, seconds }));
