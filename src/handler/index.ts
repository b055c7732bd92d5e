/**
 * The handler kit: a WineSitting webhook endpoint done once, correctly. Acknowledge fast,
 * never refuse an event, handle each event once, notice late updates, lose nothing acknowledged.
 */
export { createHandler, DEFAULT_BODY_LIMIT, type ErrorContext, type HandlerOptions, type RetryReport, type WebhookHandler } from './create-handler.js';
export { memoryStore, type MemoryStoreOptions } from './stores/memory-store.js';
export { fileStore, type FileStoreOptions } from './stores/file-store.js';
export { redisStore, type RedisClientLike, type RedisStoreOptions } from './stores/redis-store.js';
export { eventKey } from './event-key.js';
export { InvalidEventError } from './invalid-event-error.js';
export type { Answer } from './answer.js';
export type { BodyInput } from './decode-body.js';
export type { NodeRequestListener } from './adapters/node.js';
export type { ExpressMiddleware, ExpressRequest } from './adapters/express.js';
export type { FastifyReplyLike, FastifyRequestLike, FastifyRouteHandler } from './adapters/fastify.js';
export type * from './types.js';
