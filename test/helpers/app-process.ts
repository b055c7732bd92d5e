import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

export interface AppProcess {
  url: string;
  child: ChildProcess;
  /** The JSON lines the app printed so far. */
  lines: Record<string, unknown>[];
  /** Resolves with the first line (printed so far or later) that matches. */
  waitForLine(match: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  exited: Promise<unknown>;
}

/** Starts `node <script> ...args` and resolves once it prints "Listening on <url>" on stderr. */
export async function startApp(script: string, args: string[], env: Record<string, string> = {}): Promise<AppProcess> {
  const child = spawn(process.execPath, [script, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: Record<string, unknown>[] = [];
  const waiters: { match: (line: Record<string, unknown>) => boolean; resolve: (line: Record<string, unknown>) => void }[] = [];
  let pending = '';
  child.stdout.setEncoding('utf8').on('data', (data: string) => {
    pending += data;
    const complete = pending.split('\n');
    pending = complete.pop()!;
    for (const text of complete.filter(Boolean)) {
      const line = JSON.parse(text) as Record<string, unknown>;
      lines.push(line);
      for (const waiter of waiters.filter((w) => w.match(line))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  });
  const exited = once(child, 'exit');
  let stderr = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.setEncoding('utf8').on('data', (data: string) => {
      stderr += data;
      const match = /Listening on (http:\/\/\S+)/i.exec(stderr);
      if (match) resolve(match[1]!);
    });
    void exited.then(() => reject(new Error(`${script} exited before listening: ${stderr}`)));
  });
  return {
    url,
    child,
    lines,
    exited,
    waitForLine: (match) => {
      const found = lines.find(match);
      return found ? Promise.resolve(found) : new Promise((resolve) => waiters.push({ match, resolve }));
    },
  };
}
