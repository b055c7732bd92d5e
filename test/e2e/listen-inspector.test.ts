import { afterEach, describe, expect, it } from 'vitest';
import { createEvent } from '../../src/index.js';
import { parseJsonLines, runCli } from '../helpers/cli.js';
import { post, startListen, type RunningListen } from '../helpers/listen.js';

const running: RunningListen[] = [];
async function listen(args: string[] = []) {
  const cli = await startListen(args);
  running.push(cli);
  return cli;
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.stop('SIGKILL')));
});
const order = JSON.stringify(createEvent({ seed: 2, id: 2 }));

describe('listen and its inspector', () => {
  it('prints the page address at start, serves the events there, and counts none of the inspector requests', async () => {
    const cli = await listen(['--json']);
    const [, page] = await cli.waitFor(/Inspector: (\S+)/, 'stderr');
    expect(page).toBe(`${cli.url}_inspect/`);
    await post(`${cli.url}hooks`, order);
    await cli.waitForLines(1);
    const events = (await (await fetch(`${page}api/events`)).json()) as { seq: number; path: string }[];
    expect(events.map((e) => [e.seq, e.path])).toEqual([[1, '/hooks']]);
    expect((await fetch(page!)).status).toBe(200);
    expect(await (await fetch(cli.url)).text()).toContain('<a href="/_inspect/">the inspector</a>');
    const result = await cli.stop('SIGINT');
    expect(result.code).toBe(0);
    expect(parseJsonLines(result.stdout)).toHaveLength(1);
    expect(result.stderr).toMatch(/Received 1 request \(ORDER CREATE 1\)/);
  });

  it('with --no-inspector, serves no page, and /_inspect/ is a path like any other', async () => {
    const cli = await listen(['--no-inspector', '--json']);
    await post(`${cli.url}_inspect/api/events`, order);
    const [line] = parseJsonLines((await cli.waitForLines(1)).join('\n'));
    expect(line).toMatchObject({ seq: 1, path: '/_inspect/api/events', type: 'ORDER' });
    expect(await (await fetch(cli.url)).text()).not.toContain('/_inspect/');
    const result = await cli.stop('SIGINT');
    expect(result.stderr).not.toMatch(/Inspector:/);
  });

  it('explains the inspector in --help and refuses a --history that is not a count', async () => {
    const help = (await runCli(['listen', '--help'])).stdout.replace(/\s+/g, ' ');
    expect(help).toMatch(/--no-inspector no web page at \/_inspect\//);
    expect(help).toMatch(/--history <n> events the inspector keeps in memory \(default: 1000\)/);
    const bad = await runCli(['listen', '--history', '0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--history/);
  });
});
