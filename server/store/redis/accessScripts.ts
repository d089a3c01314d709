import type { RedisKeys } from "./keys";
import { type LuaScript, script } from "./luaScript";

type StaffIds = { staffId: string };

/** Enrols: replaces the factor hash and the recovery-code set together. */
export const PUT_SECOND_FACTOR = script<StaffIds>(
  "putSecondFactor",
  (k, { staffId }) => [k.secondFactor(staffId), k.recoveryCodes(staffId)],
  `-- ARGV: secret, enrolledAt, lastStep, then recovery code hashes
redis.call('DEL', KEYS[1], KEYS[2])
redis.call('HSET', KEYS[1], 'secret', ARGV[1], 'enrolledAt', ARGV[2], 'lastStep', ARGV[3])
if #ARGV > 3 then redis.call('SADD', KEYS[2], unpack(ARGV, 4)) end
return 1`,
);

/** Accepts a step only if it is later than the last one (a code works once); 1 if accepted. */
export const ACCEPT_TOTP_STEP = script<StaffIds>(
  "acceptTotpStep",
  (k, { staffId }) => [k.secondFactor(staffId)],
  `-- ARGV: step
local last = redis.call('HGET', KEYS[1], 'lastStep')
if not last or tonumber(ARGV[1]) <= tonumber(last) then return 0 end
redis.call('HSET', KEYS[1], 'lastStep', ARGV[1])
return 1`,
);

/** Appends one entry to the date index and to its reader's and its location's indexes. */
export const APPEND_ACCESS = script<{ staffId: string; locationId: string }>(
  "appendAccess",
  (k, { staffId, locationId }) => [k.accessEntries, k.accessByStaff(staffId), k.accessByLocation(locationId), k.accessIndexes],
  `-- ARGV: at, entry JSON, "s:<staffId>", "l:<locationId>"
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[1], ARGV[2])
redis.call('ZADD', KEYS[3], ARGV[1], ARGV[2])
redis.call('SADD', KEYS[4], ARGV[3], ARGV[4])
return 1`,
);

/**
 * Retention: drops entries older than ARGV[1] from the date index (KEYS[2]) and every per-reader and
 * per-location index (KEYS[3..]); an index left empty leaves the index set (KEYS[1]) too.
 */
export const PURGE_ACCESS = script<{ indexes: string[] }>(
  "purgeAccess",
  (k, { indexes }) => [
    k.accessIndexes,
    k.accessEntries,
    ...indexes.map((i) => (i.startsWith("s:") ? k.accessByStaff(i.slice(2)) : k.accessByLocation(i.slice(2)))),
  ],
  `-- ARGV: before (exclusive), then the index names matching KEYS[3..]
local removed = redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[1])
for i = 3, #KEYS do
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', '(' .. ARGV[1])
  if redis.call('ZCARD', KEYS[i]) == 0 then redis.call('SREM', KEYS[1], ARGV[i - 1]) end
end
return removed`,
);

/** For the slot test: every access script with sample ids. */
export function accessScripts(k: RedisKeys): { name: string; keys: string[] }[] {
  const use = <Ids>(s: LuaScript<Ids>, ids: Ids) => ({ name: s.name, keys: s.keys(k, ids) });
  return [
    use(PUT_SECOND_FACTOR, { staffId: "st_sam" }),
    use(ACCEPT_TOTP_STEP, { staffId: "st_sam" }),
    use(APPEND_ACCESS, { staffId: "st_sam", locationId: "leiden" }),
    use(PURGE_ACCESS, { indexes: ["s:st_sam", "l:leiden"] }),
  ];
}
