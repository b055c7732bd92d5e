import { InvalidArgumentError } from 'commander';
import { parseEventFilter, type EventFilter } from './events/filter.js';
import { EVENT_TYPES, OPERATIONS } from './events/event-names.js';
import { parseAssignment, type Assignment } from './events/set-path.js';
import { DURATION_UNITS, formatDuration } from './time/duration.js';

/** Flag parsers shared by the commands: each turns text into a value or says what is wrong. */

export function integer(min: number, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^-?\d+$/.test(value.trim()) || n < min || n > max) {
      throw new InvalidArgumentError(`expected a whole number from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ''}.`);
    }
    return n;
  };
}

export function positiveNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number above 0.');
  return n;
}

export function url(value: string): string {
  const port = /^(?:[a-z]+:\/\/)?(?:\[[^\]]*\]|[^/:?#]*):(\d+)(?:[/?#]|$)/i.exec(value)?.[1];
  if (port !== undefined && (Number(port) > 65535 || Number(port) === 0))
    throw new InvalidArgumentError(`port ${port} is out of range: ports go from 1 to 65535.`);
  const guess = intendedUrl(value);
  const hint = guess ? ` Did you mean ${guess}?` : '';
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new InvalidArgumentError(`expected an http:// or https:// URL, such as http://127.0.0.1:3000/webhooks.${hint}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new InvalidArgumentError(`expected an http:// or https:// URL${hint ? `.${hint}` : `, received "${parsed.protocol}".`}`);
  }
  return parsed.href;
}

/** The URL a value without its scheme probably meant: `localhost:3000` → `http://localhost:3000`, `3000` → `http://127.0.0.1:3000/`. */
function intendedUrl(value: string): string | null {
  if (value.includes('://')) return null;
  const guess = /^\d+$/.test(value)
    ? `http://127.0.0.1:${value}`
    : /^:\d+/.test(value)
      ? `http://127.0.0.1${value}`
      : /^[\w.-]+(?::\d+)?(?:[/?#]|$)/.test(value)
        ? `http://${value}`
        : null;
  if (guess === null) return null;
  try {
    return new URL(guess).href;
  } catch {
    return null;
  }
}

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, kb: 1024, k: 1024, mb: 1024 ** 2, m: 1024 ** 2, gb: 1024 ** 3, g: 1024 ** 3 };

/** Bytes as `size` reads them, in the largest unit that divides them: 10485760 → `10mb`. */
export function formatSize(bytes: number): string {
  for (const [unit, factor] of [
    ['gb', 1024 ** 3],
    ['mb', 1024 ** 2],
    ['kb', 1024],
  ] as const) {
    if (bytes >= factor && bytes % factor === 0) return `${bytes / factor}${unit}`;
  }
  return String(bytes);
}

/** `10mb`, `512kb`, `1048576` → bytes. */
export function size(value: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value);
  const unit = match ? SIZE_UNITS[match[2]!.toLowerCase()] : undefined;
  if (!match || unit === undefined || Number(match[1]) <= 0) {
    throw new InvalidArgumentError('expected a size such as 10mb, 512kb or 1048576 (bytes).');
  }
  return Math.floor(Number(match[1]) * unit);
}

/** `30d`, `12h`, `90m`, `45s`, `500ms` → milliseconds. */
export function duration(value: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)\s*$/i.exec(value);
  const ms = match ? Math.round(Number(match[1]) * DURATION_UNITS[match[2]!.toLowerCase()]!) : 0;
  if (ms <= 0) throw new InvalidArgumentError('expected a duration such as 30d, 12h, 90m or 45s.');
  return ms;
}

export { formatDuration };

/** `--store`: a Redis URL, `redis://host:port[/db]` or `rediss://…` for TLS. */
export function redisUrl(value: string): string {
  let parsed: URL | null = null;
  try {
    parsed = new URL(value);
  } catch {
    // Said below.
  }
  if (!parsed || (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') || parsed.hostname === '') {
    throw new InvalidArgumentError('expected a Redis URL such as redis://127.0.0.1:6379 or redis://host:6379/2 (rediss:// for TLS).');
  }
  if (!/^\/?(\d+)?$/.test(parsed.pathname)) throw new InvalidArgumentError(`the database in ${value} is not a number: write redis://host:6379/<db>.`);
  return value;
}

export function nonEmpty(value: string): string {
  if (value === '') throw new InvalidArgumentError('expected a value, not an empty string.');
  return value;
}

export function collect<T>(parse: (value: string) => T) {
  return (value: string, previous: T[] | undefined): T[] => [...(previous ?? []), parse(value)];
}

export function header(value: string): [string, string] {
  const colon = value.indexOf(':');
  const name = colon > 0 ? value.slice(0, colon).trim() : '';
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
    throw new InvalidArgumentError(`expected 'Name: value', such as 'Authorization: Bearer abc'.`);
  }
  return [name, value.slice(colon + 1).trim()];
}

/** `--filter ORDER`, `--filter order:update`. */
export function eventFilter(value: string): EventFilter {
  const filter = parseEventFilter(value);
  if (!filter) throw new InvalidArgumentError(`expected TYPE or TYPE:OPERATION, such as ${EVENT_TYPES.join(', ')} or ORDER:${OPERATIONS[1]}.`);
  return filter;
}

/** `--set object.content[0].quantity=24`: the value is JSON when it parses, else a string. */
export function assignment(text: string): Assignment {
  const parsed = parseAssignment(text);
  if (!parsed) throw new InvalidArgumentError('expected path=value, such as object.reference=PO-42 or object.content[0].quantity=24.');
  return parsed;
}
