import type { RedisKeys } from "./keys";
import { script } from "./luaScript";

/**
 * Stores a return code (a hash with a PX time to live) and points its conversation at it, dropping
 * the code taken there before. That earlier code's key must be declared, so the caller reads the
 * pointer first and passes what it saw as ARGV[1]; if it changed meanwhile the script writes
 * nothing and returns 'retry'.
 */
export const PUT_RETURN_CODE = script<{ codeHash: string; conversationId: string; previousHash?: string }>(
  "putReturnCode",
  (k, { codeHash, conversationId, previousHash }) => [
    k.returnCode(codeHash),
    k.returnCodeOf(conversationId),
    ...(previousHash ? [k.returnCode(previousHash)] : []),
  ],
  `-- ARGV: previous code hash seen ('' = none), ttl in ms, new code hash, field/value pairs
local current = redis.call('GET', KEYS[2]) or ''
if current ~= ARGV[1] then return 'retry' end
if KEYS[3] then redis.call('DEL', KEYS[3]) end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], unpack(ARGV, 4))
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[2])
return 'ok'`,
);

/** Forgets a code (its note goes with it) and its conversation's pointer, if that still points here. */
export const DELETE_RETURN_CODE = script<{ codeHash: string; conversationId: string }>(
  "deleteReturnCode",
  (k, { codeHash, conversationId }) => [k.returnCode(codeHash), k.returnCodeOf(conversationId)],
  `-- ARGV: code hash, conversation id read beforehand
if redis.call('HGET', KEYS[1], 'conversationId') ~= ARGV[2] then return 0 end
redis.call('DEL', KEYS[1])
if redis.call('GET', KEYS[2]) == ARGV[1] then redis.call('DEL', KEYS[2]) end
return 1`,
);

/** Replaces the note of the code taken at the end of a conversation; its time to live stays. */
export const SET_RETURN_CODE_NOTE = script<{ codeHash: string; conversationId: string }>(
  "setReturnCodeNote",
  (k, { codeHash, conversationId }) => [k.returnCodeOf(conversationId), k.returnCode(codeHash)],
  `-- ARGV: code hash read beforehand, note ('' = none)
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if redis.call('EXISTS', KEYS[2]) == 0 then return 0 end
if ARGV[2] == '' then redis.call('HDEL', KEYS[2], 'note') else redis.call('HSET', KEYS[2], 'note', ARGV[2]) end
return 1`,
);

/** The return-code scripts with sample keys, for the slot test. */
export function returnCodeScripts(k: RedisKeys): { name: string; lua: string; keys: string[] }[] {
  const ids = { codeHash: "f00d", conversationId: "c_sample0001" };
  return [
    { name: PUT_RETURN_CODE.name, lua: PUT_RETURN_CODE.lua, keys: PUT_RETURN_CODE.keys(k, { ...ids, previousHash: "beef" }) },
    { name: DELETE_RETURN_CODE.name, lua: DELETE_RETURN_CODE.lua, keys: DELETE_RETURN_CODE.keys(k, ids) },
    { name: SET_RETURN_CODE_NOTE.name, lua: SET_RETURN_CODE_NOTE.lua, keys: SET_RETURN_CODE_NOTE.keys(k, ids) },
  ];
}
