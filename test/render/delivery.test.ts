import { describe, expect, it } from 'vitest';
import { judgeAnswer, judgeFailure } from '../../src/deliver/verdict.js';
import { formatDelivery, formatInterrupted, prettyDeliveryReporter } from '../../src/render/delivery.js';
import { plain } from '../../src/render/paint.js';

const URL = 'http://127.0.0.1:3000/webhooks';
const sent = { type: 'ORDER', operation: 'CREATE', objectId: 42 };
const answered = (status: number, body: string | null = null, ms = 12) => judgeAnswer(URL, status, ms, 100, body, null);
const fresh = { budget: 100, acknowledgedSome: false };

describe('formatDelivery', () => {
  it('says under a loss what happened, then what to change', () => {
    expect(formatDelivery(sent, answered(401, 'missing token'), plain, fresh)).toBe(
      `✖ ORDER CREATE #42 → ${URL}  401 12 ms\n` +
        '  lost: Answered 401. Body: missing token\n' +
        '  → The endpoint asks for credentials, and WineSitting sends no credentials (no token, cookie or signature): exempt the webhook route from authentication and CSRF checks (a long, secret path keeps it private).\n',
    );
  });

  it('says what to change for a network failure, a TLS one included', () => {
    const refused = judgeFailure(URL, Object.assign(new Error('x'), { code: 'ECONNREFUSED' }), 1);
    expect(formatDelivery(sent, refused, plain, fresh)).toContain(
      '  lost: Could not reach http://127.0.0.1:3000/webhooks (connection refused).\n  → Start your endpoint (or "winesitting-hooks listen"), or fix the port in the URL: nothing listens at 127.0.0.1:3000.\n',
    );
    const plainHttp = judgeFailure('https://127.0.0.1:3000/', Object.assign(new Error('x'), { code: 'ERR_SSL_WRONG_VERSION_NUMBER' }), 1);
    expect(formatDelivery(sent, plainHttp, plain, fresh)).toContain(
      'lost: Could not deliver to https://127.0.0.1:3000/: this port speaks plain HTTP, not HTTPS.\n  → Use http://127.0.0.1:3000/.\n',
    );
  });

  it('marks a slow answer at risk, with the advice for it', () => {
    expect(formatDelivery(sent, answered(200, null, 150), plain, fresh)).toBe(
      `⚠ ORDER CREATE #42 → ${URL}  200 150 ms\n` +
        '  at risk: slower than the 100 ms budget.\n' +
        "  → Answer 2xx first, then do the work (queue it): WineSitting's timeout is not documented, and past 100 ms an event risks being lost.\n",
    );
  });
});

describe('prettyDeliveryReporter', () => {
  it('takes a 404 for a wrong URL, until the URL has taken an event; then for the app refusing that one', () => {
    const report = prettyDeliveryReporter(plain, 100);
    expect(report.result(sent, answered(404))).toContain('→ Nothing answers at this path: check the URL');
    report.result(sent, answered(204));
    expect(report.result(sent, answered(404))).toContain('→ Answer 2xx to every event WineSitting sends');
  });

  it('shows where a replayed event was read on its first line', () => {
    const report = prettyDeliveryReporter(plain, 100);
    const text = report.result(sent, answered(500), { file: 'events.ndjson', line: 3, index: null });
    expect(text.split('\n')[0]).toBe(`✖ ORDER CREATE #42 → ${URL}  500 12 ms events.ndjson:3`);
  });
});

describe('formatInterrupted', () => {
  it('says how far a stopped run went, and nothing when the reader of its output left', () => {
    expect(formatInterrupted('SIGINT', 3, 50, 1)).toBe('Interrupted after 3 of 50 events; 1 in flight abandoned (not counted).\n');
    expect(formatInterrupted('SIGTERM', 3, 50, 0)).toBe('Interrupted after 3 of 50 events.\n');
    expect(formatInterrupted('EPIPE', 3, 50, 1)).toBe('');
  });
});
