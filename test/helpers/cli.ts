import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/winesitting-hooks.js', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const BASE_ENV = {
  ...process.env,
  NO_COLOR: '1',
  FORCE_COLOR: undefined,
  WINESITTING_HOOKS_URL: undefined,
  WINESITTING_HOOKS_PORT: undefined,
  DEBUG: undefined,
  // Started by npx, the CLI names itself `npx winesitting-hooks` in its hints; the tests start the bin itself.
  npm_command: undefined,
};

/** Runs the built bin to completion; `unprivileged` runs it as user nobody when the tests run as root, so permissions apply. */
export function runCli(
  args: string[],
  options: { env?: Record<string, string | undefined>; input?: string; cwd?: string; unprivileged?: boolean } = {},
): Promise<CliResult> {
  const command =
    options.unprivileged && process.getuid?.() === 0
      ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', '--', process.execPath]
      : [process.execPath];
  const child = spawn(command[0]!, [...command.slice(1), BIN, ...args], { env: { ...BASE_ENV, ...options.env }, cwd: options.cwd });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  if (options.input !== undefined) child.stdin.end(options.input);
  else child.stdin.end();
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

export interface RunningCli {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first match once stdout or stderr prints it. */
  waitFor(pattern: RegExp, stream?: 'stdout' | 'stderr'): Promise<RegExpMatchArray>;
  /** Resolves once stdout has at least `count` lines. */
  waitForLines(count: number): Promise<string[]>;
  exited: Promise<CliResult>;
  stop(signal?: NodeJS.Signals): Promise<CliResult>;
}

/** Starts a long-running command (listen, relay) and lets the test wait for its output. */
export function startCli(args: string[], options: { env?: Record<string, string | undefined>; cwd?: string } = {}): RunningCli {
  return watch(spawn(process.execPath, [BIN, ...args], { env: { ...BASE_ENV, ...options.env }, cwd: options.cwd }));
}

/**
 * Starts a command in a pseudo-terminal of 80 columns (util-linux `script`), as a user at a
 * terminal runs it: its stdout and stderr both arrive on `stdout()`, and what the test writes
 * to `child.stdin` is typed at the terminal (`\x03` is Ctrl-C).
 */
export function startInTerminal(args: string[], options: { env?: Record<string, string | undefined> } = {}): RunningCli {
  const quote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;
  const command = `stty cols 80 rows 24; exec ${[process.execPath, BIN, ...args].map(quote).join(' ')}`;
  // A user's terminal, not a CI job's: the CI's own CI variable would turn the progress line off.
  const env = { ...BASE_ENV, CI: undefined, ...options.env };
  return watch(spawn('script', ['--quiet', '--flush', '--return', '--command', command, '/dev/null'], { env }));
}

function watch(child: ChildProcessWithoutNullStreams): RunningCli {
  const out = { stdout: '', stderr: '' };
  const checks = new Set<() => void>();
  const onData = (stream: 'stdout' | 'stderr') => (data: string) => {
    out[stream] += data;
    for (const check of [...checks]) check();
  };
  child.stdout.setEncoding('utf8').on('data', onData('stdout'));
  child.stderr.setEncoding('utf8').on('data', onData('stderr'));
  const exited = new Promise<CliResult>((resolve) =>
    child.on('close', (code) => {
      for (const check of [...checks]) check();
      resolve({ code, stdout: out.stdout, stderr: out.stderr });
    }),
  );
  const until = <T>(test: () => T | null, what: string): Promise<T> =>
    new Promise((resolve, reject) => {
      const check = () => {
        const value = test();
        if (value !== null) {
          checks.delete(check);
          resolve(value);
        } else if (child.exitCode !== null || child.signalCode !== null) {
          checks.delete(check);
          reject(new Error(`process ended before ${what}\nstdout: ${out.stdout}\nstderr: ${out.stderr}`));
        }
      };
      checks.add(check);
      check();
    });
  return {
    child,
    stdout: () => out.stdout,
    stderr: () => out.stderr,
    waitFor: (pattern, stream) =>
      until(() => (stream ? out[stream].match(pattern) : (out.stdout.match(pattern) ?? out.stderr.match(pattern))), `printing ${pattern}`),
    waitForLines: (count) =>
      until(() => {
        const lines = out.stdout.split('\n').filter(Boolean);
        return lines.length >= count && out.stdout.endsWith('\n') ? lines : null;
      }, `${count} lines`),
    exited,
    stop: (signal = 'SIGINT') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** The objects of NDJSON output, one per non-empty line. */
export function parseJsonLines(text: string): any[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
}
