import { BODY_LIMIT_ADVICE } from '../deliver/loss-advice.js';
import type { DeliveryResult } from '../deliver/verdict.js';
import type { WineSittingEvent } from '../events/schema.js';
import { createEvent, createLifecycle } from '../events/generate.js';
import { largeOrderEvent, withUnicode, withUnknownFields } from './case-events.js';
import type { CaseName } from './case-names.js';
import type { CheckCase } from './case-types.js';
import { acknowledged, judgeCase, type OwnAdvice } from './judge-case.js';
import { latencyCase, noRedirectCase } from './run-wide-cases.js';

const body = (event: WineSittingEvent) => JSON.stringify(event);

const single = (make: (seed: number) => WineSittingEvent, label: string, own: OwnAdvice): CheckCase => ({
  async run(ctx) {
    return judgeCase([await ctx.send(make(ctx.seed))], [label], own, ctx);
  },
});

const ordinal = (n: number) => ['1st', '2nd', '3rd'][n] ?? `${n + 1}th`;

/**
 * Every case by name; they run in the order of `CASE_NAMES`. Each case's own advice fits
 * the failures it looks for (`owns`); any other failure gets the advice for what happened.
 */
export const CHECK_CASES: Record<CaseName, CheckCase> = {
  'order-create': single((seed) => createEvent({ seed }), 'the ORDER CREATE', {
    fix: 'Answer 2xx to every event WineSitting sends: a refusal loses the event, as WineSitting never retries.',
    owns: ['refusal'],
  }),
  'order-update': single((seed) => createEvent({ seed: seed + 1, operation: 'UPDATE', status: 'SHIPPED' }), 'the ORDER UPDATE', {
    fix: 'Answer 2xx to every ORDER UPDATE, even of an order you have not seen: each carries the whole order after the change.',
    owns: ['refusal'],
  }),
  'putaway-create': single((seed) => createEvent({ seed: seed + 2, type: 'PUTAWAY' }), 'the PUTAWAY CREATE', {
    fix: 'Answer 2xx to PUTAWAY events too, even if you ignore them: WineSitting sends them to the same URL.',
    owns: ['refusal'],
    ownsBesideAcknowledged: ['server'],
  }),
  lifecycle: {
    async run(ctx) {
      const life = createLifecycle({ seed: ctx.seed + 3, pickup: false });
      const results: DeliveryResult[] = [];
      for (const event of life) {
        const result = await ctx.send(event);
        results.push(result);
        if (!acknowledged(result)) break;
      }
      const labels = life.map((e) => `the ${e.operation} to ${(e.object as { status: { name: string } }).status.name}`);
      const own: OwnAdvice = {
        fix: 'Every status change arrives as an UPDATE with the whole order: answer 2xx to each, in any state.',
        owns: ['refusal'],
        ownsBesideAcknowledged: ['server'],
      };
      return judgeCase(results, labels, own, ctx);
    },
  },
  duplicate: {
    async run(ctx) {
      const event = body(createEvent({ seed: ctx.seed + 4, operation: 'UPDATE', status: 'READY' }));
      const results = [await ctx.send(event), await ctx.send(event)];
      const own: OwnAdvice = {
        fix: 'Answer 2xx to a duplicate and ignore it; WineSitting may send an event twice.',
        ownsBesideAcknowledged: ['refusal', 'server'],
      };
      return judgeCase(results, ['the first copy', 'the second, identical copy'], own, ctx);
    },
  },
  'concurrent-duplicates': {
    async run(ctx) {
      const event = body(createEvent({ seed: ctx.seed + 5, operation: 'UPDATE', status: 'SHIPPED' }));
      const results = await Promise.all(Array.from({ length: 5 }, () => ctx.send(event)));
      const own: OwnAdvice = {
        fix: 'Copies may arrive at the same moment: make processing idempotent (a unique key on type, id and updated_at, or an upsert) and answer 2xx to every copy.',
        ownsBesideAcknowledged: ['refusal', 'server', 'reset'],
      };
      return judgeCase(
        results,
        results.map((_, i) => `the ${ordinal(i)} of 5 simultaneous copies`),
        own,
        ctx,
      );
    },
  },
  'out-of-order': {
    async run(ctx) {
      const life = createLifecycle({ seed: ctx.seed + 6, pickup: false });
      const results = [await ctx.send(life[2]!), await ctx.send(life[0]!)];
      const own: OwnAdvice = {
        fix: 'Events can arrive out of order: store an UPDATE for an unknown order (upsert), keep the newest updated_at, and answer 2xx to the late CREATE.',
        ownsBesideAcknowledged: ['refusal', 'server'],
      };
      return judgeCase(results, ['the UPDATE of an order never seen', 'the older CREATE arriving after its UPDATE'], own, ctx);
    },
  },
  'unknown-fields': single((seed) => withUnknownFields(createEvent({ seed: seed + 7, operation: 'UPDATE' })), 'the event with extra keys', {
    fix: 'Ignore keys you do not know: WineSitting may add fields at any time, so do not validate the payload strictly.',
    owns: ['refusal'],
  }),
  'large-order': single((seed) => largeOrderEvent(seed + 8), 'the 500-line order', { fix: BODY_LIMIT_ADVICE, owns: ['body-limit'] }),
  unicode: single((seed) => withUnicode(createEvent({ seed: seed + 9 })), 'the event with accents and non-Latin text', {
    fix: 'Accept UTF-8 everywhere: names, addresses and comments carry accents, emoji and non-Latin scripts.',
    owns: ['refusal'],
  }),
  burst: {
    async run(ctx) {
      const events = Array.from({ length: 50 }, (_, i) => createEvent({ seed: ctx.seed + 100 + i, operation: i % 2 ? 'UPDATE' : 'CREATE' }));
      const results = await Promise.all(events.map((event) => ctx.send(event)));
      const own: OwnAdvice = {
        fix: 'Answer fast and queue the work: WineSitting may send many events at once, and a refused one is lost.',
        ownsBesideAcknowledged: ['refusal', 'rate-limit', 'server', 'gateway', 'refused', 'reset', 'timeout'],
      };
      return judgeCase(
        results,
        results.map((_, i) => `event ${i + 1} of the burst of 50`),
        own,
        ctx,
      );
    },
  },
  latency: latencyCase,
  'no-redirect': noRedirectCase,
};
