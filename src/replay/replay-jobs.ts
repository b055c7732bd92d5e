import { readAhead, type JobQueue } from '../deliver/job-queue.js';
import type { Job } from '../deliver/run-deliveries.js';
import { checkStored } from '../event-files/check-stored.js';
import { isJsonFile, jsonEventsOf, mayHoldSeveral, readEvents, wholeFileEvent } from '../event-files/read-events.js';
import { readJsonFile } from '../event-files/read-json-file.js';
import { readNdjsonLines, storedEventOf } from '../event-files/read-ndjson-lines.js';
import type { StoredEvent } from '../event-files/stored-event.js';
import { planEvent, type Described, type EventPlan } from './event-plan.js';
import { replaySource, type ReplayItem, type SourceOptions } from './replay-source.js';

export interface ReplayJobOptions extends SourceOptions {
  /** Leave out the invalid events (`--skip-invalid`); otherwise there are none, or nothing is sent. */
  skipInvalid: boolean;
}

/** Jobs read ahead of the deliveries: enough for any concurrency to find one ready, few enough to keep memory small. */
const READ_AHEAD = 1024;

/**
 * The jobs of a replay, read ahead into a bounded queue. In name order with the files' own bytes
 * (no --refresh-date), each event is sent as its file holds it and described from the first
 * pass's plan: nothing is parsed twice. The `date` and `shuffle` orders and --refresh-date need
 * every event's value, and read the events again.
 */
export function replayJobs(files: string[], plan: EventPlan, options: ReplayJobOptions): JobQueue<ReplayItem> {
  if (options.order === 'name' && !options.refreshDate) return readAhead(READ_AHEAD, (queue) => putInFileOrder(files, plan, options, queue));
  const stored = options.skipInvalid ? onlyValid(readEvents(files)) : readEvents(files);
  return readAhead(READ_AHEAD, (queue) => putAll(replaySource(stored, options), queue));
}

async function putInFileOrder(files: string[], plan: EventPlan, options: ReplayJobOptions, queue: JobQueue<ReplayItem>): Promise<void> {
  let position = 0;
  /** Puts the event at the next position, `--repeat` times, unless the plan leaves it out. */
  const put = (event: Pick<StoredEvent, 'file' | 'line' | 'index' | 'body'>, read: () => StoredEvent) => {
    // Past what the plan holds, the event is judged again, as the first pass did.
    const described: Described | null = plan.get(position++) ?? planEvent(read(), options.filters).sent;
    if (described === null) return;
    const { file, line, index, body } = event;
    const item: ReplayItem = { file, line, index, body, type: described.type, operation: described.operation, objectId: described.objectId };
    const job: Job<ReplayItem> = { item, body: item.body };
    for (let r = 0; r < options.repeat; r++) queue.put(job);
  };
  /** False once no more jobs are wanted. */
  const wanted = async () => {
    if (queue.full) await queue.room();
    return !queue.stopped;
  };
  for (const file of files) {
    if (isJsonFile(file)) {
      const { bytes } = await readJsonFile(file);
      // One event: its bytes, described by the plan, not parsed again. An array's items are re-serialised, so parsed.
      if (!mayHoldSeveral(bytes)) put({ file, line: null, index: null, body: bytes }, () => wholeFileEvent(file, bytes));
      else for (const stored of jsonEventsOf(file, bytes)) put(stored, () => stored);
      if (!(await wanted())) return;
      continue;
    }
    for await (const lines of readNdjsonLines(file)) {
      for (const line of lines) {
        put({ file, line: line.line, index: null, body: line.text }, () => storedEventOf(file, line));
        if (queue.full && !(await wanted())) return;
      }
      if (queue.stopped) return;
    }
  }
}

async function putAll(items: AsyncIterable<ReplayItem>, queue: JobQueue<ReplayItem>): Promise<void> {
  for await (const item of items) {
    queue.put({ item, body: item.body });
    if (queue.full) await queue.room();
    if (queue.stopped) return;
  }
}

async function* onlyValid(events: AsyncIterable<StoredEvent>): AsyncGenerator<StoredEvent> {
  for await (const stored of events) if (checkStored(stored).event !== null) yield stored;
}
