// Regenerates the sample events in fixtures/ (or in the folder given) with the package's own
// generator and a fixed seed: `npm run fixtures` builds, then runs this. A test checks that the
// committed files are exactly its output: change this list, not the files.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { largeOrderEvent, withUnicode, withUnknownFields } from '../dist/check/case-events.js';
import { eventSeed } from '../dist/events/random.js';
import { createEvent, createLifecycle, dateToEpoch } from '../dist/index.js';

const SEED = 2026;
const DAY = 86_400_000;
const seed = (n) => eventSeed(SEED, n);
const pretty = (event) => `${JSON.stringify(event, null, 2)}\n`;
const update = (n, status, pickup) => createEvent({ seed: seed(n), operation: 'UPDATE', status, pickup });

/** [file, what it shows, event, how it is written] */
const fixtures = [
  ['order-create.json', 'ORDER CREATE, status NEW: a new order, to be delivered to an address', createEvent({ seed: seed(1), pickup: false })],
  ['order-processing.json', 'ORDER UPDATE, status PROCESSING: the warehouse is preparing it', update(2, 'PROCESSING', false)],
  ['order-ready.json', 'ORDER UPDATE, status READY: prepared, waiting for the carrier', update(3, 'READY', false)],
  ['order-shipped.json', 'ORDER UPDATE, status SHIPPED: `tracking_numbers` and `tracking_url` are set from now on', update(4, 'SHIPPED', false)],
  ['order-delivered.json', 'ORDER UPDATE, status DELIVERED: at the address, on or after its `delivery_date`', update(5, 'DELIVERED', false)],
  ['order-pickup-ready.json', 'a pickup order (`is_pickup`, `address` null) UPDATE, status READY: waiting at `pickup_warehouse`', update(6, 'READY', true)],
  ['order-collected.json', 'a pickup order UPDATE, status WITHDRAWED: collected at the warehouse (a pickup is never SHIPPED)', update(7, 'WITHDRAWED', true)],
  ['putaway-create.json', 'PUTAWAY CREATE: stock announced to a warehouse (a putaway is never updated)', createEvent({ seed: seed(8), type: 'PUTAWAY' })],
  ...lifecycles(),
  [
    'edge-cases/unknown-fields.json',
    'an ORDER UPDATE with keys the model does not know, in the envelope, the order and its lines: acknowledge it, never refuse (forward compatibility)',
    withUnknownFields(update(30, 'PROCESSING')),
  ],
  [
    'edge-cases/large-order.json',
    'an order of 500 content lines with long descriptions: about 300 KB, on one line as sent',
    largeOrderEvent(seed(31)),
    (event) => `${JSON.stringify(event)}\n`,
  ],
  [
    'edge-cases/unicode.json',
    'accents, Greek, Cyrillic, Arabic and Japanese text and emoji in every free-text field',
    withUnicode(createEvent({ seed: seed(32), pickup: false })),
  ],
];

/** Two orders' lives, one after the other, so that their names and their dates sort alike. */
function lifecycles() {
  const delivered = createLifecycle({ seed: seed(20), pickup: false });
  const pickup = createLifecycle({ seed: seed(21), pickup: true, now: dateToEpoch(delivered.at(-1).date) + 6 * DAY });
  const name = (kind, event, i) => `lifecycle/${kind}-${i + 1}-${event.operation}-${event.object.status.name}.json`.toLowerCase();
  return [
    ...delivered.map((event, i) => [name('delivered', event, i), `a delivered order's life, step ${i + 1} of ${delivered.length}: ${describe(event)}`, event]),
    ...pickup.map((event, i) => [name('pickup', event, i), `a pickup order's life, step ${i + 1} of ${pickup.length}: ${describe(event)}`, event]),
  ];
}

function describe(event) {
  return `${event.type} ${event.operation}, status ${event.object.status.name}`;
}

function readme() {
  const rows = fixtures.map(([file, what]) => `| [\`${file}\`](${file}) | ${what} |`);
  return `# Sample events

Events as WineSitting sends them, made by this package's own generator with a fixed seed
(\`npm run fixtures\` in the repository regenerates them): realistic, but no real order or person.
Each passes \`winesitting-hooks validate --strict\`.

Replay them all, in the order of their names, and watch what arrives:

\`\`\`sh
winesitting-hooks listen                # in one terminal
winesitting-hooks replay ./fixtures     # in another (or --to your app)
\`\`\`

Or one folder or file at a time (\`winesitting-hooks replay fixtures/lifecycle\`), or start from one
(\`winesitting-hooks send --from fixtures/order-delivered.json --op UPDATE --status READY\`).
\`replay\` and \`validate\` skip this README with a note: it is not an event file.

| file | what it shows |
| --- | --- |
${rows.join('\n')}
`;
}

const out = process.argv[2] ?? fileURLToPath(new URL('../fixtures', import.meta.url));
// The folder is rewritten from scratch, so that a renamed fixture leaves no stale copy: only a folder
// this script wrote (its README says so) or an empty one, never a folder of recordings or anything else.
const HEADER = '# Sample events\n\nEvents as WineSitting sends them, made by this package';
const ours = existsSync(join(out, 'README.md')) && readFileSync(join(out, 'README.md'), 'utf8').startsWith(HEADER);
if (existsSync(out) && readdirSync(out).length > 0 && !ours) {
  console.error(`${out} is not empty and was not written by this script; pick an empty folder, or the fixtures folder itself.`);
  process.exit(2);
}
rmSync(out, { recursive: true, force: true });
for (const [file, , event, write = pretty] of fixtures) {
  mkdirSync(dirname(join(out, file)), { recursive: true });
  writeFileSync(join(out, file), write(event));
}
writeFileSync(join(out, 'README.md'), readme());
console.log(`${fixtures.length} events and a README written to ${out}`);
