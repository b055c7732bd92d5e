import { tooLarge, type Answer } from '../answer.js';
import type { Receive } from './receive-function.js';

/** A Web `Request` in, a `Response` out: Hono (`c.req.raw`), Next.js route handlers, Bun, Deno. Reads the raw bytes within the kit's limit. */
export function fetchAdapter(receive: Receive, limit: number): (request: Request) => Promise<Response> {
  return async (request) => {
    if (Number(request.headers.get('content-length') ?? 0) > limit) return toResponse(tooLarge(limit));
    const bytes = await readLimited(request, limit);
    return toResponse(bytes === 'too-large' ? tooLarge(limit) : await receive({ bytes }));
  };
}

async function readLimited(request: Request, limit: number): Promise<Uint8Array | 'too-large'> {
  if (!request.body) return new Uint8Array();
  const reader = (request.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return 'too-large';
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}

const toResponse = ({ status, body }: Answer) => new Response(body, { status, headers: { 'content-type': 'application/json; charset=utf-8' } });
