import type { EventItem, Info, ResendResult, TextCheck } from './types.js';

export interface Api {
  /** A URL of the inspector's, relative to the page, with the page's token when it has one. */
  url(path: string, parameters?: Record<string, string>): string;
  info(): Promise<Info>;
  /** One event, whole. */
  event(seq: number): Promise<EventItem>;
  /** The events in memory after `after` holding every word of `text`, by seq. */
  search(text: string, after: number, signal?: AbortSignal): Promise<number[]>;
  /** The exact bytes received. */
  body(seq: number): Promise<Uint8Array>;
  resend(seq: number, request: { url?: string; body?: string }): Promise<ResendResult>;
  check(text: string, signal?: AbortSignal): Promise<TextCheck>;
}

/** Why the server refused an action, in its own words (`{error}`), or the status when it said nothing. */
export class ApiError extends Error {}

/** The inspector's API, as served next to the page; off loopback every call carries the page's `?token=`. */
export function createApi(pageUrl: string): Api {
  const token = new URL(pageUrl).searchParams.get('token');
  const url = (path: string, parameters: Record<string, string> = {}) => {
    const query = new URLSearchParams(parameters);
    if (token) query.set('token', token);
    const search = query.toString();
    return `${path}${search ? `?${search}` : ''}`;
  };
  const call = async (path: string, init?: RequestInit, parameters?: Record<string, string>): Promise<Response> => {
    const response = await fetch(url(path, parameters), { cache: 'no-store', ...init });
    if (!response.ok) throw new ApiError(await errorText(response));
    return response;
  };
  const post = (path: string, body: string, signal?: AbortSignal) =>
    call(path, { method: 'POST', body, headers: { 'content-type': 'application/json' }, signal: signal ?? null });
  return {
    url,
    info: async () => (await (await call('api/info')).json()) as Info,
    event: async (seq) => (await (await call(`api/events/${seq}`)).json()) as EventItem,
    search: async (text, after, signal) => {
      const found = (await (await call('api/events', { signal: signal ?? null }, { view: 'list', text, after: String(after) })).json()) as { seq: number }[];
      return found.map((item) => item.seq);
    },
    body: async (seq) => new Uint8Array(await (await call(`api/events/${seq}/body`)).arrayBuffer()),
    resend: async (seq, request) => (await (await post(`api/events/${seq}/resend`, JSON.stringify(request))).json()) as ResendResult,
    check: async (text, signal) => (await (await post('api/check', text, signal)).json()) as TextCheck,
  };
}

async function errorText(response: Response): Promise<string> {
  const text = await response.text();
  try {
    const { error } = JSON.parse(text) as { error?: unknown };
    if (typeof error === 'string') return error;
  } catch {
    // Not the API's JSON: say the status.
  }
  return `the inspector answered ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}`;
}
