import type { ServerResponse } from 'node:http';
import type { Answer } from '../answer.js';

/** Writes an answer on a node:http response (node, Express, Connect). */
export function sendAnswer(res: ServerResponse, { status, body }: Answer, extraHeaders: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), ...extraHeaders });
  res.end(body);
}
