import { startCli, type RunningCli } from './cli.js';

export interface RunningListen extends RunningCli {
  url: string;
}

/** Starts `listen --port 0` with extra flags and resolves once it prints its address. */
export async function startListen(args: string[] = [], env: Record<string, string | undefined> = {}): Promise<RunningListen> {
  const cli = startCli(['listen', '--port', '0', ...args], { env });
  const match = await cli.waitFor(/Listening on (http:\/\/\S+)/, 'stderr');
  return Object.assign(cli, { url: match[1]! });
}

/** A POST with a real client; resolves with the status and body text. */
export async function post(
  url: string,
  body: string | Buffer,
  headers: Record<string, string> = { 'content-type': 'application/json' },
): Promise<{ status: number; body: string; headers: Headers }> {
  const response = await fetch(url, { method: 'POST', body, headers });
  return { status: response.status, body: await response.text(), headers: response.headers };
}
