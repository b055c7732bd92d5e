import { request as httpRequest } from 'node:http';
import { startReceiver, type ReceiverHandle, type StartOptions } from '../../src/receive/start-receiver.js';

/** A receiver with its inspector, on a free port of `host` (127.0.0.1 unless said). */
export async function startInspected(options: Partial<StartOptions> = {}): Promise<ReceiverHandle & { inspect: string }> {
  const handle = await startReceiver({ port: 0, host: '127.0.0.1', maxBody: 1024 * 1024, inspector: { history: 1000 }, ...options });
  return Object.assign(handle, { inspect: `http://127.0.0.1:${handle.port}/_inspect/` });
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A request with headers a browser sets itself (Host, Origin, Sec-Fetch-Site), which fetch does not let a script choose. */
export function rawRequest(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

export async function getJson(url: string, init?: RequestInit): Promise<{ status: number; body: any }> {
  const response = await fetch(url, init);
  return { status: response.status, body: await response.json() };
}

export interface SseMessage {
  event: string;
  id: string | null;
  data: string;
}

export interface SseReader {
  /** Resolves with the messages once `count` have arrived in all. */
  waitFor(count: number): Promise<SseMessage[]>;
  messages: SseMessage[];
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

/** Reads a Server-Sent Events stream with a real client, message by message. */
export async function readStream(url: string, headers: Record<string, string> = {}): Promise<SseReader> {
  const controller = new AbortController();
  const response = await fetch(url, { headers, signal: controller.signal });
  if (response.status !== 200 || !response.body) throw new Error(`stream answered ${response.status}: ${await response.text()}`);
  const messages: SseMessage[] = [];
  const waiters: { count: number; resolve: (m: SseMessage[]) => void }[] = [];
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const ended = (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const message: SseMessage = { event: 'message', id: null, data: '' };
          for (const line of block.split('\n')) {
            const [field, ...rest] = line.split(': ');
            const text = rest.join(': ');
            if (field === 'event') message.event = text;
            else if (field === 'id') message.id = text;
            else if (field === 'data') message.data += text;
          }
          if (block.startsWith(':') || (!message.data && message.event === 'message')) continue;
          messages.push(message);
          for (const waiter of waiters.filter((w) => messages.length >= w.count)) waiter.resolve(messages);
        }
      }
    } catch {
      // Aborted by close().
    }
  })();
  return {
    messages,
    waitFor: (count) => (messages.length >= count ? Promise.resolve(messages) : new Promise((resolve) => waiters.push({ count, resolve }))),
    ended,
    close: () => controller.abort(),
  };
}
