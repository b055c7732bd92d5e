import { chmod, mkdtemp, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEvent, type OrderEvent } from '../../src/index.js';
import { runCli } from '../helpers/cli.js';

async function folder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ws-validate-'));
  for (const [name, content] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), content);
  }
  return dir;
}

const event = (seed: number) => createEvent({ seed }) as OrderEvent;

describe('validate', () => {
  it('passes the shipped fixtures with --strict', async () => {
    const result = await runCli(['validate', '--strict']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/20 files, 20 events: 0 errors, 0 warnings/);
  });

  it('reads .json (one or an array), .ndjson and .jsonl, recursively, skipping hidden and other files', async () => {
    const bad = { ...event(3), object: { ...event(3).object, content: [{ ...event(3).object.content[0]!, quantity: '6' }] } };
    const dir = await folder({
      'a.json': JSON.stringify(event(1)),
      'b/list.json': JSON.stringify([event(2), event(3)]),
      'c.ndjson': `\uFEFF${JSON.stringify(event(4))}\r\n\r\n${JSON.stringify(bad)}\r\n`,
      'd.jsonl': `${JSON.stringify(event(5))}\n{not json\n`,
      '.hidden.json': '{',
      'notes.txt': 'hello',
    });
    const result = await runCli(['validate', dir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`skipped ${join(dir, 'notes.txt')}: not an event file`);
    expect(result.stdout).not.toContain('.hidden');
    expect(result.stdout).toContain(`line 3: warning object.content[0].quantity: expected integer, received string`);
    expect(result.stdout).toMatch(/line 2: error \(event\): not valid JSON/);
    expect(result.stdout).toMatch(/4 files, 7 events: 1 error, 1 warning/);

    const json = await runCli(['validate', dir, '--json']);
    const lines = json.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(8);
    expect(lines.map((l) => l.file?.slice(dir.length + 1))).toEqual([
      'a.json',
      'b/list.json',
      'b/list.json',
      'c.ndjson',
      'c.ndjson',
      'd.jsonl',
      'd.jsonl',
      undefined,
    ]);
    expect(lines[2]).toMatchObject({ line: null, index: 1, valid: true });
    expect(lines[4]).toMatchObject({ line: 3, valid: true, issues: [{ path: 'object.content[0].quantity', severity: 'warning' }] });
    expect(lines[6]).toMatchObject({ line: 2, valid: false });
    expect(lines[7].summary).toEqual({ files: 4, events: 7, errors: 1, warnings: 1 });
  });

  it('fails on warnings only with --strict', async () => {
    const dir = await folder({ 'legacy.json': JSON.stringify({ ...event(1), type: 'order' }) });
    expect((await runCli(['validate', dir])).code).toBe(0);
    const strict = await runCli(['validate', dir, '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('warning type: legacy value "order"');
  });

  it('keeps a JSON syntax error on one line, even when the broken text spans lines', async () => {
    const dir = await folder({ 'broken.json': '{"type":\n  oops}' });
    const result = await runCli(['validate', dir]);
    expect(result.code).toBe(1);
    const line = result.stdout.split('\n').find((l) => l.includes('not valid JSON'));
    expect(line).toContain(String.raw`"{"type":\n  oops}" is not valid JSON`);
  });

  it.each(['.json', '.ndjson'])('says in words why a %s file cannot be read, for validate, replay and redact alike', async (extension) => {
    const dir = await folder({});
    // Writable by all: redact --in-place could write its copy, were the file readable.
    await chmod(dir, 0o777);
    const file = join(dir, `locked${extension}`);
    await writeFile(file, JSON.stringify(event(1)));
    await chmod(file, 0o000);
    const why = `Cannot read ${file}: permission denied. Check the path.`;
    // Run as user nobody when the tests run as root, whom file modes do not stop.
    const validate = await runCli(['validate', file], { unprivileged: true });
    expect(validate.code).toBe(2);
    expect(validate.stderr).toContain(why);
    const replay = await runCli(['replay', file, '--to', 'http://127.0.0.1:9/'], { unprivileged: true });
    expect(replay.code).toBe(2);
    expect(replay.stderr).toContain(why);
    const redact = await runCli(['redact', file, '--in-place', '--key', 'team'], { unprivileged: true });
    expect(redact.code).toBe(1);
    expect(redact.stdout).toContain(`✖ ${file}: ${why} (skipped, nothing written)`);
  });

  it('exits 2 naming a path that does not exist', async () => {
    const result = await runCli(['validate', 'nowhere/at-all']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('nowhere/at-all does not exist');
  });
});
