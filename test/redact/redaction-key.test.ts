import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRedactionKey } from '../../src/redact/redaction-key.js';

describe('loadRedactionKey', () => {
  it('creates one key even when several runs start at once, and keeps it', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'ws-key-')), 'config');
    const keys = await Promise.all(Array.from({ length: 8 }, () => loadRedactionKey(dir)));
    expect(new Set(keys.map((k) => k.key)).size).toBe(1);
    expect(keys.filter((k) => k.created)).toHaveLength(1);
    expect((await readFile(join(dir, 'redaction-key'), 'utf8')).trim()).toBe(keys[0]!.key);
    expect(keys[0]!.key.length).toBeGreaterThanOrEqual(43);
    expect((await loadRedactionKey(dir)).key).toBe(keys[0]!.key);
  });

  it('refuses an empty key file instead of replacing it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ws-key-'));
    await writeFile(join(dir, 'redaction-key'), '\n');
    await expect(loadRedactionKey(dir)).rejects.toThrow(/is empty\. Put the team's key in it, pass --key, or delete it/);
  });
});
