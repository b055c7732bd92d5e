import type { Issue } from '../events/parse.js';
import { plain, type Paint } from './paint.js';

export function formatIssue(issue: Issue, paint: Paint = plain): string {
  const label = issue.severity === 'error' ? paint.fail('error') : paint.warn('warning');
  return `${label} ${paint.bold(issue.path || '(event)')}: ${issue.message}`;
}
