/**
 * The Redis store's Lua scripts: each runs atomically in Redis, so that of several copies of one
 * event arriving at the same moment, at one process or several, exactly one is recorded first.
 * KEYS[1] is the event's hash, KEYS[2] the set of pending keys (scored by arrival).
 */

/** KEYS[3]: the object's newest `updated_at`. ARGV: key, body, receivedAt, updatedAt ('' for none), ttl seconds. Returns {first, stale}. */
export const RECORD = `
if redis.call('EXISTS', KEYS[1]) == 1 then
  return {0, tonumber(redis.call('HGET', KEYS[1], 'stale') or '0')}
end
local stale = 0
if ARGV[4] ~= '' then
  local newest = redis.call('GET', KEYS[3])
  if newest and tonumber(ARGV[4]) < tonumber(newest) then
    stale = 1
  else
    redis.call('SET', KEYS[3], ARGV[4], 'EX', ARGV[5])
  end
end
redis.call('HSET', KEYS[1], 'body', ARGV[2], 'receivedAt', ARGV[3], 'stale', stale, 'attempts', 0, 'processed', 0)
redis.call('EXPIRE', KEYS[1], ARGV[5])
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
return {1, stale}
`;

/** Returns the attempt's number, or -1 when the event is no longer there (expired). */
export const START_ATTEMPT = `
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
return redis.call('HINCRBY', KEYS[1], 'attempts', 1)
`;

/** ARGV: key. Keeps the key (to recognise later copies) and drops the body. */
export const MARK_PROCESSED = `
if redis.call('EXISTS', KEYS[1]) == 1 then
  redis.call('HSET', KEYS[1], 'processed', 1)
  redis.call('HDEL', KEYS[1], 'body')
end
redis.call('ZREM', KEYS[2], ARGV[1])
return 1
`;

/** KEYS[1]: the pending set. Returns its keys, oldest first. (Event keys are not built here: a client's own `keyPrefix` must apply to them.) */
export const PENDING_KEYS = `return redis.call('ZRANGE', KEYS[1], 0, -1)`;

/** KEYS[1]: one pending event's hash. ARGV: its key. Returns {body, receivedAt, stale, attempts}, or nothing when it expired or was processed. */
export const PENDING_EVENT = `
local fields = redis.call('HMGET', KEYS[1], 'body', 'receivedAt', 'stale', 'attempts', 'processed')
if fields[1] and fields[5] ~= '1' then return {fields[1], fields[2], fields[3], fields[4]} end
redis.call('ZREM', KEYS[2], ARGV[1])
return {}
`;
