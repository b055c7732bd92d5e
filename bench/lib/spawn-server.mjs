import { spawn } from 'node:child_process';
import { openSync } from 'node:fs';

/** Starts a server process and resolves with its URL once it prints "Listening on <url>". */
export function spawnServer(args, { stdoutToNull = true } = {}) {
  const child = spawn(process.execPath, args, { stdio: ['ignore', stdoutToNull ? openSync('/dev/null', 'w') : 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (d) => {
      err += d;
      const match = /listening on (http:\/\/\S+)/i.exec(err);
      if (match) resolve({ url: match[1], child, stop: () => stop(child) });
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${err}`)));
  });
}

function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
