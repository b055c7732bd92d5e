import { InvalidArgumentError } from 'commander';
import { parseEventFilter, type EventFilter } from './events/filter.js';
import { EVENT_TYPES, OPERATIONS } from './events/event-names.js';
import { parseAssignment, type Assignment } from './events/set-path.js';

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
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new InvalidArgumentError(`expected an http:// or https:// URL, such as http://127.0.0.1:3000/webhooks.`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new InvalidArgumentError(`expected an http:// or https:// URL, received ${parsed.protocol}.`);
  }
  return parsed.href;
}

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, kb: 1024, k: 1024, mb: 1024 ** 2, m: 1024 ** 2, gb: 1024 ** 3, g: 1024 ** 3 };

/** `10mb`, `512kb`, `1048576` → bytes. */
export function size(value: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value);
  const unit = match ? SIZE_UNITS[match[2]!.toLowerCase()] : undefined;
  if (!match || unit === undefined || Number(match[1]) <= 0) {
    throw new InvalidArgumentError('expected a size such as 10mb, 512kb or 1048576 (bytes).');
  }
  return Math.floor(Number(match[1]) * unit);
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
