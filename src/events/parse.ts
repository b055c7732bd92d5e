import type * as z from 'zod';
import { knownOperation, knownType } from './event-names.js';
import { EVENT_TYPES, OPERATIONS, dateSchema, orderSchema, putawaySchema, type EventType, type WineSittingEvent } from './schema.js';
import { STATUS_NAMES } from './statuses.js';
import { describeType, formatPath, getAtPath, isPlainObject, type PathSegment } from './path.js';

export type Severity = 'error' | 'warning';
export interface Issue {
  path: string;
  message: string;
  severity: Severity;
}
export interface ParseResult {
  /** The event, with type and operation normalised to upper case; null when it has errors. */
  event: WineSittingEvent | null;
  issues: Issue[];
}

/** Past this, one event's remaining issues are summarised in one line. */
const MAX_ISSUES = 50;

/**
 * Checks a parsed JSON value against the WineSitting model. Errors make it unusable as
 * an event (no envelope); warnings are deviations a receiver must still acknowledge.
 */
export function parseEvent(input: unknown): ParseResult {
  const issues: Issue[] = [];
  if (!isPlainObject(input)) {
    issues.push(error('', `expected a JSON object (the event envelope), received ${describeType(input)}`));
    return { event: null, issues };
  }
  const type = readName(input, 'type', EVENT_TYPES, knownType, issues);
  const operation = readName(input, 'operation', OPERATIONS, knownOperation, issues);
  const object = input.object;
  if (!isPlainObject(object)) {
    issues.push(
      error('object', object === undefined ? 'missing; expected the order or putaway object' : `expected an object, received ${describeType(object)}`),
    );
  }
  if (!('date' in input)) issues.push(warning('date', 'missing; expected the date the event was emitted'));
  else issues.push(...schemaIssues(dateSchema, input.date, ['date']));
  if (type === 'PUTAWAY' && operation === 'UPDATE') {
    issues.push(warning('operation', 'PUTAWAY events exist only with operation CREATE; an UPDATE is outside the documented contract'));
  }
  if (type && isPlainObject(object)) issues.push(...objectIssues(type, object));
  const capped = capIssues(issues);
  if (!type || !operation || !isPlainObject(object) || capped.some((i) => i.severity === 'error')) {
    return { event: null, issues: capped };
  }
  return { event: { ...input, type, operation, object } as WineSittingEvent, issues: capped };
}

function readName<T extends string>(
  input: Record<string, unknown>,
  key: string,
  values: readonly T[],
  known: (raw: string) => T | null,
  issues: Issue[],
): T | null {
  const raw = input[key];
  const expected = values.join(' or ');
  if (raw === undefined) {
    issues.push(error(key, `missing; expected ${expected}`));
    return null;
  }
  if (typeof raw !== 'string') {
    issues.push(error(key, `expected ${expected}, received ${describeType(raw)}`));
    return null;
  }
  const name = known(raw);
  if (name === null) {
    issues.push(error(key, `unknown value "${raw}"; expected ${expected}`));
    return null;
  }
  if (name !== raw) issues.push(warning(key, `legacy value "${raw}": WineSitting now sends "${name}"`));
  return name;
}

function objectIssues(type: EventType, object: Record<string, unknown>): Issue[] {
  if (type === 'PUTAWAY') {
    const issues = schemaIssues(putawaySchema, object, ['object']);
    // The putaway shape is assumed (README, "Assumptions"): only its id is required.
    return issues.map((i) => (i.path === 'object.id' ? { ...i, severity: 'error' as const } : i));
  }
  const issues = schemaIssues(orderSchema, object, ['object']);
  const status = object.status;
  if (isPlainObject(status) && typeof status.name === 'string' && !(STATUS_NAMES as string[]).includes(status.name)) {
    issues.push(warning('object.status.name', `unknown status "${status.name}"; known: ${STATUS_NAMES.join(', ')}`));
  }
  return issues;
}

function schemaIssues(schema: z.ZodType, value: unknown, prefix: PathSegment[]): Issue[] {
  const result = schema.safeParse(value);
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    const relative = issue.path as PathSegment[];
    const path = formatPath([...prefix, ...relative]);
    return warning(path, describeIssue(issue, getAtPath(value, relative)));
  });
}

function describeIssue(issue: z.core.$ZodIssue, received: unknown): string {
  if (received === undefined) {
    if (issue.code === 'invalid_type') return `missing; expected ${expectedName(issue.expected, issue.message)}`;
    return issue.code === 'invalid_union' ? 'missing; expected a date' : 'missing';
  }
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${expectedName(issue.expected, issue.message)}, received ${describeType(received)}`;
    case 'invalid_union':
      return `expected an API v2 date object {date, timezone_type, timezone} or an ISO 8601 string, received ${describeValue(received)}`;
    case 'invalid_format':
      return `${issue.message}, received ${describeValue(received)}`;
    default:
      return issue.message;
  }
}

function expectedName(expected: string, message = ''): string {
  if (message.startsWith('expected ')) return message.slice('expected '.length);
  if (expected === 'int') return 'integer';
  return expected === 'nonoptional' ? 'a value' : expected;
}

function describeValue(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value) : describeType(value);
}

function capIssues(issues: Issue[]): Issue[] {
  if (issues.length <= MAX_ISSUES) return issues;
  const kept = issues.slice(0, MAX_ISSUES);
  const rest = issues.slice(MAX_ISSUES);
  const severity = rest.some((i) => i.severity === 'error') ? 'error' : 'warning';
  kept.push({ path: '', message: `and ${rest.length} more issues`, severity });
  return kept;
}

function error(path: string, message: string): Issue {
  return { path, message, severity: 'error' };
}
function warning(path: string, message: string): Issue {
  return { path, message, severity: 'warning' };
}
