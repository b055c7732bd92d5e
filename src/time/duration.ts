/** The units of `--channel-ttl` and other durations, in milliseconds. */
export const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Milliseconds as the duration flags read them, in the largest unit that divides them: 2592000000 → `30d`. */
export function formatDuration(ms: number): string {
  for (const unit of ['d', 'h', 'm', 's']) {
    const factor = DURATION_UNITS[unit]!;
    if (ms % factor === 0) return `${ms / factor}${unit}`;
  }
  return `${ms}ms`;
}
