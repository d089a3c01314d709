import type { Conversation } from "../../domain/conversation";
import { decodeConversation, pairsToRecord, toSeq } from "./codec";
import type { RedisClient } from "./connect";
import { type RedisKeys, redisKeys } from "./keys";
import { RedisReach } from "./redisReach";
import type { LuaScript } from "./scripts";

/** How often `putReturnCode` re-reads a conversation's code after another write raced it. */
export const RETURN_CODE_ATTEMPTS = 10;

/** How often `openEscalation` re-reads a conversation's escalation after another call raced it. */
export const ESCALATION_ATTEMPTS = 10;

/** How often `endConversation` re-reads the volunteer after a claim raced it (once is enough). */
export const END_ATTEMPTS = 3;

export function parse<T>(json: string | null): T | undefined {
  return json === null ? undefined : (JSON.parse(json) as T);
}

/** What every Redis slice shares: the connection, the key layout and the script runner. */
export class RedisContext {
  readonly k: RedisKeys;
  readonly reach: RedisReach;

  constructor(
    readonly redis: RedisClient,
    prefix: string,
  ) {
    this.k = redisKeys(prefix);
    this.reach = new RedisReach(redis, this.k, (script, ids, args) => this.run(script, ids, args));
  }

  /** A conversation from a script's HGETALL reply, with `lastSeq` from its message counter. */
  async withLastSeq(conversationId: string, flatFields: unknown): Promise<Conversation> {
    const seq = await this.redis.get(this.k.messageSeq(conversationId));
    return decodeConversation(pairsToRecord(flatFields), toSeq(seq));
  }

  /** EVALSHA, loading the script with EVAL when the server does not know it (restart, new node). */
  async run<Ids>(script: LuaScript<Ids>, ids: Ids, args: (string | number)[]): Promise<unknown> {
    const keys = script.keys(this.k, ids);
    try {
      return await this.redis.evalsha(script.sha, keys.length, ...keys, ...args);
    } catch (err) {
      if (!(err instanceof Error) || !err.message.startsWith("NOSCRIPT")) throw err;
      return await this.redis.eval(script.lua, keys.length, ...keys, ...args);
    }
  }
}
