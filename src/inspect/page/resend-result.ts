import { h } from './dom.js';
import { formatMs, formatTime } from './format.js';
import type { ResendResult } from './types.js';

export interface SentRecord {
  /** `Resend` or `Edited`. */
  what: string;
  at: string;
  result: ResendResult | null;
  /** Why the inspector did not send at all (no URL, a bad URL). */
  error: string | null;
}

const VERDICTS: Record<ResendResult['verdict'], string> = { delivered: 'delivered', 'at-risk': 'at risk', lost: 'lost' };

/** One resend as `send` would report it: verdict, status, time, and what to change when it was lost. */
export function renderSentRecord(record: SentRecord): HTMLElement {
  const { result } = record;
  if (!result) {
    return h(
      'li',
      { class: 'result refused', 'data-testid': 'resend-result', 'data-verdict': 'not-sent' },
      h(
        'div',
        { class: 'result-head' },
        h('span', { class: 'verdict lost' }, 'not sent'),
        ' ',
        h('span', { class: 'result-what' }, `${record.what} · ${formatTime(record.at)}`),
      ),
      h('p', { class: 'result-text' }, record.error),
    );
  }
  const status = result.status === null ? (result.cause ?? 'no answer') : String(result.status);
  return h(
    'li',
    { class: `result ${result.verdict}`, 'data-testid': 'resend-result', 'data-verdict': result.verdict },
    h(
      'div',
      { class: 'result-head' },
      h('span', { class: `verdict ${result.verdict}` }, VERDICTS[result.verdict]),
      ' ',
      h('span', { class: 'result-status', 'data-testid': 'result-status' }, status),
      ' ',
      h('span', { class: 'result-ms' }, formatMs(result.ms)),
      ' ',
      h('span', { class: 'result-what' }, `${record.what} · ${formatTime(record.at)}`),
    ),
    ' ',
    h('div', { class: 'result-url' }, result.url),
    result.error && h('p', { class: 'result-text' }, result.error),
    result.advice && h('p', { class: 'result-advice' }, result.advice),
    result.fix && !result.advice && h('p', { class: 'result-advice' }, result.fix),
    result.body && h('pre', { class: 'answer-body' }, result.body),
  );
}
