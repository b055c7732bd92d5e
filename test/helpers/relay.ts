import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCli, type RunningCli } from './cli.js';

export const temp = (name: string) => mkdtemp(join(tmpdir(), `ws-${name}-`));

/** Starts `relay` on port 0 with its data in `data`; `track` receives the process so the test can stop it. */
export async function startRelayCli(data: string, args: string[], track: (cli: RunningCli) => void, env: Record<string, string | undefined> = {}) {
  const cli = startCli(['relay', '--port', '0', '--data', data, ...args], { env });
  track(cli);
  const url = (await cli.waitFor(/Relay listening on (http:\/\/\S+)/, 'stderr'))[1]!.replace(/\/$/, '');
  return Object.assign(cli, { url, port: new URL(url).port });
}

/** Starts `listen --json --relay` and resolves once its stream is connected. */
export async function startListenRelay(
  relayUrl: string,
  config: string,
  args: string[],
  track: (cli: RunningCli) => void,
  env: Record<string, string | undefined> = {},
) {
  const cli = startCli(['listen', '--port', '0', '--json', '--relay', relayUrl, ...args], { env: { WINESITTING_HOOKS_CONFIG: config, ...env } });
  track(cli);
  const webhookUrl = (await cli.waitFor(/Relay webhook URL: (http:\/\/\S+)/, 'stderr'))[1]!;
  await cli.waitFor(/relay connected/, 'stderr');
  return Object.assign(cli, { webhookUrl });
}

export interface CreatedChannel {
  id: string;
  token: string;
  webhookUrl: string;
}

export async function createChannel(relayUrl: string, adminToken?: string): Promise<CreatedChannel> {
  const answer = await fetch(`${relayUrl}/channels`, { method: 'POST', headers: adminToken ? { authorization: `Bearer ${adminToken}` } : {} });
  return (await answer.json()) as CreatedChannel;
}

/** Makes `listen --relay <relayUrl>` resume `channel` after `lastEventId`, as if it had run before. */
export async function rememberChannel(config: string, relayUrl: string, channel: CreatedChannel, lastEventId = 0): Promise<void> {
  await writeFile(join(config, 'relay.json'), JSON.stringify({ relays: { [relayUrl]: { ...channel, lastEventId } } }));
}
