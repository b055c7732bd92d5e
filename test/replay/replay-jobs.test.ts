import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkStored } from '../../src/event-files/check-stored.js';
import { readEvents } from '../../src/event-files/read-events.js';
import type { EventFilter } from '../../src/events/filter.js';
import { createEvent } from '../../src/index.js';
import { EventPlan } from '../../src/replay/event-plan.js';
import { replayJobs, type ReplayJobOptions } from '../../src/replay/replay-jobs.js';
import { replaySource, type ReplayItem } from '../../src/replay/replay-source.js';
import { scanEvents } from '../../src/replay/scan-events.js';

async function files(contents: Record<string, string | Buffer>): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'ws-replay-jobs-'));
  for (const [name, content] of Object.entries(contents)) await writeFile(join(dir, name), content);
  return Object.keys(contents).map((name) => join(dir, name));
}

/** What a delivery and its result line use of each item, the body as bytes. */
async function sent(items: AsyncIterable<{ item: ReplayItem } | ReplayItem>) {
  const all = [];
  for await (const entry of items) {
    const { body, ...rest } = 'item' in entry ? entry.item : entry;
    all.push({ ...rest, body: Buffer.from(body).toString('base64') });
  }
  return all;
}

const ev = (seed: number, extra: Parameters<typeof createEvent>[0] = {}) => JSON.stringify(createEvent({ seed, id: seed, ...extra }));
const inputs = {
  'a.json': `${JSON.stringify(JSON.parse(ev(1)), null, 2)}\n`,
  'b.json': `[${ev(2)},${ev(3, { type: 'PUTAWAY' })}]`,
  'c.ndjson': `\uFEFF${ev(4)}\r\n\r\n \u00a0\n${ev(5, { operation: 'UPDATE' })}\n{"type":"ORDER"}\nnot json\n${JSON.stringify({ ...JSON.parse(ev(6)), type: 'getoutrequest' })}\r`,
  'd.jsonl': `${ev(7)}\n${ev(8, { type: 'PUTAWAY' })}\n`,
  // Files of no event, or of one that is not JSON: the positions of the events after them must not shift.
  'e-empty.json': '[]',
  'f-broken-array.json': '[1,',
  'g-not-json.json': 'nope',
  'h-spaced-array.json': `\uFEFF \r\n\t[${ev(10)}]`,
  'i.json': ev(11, { type: 'PUTAWAY' }),
};

describe('replayJobs in name order', () => {
  const options = (extra: Partial<ReplayJobOptions> = {}): ReplayJobOptions => ({ order: 'name', seed: 1, repeat: 1, skipInvalid: true, ...extra });
  const filterSets: (EventFilter[] | undefined)[] = [undefined, [{ type: 'ORDER', operation: null }], [{ type: 'PUTAWAY', operation: 'CREATE' }]];

  it('sends what reading every event again would, from the first pass, the bytes as the files hold them', async () => {
    const paths = await files(inputs);
    for (const filters of filterSets) {
      const scan = await scanEvents(paths, filters);
      const fast = await sent(replayJobs(paths, scan.plan, options({ filters, repeat: 2 })));
      const valid = (async function* () {
        for await (const stored of readEvents(paths)) if (checkStored(stored).event !== null) yield stored;
      })();
      const again = await sent(replaySource(valid, options({ filters, repeat: 2 })));
      expect(fast, JSON.stringify(filters)).toEqual(again);
      expect(fast.length).toBe(scan.selected * 2);
    }
  });

  it('judges the events again past what the plan holds', async () => {
    const paths = await files(inputs);
    for (const filters of filterSets) {
      const scan = await scanEvents(paths, filters);
      const planned = await sent(replayJobs(paths, scan.plan, options({ filters })));
      expect(await sent(replayJobs(paths, new EventPlan(0), options({ filters })))).toEqual(planned);
    }
  });

  it("sends an NDJSON line's own bytes, even where they are not UTF-8", async () => {
    const line = Buffer.concat([Buffer.from(ev(9).slice(0, -1)), Buffer.from(',"note":"\xff"}', 'latin1')]);
    const paths = await files({ 'e.ndjson': Buffer.concat([line, Buffer.from('\n')]) });
    const scan = await scanEvents(paths);
    const [job] = await sent(replayJobs(paths, scan.plan, options()));
    expect(job!.body).toBe(line.toString('base64'));
  });
});
