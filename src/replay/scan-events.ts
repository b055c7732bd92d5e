import { isJsonFile, readJsonEvents } from '../event-files/read-events.js';
import { readNdjsonLines, storedEventOf } from '../event-files/read-ndjson-lines.js';
import { locateEvent, type StoredEvent } from '../event-files/stored-event.js';
import type { EventFilter } from '../events/filter.js';
import type { Issue } from '../events/parse.js';
import { EventPlan, planEvent } from './event-plan.js';

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
  /** What the send pass needs of each event, so that it need not parse them again. */
  plan: EventPlan;
}

const MAX_PROBLEMS_KEPT = 50;

/** A first pass over every event before anything is sent: how many there are, and which cannot be sent as events. */
export async function scanEvents(files: string[], filters?: readonly EventFilter[]): Promise<ScanReport> {
  const report: ScanReport = { events: 0, invalid: 0, selected: 0, problems: [], plan: new EventPlan() };
  const consider = (stored: StoredEvent) => {
    report.events++;
    const { event, issues, sent } = planEvent(stored, filters);
    report.plan.add(sent);
    if (sent !== null) report.selected++;
    if (event !== null) return;
    report.invalid++;
    if (report.problems.length < MAX_PROBLEMS_KEPT) report.problems.push({ where: locateEvent(stored), issues: issues.filter((i) => i.severity === 'error') });
  };
  for (const file of files) {
    if (isJsonFile(file)) {
      for await (const stored of readJsonEvents(file)) consider(stored);
      continue;
    }
    for await (const lines of readNdjsonLines(file)) for (const line of lines) consider(storedEventOf(file, line));
  }
  return report;
}
