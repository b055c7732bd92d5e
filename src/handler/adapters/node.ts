import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../../http/read-body.js';
import { answer, tooLarge } from '../answer.js';
import type { Receive } from './receive-function.js';
import { sendAnswer } from './send-answer.js';

export type NodeRequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/** `http.createServer(hooks.node())`: reads the raw bytes itself, within the kit's body limit. */
export function nodeAdapter(receive: Receive, limit: number): NodeRequestListener {
  return (req, res) => {
    if (req.method !== 'POST') {
      req.resume();
      sendAnswer(res, answer(405, { ok: false, error: 'WineSitting events arrive as POST requests.' }), { allow: 'POST' });
      return;
    }
    void receiveRequest(receive, limit, req).then((result) => result && sendAnswer(res, result));
  };
}

/** The answer to a node:http request whose body is still unread; null when the client went away. */
export async function receiveRequest(receive: Receive, limit: number, req: IncomingMessage) {
  const body = await readBody(req, limit);
  if (body === 'aborted') return null;
  if (body === 'too-large') return tooLarge(limit);
  return receive({ bytes: body });
}
