import { checkStored } from '../event-files/check-stored.js';
import { readEvents } from '../event-files/read-events.js';
import { locateEvent } from '../event-files/stored-event.js';
import { matchesFilters, type EventFilter } from '../events/filter.js';
import type { Issue } from '../events/parse.js';

export interface Problem {
  where: string;
  issues: Issue[];
}

export interface ScanReport {
  events: number;
  invalid: number;
  /** Valid events that pass the filters: what a replay will send (before --repeat). */
  selected: number;
  /** The first problems found, for display; `invalid` counts them all. */
  problems: Problem[];
}

const MAX_PROBLEMS_KEPT = 50;

/** A first pass over every event before anything is sent: how many there are, and which cannot be sent as events. */
export async function scanEvents(files: string[], filters?: readonly EventFilter[]): Promise<ScanReport> {
  const report: ScanReport = { events: 0, invalid: 0, selected: 0, problems: [] };
  for await (const stored of readEvents(files)) {
    report.events++;
    const { event, issues } = checkStored(stored);
    if (event !== null) {
      if (matchesFilters(event.type, event.operation, filters)) report.selected++;
      continue;
    }
    report.invalid++;
    if (report.problems.length < MAX_PROBLEMS_KEPT) report.problems.push({ where: locateEvent(stored), issues: issues.filter((i) => i.severity === 'error') });
  }
  return report;
}
