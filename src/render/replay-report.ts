import { locateEvent } from '../event-files/stored-event.js';
import type { ScanReport } from '../replay/scan-events.js';
import type { ReplayItem } from '../replay/replay-source.js';
import { jsonDeliveryReporter, locationFields, prettyDeliveryReporter, type DeliveryReporter } from './delivery.js';
import { formatIssue } from './issues.js';
import { jsonLine } from './json-line.js';
import type { Paint } from './paint.js';

/** `replay`'s reporter: its deliveries, and the list a dry run prints instead. */
export interface ReplayReporter extends DeliveryReporter {
  listed(item: ReplayItem): string;
}

export function replayReporter(json: boolean, paint: Paint, budget: number, listAll: boolean): ReplayReporter {
  if (json)
    return {
      ...jsonDeliveryReporter(),
      listed: (item) => jsonLine({ ...locationFields(item.stored), type: item.type, operation: item.operation, objectId: item.objectId }),
    };
  return {
    ...prettyDeliveryReporter(paint, budget, listAll),
    listed: (item) => `${locateEvent(item.stored)}  ${item.type} ${item.operation}${item.objectId !== null ? ` #${item.objectId}` : ''}\n`,
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
