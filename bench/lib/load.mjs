// What the benchmarks share: posting realistic bodies with autocannon, an NDJSON file of them,
// and the peak memory of a child process.
import autocannon from 'autocannon';
import { once } from 'node:events';
import { createWriteStream, readFileSync } from 'node:fs';

/** autocannon POSTing `bodies` in turn, from the first, so every server sees the same sequence; `options` as autocannon's (`connections`, `duration` or `amount`). */
export function postBodies(url, bodies, options) {
  let next = 0;
  return autocannon({
    url,
    ...options,
    requests: [{ method: 'POST', headers: { 'content-type': 'application/json' }, setupRequest: (req) => ({ ...req, body: bodies[next++ % bodies.length] }) }],
  });
}

/** Writes one body per line. */
export async function writeNdjson(file, lines) {
  const out = createWriteStream(file);
  for (const line of lines) if (!out.write(`${line}\n`)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

/** Polls a process's peak resident memory (VmHWM, Linux); `stop()` returns it in KB (0 elsewhere). */
export function watchPeakMemory(pid) {
  let peakKb = 0;
  const poll = setInterval(() => {
    try {
      const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
    } catch {
      // The process has just ended, or this is not Linux.
    }
  }, 50);
  return {
    stop() {
      clearInterval(poll);
      return peakKb;
    },
  };
}
