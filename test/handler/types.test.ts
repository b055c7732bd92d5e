import { describe, expectTypeOf, it } from 'vitest';
import type { Order, Putaway } from '../../src/index.js';
import { createHandler, memoryStore, type AnyEvent, type EventInfo } from '../../src/handler/index.js';

// Checked by `npm run typecheck` (tsconfig.test.json covers test/): a listener's event is typed from its name.
describe('listener types', () => {
  it('types event.object from the event name', () => {
    const hooks = createHandler({ store: memoryStore(), retryOnStart: false });
    hooks.on('ORDER.UPDATE', (event, info) => {
      expectTypeOf(event.object).toEqualTypeOf<Order>();
      expectTypeOf(event.type).toEqualTypeOf<'ORDER'>();
      expectTypeOf(event.operation).toEqualTypeOf<'UPDATE'>();
      expectTypeOf(info).toEqualTypeOf<EventInfo>();
    });
    hooks.on('PUTAWAY.CREATE', (event) => expectTypeOf(event.object).toEqualTypeOf<Putaway>());
    hooks.on('ORDER', (event) => {
      expectTypeOf(event.object).toEqualTypeOf<Order>();
      expectTypeOf(event.operation).toEqualTypeOf<'CREATE' | 'UPDATE'>();
    });
    hooks.on('*', (event) => {
      expectTypeOf(event).toEqualTypeOf<AnyEvent>();
      if (event.type === 'ORDER') expectTypeOf(event.object).toEqualTypeOf<Order>();
    });
    // Never run: these lines only have to fail to compile.
    const wrongNames = () => {
      // @ts-expect-error: WineSitting sends no ORDER.DELETE event
      hooks.on('ORDER.DELETE', () => undefined);
      // @ts-expect-error: event names are upper case, as WineSitting sends them
      hooks.on('order', () => undefined);
    };
    expectTypeOf(wrongNames).toBeFunction();
  });
});
