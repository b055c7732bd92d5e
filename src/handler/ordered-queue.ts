export interface QueuedTask {
  /** Tasks with the same group (one object) run one after the other, in the order they were added. */
  group?: string;
  run(): Promise<void>;
}

export interface OrderedQueue {
  add(task: QueuedTask): void;
  /** Resolves once every task added so far, and every task they lead to, has finished. */
  idle(): Promise<void>;
  readonly size: number;
}

/** Runs at most `concurrency` tasks at once, in arrival order within each group. */
export function createOrderedQueue(concurrency: number): OrderedQueue {
  const waiting: QueuedTask[] = [];
  const busy = new Set<string>();
  let running = 0;
  let idleWaiters: (() => void)[] = [];

  const pump = () => {
    for (let i = 0; i < waiting.length && running < concurrency;) {
      const task = waiting[i]!;
      if (task.group !== undefined && busy.has(task.group)) {
        i++;
        continue;
      }
      waiting.splice(i, 1);
      start(task);
    }
    if (running === 0 && waiting.length === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  };

  const start = (task: QueuedTask) => {
    running++;
    if (task.group !== undefined) busy.add(task.group);
    void task
      .run()
      .catch(() => undefined)
      .finally(() => {
        running--;
        if (task.group !== undefined) busy.delete(task.group);
        pump();
      });
  };

  return {
    add(task) {
      waiting.push(task);
      pump();
    },
    idle: () => (running === 0 && waiting.length === 0 ? Promise.resolve() : new Promise((resolve) => idleWaiters.push(resolve))),
    get size() {
      return running + waiting.length;
    },
  };
}
