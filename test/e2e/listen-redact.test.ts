import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLifecycle, parseEvent } from '../../src/index.js';
import { parseJsonLines, runCli } from '../helpers/cli.js';
import { useServers } from '../helpers/http.js';
import { post, startListen, type RunningListen } from '../helpers/listen.js';
import { REAL_ORDER_PERSONAL, realOrder } from '../helpers/real-order.js';

const running: RunningListen[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((cli) => cli.stop('SIGKILL')));
});
const server = useServers(afterEach);
const temp = (name: string) => mkdtemp(join(tmpdir(), `ws-listen-redact-${name}-`));

describe('listen --save --redact', () => {
  it('writes files with no personal value, while the JSON line and the app get the original', async () => {
    const [dir, config] = await Promise.all([temp('saved'), temp('config')]);
    const app = await server();
    const env = { WINESITTING_HOOKS_CONFIG: config };
    const cli = await startListen(['--save', dir, '--redact', '--json', '--forward-to', app.url], env);
    running.push(cli);
    expect(cli.stderr()).toContain(', personal data replaced');
    expect(cli.stderr()).toContain(`Generated a redaction key in ${join(config, 'redaction-key')}`);

    const pretty = `${JSON.stringify(realOrder(), null, 2)}\n`;
    const lifecycle = createLifecycle({ seed: 21, pickup: false });
    const compact = JSON.stringify(lifecycle[1]);
    const notJson = '{"type": "ORDER", "object": {"address": {"firstname": "Apolline", "lastname": "Delacroix-Vasseur"';
    const notAnEvent = '["Apolline Delacroix-Vasseur", "+33 6 71 22 83 94"]';
    expect((await post(cli.url, pretty)).status).toBe(200);
    expect((await post(cli.url, compact)).status).toBe(200);
    expect((await post(cli.url, notJson)).status).toBe(400);
    expect((await post(cli.url, notAnEvent)).status).toBe(200);
    const lines = parseJsonLines((await cli.waitForLines(4)).join('\n'));

    // What the terminal shows and the app receives is what WineSitting sent.
    expect(lines[0].event).toEqual(realOrder());
    expect(lines[1].event).toEqual(lifecycle[1]);
    expect(lines[2].raw).toBe(notJson);
    expect(app.requests.map((request) => request.body.toString())).toEqual([pretty, compact, notAnEvent]);

    // What reaches the disk holds no personal value, in the layout it came in, as valid as it was.
    expect(lines.map((line) => line.file)).toEqual([expect.any(String), expect.any(String), expect.stringMatching(/-rejected\.txt$/), expect.any(String)]);
    const saved = await Promise.all(lines.map((line) => readFile(line.file as string, 'utf8')));
    for (const text of saved) for (const personal of REAL_ORDER_PERSONAL) expect(text.toLowerCase()).not.toContain(personal.toLowerCase());
    expect(saved[0]).toBe(`${JSON.stringify(JSON.parse(saved[0]!), null, 2)}\n`);
    expect(parseEvent(JSON.parse(saved[0]!)).issues).toEqual(parseEvent(realOrder()).issues);
    expect(saved[1]).not.toContain(lifecycle[1]!.object.address!.email!);
    expect(saved[1]).not.toContain('\n');
    expect(saved[2]).toHaveLength(notJson.length);
    expect(saved[2]).toMatch(/^\{"type": "\w+", "object": \{"address": \{"firstname": "\w+", "lastname": "\w+-\w+"$/);
    expect(saved[3]).toMatch(/^\["\w+ \w+-\w+", "\+\d\d \d \d\d \d\d \d\d \d\d"\]$/);

    // The same key gives the same fakes as `redact`: a recording redacted later matches one redacted on arrival.
    const originals = await temp('originals');
    await writeFile(join(originals, basename(lines[0].file as string)), pretty);
    await writeFile(join(originals, basename(lines[1].file as string)), compact);
    const out = await temp('out');
    expect((await runCli(['redact', originals, '--out', out], { env })).code).toBe(0);
    for (const [index, line] of lines.slice(0, 2).entries()) expect(await readFile(join(out, basename(line.file as string)), 'utf8')).toBe(saved[index]);
    expect((await readdir(dir)).length).toBe(4);
  });

  it('refuses --redact without --save, with exit 2', async () => {
    const result = await runCli(['listen', '--port', '0', '--redact'], { env: { WINESITTING_HOOKS_CONFIG: await temp('config') } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--redact replaces personal data in the files --save writes: add --save <dir>, or drop --redact.');
  });
});
