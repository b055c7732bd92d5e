import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseRedactionKey, loadRedactionKey } from '../../src/redact/redaction-key.js';

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

describe('chooseRedactionKey', () => {
  it('takes --key first, then $WINESITTING_HOOKS_REDACT_KEY, then the kept key, and says when it generated one', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'ws-key-')), 'config');
    const env = { WINESITTING_HOOKS_CONFIG: dir, WINESITTING_HOOKS_REDACT_KEY: 'from the environment' };
    expect(await chooseRedactionKey('from the flag', env)).toEqual({ key: 'from the flag', createdIn: null });
    expect(await chooseRedactionKey(undefined, env)).toEqual({ key: 'from the environment', createdIn: null });
    // Neither generates a key file.
    await expect(readFile(join(dir, 'redaction-key'), 'utf8')).rejects.toThrow(/ENOENT/);
    const kept = await chooseRedactionKey(undefined, { WINESITTING_HOOKS_CONFIG: dir, WINESITTING_HOOKS_REDACT_KEY: '' });
    expect(kept.createdIn).toBe(join(dir, 'redaction-key'));
    expect(await chooseRedactionKey(undefined, { WINESITTING_HOOKS_CONFIG: dir })).toEqual({ key: kept.key, createdIn: null });
  });
});
