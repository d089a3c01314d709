import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { REDIS_URL, redisAvailable } from "../../../test/helpers/redis";
import { coalesceWrites, connectRedis } from "./connect";

/** A socket stand-in that records what reached the wire: a write while uncorked, or a flush of corked writes. */
function recordingStream() {
  const wire: string[][] = [];
  let held: string[] | undefined;
  let corks = 0;
  return {
    wire,
    write(chunk: unknown) {
      if (held) held.push(String(chunk));
      else wire.push([String(chunk)]);
      return true;
    },
    cork() {
      corks += 1;
      held ??= [];
    },
    uncork() {
      corks -= 1;
      if (corks === 0 && held) {
        wire.push(held);
        held = undefined;
      }
    },
  };
}

const nextRound = () => new Promise((resolve) => setImmediate(resolve));

describe("coalesced Redis writes", () => {
  it("sends the commands of one event-loop round in one write, and the next round in its own", async () => {
    const stream = recordingStream();
    coalesceWrites(stream);
    stream.write("a");
    stream.write("b");
    await Promise.resolve();
    stream.write("c");
    expect(stream.wire).toEqual([]);
    await nextRound();
    expect(stream.wire).toEqual([["a", "b", "c"]]);
    stream.write("d");
    await nextRound();
    expect(stream.wire).toEqual([["a", "b", "c"], ["d"]]);
  });

  it("patches a stream once, however often it is handed over", async () => {
    const stream = recordingStream();
    coalesceWrites(stream);
    coalesceWrites(stream);
    stream.write("a");
    await nextRound();
    expect(stream.wire).toEqual([["a"]]);
  });
});

const reachable = await redisAvailable("coalesced writes on a real Redis");

describe.skipIf(!reachable)("coalesced writes on a real Redis connection", () => {
  it("answers every command of a burst, in order, also after a reconnect", async () => {
    const redis = await connectRedis({ mode: "standalone", url: REDIS_URL });
    const key = `inloop-test-coalesce-${randomUUID()}`;
    try {
      const burst = async () => {
        const replies = await Promise.all(Array.from({ length: 200 }, () => redis.incr(key)));
        return replies;
      };
      expect(await burst()).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
      // A new socket after a reconnect coalesces too, and nothing is lost on the way.
      const ready = new Promise((resolve) => redis.once("ready", resolve));
      redis.disconnect(true);
      await ready;
      const stream = (redis as unknown as { stream: { cork(): void } }).stream;
      const cork = stream.cork.bind(stream);
      let corks = 0;
      stream.cork = () => {
        corks += 1;
        cork();
      };
      expect(await burst()).toEqual(Array.from({ length: 200 }, (_, i) => i + 201));
      // Two hundred commands issued in one go: corked once, not once per command.
      expect(corks).toBe(1);
    } finally {
      await redis.del(key);
      redis.disconnect();
    }
  });
});
