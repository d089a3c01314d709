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
