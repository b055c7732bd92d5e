/** `text` as a URL, or null when it is none (or absent). */
export function parseUrl(text: string | undefined): URL | null {
  return text !== undefined && URL.canParse(text) ? new URL(text) : null;
}
