import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deadPort } from './http.js';

export interface RedisServer {
  url: string;
  port: number;
  dir: string;
  /** Stops Redis (SIGKILL: as a crash would), keeping its folder for a restart. */
  kill(): Promise<void>;
  /** Starts it again on the same port and folder (with AOF, what was acknowledged is back). */
  restart(): Promise<void>;
  /** Runs one command with redis-cli and returns its output. */
  cli(...args: string[]): Promise<string>;
  stop(): Promise<void>;
}

/**
 * A real redis-server on a free port with its data in a temp folder. Redis has no
 * `--port 0`: a port is taken from the system by binding to port 0 and closing, and taken
 * again if another process grabbed it meanwhile. `durable` turns on the AOF with an
 * fsync per write; otherwise Redis keeps nothing on disk. `tls` serves TLS only (a
 * `rediss://` URL; `cli()` does not speak it). `args` go to redis-server as they are.
 */
export async function startRedisServer(
  options: { durable?: boolean; args?: string[]; tls?: { certFile: string; keyFile: string } } = {},
): Promise<RedisServer> {
  const dir = await mkdtemp(join(tmpdir(), 'ws-redis-'));
  const persistence = options.durable ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no'];
  let child: ChildProcess | null = null;
  let port = 0;
  const launch = async () => {
    const listen = options.tls
      ? ['--port', '0', '--tls-port', String(port), '--tls-cert-file', options.tls.certFile, '--tls-key-file', options.tls.keyFile, '--tls-auth-clients', 'no']
      : ['--port', String(port)];
    const args = [...listen, '--bind', '127.0.0.1', '--save', '', ...persistence, '--dir', dir, '--logfile', '', ...(options.args ?? [])];
    const proc = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'ignore'] });
    let output = '';
    const ready = new Promise<boolean>((resolve) => {
      proc.stdout.setEncoding('utf8').on('data', (data: string) => {
        output += data;
        if (output.includes('Ready to accept connections')) resolve(true);
        if (/Address already in use|Could not create server TCP/.test(output)) resolve(false);
      });
      proc.on('exit', () => resolve(false));
    });
    if (!(await ready)) {
      proc.kill('SIGKILL');
      return false;
    }
    child = proc;
    return true;
  };
  for (let attempt = 0; ; attempt++) {
    // A port free a moment ago: nothing listens on it.
    port = await deadPort();
    if (await launch()) break;
    if (attempt === 4) throw new Error(`redis-server did not start on a free port after 5 tries`);
  }
  const kill = async () => {
    const proc = child;
    child = null;
    if (proc?.exitCode !== null) return;
    proc.kill('SIGKILL');
    await once(proc, 'exit');
  };
  return {
    // The test certificate names localhost, not 127.0.0.1.
    url: options.tls ? `rediss://localhost:${port}` : `redis://127.0.0.1:${port}`,
    port,
    dir,
    kill,
    async restart() {
      await kill();
      // The port was ours a moment ago; a restart on it may race its release.
      for (let attempt = 0; !(await launch()); attempt++) if (attempt === 20) throw new Error(`redis-server did not start again on port ${port}`);
    },
    async cli(...args) {
      const proc = spawn('redis-cli', ['-p', String(port), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
      let output = '';
      proc.stdout.setEncoding('utf8').on('data', (data: string) => (output += data));
      await once(proc, 'exit');
      return output;
    },
    async stop() {
      await kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
