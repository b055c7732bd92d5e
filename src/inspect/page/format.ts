/** `14:05:12.218`, in the browser's time zone, as the terminal prints it. */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(ms >= 10_000 ? 0 : 1)} s` : `${ms >= 10 ? Math.round(ms) : ms} ms`;
}

export function isSuccess(status: number | null): boolean {
  return status !== null && status >= 200 && status < 300;
}

/** A value in one line, cut at `max` characters: what a change shows of its old and new values. */
export function preview(value: unknown, max = 80): string {
  let text: string;
  try {
    // A field that appeared or went away is `undefined` on one side, which JSON cannot show.
    text = value === undefined ? 'undefined' : JSON.stringify(value);
  } catch {
    text = Array.isArray(value) ? '[…]' : '{…}';
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
