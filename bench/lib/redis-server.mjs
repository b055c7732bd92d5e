// A redis-server for the benchmarks that measure a Redis store.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A redis-server on a free port, its data in a temporary folder that `stop()` removes.
 * `persist` turns on the AOF with an fsync before each reply (`appendfsync always`, the
 * promise the relay makes); otherwise Redis keeps nothing on disk. Rejects, saying why, when
 * redis-server is not installed or exits before it is ready.
 */
export async function startRedis({ persist = false } = {}) {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  const dir = mkdtempSync(join(tmpdir(), 'ws-bench-redis-'));
  const persistence = persist ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no'];
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...persistence, '--dir', dir], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const stop = async () => {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await new Promise((resolve, reject) => {
      let out = '';
      // Read on after it is ready too: Redis logs to stdout, and a full pipe would stall it.
      child.stdout.setEncoding('utf8').on('data', (data) => (out += data).includes('Ready to accept connections') && resolve());
      child.on('error', (error) => reject(new Error(`redis-server did not start (${error.message})`)));
      child.on('exit', (code) => reject(new Error(`redis-server exited ${code} before it was ready: ${out.trim()}`)));
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `redis://127.0.0.1:${port}`, stop };
}
