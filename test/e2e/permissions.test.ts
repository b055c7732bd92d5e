import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, type RunningCli } from '../helpers/cli.js';
import { readOnlyFolder, type ReadOnlyFolder } from '../helpers/read-only.js';
import { startRelayCli, temp } from '../helpers/relay.js';

const folders: ReadOnlyFolder[] = [];
const processes: RunningCli[] = [];
afterEach(async () => {
  await Promise.all(processes.splice(0).map((p) => p.stop('SIGKILL')));
  folders.splice(0).forEach((folder) => folder.release());
});
const readOnly = async () => {
  const folder = await readOnlyFolder();
  folders.push(folder);
  return folder;
};

describe('folders the CLI cannot write are refused at start', () => {
  it.each([
    ['an existing folder', ''],
    ['a missing subfolder', 'missing'],
  ])('listen --save into %s it cannot write exits 2 naming the folder', async (_, sub) => {
    const folder = await readOnly();
    const target = join(folder.path, sub);
    const result = await runCli(['listen', '--port', '0', '--save', target], { unprivileged: folder.unprivileged });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(target);
    expect(result.stderr).toContain('Choose a folder you can write');
    expect(result.stderr).not.toContain('Listening on');
  });

  it('relay --data in a folder it cannot write exits 2 naming the folder and --data', async () => {
    const folder = await readOnly();
    const result = await runCli(['relay', '--port', '0', '--data', folder.path], { unprivileged: folder.unprivileged });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`Cannot use ${folder.path} for the relay's data`);
    expect(result.stderr).toContain('--data');
  });

  it('listen --relay with a configuration folder it cannot write exits 2 before creating a channel', async () => {
    const folder = await readOnly();
    const relay = await startRelayCli(await temp('relay-data'), [], (cli) => processes.push(cli));
    const result = await runCli(['listen', '--port', '0', '--relay', relay.url], {
      unprivileged: folder.unprivileged,
      env: { WINESITTING_HOOKS_CONFIG: folder.path },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(folder.path);
    expect(result.stderr).toContain('WINESITTING_HOOKS_CONFIG');
    const channels = (await (await fetch(`${relay.url}/healthz`)).json()) as { channels: number };
    expect(channels.channels).toBe(0);
  });
});
