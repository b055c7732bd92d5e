import { invokedAs } from './invocation.js';
import type { Io, StopReason } from './io.js';

const stopHandlers = new Set<(reason: StopReason) => void>();
let pipeGuarded = false;
let stdoutGone = false;

/** The real process as an `Io`: its streams, environment, folder, signals and broken pipe. */
export function processIo(): Io {
  guardStdoutPipe();
  const cwd = process.cwd();
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd, invokedAs: invokedAs(process.env, process.argv[1], cwd), onStop };
}

function onStop(handler: (reason: StopReason) => void): () => void {
  let stopped = false;
  const stop = (reason: StopReason) => {
    if (stopped) return;
    stopped = true;
    cancel();
    // The command is now finishing; a second signal means "now".
    process.once('SIGINT', () => process.exit(130));
    process.once('SIGTERM', () => process.exit(143));
    handler(reason);
  };
  const onInterrupt = () => stop('SIGINT');
  const onTerminate = () => stop('SIGTERM');
  const cancel = () => {
    process.removeListener('SIGINT', onInterrupt);
    process.removeListener('SIGTERM', onTerminate);
    stopHandlers.delete(stop);
  };
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onTerminate);
  stopHandlers.add(stop);
  return cancel;
}

/**
 * `winesitting-hooks listen --json | head -1`: when stdout's reader leaves, a command that
 * waits for a stop finishes cleanly; any other ends quietly, with no EPIPE trace.
 */
function guardStdoutPipe(): void {
  if (pipeGuarded) return;
  pipeGuarded = true;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
    if (stdoutGone) return;
    stdoutGone = true;
    if (stopHandlers.size === 0) process.exit(0);
    for (const stop of [...stopHandlers]) stop('EPIPE');
  });
}
