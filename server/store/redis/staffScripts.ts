import { script } from "./luaScript";

// Staff, presence, wrap-ups, the event log and leases.

/** Writes a presence and registers the staff id; returns the load (SCARD of the active set). */
export const PUT_PRESENCE = script<{ staffId: string }>(
  "putPresence",
  (k, { staffId }) => [k.presence(staffId), k.presenceIds, k.active(staffId)],
  `-- ARGV: staff id, location id, status, capacity, lastAssignedAt, since
redis.call('HSET', KEYS[1], 'staffId', ARGV[1], 'locationId', ARGV[2], 'status', ARGV[3],
  'capacity', ARGV[4], 'lastAssignedAt', ARGV[5], 'since', ARGV[6])
redis.call('SADD', KEYS[2], ARGV[1])
return redis.call('SCARD', KEYS[3])`,
);

/**
 * Reads many presences with their load in one round trip: KEYS are the presence hashes, then the
 * active sets.
 */
export const READ_PRESENCES = script<{ staffIds: string[] }>(
  "readPresences",
  (k, { staffIds }) => [...staffIds.map((id) => k.presence(id)), ...staffIds.map((id) => k.active(id))],
  `local n = #KEYS / 2
local out = {}
for i = 1, n do out[i] = { redis.call('HGETALL', KEYS[i]), redis.call('SCARD', KEYS[n + i]) } end
return out`,
);

/**
 * Writes a staff record and points its lower-cased e-mail at it, dropping the previous e-mail's
 * entry if it still points here. Readers verify the e-mail anyway, so a stale entry cannot leak.
 */
export const PUT_STAFF = script<Record<string, never>>(
  "putStaff",
  (k) => [k.staff, k.staffByEmail],
  `-- ARGV: staff id, staff JSON, lower-cased e-mail, previous lower-cased e-mail ('' = none)
if ARGV[4] ~= '' and ARGV[4] ~= ARGV[3] and redis.call('HGET', KEYS[2], ARGV[4]) == ARGV[1] then
  redis.call('HDEL', KEYS[2], ARGV[4])
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('HSET', KEYS[2], ARGV[3], ARGV[1])
return 1`,
);

/**
 * Files a wrap-up under its key (`conversationId ?? id`, so filing again replaces it), indexes the
 * key by `at`, and clears the conversation from the staff member's to-do set.
 */
export const PUT_WRAP_UP = script<{ staffId: string }>(
  "putWrapUp",
  (k, { staffId }) => [k.wrapUps, k.wrapUpsByAt, k.wrapUpTodo(staffId)],
  `-- ARGV: wrap-up key, wrap-up JSON, at, conversation id ('' = none)
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
if ARGV[4] ~= '' then redis.call('SREM', KEYS[3], ARGV[4]) end
return 1`,
);

/** Wrap-up JSON with `at` >= ARGV[1], oldest first; HMGET in chunks to stay within Lua's unpack limit. */
export const READ_WRAP_UPS = script<Record<string, never>>(
  "readWrapUps",
  (k) => [k.wrapUps, k.wrapUpsByAt],
  `-- ARGV: since (ms)
local ids = redis.call('ZRANGEBYSCORE', KEYS[2], ARGV[1], '+inf')
local out = {}
for i = 1, #ids, 500 do
  local vals = redis.call('HMGET', KEYS[1], unpack(ids, i, math.min(i + 499, #ids)))
  for j = 1, #vals do out[#out + 1] = vals[j] end
end
return out`,
);

/** Appends an event; the zero-padded counter keeps members unique and same-`at` events in order. */
export const APPEND_EVENT = script<Record<string, never>>(
  "appendEvent",
  (k) => [k.events, k.eventSeq],
  `-- ARGV: at, event JSON
local n = redis.call('INCR', KEYS[2])
redis.call('ZADD', KEYS[1], ARGV[1], string.format('%016d', n) .. '|' .. ARGV[2])
return n`,
);

/** Takes or renews a lease unless another owner holds an unexpired one; returns 1 if held now. */
export const LEASE = script<{ name: string }>(
  "lease",
  (k, { name }) => [k.lease(name)],
  `-- ARGV: owner, ttl in ms
local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1`,
);

/** Gives a lease back, only if `owner` still holds it (a late release never frees someone else's). */
export const RELEASE_LEASE = script<{ name: string }>(
  "releaseLease",
  (k, { name }) => [k.lease(name)],
  `-- ARGV: owner
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`,
);
