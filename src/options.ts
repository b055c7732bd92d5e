import { InvalidArgumentError } from 'commander';
import { parsePath, type PathSegment } from './events/path.js';

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

export interface TypeFilter {
  type: string;
  operation: string | null;
}

export function typeFilter(value: string): TypeFilter {
  const [type = '', operation] = value.toUpperCase().split(':');
  if (!['ORDER', 'PUTAWAY'].includes(type) || (operation !== undefined && !['CREATE', 'UPDATE'].includes(operation))) {
    throw new InvalidArgumentError('expected TYPE or TYPE:OPERATION, such as ORDER, PUTAWAY or ORDER:UPDATE.');
  }
  return { type, operation: operation ?? null };
}

/** True when no filter is given, or one matches the type (and operation, when it names one). */
export function matchesFilters(type: string | null, operation: string | null, filters: TypeFilter[] | undefined): boolean {
  if (!filters || filters.length === 0) return true;
  return filters.some((f) => f.type === type && (f.operation === null || f.operation === operation));
}

export interface Assignment {
  path: PathSegment[];
  value: unknown;
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'prototype', 'constructor']);

/** `object.content[0].quantity=24`: the value is JSON when it parses, else a string. */
export function assignment(text: string): Assignment {
  const equals = text.indexOf('=');
  const path = equals > 0 ? parsePath(text.slice(0, equals)) : null;
  if (!path || path.some((segment) => typeof segment === 'string' && FORBIDDEN_KEYS.has(segment))) {
    throw new InvalidArgumentError('expected path=value, such as object.reference=PO-42 or object.content[0].quantity=24.');
  }
  const raw = text.slice(equals + 1);
  let value: unknown = raw;
  try {
    value = JSON.parse(raw);
  } catch {
    // Not JSON: the value is the text itself.
  }
  return { path, value };
}
