/**
 * The store's Lua scripts: each runs atomically in Redis, so instances sharing one Redis
 * never hand out a sequence number twice, never cross `--max-channels`, and share one
 * rate allowance. They build keys from the prefix (ARGV[1]) because eviction past
 * `--max-total-bytes` touches whichever channel is largest: one Redis, not a Cluster.
 */

/**
 * Evicts a channel's oldest kept event unless it is the only one; true when one was evicted.
 * Amounts are negated as `0 - n`: Lua's `-0` reaches Redis as "-0", which HINCRBY refuses.
 */
const EVICT_OLDEST = `
local function evictOldest(p, id)
  local c = p .. 'c:' .. id
  local kept = redis.call('HMGET', c, 'first', 'last')
  local first, last = tonumber(kept[1]), tonumber(kept[2])
  if not first or last - first < 1 then return false end
  local entry = redis.call('XRANGE', c .. ':events', first .. '-0', first .. '-0')[1]
  local size = entry and #entry[2][2] or 0
  redis.call('HSET', c, 'first', first + 1)
  redis.call('HINCRBY', c, 'bytes', 0 - size)
  redis.call('DECRBY', p .. 'total', size)
  redis.call('ZINCRBY', p .. 'bytes', 0 - size, id)
  redis.call('XTRIM', c .. ':events', 'MINID', '~', (first + 1) .. '-0')
  return true
end
`;

const REMOVE_CHANNEL = `
local function removeChannel(p, id)
  local c = p .. 'c:' .. id
  local bytes = tonumber(redis.call('HGET', c, 'bytes')) or 0
  redis.call('DECRBY', p .. 'total', bytes)
  redis.call('ZREM', p .. 'channels', id)
  redis.call('ZREM', p .. 'bytes', id)
  redis.call('DEL', c, c .. ':events', c .. ':rate')
end
`;

/**
 * The Redis process now running (the start of its run_id): it changes with every restart.
 * A channel's numbering is tied to the run that gave its numbers (`epoch`, from `from`): a
 * Redis that restarted from an older snapshot would give numbers it already gave, and the
 * first append after a restart starts a new epoch, so that relays and clients see it.
 */
const CURRENT_RUN = `
local function currentRun()
  return string.sub(string.match(redis.call('INFO', 'server'), 'run_id:(%x+)'), 1, 16)
end
`;

/** ARGV: prefix, id, token hash, created (ISO), now (ms), max channels → 1, or 0 when full. */
export const CREATE_CHANNEL = `${CURRENT_RUN}
local p, id = ARGV[1], ARGV[2]
if redis.call('ZCARD', p .. 'channels') >= tonumber(ARGV[6]) then return 0 end
redis.call('HSET', p .. 'c:' .. id, 'token', ARGV[3], 'created', ARGV[4], 'first', 1, 'last', 0, 'bytes', 0, 'epoch', currentRun(), 'from', 1)
redis.call('ZADD', p .. 'channels', ARGV[5], id)
redis.call('ZADD', p .. 'bytes', 0, id)
return 1
`;

/** ARGV: prefix, id. */
export const REMOVE = `${REMOVE_CHANNEL}
removeChannel(ARGV[1], ARGV[2])
return 1
`;

/**
 * ARGV: prefix, id, the event's wire JSON without its opening brace, capacity, max bytes,
 * max total bytes, length of the notification stream → { the event's sequence number, epoch }.
 * The number comes from the channel's `last` with HINCRBY and is the stream id
 * (`<seq>-0`), so numbers run 1, 2, 3… without a gap and `Last-Event-ID` works on any instance.
 */
export const APPEND = `${EVICT_OLDEST}${CURRENT_RUN}
local p, id = ARGV[1], ARGV[2]
local c = p .. 'c:' .. id
if redis.call('EXISTS', c) == 0 then return redis.error_reply('NOCHANNEL no channel ' .. id) end
local run = currentRun()
local numbered = redis.call('HMGET', c, 'epoch', 'last')
if numbered[1] ~= run then redis.call('HSET', c, 'epoch', run, 'from', tonumber(numbered[2]) + 1) end
local seq = redis.call('HINCRBY', c, 'last', 1)
local json = '{"seq":' .. seq .. ',' .. ARGV[3]
redis.call('XADD', c .. ':events', seq .. '-0', 'j', json)
redis.call('HINCRBY', c, 'bytes', #json)
redis.call('INCRBY', p .. 'total', #json)
redis.call('ZINCRBY', p .. 'bytes', #json, id)
local capacity, maxBytes, maxTotal = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
while true do
  local kept = redis.call('HMGET', c, 'first', 'bytes')
  if seq - tonumber(kept[1]) + 1 <= capacity and tonumber(kept[2]) <= maxBytes then break end
  if not evictOldest(p, id) then break end
end
-- The largest channel first; one down to its newest event keeps it, and the next largest gives instead.
local rank = 0
while tonumber(redis.call('GET', p .. 'total')) > maxTotal do
  local candidate = redis.call('ZREVRANGE', p .. 'bytes', rank, rank)[1]
  if not candidate then break end
  if evictOldest(p, candidate) then rank = 0 else rank = rank + 1 end
end
redis.call('XADD', p .. 'appended', 'MAXLEN', '~', ARGV[7], '*', 'c', id, 's', seq, 'e', run)
return { seq, run }
`;

/**
 * ARGV: prefix, id, after, max records, max bytes → { first, last, epoch, json… }: the events after
 * `after` that are still kept, at least one when there is one, fetched a few at a time so
 * that a byte limit stops the read before large events are copied.
 */
export const READ = `
local p, id = ARGV[1], ARGV[2]
local c = p .. 'c:' .. id
local kept = redis.call('HMGET', c, 'first', 'last', 'epoch')
local first, last = tonumber(kept[1]), tonumber(kept[2])
if not first then return redis.error_reply('NOCHANNEL no channel ' .. id) end
local result = { first, last, kept[3] or '' }
local from = math.max(tonumber(ARGV[3]) + 1, first)
local maxRecords, maxBytes = tonumber(ARGV[4]), tonumber(ARGV[5])
local bytes, count = 0, 0
while from <= last and count < maxRecords do
  local entries = redis.call('XRANGE', c .. ':events', from .. '-0', last .. '-0', 'COUNT', math.min(8, maxRecords - count))
  if #entries == 0 then break end
  for _, entry in ipairs(entries) do
    local json = entry[2][2]
    if count > 0 and (bytes + #json > maxBytes or count >= maxRecords) then return result end
    result[#result + 1] = json
    bytes = bytes + #json
    count = count + 1
    from = tonumber(string.match(entry[1], '^%d+')) + 1
  end
end
return result
`;

/**
 * A token bucket per channel, on Redis's clock so that every instance agrees. ARGV: prefix,
 * id, rate (events/s), burst → 0 when allowed, else the seconds to wait.
 */
export const TAKE_RATE = `
local key = ARGV[1] .. 'c:' .. ARGV[2] .. ':rate'
local rate, burst = tonumber(ARGV[3]), tonumber(ARGV[4])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local state = redis.call('HMGET', key, 't', 'at')
local tokens, at = tonumber(state[1]) or burst, tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * rate / 1000)
local wait = 0
if tokens < 1 then
  wait = math.max(1, math.ceil((1 - tokens) / rate))
else
  tokens = tokens - 1
end
redis.call('HSET', key, 't', string.format('%.6f', tokens), 'at', now)
redis.call('PEXPIRE', key, math.ceil(burst * 1000 / rate) + 1000)
return wait
`;

/** ARGV: prefix, cutoff (ms), at most → the ids of the channels last read before the cutoff, now removed. */
export const EXPIRE = `${REMOVE_CHANNEL}
local p = ARGV[1]
local ids = redis.call('ZRANGEBYSCORE', p .. 'channels', '-inf', '(' .. ARGV[2], 'LIMIT', 0, tonumber(ARGV[3]))
for _, id in ipairs(ids) do removeChannel(p, id) end
return ids
`;
