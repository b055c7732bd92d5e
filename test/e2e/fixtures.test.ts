import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { dateToEpoch, parseEvent, type Order } from '../../src/index.js';
import { runCli, parseJsonLines } from '../helpers/cli.js';
import { inconsistencies } from '../helpers/order-consistency.js';

const FIXTURES = 'fixtures';

/** Relative paths under `dir`, in the order `replay` reads them: names in code-point order, folder by folder. */
async function walk(dir: string, prefix = ''): Promise<string[]> {
  const entries = (await readdir(join(dir, prefix), { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const paths: string[] = [];
  for (const entry of entries) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) paths.push(...(await walk(dir, path)));
    else paths.push(path);
  }
  return paths;
}

const eventFiles = async () => (await walk(FIXTURES)).filter((path) => path.endsWith('.json'));
const read = async (path: string) => JSON.parse(await readFile(join(FIXTURES, path), 'utf8'));

describe('the shipped fixtures', () => {
  it('are exactly what scripts/generate-fixtures.mjs makes from the built generator', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'ws-fixtures-')), 'fixtures');
    await promisify(execFile)(process.execPath, ['scripts/generate-fixtures.mjs', out]);
    const committed = await walk(FIXTURES);
    expect(committed).toEqual(await walk(out));
    const differing: string[] = [];
    for (const path of committed) {
      if (!(await readFile(join(FIXTURES, path))).equals(await readFile(join(out, path)))) differing.push(path);
    }
    expect(differing, 'run "npm run fixtures" and commit the result').toEqual([]);
    // Run again on its own output, it rewrites the folder; on a folder of anything else, it touches nothing.
    await promisify(execFile)(process.execPath, ['scripts/generate-fixtures.mjs', out]);
    const recordings = await mkdtemp(join(tmpdir(), 'ws-recorded-'));
    await writeFile(join(recordings, '20261128-130512-123-000007-ORDER-UPDATE-109951.json'), '{}');
    const refused = await promisify(execFile)(process.execPath, ['scripts/generate-fixtures.mjs', recordings]).catch(
      (error: unknown) => error as { code: number; stderr: string },
    );
    expect(refused).toMatchObject({ code: 2, stderr: expect.stringContaining('was not written by this script') });
    expect(await readdir(recordings)).toEqual(['20261128-130512-123-000007-ORDER-UPDATE-109951.json']);
  });

  it('show one event per type, operation and status, a lifecycle of each kind, and edge cases', async () => {
    const kinds = new Set<string>();
    for (const path of await eventFiles()) {
      const event = await read(path);
      kinds.add(`${event.type} ${event.operation} ${event.object.status.name}${event.object.is_pickup ? ' pickup' : ''}`);
    }
    expect([...kinds]).toEqual(
      expect.arrayContaining([
        'ORDER CREATE NEW',
        'ORDER UPDATE PROCESSING',
        'ORDER UPDATE READY',
        'ORDER UPDATE SHIPPED',
        'ORDER UPDATE DELIVERED',
        'ORDER UPDATE READY pickup',
        'ORDER UPDATE WITHDRAWED pickup',
        'PUTAWAY CREATE NEW',
      ]),
    );
    const edge = (await eventFiles()).filter((path) => path.startsWith('edge-cases/'));
    expect(edge).toEqual(['edge-cases/large-order.json', 'edge-cases/unicode.json', 'edge-cases/unknown-fields.json']);
    const large = await read('edge-cases/large-order.json');
    expect(large.object.content).toHaveLength(500);
    expect(Object.keys((await read('edge-cases/unknown-fields.json')).object)).toContain('loyalty_tier');
    expect(JSON.stringify(await read('edge-cases/unicode.json'))).toMatch(/[\u0370-\u03ff].*[\u0400-\u04ff]/);
  });

  it('tell two lives in lifecycle/, whose names sort in the order the events happen', async () => {
    const names = (await eventFiles()).filter((path) => path.startsWith('lifecycle/'));
    const events = await Promise.all(names.map(read));
    const dates = events.map((event) => dateToEpoch(event.date));
    for (let i = 1; i < dates.length; i++) expect(dates[i], names[i]).toBeGreaterThan(dates[i - 1]!);
    const lives = [...new Set(events.map((event) => event.object.id))].map((id) => events.filter((event) => event.object.id === id));
    expect(lives.map((life) => life.map((event) => `${event.operation} ${event.object.status.name}`))).toEqual([
      ['CREATE NEW', 'UPDATE PROCESSING', 'UPDATE READY', 'UPDATE SHIPPED', 'UPDATE DELIVERED'],
      ['CREATE NEW', 'UPDATE PROCESSING', 'UPDATE READY', 'UPDATE WITHDRAWED'],
    ]);
  });

  it('are valid, consistent orders, small enough to ship, with portable names', async () => {
    for (const path of await eventFiles()) {
      const event = await read(path);
      expect(parseEvent(event).issues, path).toEqual([]);
      if (event.type === 'ORDER' && !path.startsWith('edge-cases/unicode')) expect(inconsistencies(event.object as Order), path).toEqual([]);
      expect((await stat(join(FIXTURES, path))).size, path).toBeLessThan(400_000);
      for (const part of path.split('/')) expect(part).toMatch(/^[a-z0-9][a-z0-9.-]*$/);
    }
  });

  it('are listed, each once, in the table of fixtures/README.md', async () => {
    const readme = await readFile(join(FIXTURES, 'README.md'), 'utf8');
    const listed = [...readme.matchAll(/^\| \[`([^`]+)`\]/gm)].map((match) => match[1]);
    expect([...listed].sort()).toEqual([...(await eventFiles())].sort());
  });

  it('pass validate --strict, which notes the README as skipped and exits 0', async () => {
    const result = await runCli(['validate', '--strict', '--json', FIXTURES]);
    expect(result.code).toBe(0);
    const lines = parseJsonLines(result.stdout);
    expect(lines.at(-1).summary).toMatchObject({ files: (await eventFiles()).length, errors: 0, warnings: 0 });
    expect(result.stderr).toBe(`skipped ${join(FIXTURES, 'README.md')}: not an event file (.json, .ndjson, .jsonl)\n`);
  });
});
