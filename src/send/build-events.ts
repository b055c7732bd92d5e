import { UsageError } from '../errors.js';
import { knownOperation, knownType } from '../events/event-names.js';
import { createEvent, createLifecycle } from '../events/generate.js';
import { eventSeed } from '../events/random.js';
import type { DateFormat } from '../events/dates.js';
import { parseEvent, type Issue } from '../events/parse.js';
import { EVENT_TYPES, OPERATIONS, type WineSittingEvent } from '../events/schema.js';
import { setAtPath, type Assignment } from '../events/set-path.js';
import { STATUS_NAMES, findStatus, type StatusName } from '../events/statuses.js';
import { fromFile } from './from-file.js';

export interface BuildOptions {
  type?: string;
  operation?: string;
  status?: string;
  id?: number;
  set?: Assignment[];
  /** An event or a bare object read from `--from`. */
  from?: unknown;
  lifecycle?: boolean;
  count: number;
  seed: number;
  /** Undefined: dates follow from the seed alone. */
  now?: number;
  dateFormat: DateFormat;
  allowInvalid?: boolean;
}

/** Turns `send`'s flags into the events to send, refusing what the contract does not allow. */
export function buildEvents(options: BuildOptions): WineSittingEvent[] {
  const type = pickName('--type', options.type, EVENT_TYPES);
  const operation = pickName('--op', options.operation, OPERATIONS);
  const status = options.status === undefined ? undefined : pickStatus(options.status);
  if (options.lifecycle && (type === 'PUTAWAY' || options.from !== undefined)) {
    throw new UsageError('--lifecycle sends the life of a generated order; it cannot be combined with --type PUTAWAY or --from.');
  }
  const events: WineSittingEvent[] = [];
  for (let i = 0; i < options.count; i++) {
    const seed = eventSeed(options.seed, i);
    const common = { seed, now: options.now, dateFormat: options.dateFormat, id: options.id };
    if (options.lifecycle) events.push(...createLifecycle(common));
    else if (options.from !== undefined)
      events.push(fromFile(options.from, { type, operation, status, id: options.id, seed, now: options.now, allowInvalid: options.allowInvalid }));
    else events.push(createEvent({ ...common, type, operation, status }));
  }
  for (const event of events) {
    for (const { path, value } of options.set ?? []) setAtPath(event, path, value);
  }
  return events;
}

/**
 * Overrides and `--from` can produce anything: the issues of what will be sent, to show,
 * and a refusal when it is no event at all (unless `--allow-invalid`).
 */
export function checkEventsToSend(events: WineSittingEvent[], allowInvalid: boolean): { issues: Issue[]; refusal: UsageError | null } {
  const { issues } = parseEvent(events[0]);
  // One rule however the event was made: flags, --from, --set.
  if (!allowInvalid && isPutawayUpdate(events[0])) {
    return {
      issues: issues.filter((issue) => issue.path !== 'operation'),
      refusal: new UsageError(
        'WineSitting sends PUTAWAY events only with operation CREATE (a putaway is never updated). Use --op CREATE, or --allow-invalid to send it anyway.',
      ),
    };
  }
  const refused = issues.some((issue) => issue.severity === 'error') && !allowInvalid;
  return {
    issues,
    refusal: refused
      ? new UsageError('The event to send is not a valid WineSitting event (see above). Fix it, or pass --allow-invalid to send it anyway.')
      : null,
  };
}

function isPutawayUpdate(event: WineSittingEvent | undefined): boolean {
  const { type, operation } = event ?? {};
  return typeof type === 'string' && typeof operation === 'string' && knownType(type) === 'PUTAWAY' && knownOperation(operation) === 'UPDATE';
}

function pickName<T extends string>(flag: string, value: string | undefined, names: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  const upper = value.trim().toUpperCase();
  if (!(names as readonly string[]).includes(upper)) throw new UsageError(`Unknown ${flag} "${value}". Use one of: ${names.join(', ')}.`);
  return upper as T;
}

function pickStatus(value: string): StatusName {
  const found = findStatus(value);
  if (!found) throw new UsageError(`Unknown status "${value}". Valid statuses: ${STATUS_NAMES.join(', ')}.`);
  return found.name;
}
