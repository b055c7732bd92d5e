import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commonFolder, planOutputs } from '../../src/redact/plan-outputs.js';

describe('planOutputs', () => {
  it('keeps the layout below the deepest folder holding every input', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ws-plan-'));
    await mkdir(join(root, 'recorded', 'day-1'), { recursive: true });
    await writeFile(join(root, 'recorded', 'day-1', 'a.json'), '{}');
    await writeFile(join(root, 'single.ndjson'), '');
    const out = join(root, 'safe');
    const file = join(root, 'recorded', 'day-1', 'a.json');
    expect(await planOutputs([join(root, 'recorded')], [file], out)).toEqual([{ file, output: join(out, 'day-1', 'a.json') }]);
    expect(await planOutputs([file], [file], out)).toEqual([{ file, output: join(out, 'a.json') }]);
    expect(await planOutputs([join(root, 'recorded'), join(root, 'single.ndjson')], [file, join(root, 'single.ndjson'), file], out)).toEqual([
      { file, output: join(out, 'recorded', 'day-1', 'a.json') },
      { file: join(root, 'single.ndjson'), output: join(out, 'single.ndjson') },
    ]);
    expect(await planOutputs([file], [file], null)).toEqual([{ file, output: file }]);
  });

  it('finds the common folder of sibling and nested folders', () => {
    expect(commonFolder([`${sep}a${sep}b${sep}c`, `${sep}a${sep}b${sep}d`])).toBe(`${sep}a${sep}b`);
    expect(commonFolder([`${sep}a${sep}bc`, `${sep}a${sep}b`])).toBe(`${sep}a`);
    expect(commonFolder([`${sep}a`, `${sep}a${sep}b`])).toBe(`${sep}a`);
  });
});
