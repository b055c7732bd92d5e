// Timing the relay path: senders post realistic bodies, a reader reports each body as it
// comes out the other end, and the figures are events per second and latency p50/p99.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { spawnServer } from './spawn-server.mjs';

export const SENDERS = 20;
const bareRelay = fileURLToPath(new URL('./bare-relay.mjs', import.meta.url));

/** Posts every body with SENDERS requests in flight, round robin over `urls` (one per relay instance). */
async function send(urls, bodies, onSent) {
  const agents = urls.map(() => new Agent({ connections: Math.ceil(SENDERS / urls.length) }));
  let next = 0;
  await Promise.all(
    Array.from({ length: SENDERS }, async () => {
      while (next < bodies.length) {
        const i = next++;
        onSent(bodies[i], performance.now());
        const to = i % urls.length;
        const answer = await request(urls[to], { method: 'POST', body: bodies[i], headers: { 'content-type': 'application/json' }, dispatcher: agents[to] });
        await answer.body.dump();
        if (answer.statusCode !== 200) throw new Error(`relay answered ${answer.statusCode}`);
      }
    }),
  );
  await Promise.all(agents.map((agent) => agent.close()));
}

/** Runs one path: resolves once every body has come out, with the figures. `lines(onEvent)` calls onEvent(body) per event out. */
export async function measure(label, bodies, { urls, lines }) {
  // Events are told apart by their bytes; a duplicate matches the earliest copy still on its way.
  const sentAt = new Map();
  const latencies = [];
  let last = 0;
  const done = new Promise((resolve) => {
    lines((body) => {
      latencies.push(performance.now() - sentAt.get(body).shift());
      last = performance.now();
      if (latencies.length === bodies.length) resolve();
    });
  });
  const first = performance.now();
  await send(urls, bodies, (body, at) => {
    if (!sentAt.has(body)) sentAt.set(body, []);
    sentAt.get(body).push(at);
  });
  await done;
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)].toFixed(1);
  const rate = bodies.length / ((last - first) / 1000);
  console.log(`${label.padEnd(34)} ${Math.round(rate).toString().padStart(6)} events/s  p50 ${pct(50).padStart(6)} ms  p99 ${pct(99).padStart(6)} ms`);
  return { rate };
}

/** The baseline: a bare SSE relay (bare-relay.mjs; `--store <file>` adds group commit with fdatasync), its stream read directly. */
export async function measureBare(label, bodies, args = []) {
  const bare = await spawnServer([bareRelay, ...args]);
  try {
    const stream = await request(bare.url, { method: 'GET' });
    const result = await measure(label, bodies, {
      urls: [`${bare.url}c/x`],
      lines: (onEvent) =>
        lineReader(stream.body, (line) => {
          if (line.startsWith('data: ')) onEvent(Buffer.from(JSON.parse(line.slice(6)).body, 'base64').toString());
        }),
    });
    stream.body.destroy();
    return result;
  } finally {
    await bare.stop();
  }
}

export function lineReader(stream, onLine) {
  let rest = '';
  stream.setEncoding('utf8').on('data', (chunk) => {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop();
    for (const part of parts) if (part) onLine(part);
  });
}

/** Starts `listen --json --relay <relayUrl>`; resolves with its webhook URL and a reader of the bodies it prints. */
export async function startListenRelay(bin, relayUrl, configDir, children) {
  const listen = spawn(process.execPath, [bin, 'listen', '--port', '0', '--json', '--relay', relayUrl], {
    env: { ...process.env, WINESITTING_HOOKS_CONFIG: configDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push({ stop: () => listen.kill('SIGKILL') });
  let err = '';
  const webhookUrl = await new Promise((resolve) =>
    listen.stderr.setEncoding('utf8').on('data', (d) => {
      err += d;
      const url = /Relay webhook URL: (\S+)/.exec(err)?.[1];
      if (url && /relay connected/.test(err)) resolve(url);
    }),
  );
  return {
    webhookUrl,
    channelPath: new URL(webhookUrl).pathname,
    // listen's JSON line ends with the body exactly as received: `,"event":<body>}`.
    lines: (onEvent) => lineReader(listen.stdout, (line) => onEvent(line.slice(line.indexOf(',"event":') + 9, -1))),
  };
}
