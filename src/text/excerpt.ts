/** The first `max` characters of `text`, with `…` when cut. */
export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** A body or value as one short line: whitespace runs become one space, then cut at `max`. */
export function excerpt(text: string, max: number): string {
  return truncate(text.replace(/\s+/g, ' ').trim(), max);
}
