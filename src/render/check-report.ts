import type { CaseResult } from '../check/run-check.js';
import { jsonLine } from './json-line.js';
import type { Paint } from './paint.js';

const WIDTH = 22;

/** How `check` shows each case and the end of the run. */
export interface CheckReporter {
  case(result: CaseResult): string;
  summary(results: CaseResult[]): string;
}

export function checkReporter(json: boolean, paint: Paint): CheckReporter {
  if (json) {
    return {
      case: (result) =>
        jsonLine({
          case: result.case,
          passed: result.passed,
          atRisk: result.atRisk === true,
          detail: result.fix ? `${result.detail}. ${result.fix}` : result.detail,
        }),
      summary: (results) => jsonLine({ summary: countCases(results) }),
    };
  }
  return { case: (result) => formatCase(result, paint), summary: (results) => formatCheckSummary(results, paint) };
}

export function formatCase(result: CaseResult, paint: Paint): string {
  const mark = !result.passed ? paint.fail('✖') : result.atRisk ? paint.warn('⚠') : paint.ok('✔');
  const line = `${mark} ${result.case.padEnd(WIDTH)} ${result.passed && !result.atRisk ? paint.dim(result.detail) : result.detail}`;
  // Under the detail: past the mark, its space, the padded name and its space.
  return result.fix ? `${line}\n${' '.repeat(WIDTH + 3)}${paint.warn(`→ ${result.fix}`)}\n` : `${line}\n`;
}

export function formatCheckSummary(results: CaseResult[], paint: Paint): string {
  const { passed, atRisk, failed } = countCases(results);
  const text = `${passed} passed${atRisk ? ` (${atRisk} at risk)` : ''}, ${failed} failed`;
  return `${failed ? paint.fail(text) : atRisk ? paint.warn(text) : paint.ok(text)}\n`;
}

/** Passed cases include the ones at risk: delivered, but slower than the budget. */
function countCases(results: CaseResult[]): { cases: number; passed: number; atRisk: number; failed: number } {
  const failed = results.filter((r) => !r.passed).length;
  const atRisk = results.filter((r) => r.passed && r.atRisk).length;
  return { cases: results.length, passed: results.length - failed, atRisk, failed };
}

/** A JUnit XML report: one testcase per case, a failure element with the reason. */
export function formatJunit(results: CaseResult[], url: string): string {
  const failures = results.filter((r) => !r.passed).length;
  const seconds = (ms: number) => (ms / 1000).toFixed(3);
  const total = results.reduce((sum, r) => sum + r.ms, 0);
  const cases = results.map((r) => {
    const open = `    <testcase classname="winesitting-hooks.check" name="${xml(r.case)}" time="${seconds(r.ms)}"`;
    const reason = `${r.detail}${r.fix ? `. ${r.fix}` : ''}`;
    if (r.passed) return `${open}>\n      <system-out>${xml(reason)}</system-out>\n    </testcase>`;
    return `${open}>\n      <failure message="${xml(reason)}" type="${xml(r.case)}">${xml(`${r.summary}: ${reason}`)}</failure>\n    </testcase>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="winesitting-hooks check" tests="${results.length}" failures="${failures}" time="${seconds(total)}">
  <testsuite name="${xml(`WineSitting webhook endpoint ${url}`)}" tests="${results.length}" failures="${failures}" errors="0" skipped="0" time="${seconds(total)}">
${cases.join('\n')}
  </testsuite>
</testsuites>
`;
}

/** Characters XML 1.0 allows: tab, line breaks, and everything from space up except surrogates and U+FFFE/U+FFFF. */
function allowedInXml(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || code >= 0x10000;
}

function xml(text: string): string {
  // Characters XML 1.0 forbids are dropped; the five special ones escaped.
  return Array.from(text)
    .filter(allowedInXml)
    .join('')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
