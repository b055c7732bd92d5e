import type { Issue } from '../events/parse.js';
import { readEvents } from '../fixtures/read-events.js';
import { checkStored, locate } from '../fixtures/stored-issues.js';
import { matchesFilters, type TypeFilter } from '../options.js';

export interface Problem {
  where: string;
  issues: Issue[];
}

export interface CheckReport {
  events: number;
  invalid: number;
  /** Valid events that pass the filters: what a replay will send (before --repeat). */
  selected: number;
  /** The first problems found, for display; `invalid` counts them all. */
  problems: Problem[];
}

const MAX_PROBLEMS_KEPT = 50;

/** A first pass over every event: how many there are and which cannot be sent as events. */
export async function checkAll(files: string[], filters?: TypeFilter[]): Promise<CheckReport> {
  const report: CheckReport = { events: 0, invalid: 0, selected: 0, problems: [] };
  for await (const stored of readEvents(files)) {
    report.events++;
    const { event, issues } = checkStored(stored);
    if (event !== null) {
      if (matchesFilters(event.type, event.operation, filters)) report.selected++;
      continue;
    }
    report.invalid++;
    if (report.problems.length < MAX_PROBLEMS_KEPT) report.problems.push({ where: locate(stored), issues: issues.filter((i) => i.severity === 'error') });
  }
  return report;
}
