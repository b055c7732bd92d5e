import { describe, expect, it } from 'vitest';
import { createSseParser, sseFrame, type SseMessage } from '../../src/relay/protocol.js';

describe('server-sent events', () => {
  it('parses frames split anywhere, with LF or CRLF, ignoring comments', () => {
    const messages: SseMessage[] = [];
    const feed = createSseParser((m) => messages.push(m));
    const record = { seq: 1, receivedAt: '2026-11-28T12:00:00.000Z', method: 'POST', path: '/', contentType: null, body: 'e30=', late: false };
    const text = `retry: 1000\n\n: heartbeat\n${sseFrame('webhook', record, 1)}id: 2\r\nevent: heartbeat\r\ndata: {}\r\n\r\n`;
    for (let i = 0; i < text.length; i += 5) feed(text.slice(i, i + 5));
    expect(messages).toEqual([
      { id: '1', event: 'webhook', data: JSON.stringify(record) },
      { id: '2', event: 'heartbeat', data: '{}' },
    ]);
  });

  it('joins multi-line data and defaults the event name', () => {
    const messages: SseMessage[] = [];
    createSseParser((m) => messages.push(m))('data: a\ndata: b\n\n');
    expect(messages).toEqual([{ id: null, event: 'message', data: 'a\nb' }]);
  });
});
