import { locateEvent } from '../event-files/stored-event.js';
import { formatFilter, type EventFilter } from '../events/filter.js';
import { plural } from '../text/plural.js';
import type { ScanReport } from '../replay/scan-events.js';
import type { ReplayItem } from '../replay/replay-source.js';
import type { Summary } from '../deliver/stats.js';
import { formatSummary, jsonDeliveryReporter, locationFields, prettyDeliveryReporter, type DeliveryReporter } from './delivery.js';
import { formatIssue } from './issues.js';
import { jsonLine } from './json-line.js';
import type { Paint } from './paint.js';

/**
 * `replay`'s summary: `eventsPerSecond` is the sending rate, from the first delivery on; the
 * whole run's rate, the first pass over the files included, is `overallEventsPerSecond`.
 */
export type ReplaySummary = Summary & { overallEventsPerSecond: number };

/** `replay`'s reporter: its deliveries, its summary, and the list a dry run prints instead. */
export interface ReplayReporter extends Pick<DeliveryReporter, 'result'> {
  summary(summary: ReplaySummary): string;
  listed(item: ReplayItem): string;
}

export function replayReporter(json: boolean, paint: Paint, budget: number, listAll: boolean): ReplayReporter {
  if (json)
    return {
      ...jsonDeliveryReporter(),
      listed: (item) => jsonLine({ ...locationFields(item), type: item.type, operation: item.operation, objectId: item.objectId }),
    };
  const pretty = prettyDeliveryReporter(paint, budget, listAll);
  return {
    result: (sent, result, location) => pretty.result(sent, result, location),
    summary: ({ overallEventsPerSecond, ...summary }) => formatSummary(summary, paint, overallEventsPerSecond),
    listed: (item) => `${locateEvent(item)}  ${item.type} ${item.operation}${item.objectId !== null ? ` #${item.objectId}` : ''}\n`,
  };
}

/** Each invalid event's errors, with file, line and JSON path. */
export function formatProblems(scan: ScanReport, paint: Paint): string {
  let text = '';
  for (const problem of scan.problems) {
    for (const issue of problem.issues) text += `${problem.where}: ${formatIssue(issue, paint)}\n`;
  }
  if (scan.invalid > scan.problems.length) text += `… and ${scan.invalid - scan.problems.length} more invalid events\n`;
  return text;
}

/** Why a replay has nothing to send, and what to change: the inputs hold no event, or the filters leave none. */
export function formatNothingToSend(scan: ScanReport, files: string[], filters: readonly EventFilter[] | undefined): string {
  if (scan.events === 0) {
    const where = files.length === 1 ? `${files[0]!} holds` : `the ${plural(files.length, 'file')} hold`;
    return `Nothing to send: ${where} no event. Record some with "listen --save", or make some with "send --dry-run".`;
  }
  if (scan.invalid === scan.events) return 'Nothing to send: every event is invalid.';
  const shown = (filters ?? []).map((filter) => `--filter ${formatFilter(filter)}`).join(' ');
  return `Nothing to send: no valid event matches ${shown} (${plural(scan.events - scan.invalid, 'valid event')} read). Change or drop the filter.`;
}
