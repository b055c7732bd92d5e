import { chmod, mkdir, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEvent, createLifecycle } from '../../src/index.js';
import { parseJsonLines, runCli } from '../helpers/cli.js';
import { REAL_ORDER_PERSONAL, realOrder } from '../helpers/real-order.js';

const temp = (name: string) => mkdtemp(join(tmpdir(), `ws-redact-${name}-`));

async function folder(files: Record<string, string>): Promise<string> {
  const dir = await temp('in');
  for (const [name, content] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), content);
  }
  return dir;
}

/** Every file under `dir`, by relative path, with its text. */
async function contents(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files[relative(dir, join(entry.parentPath, entry.name))] = await readFile(join(entry.parentPath, entry.name), 'utf8');
  }
  return files;
}

/** A config folder of its own, so that each test starts without a key. */
async function redact(args: string[], config?: string) {
  return runCli(['redact', ...args], { env: { WINESITTING_HOOKS_CONFIG: config ?? (await temp('config')) } });
}

const [create, processing, ready] = createLifecycle({ seed: 5, pickup: false });
const recorded = () =>
  folder({
    'order-shipped.json': `${JSON.stringify(realOrder(), null, 2)}\n`,
    '20261128-130512-123-000007-ORDER-UPDATE-109951.json': JSON.stringify(realOrder({ value: 4, name: 'DELIVERED', label: 'Livrée' })),
    'day-2/lifecycle.ndjson': `${[create, processing, ready].map((event) => JSON.stringify(event)).join('\n')}\n`,
    'day-2/batch.json': JSON.stringify([createEvent({ seed: 8 }), createEvent({ seed: 9, type: 'PUTAWAY' })], null, '\t'),
    'notes.txt': 'Apolline Delacroix-Vasseur called',
  });

describe('redact', () => {
  it('writes redacted copies in the same layout under --out, with no personal value left, as valid as the originals', async () => {
    const input = await recorded();
    const before = await contents(input);
    const out = join(await temp('out'), 'safe');
    const result = await redact([input, '--out', out, '--key', 'team']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`skipped ${join(input, 'notes.txt')}: not an event file`);
    expect(result.stdout).toContain(`${join(input, 'order-shipped.json')} → ${join(out, 'order-shipped.json')} (1 event, 21 fields replaced)`);
    expect(result.stdout).toMatch(new RegExp(`4 files, 7 events: \\d+ fields replaced, written under ${out}\\n$`));

    const written = await contents(out);
    expect(Object.keys(written).sort()).toEqual([
      '20261128-130512-123-000007-ORDER-UPDATE-109951.json',
      'day-2/batch.json',
      'day-2/lifecycle.ndjson',
      'order-shipped.json',
    ]);
    const all = Object.values(written).join('\n').toLowerCase();
    for (const personal of REAL_ORDER_PERSONAL) expect(all).not.toContain(personal.toLowerCase());
    for (const event of [create!, processing!, ready!]) {
      expect(all).not.toContain(event.object.address!.email!.toLowerCase());
      expect(all).not.toContain(event.object.created_by!.toLowerCase());
    }
    // Each file keeps its layout: indented stays indented (with its own indentation), compact stays compact.
    expect(written['order-shipped.json']).toBe(`${JSON.stringify(JSON.parse(written['order-shipped.json']!), null, 2)}\n`);
    expect(written['day-2/batch.json']).toBe(JSON.stringify(JSON.parse(written['day-2/batch.json']!), null, '\t'));
    expect(written['20261128-130512-123-000007-ORDER-UPDATE-109951.json']).not.toContain('\n');
    expect(written['day-2/lifecycle.ndjson']!.trimEnd().split('\n')).toHaveLength(3);
    // The input is left as it was.
    expect(await contents(input)).toEqual(before);

    const validate = (dir: string) => runCli(['validate', dir, '--strict', '--json']);
    const [original, redacted] = await Promise.all([validate(input), validate(out)]);
    expect(redacted.code).toBe(original.code);
    expect(redacted.stdout.replaceAll(out, 'DIR')).toBe(original.stdout.replaceAll(input, 'DIR'));
  });

  it("keeps WineSitting's escapes and floats byte for byte, in .json arrays and NDJSON alike", async () => {
    const php = (event: unknown) =>
      JSON.stringify(event)
        .replace(/[/\u0080-\uffff]/g, (char) => (char === '/' ? '\\/' : `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`))
        .replace(/"(alcohol|format|price)":(\d+)([,}])/g, '"$1":$2.0$3');
    const line = php(realOrder());
    expect(line).toContain('"price":310.0');
    const input = await folder({ 'events.ndjson': `${line}\n${line}\n`, 'batch.json': `[${line},\n${line}]\n` });
    const out = await temp('out');
    expect((await redact([input, '--out', out, '--key', 'team'])).code).toBe(0);
    const written = await contents(out);
    // Strings are checked above and in the unit tests; here, everything between them.
    const outside = (text: string) => text.replace(/"(?:[^"\\]|\\.)*"/g, '""');
    for (const text of Object.values(written)) {
      expect(text).toContain('"price":310.0');
      expect(text).toContain('"region":"Rh\\u00f4ne"');
      expect(text).toContain('"reference":"10376|0.75|CTO12"');
      expect(text).not.toContain('Apolline');
    }
    expect(outside(written['events.ndjson']!)).toBe(outside(`${line}\n${line}\n`));
    expect(outside(written['batch.json']!)).toBe(outside(`[${line},\n${line}]\n`));
  });

  it('keeps line endings, byte order marks and blank lines as they were, under --out and in place', async () => {
    const order = JSON.stringify(realOrder());
    const windows = {
      // Written on Windows: a byte order mark, CRLF, a blank line and one of spaces, no line break after the last event.
      'events.ndjson': `\uFEFF${order}\r\n\r\n  \r\n${order}\n${order}`,
      'blank-end.ndjson': `${order}\n\n`,
      'order.json': `\uFEFF${JSON.stringify(realOrder(), null, 2).replaceAll('\n', '\r\n')}\r\n`,
      'plain.json': `\uFEFF${JSON.stringify({ type: 'PUTAWAY', operation: 'CREATE', object: { id: 5 } })}\r\n`,
    };
    // Strings hold the fakes; everything between them must be the original's, byte for byte.
    const outside = (text: string) => text.replace(/"(?:[^"\\]|\\.)*"/g, '""');
    const expectKept = (written: Record<string, string>) => {
      for (const [name, text] of Object.entries(windows)) {
        expect(written[name]).toBeDefined();
        expect(outside(written[name]!)).toBe(outside(text));
        expect(written[name]).not.toContain('Apolline');
      }
      expect(written['plain.json']).toBe(windows['plain.json']);
    };

    const input = await folder(windows);
    const out = await temp('out');
    expect((await redact([input, '--out', out, '--key', 'team'])).code).toBe(0);
    expectKept(await contents(out));

    const inPlace = await folder(windows);
    expect((await redact([inPlace, '--in-place', '--key', 'team'])).code).toBe(0);
    expectKept(await contents(inPlace));
    expect(await contents(inPlace)).toEqual(await contents(out));
  });

  it('gives the same bytes with the same key, other fakes with another', async () => {
    const input = await recorded();
    const base = await temp('out');
    await redact([input, '--out', join(base, 'a'), '--key', 'team']);
    await redact([input, '--out', join(base, 'b'), '--key', 'team']);
    await redact([input, '--out', join(base, 'c'), '--key', 'someone else']);
    const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((name) => contents(join(base, name))));
    expect(b).toEqual(a);
    expect(c!['order-shipped.json']).not.toBe(a!['order-shipped.json']);
  });

  it('keeps one generated key in the config folder, for the user only, and uses it again', async () => {
    const input = await recorded();
    const config = join(await temp('config'), 'nested');
    const base = await temp('out');
    const first = await redact([input, '--out', join(base, 'a')], config);
    expect(first.code).toBe(0);
    expect(first.stderr).toContain(`Generated a redaction key in ${join(config, 'redaction-key')}`);
    expect((await stat(join(config, 'redaction-key'))).mode & 0o777).toBe(0o600);
    const second = await redact([input, '--out', join(base, 'b')], config);
    expect(second.stderr).not.toContain('Generated');
    expect(await contents(join(base, 'b'))).toEqual(await contents(join(base, 'a')));
    const key = (await readFile(join(config, 'redaction-key'), 'utf8')).trim();
    await redact([input, '--out', join(base, 'c'), '--key', key]);
    expect(await contents(join(base, 'c'))).toEqual(await contents(join(base, 'a')));
  });

  it('takes its key from $WINESITTING_HOOKS_REDACT_KEY, out of sight of ps and shell history, and --key over it', async () => {
    const input = await recorded();
    const base = await temp('out');
    const config = await temp('config');
    await redact([input, '--out', join(base, 'flag'), '--key', 'team']);
    const fromEnv = await runCli(['redact', input, '--out', join(base, 'env')], {
      env: { WINESITTING_HOOKS_CONFIG: config, WINESITTING_HOOKS_REDACT_KEY: 'team' },
    });
    expect(fromEnv.code).toBe(0);
    expect(fromEnv.stderr).not.toContain('Generated');
    expect(await readdir(config)).toEqual([]);
    expect(await contents(join(base, 'env'))).toEqual(await contents(join(base, 'flag')));
    await runCli(['redact', input, '--out', join(base, 'both'), '--key', 'someone else'], {
      env: { WINESITTING_HOOKS_CONFIG: config, WINESITTING_HOOKS_REDACT_KEY: 'team' },
    });
    expect((await contents(join(base, 'both')))['order-shipped.json']).not.toBe((await contents(join(base, 'flag')))['order-shipped.json']);
  });

  it('lists the replaced paths of each event with --json, then a summary', async () => {
    const order = realOrder();
    const input = await folder({
      'events.ndjson': `${JSON.stringify({ ...order, object: { ...order.object, customer_phone: '+33 7 11 22 33 44' } })}\n\n${JSON.stringify(createEvent({ seed: 2, type: 'PUTAWAY' }))}\n`,
      'batch.json': JSON.stringify([create, processing]),
    });
    const result = await redact([input, '--out', await temp('out'), '--key', 'team', '--json']);
    expect(result.code).toBe(0);
    const lines = parseJsonLines(result.stdout);
    expect(lines.slice(0, 4).map((line) => [relative(input, line.file), line.line, line.index])).toEqual([
      ['batch.json', null, 0],
      ['batch.json', null, 1],
      ['events.ndjson', 1, undefined],
      ['events.ndjson', 3, undefined],
    ]);
    expect(lines[2].replaced).toContain('object.address.email');
    expect(lines[2].replaced).toContain('object.customer_phone');
    expect(lines[2].unknown).toEqual(['object.customer_phone']);
    expect(lines[3].replaced).toEqual(['object.reference', 'object.created_by', 'object.updated_by']);
    const replaced = lines.slice(0, 4).reduce((sum: number, line) => sum + (line.replaced as string[]).length, 0);
    expect(lines[4]).toEqual({ summary: { files: 2, events: 4, replaced, unknown: 1, failed: 0 } });

    const pretty = await redact([input, '--out', await temp('out'), '--key', 'team']);
    expect(pretty.stdout).toContain('unknown field object.customer_phone: not in the model, replaced because its name looks personal');
    expect(pretty.stdout).toMatch(new RegExp(`2 files, 4 events: ${replaced} fields replaced \\(1 in fields the model does not know\\)`));
  });

  it('reports a file it cannot parse with its path, writes nothing for it, and exits 1', async () => {
    const input = await folder({
      'a-good.ndjson': `${JSON.stringify(create)}\n`,
      'b-broken.ndjson': `${JSON.stringify(processing)}\n${JSON.stringify(ready)}\n{"type": "ORDER", "object": {"address": {"email": "apolline@vasseur.fr"\n`,
      'c-broken.json': '{"type": "ORDER",',
    });
    const out = await temp('out');
    const result = await redact([input, '--out', out, '--key', 'team']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(new RegExp(`✖ ${join(input, 'b-broken.ndjson')}:3: not valid JSON.* \\(skipped, nothing written\\)`));
    expect(result.stdout).toMatch(new RegExp(`✖ ${join(input, 'c-broken.json')}: not valid JSON`));
    expect(result.stdout).toMatch(/1 file, 1 event: \d+ fields replaced, written under .*; 2 files could not be redacted/);
    expect(await readdir(out)).toEqual(['a-good.ndjson']);

    const json = await redact([input, '--out', out, '--key', 'team', '--json']);
    const lines = parseJsonLines(json.stdout);
    expect(lines).toContainEqual({ file: join(input, 'b-broken.ndjson'), line: 3, error: expect.stringMatching(/^not valid JSON/) });
    // A skipped file's events were never written: none is listed as redacted.
    expect(lines.filter((line) => line.file === join(input, 'b-broken.ndjson'))).toEqual([
      { file: join(input, 'b-broken.ndjson'), line: 3, error: expect.any(String) },
    ]);
    expect(lines.filter((line) => line.replaced !== undefined).map((line) => relative(input, line.file as string))).toEqual(['a-good.ndjson']);
  });

  it('rewrites files in place atomically, keeps their mode, and leaves those with nothing personal untouched', async () => {
    const plain = `${JSON.stringify({ type: 'PUTAWAY', operation: 'CREATE', object: { id: 5, comment: null }, date: '2026-11-28T13:05:12+01:00' })}\n`;
    const input = await folder({ 'order.json': `${JSON.stringify(realOrder(), null, 2)}\n`, 'plain.ndjson': plain, 'plain.json': plain });
    await chmod(join(input, 'order.json'), 0o640);
    const untouched = await stat(join(input, 'plain.ndjson'));
    const result = await redact([input, '--in-place', '--key', 'team']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`${join(input, 'plain.ndjson')} (1 event, nothing personal: left as it was)`);
    expect(result.stdout).toMatch(/3 files, 3 events: 21 fields replaced, in place/);
    expect((await readdir(input)).sort()).toEqual(['order.json', 'plain.json', 'plain.ndjson']);
    const order = await readFile(join(input, 'order.json'), 'utf8');
    for (const personal of REAL_ORDER_PERSONAL) expect(order.toLowerCase()).not.toContain(personal.toLowerCase());
    expect((await stat(join(input, 'order.json'))).mode & 0o777).toBe(0o640);
    expect((await stat(join(input, 'plain.ndjson'))).mtimeMs).toBe(untouched.mtimeMs);
    expect(await readFile(join(input, 'plain.json'), 'utf8')).toBe(plain);

    const again = await redact([input, '--in-place', '--key', 'team']);
    expect(again.code).toBe(0);
    expect(await readFile(join(input, 'order.json'), 'utf8')).not.toBe(order);
  });

  it.each([
    ['neither --out nor --in-place', (input: string) => [input], /--out <dir> writes copies in the same layout, --in-place rewrites the files themselves/],
    ['both --out and --in-place', (input: string) => [input, '--out', `${input}-out`, '--in-place'], /not both/],
    ['--out equal to an input folder', (input: string) => [input, '--out', input], /is inside .*, a folder being redacted: choose a folder outside it/],
    ['--out inside an input folder', (input: string) => [input, '--out', join(input, 'redacted')], /a folder being redacted/],
    [
      '--out that would replace an input file',
      (input: string) => [join(input, 'order.json'), '--out', input],
      /would replace .*order\.json, which is being redacted/,
    ],
    [
      '--out that cannot be written',
      (input: string) => [input, '--out', join(`${input}-blocker`, 'out')],
      /Cannot write to (.*)-blocker\/out \(--out\): \1-blocker is a file, not a folder\. Choose a folder you can write/,
    ],
    ['an empty --key', (input: string) => [input, '--out', `${input}-out`, '--key', ''], /expected a value/],
  ])('refuses %s with exit 2, before any work', async (_, args, message) => {
    const input = await folder({ 'order.json': JSON.stringify(realOrder()) });
    // A file where a folder would be: no one can write under it.
    await writeFile(`${input}-blocker`, '');
    const result = await redact(args(input));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(await readFile(join(input, 'order.json'), 'utf8')).toBe(JSON.stringify(realOrder()));
  });

  it('explains itself in --help, with examples', async () => {
    const help = await runCli(['redact', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--in-place');
    expect(help.stdout).toContain('$WINESITTING_HOOKS_REDACT_KEY');
    expect(help.stdout).toContain('$ winesitting-hooks redact ./recorded --out ./fixtures/recorded');
  });
});
