/** Why a long-running command stops: Ctrl-C, SIGTERM, or its stdout's reader went away. */
export type StopReason = 'SIGINT' | 'SIGTERM' | 'EPIPE';

/** The process edges a command may touch, passed in so that tests and the library can replace them. */
export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** The command as the user started it (`npx winesitting-hooks`, `winesitting-hooks`…), for hints to repeat. */
  invokedAs: string;
  /**
   * Calls `handler` once, on the first stop request; from then on a second Ctrl-C ends
   * the process at once. Returns a function that stops waiting.
   */
  onStop(handler: (reason: StopReason) => void): () => void;
}

/** Resolves on the first stop request: the command then finishes cleanly. */
export function waitForStop(io: Io): Promise<StopReason> {
  return new Promise((resolve) => io.onStop(resolve));
}

/**
 * The exit code of a run cut short: 130 for Ctrl-C or SIGTERM (as before this distinction
 * existed), 0 when the reader of stdout left (`| head`), which is no failure.
 */
export function stoppedExitCode(reason: unknown): number {
  return reason === 'EPIPE' ? 0 : 130;
}

/** For work that stops early on Ctrl-C: a signal aborted, with the `StopReason` as its reason, on the first stop request. */
export function abortOnStop(io: Io): { signal: AbortSignal; cancel(): void } {
  const controller = new AbortController();
  const cancel = io.onStop((reason) => controller.abort(reason));
  return { signal: controller.signal, cancel };
}
