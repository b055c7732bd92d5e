import type { DeliveryResult } from '../deliver/verdict.js';
import type { WineSittingEvent } from '../events/schema.js';
import { createEvent, createLifecycle } from '../events/generate.js';
import { excerpt } from '../text/excerpt.js';
import { largeOrderEvent, withUnicode, withUnknownFields } from './case-events.js';
import type { CaseName } from './case-names.js';

export interface CaseContext {
  seed: number;
  budget: number;
  /** Sends one body; identical bodies for identical events. */
  send(event: WineSittingEvent | string): Promise<DeliveryResult>;
  /** Every answer of the run so far, for the run-wide cases. */
  results: DeliveryResult[];
}

export interface CaseOutcome {
  passed: boolean;
  detail: string;
  /** What to change, when it failed. */
  fix?: string;
}

export interface CheckCase {
  run(ctx: CaseContext): Promise<CaseOutcome> | CaseOutcome;
}

const body = (event: WineSittingEvent) => JSON.stringify(event);

/** Judges a set of answers: passes when all are 2xx; otherwise says which and how. */
function judge(results: DeliveryResult[], labels: string[], fix: string): CaseOutcome {
  const failed = results.findIndex((r) => r.status === null || r.status < 200 || r.status >= 300);
  if (failed === -1) {
    const slowest = Math.max(...results.map((r) => r.ms));
    const statuses = [...new Set(results.map((r) => r.status))].join('/');
    return {
      passed: true,
      detail: `${results.length === 1 ? '' : `${results.length} events: `}${statuses} in ${Math.round(slowest)} ms${results.length === 1 ? '' : ' (slowest)'}`,
    };
  }
  return { passed: false, detail: `${labels[failed]} ${describeAnswer(results[failed]!)}`, fix };
}

export function describeAnswer(result: DeliveryResult): string {
  if (result.status === null) return `got no answer (${result.cause}${result.error ? `: ${result.error}` : ''}) after ${Math.round(result.ms)} ms`;
  const location = result.location ? ` to ${result.location}` : '';
  const body = result.body ? `: ${JSON.stringify(excerpt(result.body, 120))}` : '';
  return `answered ${result.status}${location} in ${Math.round(result.ms)} ms${body}`;
}

const single = (make: (seed: number) => WineSittingEvent, label: string, fix: string): CheckCase => ({
  async run(ctx) {
    return judge([await ctx.send(make(ctx.seed))], [label], fix);
  },
});

const ordinal = (n: number) => ['1st', '2nd', '3rd'][n] ?? `${n + 1}th`;

/** Every case by name; they run in the order of `CASE_NAMES`. */
export const CHECK_CASES: Record<CaseName, CheckCase> = {
  'order-create': single(
    (seed) => createEvent({ seed }),
    'the ORDER CREATE',
    'Answer 2xx to every event WineSitting sends: a refusal loses the event, as WineSitting never retries.',
  ),
  'order-update': single(
    (seed) => createEvent({ seed: seed + 1, operation: 'UPDATE', status: 'SHIPPED' }),
    'the ORDER UPDATE',
    'Answer 2xx to every ORDER UPDATE: each carries the whole order after the change.',
  ),
  'putaway-create': single(
    (seed) => createEvent({ seed: seed + 2, type: 'PUTAWAY' }),
    'the PUTAWAY CREATE',
    'Answer 2xx to PUTAWAY events too, even if you ignore them: WineSitting sends them to the same URL.',
  ),
  lifecycle: {
    async run(ctx) {
      const life = createLifecycle({ seed: ctx.seed + 3, pickup: false });
      const results: DeliveryResult[] = [];
      for (const event of life) {
        const result = await ctx.send(event);
        results.push(result);
        if (result.status === null || result.status >= 300) break;
      }
      const labels = life.map((e) => `the ${e.operation} to ${(e.object as { status: { name: string } }).status.name}`);
      return judge(results, labels, 'Every status change arrives as an UPDATE with the whole order: answer 2xx to each, in any state.');
    },
  },
  duplicate: {
    async run(ctx) {
      const event = body(createEvent({ seed: ctx.seed + 4, operation: 'UPDATE', status: 'READY' }));
      const results = [await ctx.send(event), await ctx.send(event)];
      return judge(results, ['the first copy', 'the second, identical copy'], 'Answer 2xx to a duplicate and ignore it; WineSitting may send an event twice.');
    },
  },
  'concurrent-duplicates': {
    async run(ctx) {
      const event = body(createEvent({ seed: ctx.seed + 5, operation: 'UPDATE', status: 'SHIPPED' }));
      const results = await Promise.all(Array.from({ length: 5 }, () => ctx.send(event)));
      return judge(
        results,
        results.map((_, i) => `the ${ordinal(i)} of 5 simultaneous copies`),
        'Copies may arrive at the same moment: make processing idempotent (a unique key on type, id and updated_at, or an upsert) and answer 2xx to every copy.',
      );
    },
  },
  'out-of-order': {
    async run(ctx) {
      const life = createLifecycle({ seed: ctx.seed + 6, pickup: false });
      const results = [await ctx.send(life[2]!), await ctx.send(life[0]!)];
      return judge(
        results,
        ['the UPDATE of an order never seen', 'the older CREATE arriving after its UPDATE'],
        'Events can arrive out of order: store an UPDATE for an unknown order (upsert), keep the newest updated_at, and answer 2xx to the late CREATE.',
      );
    },
  },
  'unknown-fields': single(
    (seed) => withUnknownFields(createEvent({ seed: seed + 7, operation: 'UPDATE' })),
    'the event with extra keys',
    'Ignore keys you do not know: WineSitting may add fields at any time, so do not validate the payload strictly.',
  ),
  'large-order': single(
    (seed) => largeOrderEvent(seed + 8),
    'the 500-line order',
    "Raise the body size limit of your endpoint to at least 1 MB: a large order is about 300 KB (Express's default limit is 100 KB).",
  ),
  unicode: single(
    (seed) => withUnicode(createEvent({ seed: seed + 9 })),
    'the event with accents and non-Latin text',
    'Accept UTF-8 everywhere: names, addresses and comments carry accents, emoji and non-Latin scripts.',
  ),
  burst: {
    async run(ctx) {
      const events = Array.from({ length: 50 }, (_, i) => createEvent({ seed: ctx.seed + 100 + i, operation: i % 2 ? 'UPDATE' : 'CREATE' }));
      const results = await Promise.all(events.map((event) => ctx.send(event)));
      return judge(
        results,
        results.map((_, i) => `event ${i + 1} of the burst of 50`),
        'Answer fast and queue the work: WineSitting may send many events at once, and a refused one is lost.',
      );
    },
  },
  latency: {
    run(ctx) {
      const answered = ctx.results.filter((r) => r.status !== null);
      if (answered.length === 0) return { passed: false, detail: 'no request of the run was answered', fix: 'Start your endpoint, then run the check again.' };
      const slowest = answered.reduce((a, b) => (b.ms > a.ms ? b : a));
      const over = answered.filter((r) => r.ms > ctx.budget).length;
      if (over === 0) return { passed: true, detail: `slowest ${Math.round(slowest.ms)} ms of ${answered.length} answers (budget ${ctx.budget} ms)` };
      return {
        passed: false,
        detail: `${over} of ${answered.length} answers took longer than ${ctx.budget} ms; the slowest ${Math.round(slowest.ms)} ms`,
        fix: `Answer 2xx first, then do the work (queue it): WineSitting's timeout is not documented, and past ${ctx.budget} ms an event risks being lost.`,
      };
    },
  },
  'no-redirect': {
    run(ctx) {
      const redirects = ctx.results.filter((r) => r.cause === 'redirect');
      if (redirects.length === 0) return { passed: true, detail: `none of ${ctx.results.length} answers was a 3xx` };
      const first = redirects[0]!;
      return {
        passed: false,
        detail: `${redirects.length} of ${ctx.results.length} answers were redirects, e.g. ${describeAnswer(first)}`,
        fix: 'WineSitting does not follow redirects: configure the final URL (https, trailing slash) and keep login pages and canonical-host redirects away from the webhook route.',
      };
    },
  },
};
