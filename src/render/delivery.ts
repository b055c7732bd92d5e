import { adviseOnLoss, slowAnswerAdvice, type LossContext } from '../deliver/loss-advice.js';
import type { Summary } from '../deliver/stats.js';
import type { DeliveryResult } from '../deliver/verdict.js';
import type { EnvelopeSummary } from '../events/describe-envelope.js';
import { locateEvent, type StoredEvent } from '../event-files/stored-event.js';
import { excerpt } from '../text/excerpt.js';
import { plural } from '../text/plural.js';
import { jsonLine } from './json-line.js';
import type { Paint } from './paint.js';

/** What was delivered: `send` knows the status it set, `replay` shows what the file holds. */
export type Sent = Pick<EnvelopeSummary, 'type' | 'operation' | 'objectId'> & { status?: string | null };

/** Where a replayed event was read from. */
export type StoredLocation = Pick<StoredEvent, 'file' | 'line' | 'index'>;

/** How `send` and `replay` show each delivery and the summary; one of the two below. */
export interface DeliveryReporter {
  /** The text for one delivery; empty when this reporter leaves it out. */
  result(sent: Sent, result: DeliveryResult, location?: StoredLocation): string;
  summary(summary: Summary): string;
}

/** Lines for a person: every delivery when `listAll`, else only the ones that were not plainly delivered. */
export function prettyDeliveryReporter(paint: Paint, budget: number, listAll = true): DeliveryReporter {
  // Once the URL took an event, a 404 is the app refusing another, not a wrong URL.
  let acknowledgedSome = false;
  return {
    result(sent, result, location) {
      if (result.verdict !== 'lost') acknowledgedSome = true;
      if (!listAll && result.verdict === 'delivered') return '';
      return formatDelivery(sent, result, paint, { budget, acknowledgedSome, where: location ? locateEvent(location) : undefined });
    },
    summary: (summary) => formatSummary(summary, paint),
  };
}

/** The `--json` result lines of `send` and `replay`, then `{"summary": …}`. */
export function jsonDeliveryReporter(): DeliveryReporter {
  return {
    result: (sent, result, location) => jsonLine(deliveryRecord(sent, result, location)),
    summary: (summary) => jsonLine({ summary }),
  };
}

export interface DeliveryContext extends LossContext {
  budget: number;
  /** Where the event was read from, shown after the answer. */
  where?: string;
}

/** One line per delivery; under a loss or a slow answer, what happened and what to change. */
export function formatDelivery(sent: Sent, result: DeliveryResult, paint: Paint, context: DeliveryContext): string {
  const what = `${sent.type ?? '?'} ${sent.operation ?? '?'}${sent.objectId !== null ? ` #${sent.objectId}` : ''}${sent.status ? ` ${sent.status}` : ''}`;
  const head = (mark: string, answer: string) =>
    `${mark} ${paint.bold(what)} → ${result.url}  ${answer} ${paint.dim(formatMs(result.ms))}${context.where ? ` ${paint.dim(context.where)}` : ''}\n`;
  const advice = (text: string) => `  ${paint.warn(`→ ${text}`)}\n`;
  if (result.verdict === 'delivered') return head(paint.ok('✔'), paint.ok(String(result.status)));
  if (result.verdict === 'at-risk') {
    return `${head(paint.warn('⚠'), paint.warn(String(result.status)))}  ${paint.warn(`at risk: slower than the ${context.budget} ms budget.`)}\n${advice(slowAnswerAdvice(context.budget))}`;
  }
  const answer = paint.fail(result.status !== null ? String(result.status) : (result.cause ?? 'error'));
  return `${head(paint.fail('✖'), answer)}  ${paint.fail(`lost: ${describeLoss(result)}`)}\n${advice(adviseOnLoss(result, context))}`;
}

/** Why an event is lost, in the words a developer needs; `adviseOnLoss` says what to change. */
export function describeLoss(result: DeliveryResult): string {
  const body = result.body ? ` Body: ${excerpt(result.body, 200)}` : '';
  switch (result.cause) {
    case 'refused':
      return `Could not reach ${result.url} (connection refused).`;
    case 'reset':
      return `The connection to ${result.url} was reset before an answer.`;
    case 'timeout':
      return `No answer from ${result.url} within the timeout.`;
    case 'redirect':
      return `Answered ${result.status}${result.location ? ` redirect to ${result.location}` : ' redirect'}.${body}`;
    case 'status':
      return `Answered ${result.status}.${body}`;
    default:
      return `Could not deliver to ${result.url}: ${result.error ?? 'unknown error'}.`;
  }
}

/** The summary; with `overallEventsPerSecond` (replay's whole run, first pass included), the sending rate is named as such beside it. */
export function formatSummary(summary: Summary, paint: Paint, overallEventsPerSecond?: number): string {
  const lostBy = Object.entries(summary.lostBy)
    .map(([cause, n]) => `${cause} ${n}`)
    .join(', ');
  const parts = [
    plural(summary.events, 'event'),
    paint.ok(`${summary.delivered} delivered`) + (summary.atRisk ? paint.warn(` (${summary.atRisk} at risk)`) : ''),
    summary.lost ? paint.fail(`${summary.lost} lost (${lostBy})`) : '0 lost',
  ];
  const latency = `p50 ${formatMs(summary.p50)} · p95 ${formatMs(summary.p95)} · p99 ${formatMs(summary.p99)} · max ${formatMs(summary.max)}`;
  const rates =
    overallEventsPerSecond === undefined
      ? `${summary.eventsPerSecond} events/s`
      : `sending ${summary.eventsPerSecond} events/s · overall ${overallEventsPerSecond} events/s`;
  return `${parts.join(', ')}\n${paint.dim(`${latency} · ${rates}`)}\n`;
}

/**
 * What a run cut short by Ctrl-C did: requests in flight then were abandoned, neither
 * delivered nor lost. Nothing when its `StopReason` is that stdout's reader left (`| head`):
 * stopping there is on purpose.
 */
export function formatInterrupted(reason: unknown, done: number, total: number, abandoned: number): string {
  if (reason === 'EPIPE') return '';
  return `Interrupted after ${done} of ${plural(total, 'event')}${abandoned ? `; ${abandoned} in flight abandoned (not counted)` : ''}.\n`;
}

export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
}

/** The `--json` result line shared by send and replay; replay adds where the event was read. */
export function deliveryRecord(sent: Sent, result: DeliveryResult, location?: StoredLocation): Record<string, unknown> {
  // Built key by key, not spread: this runs once per event, and the keys keep this order.
  const record: Record<string, unknown> = {
    type: sent.type,
    operation: sent.operation,
    objectId: sent.objectId,
    url: result.url,
    status: result.status,
    ms: result.ms,
    verdict: result.verdict,
    cause: result.cause,
    body: result.body,
  };
  if (result.error) record.error = result.error;
  if (result.fix) record.fix = result.fix;
  return location ? Object.assign(record, locationFields(location)) : record;
}

/** `file`, `line` (NDJSON) and `index` (in a .json array), for JSON lines. */
export function locationFields(location: StoredLocation): { file: string; line: number | null; index?: number } {
  const { file, line, index } = location;
  return index === null ? { file, line } : { file, line, index };
}
