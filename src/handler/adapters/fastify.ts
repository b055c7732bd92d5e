import { keptRawBody, type Receive } from './receive-function.js';

/** What the adapter uses of Fastify's request and reply (no Fastify types: the kit imports no framework). */
export interface FastifyRequestLike {
  body?: unknown;
  rawBody?: unknown;
}
export interface FastifyReplyLike {
  code(status: number): FastifyReplyLike;
  header(name: string, value: string): FastifyReplyLike;
  send(payload: string): FastifyReplyLike;
}
export type FastifyRouteHandler = (request: FastifyRequestLike, reply: FastifyReplyLike) => Promise<FastifyReplyLike>;

/**
 * Fastify 4/5 route handler. Fastify has parsed the body by the time a route runs: the
 * adapter takes `request.rawBody` when a raw-body plugin keeps it, else the parsed body
 * (a Buffer with a `parseAs: 'buffer'` content-type parser, or Fastify's JSON).
 */
export function fastifyAdapter(receive: Receive): FastifyRouteHandler {
  return async (request, reply) => {
    const { status, body } = await receive({ parsed: keptRawBody(request) ?? request.body });
    return reply.code(status).header('content-type', 'application/json; charset=utf-8').send(body);
  };
}
