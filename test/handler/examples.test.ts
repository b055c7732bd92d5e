import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, mkdir, symlink, lstat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const EXAMPLES = ['express', 'fastify', 'hono', 'node-http'];

/**
 * What `npm install` does for the example's `"winesitting-hooks": "file:../.."`: a link to this
 * package (built by `npm test`). Its framework resolves from the repository's own devDependencies.
 */
async function linkPackage(example: string) {
  const modules = join(root, 'examples', example, 'node_modules');
  const link = join(modules, 'winesitting-hooks');
  if (await lstat(link).catch(() => null)) return;
  await mkdir(modules, { recursive: true });
  await symlink(root, link, 'junction');
}

describe.each(EXAMPLES)('examples/%s', (example) => {
  it('passes winesitting-hooks check with every case', async () => {
    await linkPackage(example);
    const inbox = await mkdtemp(join(tmpdir(), 'ws-example-'));
    const app = spawn(process.execPath, ['server.js'], { cwd: join(root, 'examples', example), env: { ...process.env, PORT: '0', INBOX: inbox } });
    let stderr = '';
    let handled = '';
    app.stdout.setEncoding('utf8').on('data', (data: string) => (handled += data));
    const url = await new Promise<string>((resolve, reject) => {
      app.stderr.setEncoding('utf8').on('data', (data: string) => {
        stderr += data;
        const match = /Listening on (http:\/\/\S+)/.exec(stderr);
        if (match) resolve(match[1]!);
      });
      app.on('exit', (code) => reject(new Error(`examples/${example} exited with ${code}: ${stderr}`)));
    });
    try {
      // A budget above the default 1 s: the test is of what the examples do, not of how busy the machine running the suite is.
      const result = await runCli(['check', '--to', url, '--json', '--budget', '3000']);
      const lines = result.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(lines.filter((l) => l.case && !l.passed)).toEqual([]);
      expect(lines.filter((l) => l.case).length).toBeGreaterThanOrEqual(13);
      expect(result.code).toBe(0);
    } finally {
      app.removeAllListeners('exit');
      app.kill('SIGTERM');
      await once(app, 'exit');
    }
    expect(handled).toMatch(/ORDER UPDATE #\d+/);
    expect(app.exitCode).toBe(0);
  });
});
