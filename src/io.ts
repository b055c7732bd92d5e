import { UsageError } from './errors.js';

/** The process edges a command may touch, passed in so tests and the library can replace them. */
export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

let pipeHandled = false;
let onStdoutGone: (() => void) | null = null;

/** A long-running command stops cleanly, instead of exiting, when its stdout reader leaves. */
export function whenStdoutGone(handler: () => void): void {
  onStdoutGone = handler;
}

export function processIo(): Io {
  if (!pipeHandled) {
    pipeHandled = true;
    // `winesitting-hooks listen --json | head -1`: the reader left, so end quietly.
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
      if (!onStdoutGone) process.exit(0);
      const handler = onStdoutGone;
      onStdoutGone = () => undefined;
      handler();
    });
  }
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}

export const DEFAULT_PORT = 4545;
export const DEFAULT_TARGET = `http://127.0.0.1:${DEFAULT_PORT}/`;

export function defaultTarget(env: NodeJS.ProcessEnv): string {
  const value = env.WINESITTING_HOOKS_URL;
  if (!value) return DEFAULT_TARGET;
  if (!/^https?:\/\/[^\s/]+/i.test(value) || !URL.canParse(value)) {
    throw new UsageError(`WINESITTING_HOOKS_URL="${value}" is not an http:// or https:// URL. Fix it, unset it, or pass --to.`);
  }
  return value;
}

export function debugEnabled(env: NodeJS.ProcessEnv): boolean {
  return (env.DEBUG ?? '').split(',').some((name) => name.trim() === 'winesitting-hooks' || name.trim() === '*');
}
