/**
 * The cases of `check`, in the order they run, each with what it sends or checks in one
 * line. Apart from the cases themselves so that `--help` lists them without loading the
 * event generators.
 */
export const CASE_SUMMARIES = {
  'order-create': 'an ORDER CREATE is acknowledged',
  'order-update': 'an ORDER UPDATE is acknowledged',
  'putaway-create': 'a PUTAWAY CREATE is acknowledged',
  lifecycle: 'a whole order lifecycle, in order',
  duplicate: 'the same event twice, one after the other',
  'concurrent-duplicates': 'the same event 5 times at once',
  'out-of-order': 'an UPDATE of an unseen order, then its older CREATE',
  'unknown-fields': 'extra keys in the envelope and the object',
  'large-order': 'an order with 500 content lines (about 300 KB)',
  unicode: 'accents and non-Latin text in every text field',
  burst: '50 distinct events at once',
  latency: 'the slowest answer of the run is within the budget',
  'no-redirect': 'no answer of the run was a redirect',
} as const;

export type CaseName = keyof typeof CASE_SUMMARIES;

export const CASE_NAMES = Object.keys(CASE_SUMMARIES) as CaseName[];

/** The help text's list: one line per case. */
export function formatCaseList(indent = 2): string {
  const width = Math.max(...CASE_NAMES.map((name) => name.length)) + 2;
  return CASE_NAMES.map((name) => `${' '.repeat(indent)}${name.padEnd(width)}${CASE_SUMMARIES[name]}`).join('\n');
}
