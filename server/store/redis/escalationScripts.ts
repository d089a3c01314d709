import { script } from "./luaScript";

// Escalations to the professionals on duty: open, offer, claim, release, resolve, purge.

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
  (k, { conversationId, escalationIds }) => [
    k.escalationsOf(conversationId),
    k.unresolvedEscalations,
    k.escalationByConversation,
    ...escalationIds.map((id) => k.escalation(id)),
  ],
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
