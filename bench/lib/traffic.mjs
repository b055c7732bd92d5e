// Realistic WineSitting traffic for the benchmarks: distinct orders, each created and then
// updated as it moves through its life (several orders under way at once), a putaway now
// and then, and a few duplicates, since WineSitting may send an event twice. One repeated
// body would measure a cache (every event after the first a duplicate), not the product.
import { createEvent, createLifecycle } from '../../dist/index.js';

const IN_PROGRESS = 16;

/** `count` event bodies (JSON text) in the order a sender would post them. */
export function realisticBodies(count, seed = 1) {
  const bodies = [];
  const lives = [];
  let order = 0;
  while (bodies.length < count) {
    while (lives.length < IN_PROGRESS) {
      lives.push(createLifecycle({ seed: seed + order, id: 500_000 + order, pickup: order % 5 === 0 }).map((event) => JSON.stringify(event)));
      order++;
    }
    const life = lives[bodies.length % lives.length];
    bodies.push(life.shift());
    if (life.length === 0) lives.splice(lives.indexOf(life), 1);
    if (bodies.length % 40 === 0) bodies.push(JSON.stringify(createEvent({ seed: seed + bodies.length, type: 'PUTAWAY', id: 900_000 + bodies.length })));
    if (bodies.length % 25 === 0) bodies.push(bodies[bodies.length - 3]);
  }
  return bodies.slice(0, count);
}

/** What the bodies are: counts by kind, duplicates and average size, for the benchmark's header line. */
export function describeTraffic(bodies) {
  const seen = new Set();
  const kinds = {};
  let duplicates = 0;
  let bytes = 0;
  for (const body of bodies) {
    bytes += body.length;
    if (seen.has(body)) duplicates++;
    seen.add(body);
    const { type, operation } = JSON.parse(body);
    kinds[`${type} ${operation}`] = (kinds[`${type} ${operation}`] ?? 0) + 1;
  }
  const parts = Object.entries(kinds).map(([kind, n]) => `${kind} ${n}`);
  return `${bodies.length} events (${parts.join(', ')}, ${duplicates} duplicates), ${Math.round(bytes / bodies.length)} bytes on average`;
}
