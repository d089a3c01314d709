import { createHash } from "node:crypto";
import type { RedisKeys } from "./keys";

/**
 * A Lua script with the keys it is called with. `keys` is the only way the store builds a script's
 * key list, so the slot test checks exactly what runs.
 */
export interface LuaScript<Ids> {
  readonly name: string;
  readonly lua: string;
  readonly sha: string;
  keys(k: RedisKeys, ids: Ids): string[];
}

/** Declares a named script; also used by the scripts kept beside their feature (returnCodeScripts.ts). */
export function script<Ids>(name: string, keys: (k: RedisKeys, ids: Ids) => string[], lua: string): LuaScript<Ids> {
  return { name, keys, lua, sha: createHash("sha1").update(lua).digest("hex") };
}

type ConversationIds = { conversationId: string };

/** Replaces the conversation hash and adds its id to the queue: no queue id without a conversation. */
export const ENQUEUE = script<ConversationIds>(
  "enqueue",
  (k, { conversationId }) => [k.queue, k.conversation(conversationId)],
  `-- ARGV: conversation id, then field/value pairs
redis.call('DEL', KEYS[2])
redis.call('HSET', KEYS[2], unpack(ARGV, 2))
redis.call('SADD', KEYS[1], ARGV[1])
return 1`,
);

/** Sets the priority only while the conversation is in the queue; returns 1 if it did. */
export const SET_PRIORITY = script<ConversationIds>(
  "setPriority",
  (k, { conversationId }) => [k.queue, k.conversation(conversationId)],
  `-- ARGV: conversation id, priority
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 0 or redis.call('EXISTS', KEYS[2]) == 0 then return 0 end
redis.call('HSET', KEYS[2], 'priority', ARGV[2])
return 1`,
);

/**
 * Assigns a queued conversation: checks it is still queued, the volunteer is "available" and below
 * capacity (SCARD of the active set), then moves it from the queue to the active set and stamps both
 * hashes. Racing claims serialise on the server, so exactly one wins and capacity is never exceeded.
 * Returns {reason} or {'ok', conversation fields}.
 */
export const CLAIM = script<{ conversationId: string; staffId: string }>(
  "claim",
  (k, { conversationId, staffId }) => [
    k.queue,
    k.conversation(conversationId),
    k.presence(staffId),
    k.active(staffId),
  ],
  `-- ARGV: conversation id, staff id, now
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 0 or redis.call('EXISTS', KEYS[2]) == 0 then
  return {'not_queued'}
end
if redis.call('HEXISTS', KEYS[2], 'disconnectedAt') == 1 then return {'disconnected'} end
local p = redis.call('HMGET', KEYS[3], 'status', 'capacity', 'locationId')
if p[1] ~= 'available' then return {'not_available'} end
if redis.call('SCARD', KEYS[4]) >= (tonumber(p[2]) or 0) then return {'at_capacity'} end
redis.call('SREM', KEYS[1], ARGV[1])
redis.call('SADD', KEYS[4], ARGV[1])
redis.call('HSET', KEYS[3], 'lastAssignedAt', ARGV[3])
redis.call('HSET', KEYS[2], 'status', 'active', 'volunteerId', ARGV[2], 'locationId', p[3], 'assignedAt', ARGV[3])
return {'ok', redis.call('HGETALL', KEYS[2])}`,
);

/**
 * A professional takes a waiting youth straight from the queue: still queued and connected, then
 * it moves to the professional's active set with them as holder and joined professional. Serialises
 * with CLAIM on the same keys. Returns {reason} or {'ok', conversation fields}.
 */
export const CLAIM_AS_PROFESSIONAL = script<{ conversationId: string; staffId: string }>(
  "claimAsProfessional",
  (k, { conversationId, staffId }) => [k.queue, k.conversation(conversationId), k.active(staffId)],
  `-- ARGV: conversation id, staff id, location id, now
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 0 or redis.call('EXISTS', KEYS[2]) == 0 then
  return {'not_queued'}
end
if redis.call('HEXISTS', KEYS[2], 'disconnectedAt') == 1 then return {'disconnected'} end
redis.call('SREM', KEYS[1], ARGV[1])
redis.call('SADD', KEYS[3], ARGV[1])
redis.call('HSET', KEYS[2], 'status', 'active', 'volunteerId', ARGV[2], 'professionalId', ARGV[2], 'locationId', ARGV[3], 'assignedAt', ARGV[4])
return {'ok', redis.call('HGETALL', KEYS[2])}`,
);

/**
 * Sets (ARGV[1] = ms) or clears (ARGV[1] = '') `disconnectedAt` of a queued or active conversation; 1
 * if it changed.
 */
export const SET_DISCONNECTED = script<ConversationIds>(
  "setDisconnected",
  (k, { conversationId }) => [k.conversation(conversationId)],
  `-- ARGV: disconnected since ('' = connected again)
local status = redis.call('HGET', KEYS[1], 'status')
if status ~= 'queued' and status ~= 'active' then return 0 end
local marked = redis.call('HEXISTS', KEYS[1], 'disconnectedAt') == 1
if ARGV[1] == '' then
  if not marked then return 0 end
  redis.call('HDEL', KEYS[1], 'disconnectedAt')
  return 1
end
if marked then return 0 end
redis.call('HSET', KEYS[1], 'disconnectedAt', ARGV[1])
return 1`,
);

/**
 * Ends a conversation: queued → abandoned, active → ended; removes it from the queue and from the
 * volunteer's active set. The volunteer's key must be declared up front, so the caller reads
 * `volunteerId` first and passes it as ARGV[5]; if a claim slipped in between, the script changes
 * nothing and returns {'retry'}. Otherwise {'not_found'}, {'already_ended'} or {'ok', fields}.
 */
export const END = script<{ conversationId: string; volunteerId?: string }>(
  "end",
  (k, { conversationId, volunteerId }) => [
    k.queue,
    k.conversation(conversationId),
    k.endedConversations,
    ...(volunteerId === undefined ? [] : [k.active(volunteerId)]),
  ],
  `-- ARGV: conversation id, at, ended by ('' = absent), reason, volunteer id read beforehand ('' = none)
if redis.call('EXISTS', KEYS[2]) == 0 then return {'not_found'} end
local c = redis.call('HMGET', KEYS[2], 'status', 'volunteerId')
if c[1] == 'ended' or c[1] == 'abandoned' then return {'already_ended'} end
if (c[2] or '') ~= ARGV[5] then return {'retry'} end
local status = 'ended'
if c[1] == 'queued' then status = 'abandoned' end
redis.call('SREM', KEYS[1], ARGV[1])
if KEYS[4] then redis.call('SREM', KEYS[4], ARGV[1]) end
redis.call('ZADD', KEYS[3], ARGV[2], ARGV[1])
redis.call('HSET', KEYS[2], 'status', status, 'endedAt', ARGV[2], 'endReason', ARGV[4])
redis.call('HDEL', KEYS[2], 'abuseKey', 'deviceKey')
if ARGV[3] ~= '' then redis.call('HSET', KEYS[2], 'endedBy', ARGV[3]) end
return {'ok', redis.call('HGETALL', KEYS[2])}`,
);

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

/** Sets the given note fields, only on an existing conversation; returns 1 if it exists. */
export const SET_NOTES = script<ConversationIds>(
  "setNotes",
  (k, { conversationId }) => [k.conversation(conversationId)],
  `-- ARGV: field/value pairs (note, handoverNote), possibly none
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if #ARGV > 0 then redis.call('HSET', KEYS[1], unpack(ARGV)) end
return 1`,
);

type TransferIds = { conversationId: string; fromStaffId: string };

/**
 * Hands an active conversation from one volunteer to another, with the same checks as a claim:
 * it must be active and the sender's ({'not_yours'}), the target "available" and someone else
 * ({'not_available'}) and below capacity ({'at_capacity'}). Moves the id between the active sets,
 * stamps the target's lastAssignedAt, points the conversation at the target and its location, and
 * counts the transfer. Returns {reason} or {'ok', conversation fields}.
 */
export const TRANSFER_TO_STAFF = script<TransferIds & { toStaffId: string }>(
  "transferToStaff",
  (k, { conversationId, fromStaffId, toStaffId }) => [
    k.conversation(conversationId),
    k.active(fromStaffId),
    k.presence(toStaffId),
    k.active(toStaffId),
  ],
  `-- ARGV: conversation id, from staff id, to staff id, now
local c = redis.call('HMGET', KEYS[1], 'status', 'volunteerId')
if c[1] ~= 'active' or c[2] ~= ARGV[2] then return {'not_yours'} end
if ARGV[3] == ARGV[2] then return {'not_available'} end
local p = redis.call('HMGET', KEYS[3], 'status', 'capacity', 'locationId')
if p[1] ~= 'available' then return {'not_available'} end
if redis.call('SCARD', KEYS[4]) >= (tonumber(p[2]) or 0) then return {'at_capacity'} end
redis.call('SREM', KEYS[2], ARGV[1])
redis.call('SADD', KEYS[4], ARGV[1])
redis.call('HSET', KEYS[3], 'lastAssignedAt', ARGV[4])
redis.call('HSET', KEYS[1], 'volunteerId', ARGV[3], 'locationId', p[3])
redis.call('HINCRBY', KEYS[1], 'transfers', 1)
return {'ok', redis.call('HGETALL', KEYS[1])}`,
);

/**
 * Puts an active conversation of the sender back into the queue for a location (or "any"): frees
 * the sender's slot, drops volunteer and location, keeps `queuedAt` so the youth stays ahead of
 * newcomers, and counts the transfer. Returns {'not_yours'} or {'ok', conversation fields}.
 */
export const TRANSFER_TO_QUEUE = script<TransferIds>(
  "transferToQueue",
  (k, { conversationId, fromStaffId }) => [k.queue, k.conversation(conversationId), k.active(fromStaffId)],
  `-- ARGV: conversation id, from staff id, location choice
local c = redis.call('HMGET', KEYS[2], 'status', 'volunteerId')
if c[1] ~= 'active' or c[2] ~= ARGV[2] then return {'not_yours'} end
redis.call('SREM', KEYS[3], ARGV[1])
redis.call('SADD', KEYS[1], ARGV[1])
redis.call('HSET', KEYS[2], 'status', 'queued', 'locationChoice', ARGV[3])
redis.call('HDEL', KEYS[2], 'volunteerId', 'locationId')
redis.call('HINCRBY', KEYS[2], 'transfers', 1)
return {'ok', redis.call('HGETALL', KEYS[2])}`,
);

/**
 * Only raises a delivery mark, and only on an existing conversation. The caller clamps the mark to
 * the message counter first: that counter lives in another slot, and it never goes down.
 */
export const MARK_DELIVERED = script<ConversationIds>(
  "markDelivered",
  (k, { conversationId }) => [k.conversation(conversationId)],
  `-- ARGV: field (youthDeliveredSeq | staffDeliveredSeq), mark
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if tonumber(ARGV[2]) <= (tonumber(redis.call('HGET', KEYS[1], ARGV[1])) or 0) then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1`,
);

/**
 * Idempotent on the message id: the first append takes the next seq; a repeat returns what was
 * stored and changes nothing. Returns {duplicate 0|1, seq, stored JSON without seq}.
 */
export const APPEND_MESSAGE = script<ConversationIds>(
  "appendMessage",
  (k, { conversationId }) => [k.messages(conversationId), k.messageIds(conversationId), k.messageSeq(conversationId)],
  `-- ARGV: message id, message JSON without seq
local seq = redis.call('HGET', KEYS[2], ARGV[1])
if seq then return {1, tonumber(seq), redis.call('ZRANGEBYSCORE', KEYS[1], seq, seq)[1]} end
seq = redis.call('INCR', KEYS[3])
redis.call('ZADD', KEYS[1], seq, ARGV[2])
redis.call('HSET', KEYS[2], ARGV[1], seq)
return {0, seq, ARGV[2]}`,
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

/** Appends an event; the zero-padded counter keeps members unique and same-`at` events in order. */
export const APPEND_EVENT = script<Record<string, never>>(
  "appendEvent",
  (k) => [k.events, k.eventSeq],
  `-- ARGV: at, event JSON
local n = redis.call('INCR', KEYS[2])
redis.call('ZADD', KEYS[1], ARGV[1], string.format('%016d', n) .. '|' .. ARGV[2])
return n`,
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

/** Reads many conversation hashes in one round trip (the queue); an empty table for a missing one. */
export const READ_CONVERSATIONS = script<{ conversationIds: string[] }>(
  "readConversations",
  (k, { conversationIds }) => conversationIds.map((id) => k.conversation(id)),
  `local out = {}
for i, key in ipairs(KEYS) do out[i] = redis.call('HGETALL', key) end
return out`,
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
 * Sets or clears (ARGV[1] = '') the professional who joined a conversation, only on an existing
 * conversation; returns 1 if it exists.
 */
export const SET_PROFESSIONAL = script<ConversationIds>(
  "setProfessional",
  (k, { conversationId }) => [k.conversation(conversationId)],
  `-- ARGV: professional staff id ('' = none)
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if ARGV[1] == '' then
  redis.call('HDEL', KEYS[1], 'professionalId')
else
  redis.call('HSET', KEYS[1], 'professionalId', ARGV[1])
end
return 1`,
);

/**
 * A professional taking over (volunteer → none) or handing back (none → volunteer): active sets and
 * the conversation change together. KEYS: conversation, from's active set, to's active set (a
 * placeholder key that is never written when that side is none).
 */
export const REASSIGN_VOLUNTEER = script<{ conversationId: string; from?: string; to?: string }>(
  "reassignVolunteer",
  (k, { conversationId, from, to }) => [k.conversation(conversationId), k.active(from ?? "-none-"), k.active(to ?? "-none-")],
  `-- ARGV: from ('' = none), to ('' = none)
local c = redis.call('HMGET', KEYS[1], 'status', 'volunteerId')
if c[1] ~= 'active' or (c[2] or '') ~= ARGV[1] then return 0 end
if ARGV[1] ~= '' then
  redis.call('SREM', KEYS[2], redis.call('HGET', KEYS[1], 'id'))
  redis.call('HSET', KEYS[1], 'previousVolunteerId', ARGV[1])
end
if ARGV[2] ~= '' then
  redis.call('SADD', KEYS[3], redis.call('HGET', KEYS[1], 'id'))
  redis.call('HSET', KEYS[1], 'volunteerId', ARGV[2])
else
  redis.call('HDEL', KEYS[1], 'volunteerId')
end
return 1`,
);

type EscalationIds = { escalationId: string };

/**
 * Replaces an escalation hash and keeps the unresolved set in step: the id is in it unless the
 * escalation is already resolved.
 */
export const CREATE_ESCALATION = script<EscalationIds & { conversationId?: string }>(
  "createEscalation",
  (k, { escalationId, conversationId }) => [
    k.escalation(escalationId),
    k.unresolvedEscalations,
    k.escalationByConversation,
    ...(conversationId ? [k.escalationsOf(conversationId)] : []),
  ],
  `-- ARGV: escalation id, status, conversation id ('' = none), indexed ('1' unless a debrief), then field/value pairs;
-- KEYS[4]: every escalation of the conversation, whatever its status (retention and erasure)
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], unpack(ARGV, 5))
if KEYS[4] then redis.call('SADD', KEYS[4], ARGV[1]) end
if ARGV[2] == 'resolved' then
  redis.call('SREM', KEYS[2], ARGV[1])
else
  redis.call('SADD', KEYS[2], ARGV[1])
  if ARGV[3] ~= '' and ARGV[4] == '1' then redis.call('HSET', KEYS[3], ARGV[3], ARGV[1]) end
end
return 1`,
);

/**

 * Removes the escalations of one conversation (read from its index beforehand: KEYS[4..]), their
 * places among the unresolved ones and in the one-per-conversation index, and the index itself;
 * returns how many hashes went.
 */
export const PURGE_ESCALATIONS_OF = script<{ conversationId: string; escalationIds: string[] }>(
  "purgeEscalationsOf",
  (k, { conversationId, escalationIds }) => [k.escalationsOf(conversationId), k.unresolvedEscalations, k.escalationByConversation, ...escalationIds.map((id) => k.escalation(id))],
  `-- ARGV: conversation id, then the escalation ids matching KEYS[4..]
local removed = 0
for i = 4, #KEYS do
  removed = removed + redis.call('DEL', KEYS[i])
  redis.call('SREM', KEYS[2], ARGV[i - 2])
end
redis.call('HDEL', KEYS[3], ARGV[1])
redis.call('DEL', KEYS[1])
return removed`,
);

/** * One unresolved escalation per conversation. The caller reads the conversation's current one first
 * (its key must be declared) and passes it; if the index moved meanwhile the script changes nothing
 * and returns {'retry'}. With an unresolved one: level only up, signals merged, the note kept (or
 * the new one if none), signalAt on a raise or a new signal: {'merged', raised 0|1, fields}.
 * Otherwise the new escalation is created and indexed: {'created', fields}.
 */
export const OPEN_ESCALATION = script<{ escalationId: string; existingId?: string; conversationId: string }>(
  "openEscalation",
  (k, { escalationId, existingId, conversationId }) => [
    k.escalation(escalationId),
    k.unresolvedEscalations,
    k.escalationByConversation,
    k.escalation(existingId ?? "-none-"),
    k.escalationsOf(conversationId),
  ],
  `-- ARGV: new id, conversation id, existing id read beforehand ('' = none), level, signals JSON, note, raisedAt, then field/value pairs
local current = redis.call('HGET', KEYS[3], ARGV[2])
if (current or '') ~= ARGV[3] then return {'retry'} end
if current then
  local e = redis.call('HMGET', KEYS[4], 'status', 'level', 'signals', 'note')
  if e[1] and e[1] ~= 'resolved' then
    local rank = { consult = 1, urgent = 2, crisis = 3 }
    local raised = 0
    if (rank[ARGV[4]] or 0) > (rank[e[2]] or 0) then
      redis.call('HSET', KEYS[4], 'level', ARGV[4])
      raised = 1
    end
    local list = {}
    local seen = {}
    if e[3] then for _, s in ipairs(cjson.decode(e[3])) do list[#list + 1] = s; seen[s] = true end end
    local before = #list
    for _, s in ipairs(cjson.decode(ARGV[5])) do if not seen[s] then list[#list + 1] = s; seen[s] = true end end
    if #list > before then redis.call('HSET', KEYS[4], 'signals', cjson.encode(list)) end
    if (not e[4] or e[4] == '') and ARGV[6] ~= '' then redis.call('HSET', KEYS[4], 'note', ARGV[6]) end
    if raised == 1 or #list > before then redis.call('HSET', KEYS[4], 'signalAt', ARGV[7]) end
    return {'merged', raised, redis.call('HGETALL', KEYS[4])}
  end
end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], unpack(ARGV, 8))
redis.call('SADD', KEYS[2], ARGV[1])
redis.call('HSET', KEYS[3], ARGV[2], ARGV[1])
redis.call('SADD', KEYS[5], ARGV[1])
return {'created', redis.call('HGETALL', KEYS[1])}`,
);

/** Records a routing step only while the escalation is open; returns 1 if it did. */
export const RECORD_OFFER = script<EscalationIds>(
  "recordOffer",
  (k, { escalationId }) => [k.escalation(escalationId)],
  `-- ARGV: offeredTo JSON array, offeredAt, unroutedAt ('' = leave as is)
if redis.call('HGET', KEYS[1], 'status') ~= 'open' then return 0 end
redis.call('HSET', KEYS[1], 'offeredTo', ARGV[1], 'offeredAt', ARGV[2])
if ARGV[3] ~= '' then redis.call('HSET', KEYS[1], 'unroutedAt', ARGV[3]) end
return 1`,
);

/**
 * Claims an open escalation: racing claims serialise on the server, so exactly one sees "open".
 * Returns {'not_found'}, {'not_open'} or {'ok', escalation fields}.
 */
export const CLAIM_ESCALATION = script<EscalationIds>(
  "claimEscalation",
  (k, { escalationId }) => [k.escalation(escalationId)],
  `-- ARGV: staff id, now
local status = redis.call('HGET', KEYS[1], 'status')
if not status then return {'not_found'} end
if status ~= 'open' then return {'not_open'} end
redis.call('HSET', KEYS[1], 'status', 'claimed', 'claimedBy', ARGV[1], 'claimedAt', ARGV[2])
return {'ok', redis.call('HGETALL', KEYS[1])}`,
);

/**
 * Resolves an escalation claimed by this staff member and drops it from the unresolved set (the
 * hash stays readable). Returns 1 if it did.
 */
export const RESOLVE_ESCALATION = script<EscalationIds>(
  "resolveEscalation",
  (k, { escalationId }) => [k.escalation(escalationId), k.unresolvedEscalations, k.escalationByConversation],
  `-- ARGV: escalation id, staff id, resolved at, outcome, referral
local e = redis.call('HMGET', KEYS[1], 'status', 'claimedBy', 'conversationId')
if e[1] ~= 'claimed' or e[2] ~= ARGV[2] then return 0 end
redis.call('HSET', KEYS[1], 'status', 'resolved', 'resolvedAt', ARGV[3], 'outcome', ARGV[4], 'referral', ARGV[5])
redis.call('SREM', KEYS[2], ARGV[1])
if e[3] and redis.call('HGET', KEYS[3], e[3]) == ARGV[1] then redis.call('HDEL', KEYS[3], e[3]) end
return 1`,
);

/**
 * Gives a claimed escalation back to the open pool, only if `staffId` holds it; routing restarts from
 * now.
 */
export const RELEASE_ESCALATION = script<EscalationIds>(
  "releaseEscalation",
  (k, { escalationId }) => [k.escalation(escalationId)],
  `-- ARGV: staff id, now
local e = redis.call('HMGET', KEYS[1], 'status', 'claimedBy')
if e[1] ~= 'claimed' or e[2] ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'status', 'open', 'offeredTo', '[]', 'offeredAt', ARGV[2])
redis.call('HDEL', KEYS[1], 'claimedBy', 'claimedAt', 'unroutedAt')
return 1`,
);

/** Reads many escalation hashes in one round trip; an empty table for a missing one. */
export const READ_ESCALATIONS = script<{ escalationIds: string[] }>(
  "readEscalations",
  (k, { escalationIds }) => escalationIds.map((id) => k.escalation(id)),
  `local out = {}
for i, key in ipairs(KEYS) do out[i] = redis.call('HGETALL', key) end
return out`,
);

/** Every script with the keys it is called with for sample ids, for the slot test. */
export function allScripts(k: RedisKeys): { name: string; lua: string; keys: string[] }[] {
  const conversationId = "c_sample0001";
  const staffId = "s_sample";
  const escalationId = "e_sample0001";
  const use = <Ids>(s: LuaScript<Ids>, ids: Ids) => ({ name: s.name, lua: s.lua, keys: s.keys(k, ids) });
  return [
    use(ENQUEUE, { conversationId }),
    use(SET_PRIORITY, { conversationId }),
    use(CLAIM, { conversationId, staffId }),
    use(CLAIM_AS_PROFESSIONAL, { conversationId, staffId }),
    use(SET_DISCONNECTED, { conversationId }),
    use(END, { conversationId }),
    use(END, { conversationId, volunteerId: staffId }),
    use(PUT_PRESENCE, { staffId }),
    use(SET_NOTES, { conversationId }),
    use(TRANSFER_TO_STAFF, { conversationId, fromStaffId: staffId, toStaffId: "s_other" }),
    use(TRANSFER_TO_QUEUE, { conversationId, fromStaffId: staffId }),
    use(MARK_DELIVERED, { conversationId }),
    use(APPEND_MESSAGE, { conversationId }),
    use(PUT_STAFF, {}),
    use(APPEND_EVENT, {}),
    use(PUT_WRAP_UP, { staffId }),
    use(READ_WRAP_UPS, {}),
    use(LEASE, { name: "tick" }),
    use(RELEASE_LEASE, { name: "tick" }),
    use(RELEASE_ESCALATION, { escalationId: "e_sample" }),
    use(REASSIGN_VOLUNTEER, { conversationId, from: staffId, to: "s_other" }),
    use(READ_CONVERSATIONS, { conversationIds: [conversationId, "c_sample0002"] }),
    use(READ_PRESENCES, { staffIds: [staffId, "s_other"] }),
    use(SET_PROFESSIONAL, { conversationId }),
    use(CREATE_ESCALATION, { escalationId }),
    use(CREATE_ESCALATION, { escalationId, conversationId: "c_sample0001" }),
    use(PURGE_ESCALATIONS_OF, { conversationId: "c_sample0001", escalationIds: [escalationId, "e_sample0002"] }),
    use(OPEN_ESCALATION, { escalationId, conversationId: "c_sample0001" }),
    use(OPEN_ESCALATION, { escalationId, existingId: "e_sample0002", conversationId: "c_sample0001" }),
    use(RECORD_OFFER, { escalationId }),
    use(CLAIM_ESCALATION, { escalationId }),
    use(RESOLVE_ESCALATION, { escalationId }),
    use(READ_ESCALATIONS, { escalationIds: [escalationId, "e_sample0002"] }),
  ];
}
