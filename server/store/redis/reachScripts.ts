import type { RedisKeys } from "./keys";
import { script } from "./luaScript";

type DebriefIds = { debriefId: string };

/** Stores a new debrief hash and adds it to the index. */
export const CREATE_DEBRIEF = script<DebriefIds>(
  "createDebrief",
  (k, { debriefId }) => [k.debrief(debriefId), k.debriefIds],
  `-- ARGV: debrief id, then field/value pairs
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], unpack(ARGV, 2))
redis.call('SADD', KEYS[2], ARGV[1])
return 1`,
);

/** Takes an open debrief for one professional; racing claims serialise, so exactly one wins. */
export const CLAIM_DEBRIEF = script<DebriefIds>(
  "claimDebrief",
  (k, { debriefId }) => [k.debrief(debriefId)],
  `-- ARGV: staff id, now
local status = redis.call('HGET', KEYS[1], 'status')
if not status then return {'not_found'} end
if status ~= 'open' then return {'not_open'} end
redis.call('HSET', KEYS[1], 'status', 'claimed', 'claimedBy', ARGV[1], 'claimedAt', ARGV[2])
return {'ok', redis.call('HGETALL', KEYS[1])}`,
);

/** Closes a debrief that is not closed yet; returns its fields, or false. */
export const CLOSE_DEBRIEF = script<DebriefIds>(
  "closeDebrief",
  (k, { debriefId }) => [k.debrief(debriefId)],
  `-- ARGV: now
local status = redis.call('HGET', KEYS[1], 'status')
if not status or status == 'closed' then return false end
redis.call('HSET', KEYS[1], 'status', 'closed', 'closedAt', ARGV[1])
return redis.call('HGETALL', KEYS[1])`,
);

/**
 * Appends to a debrief's thread once per message id: the next seq from the debrief's `lastSeq`.
 * Returns {'missing'}, {'dup', seq, json} or {'ok', seq}.
 */
export const APPEND_DEBRIEF_MESSAGE = script<DebriefIds>(
  "appendDebriefMessage",
  (k, { debriefId }) => [k.debrief(debriefId), k.debriefMessageIds(debriefId), k.debriefThread(debriefId)],
  `-- ARGV: message id, message JSON (without seq)
if redis.call('EXISTS', KEYS[1]) == 0 then return {'missing'} end
local earlier = redis.call('HGET', KEYS[2], ARGV[1])
if earlier then
  local stored = redis.call('ZRANGEBYSCORE', KEYS[3], earlier, earlier)
  return {'dup', earlier, stored[1]}
end
local seq = redis.call('HINCRBY', KEYS[1], 'lastSeq', 1)
redis.call('HSET', KEYS[2], ARGV[1], seq)
redis.call('ZADD', KEYS[3], seq, ARGV[2])
return {'ok', seq}`,
);

/** Retention: the debrief, its thread and its index entry go together. Returns how many keys went. */
export const PURGE_DEBRIEF = script<DebriefIds>(
  "purgeDebrief",
  (k, { debriefId }) => [k.debrief(debriefId), k.debriefThread(debriefId), k.debriefMessageIds(debriefId), k.debriefIds],
  `-- ARGV: debrief id
local n = redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
n = n + redis.call('SREM', KEYS[4], ARGV[1])
return n`,
);

/** Every script of this file with example keys, for the slot test. */
export function reachScripts(k: RedisKeys): { name: string; keys: string[] }[] {
  const ids = { debriefId: "d_1" };
  return [CREATE_DEBRIEF, CLAIM_DEBRIEF, CLOSE_DEBRIEF, APPEND_DEBRIEF_MESSAGE, PURGE_DEBRIEF].map((s) => ({
    name: s.name,
    keys: s.keys(k, ids),
  }));
}
