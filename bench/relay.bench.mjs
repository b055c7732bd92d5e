// The relay path end to end, on loopback: from the POST to the relay until
// `listen --relay --json` has handled the event (its line is on stdout), with 20
// concurrent senders; against a bare SSE relay (receive, push to the one subscriber, no
// storage) read directly by this process, as the ceiling. Reports events per second and
// latency p50/p99 for both.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { createEvent } from '../dist/index.js';
import { spawnServer } from './lib/spawn-server.mjs';

const bin = fileURLToPath(new URL('../bin/winesitting-hooks.js', import.meta.url));
const bareRelay = fileURLToPath(new URL('./lib/bare-relay.mjs', import.meta.url));
const EVENTS = Number(process.env.EVENTS ?? 5000);
const SENDERS = 20;
const template = createEvent({ seed: 1, lines: 2 });
const bodies = Array.from({ length: EVENTS }, (_, i) => JSON.stringify({ ...template, object: { ...template.object, id: i + 1 } }));

async function send(url, onSent) {
  const agent = new Agent({ connections: SENDERS });
  let next = 0;
  await Promise.all(
    Array.from({ length: SENDERS }, async () => {
      while (next < EVENTS) {
        const i = next++;
        onSent(i + 1, performance.now());
        const answer = await request(url, { method: 'POST', body: bodies[i], headers: { 'content-type': 'application/json' }, dispatcher: agent });
        await answer.body.dump();
        if (answer.statusCode !== 200) throw new Error(`relay answered ${answer.statusCode}`);
      }
    }),
  );
  await agent.close();
}

/** Runs one path: resolves once every event has arrived, with the figures. */
async function measure(label, { url, lines, ready }) {
  const sentAt = new Map();
  const latencies = [];
  let first = 0;
  let last = 0;
  const done = new Promise((resolve) => {
    lines((id) => {
      latencies.push(performance.now() - sentAt.get(id));
      last = performance.now();
      if (latencies.length === EVENTS) resolve();
    });
  });
  await ready;
  first = performance.now();
  await send(url, (id, at) => sentAt.set(id, at));
  await done;
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)].toFixed(1);
  const rate = EVENTS / ((last - first) / 1000);
  console.log(`${label.padEnd(24)} ${Math.round(rate).toString().padStart(6)} events/s  p50 ${pct(50)} ms  p99 ${pct(99)} ms`);
  return { rate };
}

async function measureBare(label, args) {
  const bare = await spawnServer([bareRelay, ...args]);
  children.push(bare);
  const stream = await request(bare.url, { method: 'GET' });
  const result = await measure(label, {
    url: `${bare.url}c/x`,
    ready: Promise.resolve(),
    lines: (onEvent) =>
      lineReader(stream.body, (line) => {
        if (line.startsWith('data: ')) onEvent(JSON.parse(Buffer.from(JSON.parse(line.slice(6)).body, 'base64').toString()).object.id);
      }),
  });
  stream.body.destroy();
  await bare.stop();
  return result;
}

function lineReader(stream, onLine) {
  let rest = '';
  stream.setEncoding('utf8').on('data', (chunk) => {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop();
    for (const part of parts) if (part) onLine(part);
  });
}

const dir = mkdtempSync(join(tmpdir(), 'ws-relay-bench-'));
const children = [];
try {
  console.log(`${EVENTS} events of ${bodies[0].length} bytes, ${SENDERS} concurrent senders`);
  // Baselines, read directly: a bare SSE relay, then the same storing each event with group commit and fdatasync.
  const ceiling = await measureBare('bare SSE relay', []);
  const stored = await measureBare('bare relay + fdatasync', ['--store', join(dir, 'bare.log')]);

  // Ours: relay (stores, fsyncs, streams) and listen --relay (the whole receiver pipeline).
  const relay = await spawnServer([bin, 'relay', '--port', '0', '--data', join(dir, 'data'), '--rate-limit', '1000000']);
  children.push(relay);
  const listen = spawn(process.execPath, [bin, 'listen', '--port', '0', '--json', '--relay', relay.url], {
    env: { ...process.env, WINESITTING_HOOKS_CONFIG: join(dir, 'config') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push({ stop: () => listen.kill('SIGKILL') });
  let err = '';
  const webhook = new Promise((resolve) =>
    listen.stderr.setEncoding('utf8').on('data', (d) => {
      err += d;
      const url = /Relay webhook URL: (\S+)/.exec(err)?.[1];
      if (url && /relay connected/.test(err)) resolve(url);
    }),
  );
  const webhookUrl = await webhook;
  const ours = await measure('relay + listen --relay', {
    url: webhookUrl,
    ready: Promise.resolve(),
    lines: (onEvent) => lineReader(listen.stdout, (line) => onEvent(JSON.parse(line).objectId)),
  });
  console.log(
    `\nrelay + listen --relay: ${(ours.rate / stored.rate).toFixed(2)}× the bare relay that group-commits with fdatasync (each event also validated, diffed and printed by listen)`,
  );
  console.log(`                        ${(ours.rate / ceiling.rate).toFixed(2)}× the bare SSE relay without storage`);
} finally {
  for (const child of children) await child.stop();
  rmSync(dir, { recursive: true, force: true });
}
