import { LineSplitter } from '../text/split-lines.js';

/**
 * What the relay server and `listen --relay` share: the stored request as it travels,
 * the server-sent-event frames both ways, and the activity a relay reports.
 */

export type Headers = Record<string, string | string[]>;

/** One webhook request as the relay stored it; sent to the client in a `webhook` frame with `late`. */
export interface RelayedRequest {
  /** Starts at 1 per channel and never repeats: the SSE id, and the client's resume point. */
  seq: number;
  receivedAt: string;
  method: string;
  /** Sub-path and query after `/c/<id>`, e.g. `/orders?env=staging`; `/` when none. */
  path: string;
  contentType: string | null;
  /** The webhook's own headers (not hop-by-hop ones, nor Host); absent in events stored by older relays. */
  headers?: Headers;
  /** The exact bytes, base64. */
  body: string;
}

/** `hello`: the first frame of a stream. */
export interface HelloFrame {
  channel: string;
  heartbeatMs: number;
  lastSeq: number;
  firstSeq: number;
  /**
   * The channel's numbering (a relay on Redis): numbers from `epochFrom` on were given in
   * `epoch`. A client that holds a number of another epoch, at or past `epochFrom`, holds a
   * number the relay gave again after losing the event: it sends its epoch back with
   * `x-relay-epoch`, and the stream resumes at `epochFrom`.
   */
  epoch?: string;
  epochFrom?: number;
}

/** `restart`: the relay ends the stream, to be opened again (the channel's numbers went back, or it is gone). */
export interface RestartFrame {
  reason: string;
}

/** `evicted`: events the client will never get, because the channel's buffer dropped them. */
export interface EvictedFrame {
  count: number;
  from: number;
  to: number;
}

export type WebhookFrame = RelayedRequest & { late: boolean };

/** `store`: the relay lost, or got back, the store it keeps events in; meanwhile posted events are refused (503). */
export interface StoreFrame {
  available: boolean;
}

export type RelayActivity =
  | { kind: 'created'; channel: string }
  | { kind: 'expired'; channel: string; idleMs: number }
  | { kind: 'stored'; channel: string; seq: number; path: string; bytes: number; subscribers: number }
  | { kind: 'refused'; channel: string; status: number; reason: string }
  | { kind: 'subscribed'; channel: string; from: number; subscribers: number }
  | { kind: 'unsubscribed'; channel: string; reason: string; subscribers: number };

export interface SseMessage {
  id: string | null;
  event: string;
  data: string;
}

export function sseFrame(event: 'hello', data: HelloFrame): string;
export function sseFrame(event: 'evicted', data: EvictedFrame): string;
export function sseFrame(event: 'webhook', data: WebhookFrame, id: number): string;
export function sseFrame(event: 'heartbeat', data: { at: string; lastSeq: number }): string;
export function sseFrame(event: 'store', data: StoreFrame): string;
export function sseFrame(event: 'restart', data: RestartFrame): string;
export function sseFrame(event: string, data: unknown, id?: number): string {
  return `${id !== undefined ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** Feeds chunks in, calls `onMessage` per complete message (EventSource rules; LF or CRLF lines). */
export function createSseParser(onMessage: (message: SseMessage) => void): (chunk: string) => void {
  const lines = new LineSplitter();
  let id: string | null = null;
  let event = '';
  let data: string[] = [];
  const line = (text: string) => {
    if (text === '') {
      if (data.length > 0) onMessage({ id, event: event || 'message', data: data.join('\n') });
      event = '';
      data = [];
      return;
    }
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    const value = colon === -1 ? '' : text.slice(colon + (text.charCodeAt(colon + 1) === 32 ? 2 : 1));
    if (field === 'data') data.push(value);
    else if (field === 'event') event = value;
    else if (field === 'id' && !value.includes('\0')) id = value;
  };
  return (chunk) => {
    for (const text of lines.push(chunk)) line(text);
  };
}
