import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const execFileAsync = promisify(execFile);
// npm and npx are .cmd scripts on Windows, which Node runs only through a shell.
const run = (file: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }) =>
  execFileAsync(file, args, { ...options, shell: process.platform === 'win32' });
const root = fileURLToPath(new URL('../..', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const quiet = { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', NO_COLOR: '1' };

/** The package as a user gets it: packed, then installed from the tarball into an empty project. */
describe('the published package', () => {
  let project: string;
  let files: string[];

  beforeAll(async () => {
    const packed = await mkdtemp(join(tmpdir(), 'ws-pack-'));
    // --ignore-scripts: `npm test` has just built dist/, and a rebuild would pull it from under the other tests.
    const { stdout } = await run(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', packed], { cwd: root, env: quiet });
    const [info] = JSON.parse(stdout) as [{ filename: string; files: { path: string }[] }];
    files = info.files.map((f) => f.path);
    project = await mkdtemp(join(tmpdir(), 'ws-user-'));
    await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'a-user-project', private: true, type: 'module' }));
    await run(npm, ['install', '--prefer-offline', join(packed, info.filename)], { cwd: project, env: quiet });
  }, 180_000);

  it('holds the built CLI, the library with its types, the README and the sample fixtures, and no sources or tests', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'bin/winesitting-hooks.js',
        'dist/cli.js',
        'dist/index.js',
        'dist/index.d.ts',
        'dist/handler/index.js',
        'dist/handler/index.d.ts',
        'README.md',
        'package.json',
      ]),
    );
    expect(files.some((f) => f.startsWith('fixtures/') && f.endsWith('.json'))).toBe(true);
    expect(files.filter((f) => f.startsWith('examples/'))).toEqual([]);
    expect(files.filter((f) => f.startsWith('src/') || f.startsWith('test/') || (f.endsWith('.ts') && !f.endsWith('.d.ts')))).toEqual([]);
  });

  it('runs with npx: --version and send --dry-run', async () => {
    const version = await run(npx, ['winesitting-hooks', '--version'], { cwd: project, env: quiet });
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const sent = await run(npx, ['winesitting-hooks', 'send', '--dry-run', '--seed', '1'], { cwd: project, env: quiet });
    expect(JSON.parse(sent.stdout)).toMatchObject({ type: 'ORDER', operation: 'CREATE' });
  });

  it('serves the library: createEvent and parseEvent from "winesitting-hooks"', async () => {
    const script = `import { createEvent, parseEvent } from 'winesitting-hooks';
const event = createEvent({ type: 'ORDER', operation: 'UPDATE', status: 'SHIPPED', seed: 42 });
console.log(JSON.stringify({ status: event.object.status.name, issues: parseEvent(JSON.parse(JSON.stringify(event))).issues }));`;
    await writeFile(join(project, 'use.mjs'), script);
    const { stdout } = await run(process.execPath, ['use.mjs'], { cwd: project, env: quiet });
    expect(JSON.parse(stdout)).toEqual({ status: 'SHIPPED', issues: [] });
  });

  it('serves the handler kit from "winesitting-hooks/handler": one handling for two copies, the second acknowledged as a duplicate', async () => {
    const script = `import { createHandler, memoryStore } from 'winesitting-hooks/handler';
import { createEvent } from 'winesitting-hooks';
const attempts = [];
const hooks = createHandler({ store: memoryStore(), onEvent: (event, info) => attempts.push(info.attempt) });
const bytes = Buffer.from(JSON.stringify(createEvent({ seed: 1 })));
const answers = [await hooks.receive({ bytes }), await hooks.receive({ bytes })];
await hooks.drain();
console.log(JSON.stringify({ answers: answers.map((a) => JSON.parse(a.body)), attempts }));`;
    await writeFile(join(project, 'handler.mjs'), script);
    const { stdout } = await run(process.execPath, ['handler.mjs'], { cwd: project, env: quiet });
    expect(JSON.parse(stdout)).toEqual({ answers: [{ ok: true }, { ok: true, duplicate: true }], attempts: [1] });
  });
});
