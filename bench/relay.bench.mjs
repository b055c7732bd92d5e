// The relay path end to end, on loopback: from the POST to the relay until
// `listen --relay --json` has handled the event (its line is on stdout), with 20
// concurrent senders posting realistic traffic (bench/lib/traffic.mjs). Baselines in the
// same run, read directly by this process: a bare SSE relay (receive, push to the one
// subscriber), and the same storing each event with group commit and fdatasync before its
// 200, the promise our relay makes. Reports events per second and latency p50/p99.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { spawnServer } from './lib/spawn-server.mjs';
import { describeTraffic, realisticBodies } from './lib/traffic.mjs';

const bin = fileURLToPath(new URL('../bin/winesitting-hooks.js', import.meta.url));
const bareRelay = fileURLToPath(new URL('./lib/bare-relay.mjs', import.meta.url));
const EVENTS = Number(process.env.EVENTS ?? 5000);
const SENDERS = 20;
const bodies = realisticBodies(EVENTS);

async function send(url, onSent) {
  const agent = new Agent({ connections: SENDERS });
  let next = 0;
  await Promise.all(
    Array.from({ length: SENDERS }, async () => {
      while (next < EVENTS) {
        const i = next++;
        onSent(bodies[i], performance.now());
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
  // Events are told apart by their bytes; a duplicate matches the earliest copy still on its way.
  const sentAt = new Map();
  const latencies = [];
  let first = 0;
  let last = 0;
  const done = new Promise((resolve) => {
    lines((body) => {
      latencies.push(performance.now() - sentAt.get(body).shift());
      last = performance.now();
      if (latencies.length === EVENTS) resolve();
    });
  });
  await ready;
  first = performance.now();
  await send(url, (body, at) => {
    if (!sentAt.has(body)) sentAt.set(body, []);
    sentAt.get(body).push(at);
  });
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
        if (line.startsWith('data: ')) onEvent(Buffer.from(JSON.parse(line.slice(6)).body, 'base64').toString());
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
  console.log(`${describeTraffic(bodies)}; ${SENDERS} concurrent senders`);
  // Baselines, read directly: a bare SSE relay, then the same storing each event with group commit and fdatasync.
  const ceiling = await measureBare('bare SSE relay', []);
  const stored = await measureBare('bare relay + fdatasync', ['--store', join(dir, 'bare.log')]);

  // Ours: the relay alone, its stream read directly, as the baselines are.
  const relay = await spawnServer([bin, 'relay', '--port', '0', '--data', join(dir, 'data'), '--rate-limit', '1000000']);
  children.push(relay);
  const channel = await (await request(`${relay.url}channels`, { method: 'POST' })).body.json();
  const direct = await request(`${relay.url}c/${channel.id}/events`, { headers: { authorization: `Bearer ${channel.token}` } });
  const alone = await measure('relay, read directly', {
    url: channel.webhookUrl,
    ready: Promise.resolve(),
    lines: (onEvent) =>
      lineReader(direct.body, (line) => {
        if (line.startsWith('data: ') && line.includes('"body"')) onEvent(Buffer.from(JSON.parse(line.slice(6)).body, 'base64').toString());
      }),
  });
  direct.body.destroy();

  // And end to end: the relay, then listen --relay (the whole receiver pipeline).
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
    // listen's JSON line ends with the body exactly as received: `,"event":<body>}`.
    lines: (onEvent) => lineReader(listen.stdout, (line) => onEvent(line.slice(line.indexOf(',"event":') + 9, -1))),
  });
  console.log(
    `\nrelay + listen --relay: ${(ours.rate / stored.rate).toFixed(2)}× the bare relay that group-commits with fdatasync (each event also validated, diffed and printed by listen)`,
  );
  console.log(`                        ${(ours.rate / ceiling.rate).toFixed(2)}× the bare SSE relay without storage`);
  console.log(`relay alone:           ${(alone.rate / stored.rate).toFixed(2)}× the bare relay that group-commits with fdatasync`);
} finally {
  for (const child of children) await child.stop();
  rmSync(dir, { recursive: true, force: true });
}
