/**
 * Where the Redis store keeps things, every key under one prefix (`wsh:relay:` unless told):
 *
 * - `channels`       sorted set: channel id → when it was last read (ms), for `--channel-ttl`; its size is the channel count
 * - `bytes`          sorted set: channel id → bytes of events kept, to find the largest past `--max-total-bytes`
 * - `total`          bytes of events kept in all channels
 * - `appended`       stream of `{ c: channel id, s: seq, e: epoch }`, one entry per stored event: the one key each relay instance blocks on
 * - `c:<id>`         hash: `token` (its SHA-256), `created`, `first` and `last` (sequence numbers kept), `bytes`,
 *                    `epoch` and `from` (the Redis run that gave the numbers from `from` on)
 * - `c:<id>:events`  stream: one entry per event, id `<seq>-0`, field `j` = the event's wire JSON
 * - `c:<id>:rate`    hash: the channel's token bucket (`t` tokens, `at` ms), expiring when full again
 *
 * The Lua scripts (scripts.ts) build the same names from the prefix.
 */
export const DEFAULT_PREFIX = 'wsh:relay:';

export function channelKey(prefix: string, id: string): string {
  return `${prefix}c:${id}`;
}

export function channelsKey(prefix: string): string {
  return `${prefix}channels`;
}

export function appendedKey(prefix: string): string {
  return `${prefix}appended`;
}
