/** A channel's last-read time, for the channel TTL, is written at most once a minute per channel. */
const TOUCH_EVERY_MS = 60_000;

/**
 * How often a channel's last-read time is written, whatever the store: at most once a minute
 * (a write per read would double the work of a busy stream), and at least ten times per TTL,
 * so that a channel read now and then is never removed for lack of a write.
 */
export function touchInterval(channelTtlMs: number): number {
  return Math.min(TOUCH_EVERY_MS, channelTtlMs / 10);
}

/** Whether a channel marked read at `lastAt` is to be marked again at `at`. */
export function touchDue(lastAt: number, at: number, interval: number): boolean {
  return at - lastAt >= interval;
}
