import { describe, expect, it } from 'vitest';
import type { CaseResult } from '../../src/check/run-check.js';
import { checkReporter, formatCase, formatCheckSummary, formatJunit } from '../../src/render/check-report.js';
import { plain } from '../../src/render/paint.js';

const result = (fields: Partial<CaseResult>): CaseResult => ({
  case: 'order-create',
  summary: 'an ORDER CREATE is acknowledged',
  ms: 5,
  passed: true,
  detail: '200 in 5 ms',
  ...fields,
});
const slow = result({ atRisk: true, detail: '200 in 413 ms, at risk: slower than the 200 ms budget', fix: 'Answer 2xx first.' });
const failed = result({ case: 'large-order', passed: false, detail: 'the 500-line order answered 413 in 3 ms', fix: 'Raise the body size limit.' });

describe('check report', () => {
  it('marks a case at risk apart from a plain pass, with its advice under the detail', () => {
    expect(formatCase(result({}), plain)).toBe(`✔ order-create           200 in 5 ms\n`);
    expect(formatCase(slow, plain)).toBe(
      `⚠ order-create           200 in 413 ms, at risk: slower than the 200 ms budget\n                         → Answer 2xx first.\n`,
    );
    expect(formatCheckSummary([result({}), slow, failed], plain)).toBe('2 passed (1 at risk), 1 failed\n');
  });

  it('counts the cases at risk in JSON lines and JUnit output', () => {
    const json = checkReporter(true, plain);
    expect(JSON.parse(json.case(slow))).toEqual({
      case: 'order-create',
      passed: true,
      atRisk: true,
      detail: '200 in 413 ms, at risk: slower than the 200 ms budget. Answer 2xx first.',
    });
    expect(JSON.parse(json.summary([slow, failed]))).toEqual({ summary: { cases: 2, passed: 1, atRisk: 1, failed: 1 } });
    expect(formatJunit([slow], 'http://x/')).toContain('<system-out>200 in 413 ms, at risk: slower than the 200 ms budget. Answer 2xx first.</system-out>');
  });
});
