import type { RunningCounts } from '../deliver/stats.js';

export interface Progress {
  update(done: number, counts: RunningCounts): void;
  /** Writes a line above the progress line. */
  log(text: string): void;
  stop(): void;
}

type Stream = NodeJS.WritableStream & { isTTY?: boolean };

/**
 * A live status line on a terminal (ora, on `stream`); lines logged go to `out` above it.
 * A terminal that reports no width (a bare pseudo-terminal) gets none: ora would try to
 * erase an unbounded number of lines there. Nor does a CI job or a dumb terminal, whose
 * logs would keep every frame.
 */
export async function startProgress(
  stream: Stream & { columns?: number },
  out: { write(text: string): unknown },
  total: number,
  enabled: boolean,
  env: NodeJS.ProcessEnv,
): Promise<Progress> {
  if (!enabled || !stream.isTTY || !(Number(stream.columns) >= 20) || 'CI' in env || env.TERM === 'dumb')
    return { update: () => undefined, log: (text) => void out.write(text), stop: () => undefined };
  const { default: ora } = await import('ora');
  // discardStdin: false leaves the terminal out of raw mode, so Ctrl-C still becomes SIGINT.
  const spinner = ora({ stream, text: `0/${total}`, discardStdin: false, isEnabled: true }).start();
  let last = 0;
  return {
    update(done, counts) {
      const now = performance.now();
      if (now - last < 100 && done < total) return;
      last = now;
      const percent = total ? Math.floor((done / total) * 100) : 100;
      spinner.text = `${done}/${total} (${percent}%) · ${counts.eventsPerSecond} events/s · ${counts.lost} lost`;
    },
    log(text) {
      spinner.clear();
      out.write(text);
      spinner.render();
    },
    stop: () => void spinner.stop(),
  };
}
