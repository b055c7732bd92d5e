import type { Issue } from '../events/parse.js';
import { formatIssue } from './issues.js';
import type { Paint } from './paint.js';

export interface FileReport {
  file: string;
  events: number;
  problems: Array<{ line: number | null; issues: Issue[] }>;
}

export function formatFileReport(report: FileReport, paint: Paint): string {
  const issues = report.problems.flatMap((p) => p.issues);
  const errors = issues.filter((i) => i.severity === 'error').length;
  const warnings = issues.length - errors;
  const events = `${report.events} event${report.events === 1 ? '' : 's'}`;
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

export function formatValidationSummary(totals: { files: number; events: number; errors: number; warnings: number }, strict: boolean, paint: Paint): string {
  const head = `${plural(totals.files, 'file')}, ${plural(totals.events, 'event')}: `;
  const failed = totals.errors > 0 || (strict && totals.warnings > 0);
  const body = `${plural(totals.errors, 'error')}, ${plural(totals.warnings, 'warning')}`;
  return `${head}${failed ? paint.fail(body) : totals.warnings ? paint.warn(body) : paint.ok(body)}\n`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
