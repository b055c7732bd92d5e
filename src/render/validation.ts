import { countIssues } from '../event-files/check-stored.js';
import type { StoredEvent } from '../event-files/stored-event.js';
import type { Issue } from '../events/parse.js';
import { plural } from '../text/plural.js';
import { formatIssue } from './issues.js';
import { jsonLine } from './json-line.js';
import type { Paint } from './paint.js';

export interface ValidationTotals {
  files: number;
  events: number;
  errors: number;
  warnings: number;
}

/** How `validate` shows its findings: a block per file, or a JSON line per event; then the totals. */
export interface ValidationReporter {
  event(stored: StoredEvent, issues: Issue[]): string;
  end(totals: ValidationTotals): string;
}

export function validationReporter(json: boolean, paint: Paint, strict: boolean): ValidationReporter {
  if (json) {
    return {
      event: (stored, issues) =>
        jsonLine({
          file: stored.file,
          line: stored.line,
          ...(stored.index !== null ? { index: stored.index } : {}),
          valid: countIssues(issues).errors === 0,
          issues,
        }),
      end: (totals) => jsonLine({ summary: totals }),
    };
  }
  // Events arrive file after file: a file's block is written when the next file starts.
  let report: FileReport | null = null;
  const finish = () => (report ? formatFileReport(report, paint) : '');
  return {
    event(stored, issues) {
      let text = '';
      if (report?.file !== stored.file) {
        text = finish();
        report = { file: stored.file, events: 0, problems: [] };
      }
      report.events++;
      if (issues.length > 0) report.problems.push({ line: stored.line, issues });
      return text;
    },
    end: (totals) => finish() + formatValidationSummary(totals, strict, paint),
  };
}

export interface FileReport {
  file: string;
  events: number;
  problems: { line: number | null; issues: Issue[] }[];
}

export function formatFileReport(report: FileReport, paint: Paint): string {
  const issues = report.problems.flatMap((p) => p.issues);
  const errors = issues.filter((i) => i.severity === 'error').length;
  const warnings = issues.length - errors;
  const events = plural(report.events, 'event');
  if (issues.length === 0) return `${paint.ok('✔')} ${report.file} ${paint.dim(`(${events})`)}\n`;
  const mark = errors > 0 ? paint.fail('✖') : paint.warn('⚠');
  const counts = [errors ? paint.fail(plural(errors, 'error')) : '', warnings ? paint.warn(plural(warnings, 'warning')) : ''].filter(Boolean).join(', ');
  const lines = [`${mark} ${report.file} ${paint.dim(`(${events})`)}: ${counts}`];
  for (const problem of report.problems) {
    const where = problem.line !== null ? paint.dim(`line ${problem.line}: `) : '';
    for (const issue of problem.issues) lines.push(`    ${where}${formatIssue(issue, paint)}`);
  }
  return `${lines.join('\n')}\n`;
}

export function formatValidationSummary(totals: ValidationTotals, strict: boolean, paint: Paint): string {
  const head = `${plural(totals.files, 'file')}, ${plural(totals.events, 'event')}: `;
  const failed = totals.errors > 0 || (strict && totals.warnings > 0);
  const body = `${plural(totals.errors, 'error')}, ${plural(totals.warnings, 'warning')}`;
  return `${head}${failed ? paint.fail(body) : totals.warnings ? paint.warn(body) : paint.ok(body)}\n`;
}
