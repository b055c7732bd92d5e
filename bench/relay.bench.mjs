// The relay path end to end, on loopback: from the POST to the relay until
// `listen --relay --json` has handled the event (its line is on stdout), with 20
// concurrent senders posting realistic traffic (bench/lib/traffic.mjs). Baselines in the
// same run, read directly by this process: a bare SSE relay (receive, push to the one
// subscriber), and the same storing each event with group commit and fdatasync before its
// 200, the promise our relay makes. Reports events per second and latency p50/p99.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { lineReader, measure, measureBare, SENDERS, startListenRelay } from './lib/relay-timing.mjs';
import { spawnServer } from './lib/spawn-server.mjs';
import { describeTraffic, realisticBodies } from './lib/traffic.mjs';

const bin = fileURLToPath(new URL('../bin/winesitting-hooks.js', import.meta.url));
const EVENTS = Number(process.env.EVENTS ?? 5000);
const bodies = realisticBodies(EVENTS);

const dir = mkdtempSync(join(tmpdir(), 'ws-relay-bench-'));
const children = [];
try {
  console.log(`${describeTraffic(bodies)}; ${SENDERS} concurrent senders`);
  // Baselines, read directly: a bare SSE relay, then the same storing each event with group commit and fdatasync.
  const ceiling = await measureBare('bare SSE relay', bodies);
  const stored = await measureBare('bare relay + fdatasync', bodies, ['--store', join(dir, 'bare.log')]);

  // Ours: the relay alone, its stream read directly, as the baselines are.
  const relay = await spawnServer([bin, 'relay', '--port', '0', '--data', join(dir, 'data'), '--rate-limit', '1000000']);
  children.push(relay);
  const channel = await (await request(`${relay.url}channels`, { method: 'POST' })).body.json();
  const direct = await request(`${relay.url}c/${channel.id}/events`, { headers: { authorization: `Bearer ${channel.token}` } });
  const alone = await measure('relay, read directly', bodies, {
    urls: [channel.webhookUrl],
    lines: (onEvent) =>
      lineReader(direct.body, (line) => {
        if (line.startsWith('data: ') && line.includes('"body"')) onEvent(Buffer.from(JSON.parse(line.slice(6)).body, 'base64').toString());
      }),
  });
  direct.body.destroy();

  // And end to end: the relay, then listen --relay (the whole receiver pipeline).
  const listen = await startListenRelay(bin, relay.url, join(dir, 'config'), children);
  const ours = await measure('relay + listen --relay', bodies, { urls: [listen.webhookUrl], lines: listen.lines });
  console.log(
    `\nrelay + listen --relay: ${(ours.rate / stored.rate).toFixed(2)}× the bare relay that group-commits with fdatasync (each event also validated, diffed and printed by listen)`,
  );
  console.log(`                        ${(ours.rate / ceiling.rate).toFixed(2)}× the bare SSE relay without storage`);
  console.log(`relay alone:           ${(alone.rate / stored.rate).toFixed(2)}× the bare relay that group-commits with fdatasync`);
} finally {
  for (const child of children) await child.stop();
  rmSync(dir, { recursive: true, force: true });
}
