import { script } from "./luaScript";

// The queue and the conversations: enqueue, claim, end, transfer, notes, delivery, the transcript.
// A conversation's holder (`holderId`) is the hash field 'volunteerId' (STORED_HOLDER_FIELD in codec.ts): stored chats keep reading.

type ConversationIds = { conversationId: string };
type TransferIds = { conversationId: string; fromStaffId: string };

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
  (k, { conversationId, staffId }) => [k.queue, k.conversation(conversationId), k.presence(staffId), k.active(staffId)],
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
 * holder's active set. The holder's key must be declared up front, so the caller reads the holder
 * first and passes it as ARGV[5]; if a claim slipped in between, the script changes
 * nothing and returns {'retry'}. Otherwise {'not_found'}, {'already_ended'} or {'ok', fields}.
 */
export const END = script<{ conversationId: string; holderId?: string }>(
  "end",
  (k, { conversationId, holderId }) => [
    k.queue,
    k.conversation(conversationId),
    k.endedConversations,
    ...(holderId === undefined ? [] : [k.active(holderId)]),
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

/** Sets the given note fields, only on an existing conversation; returns 1 if it exists. */
export const SET_NOTES = script<ConversationIds>(
  "setNotes",
  (k, { conversationId }) => [k.conversation(conversationId)],
  `-- ARGV: field/value pairs (note, handoverNote), possibly none
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if #ARGV > 0 then redis.call('HSET', KEYS[1], unpack(ARGV)) end
return 1`,
);

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

/** Reads many conversation hashes in one round trip (the queue); an empty table for a missing one. */
export const READ_CONVERSATIONS = script<{ conversationIds: string[] }>(
  "readConversations",
  (k, { conversationIds }) => conversationIds.map((id) => k.conversation(id)),
  `local out = {}
for i, key in ipairs(KEYS) do out[i] = redis.call('HGETALL', key) end
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
 * A professional taking over or handing back: the holder changes from one staff member (or none) to
 * another (or none), and active sets and the conversation change together. KEYS: conversation,
 * from's active set, to's active set (a placeholder key that is never written when that side is none).
 */
export const REASSIGN_HOLDER = script<{ conversationId: string; from?: string; to?: string }>(
  "reassignHolder",
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
