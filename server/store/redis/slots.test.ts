import { describe, expect, it } from "vitest";
import { accessScripts } from "./accessScripts";
import { redisKeys } from "./keys";
import { reachScripts } from "./reachScripts";
import { returnCodeScripts } from "./returnCodeScripts";
import { allScripts } from "./scripts";

/** CRC16-CCITT (XMODEM): polynomial 0x1021, initial value 0, as in the Redis Cluster spec. */
function crc16(data: Buffer): number {
  let crc = 0;
  for (const byte of data) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

/** HASH_SLOT: only the part between the first "{" and the next "}" counts, if that part is non-empty. */
function keySlot(key: string): number {
  const bytes = Buffer.from(key, "utf8");
  const open = bytes.indexOf("{");
  if (open !== -1) {
    const close = bytes.indexOf("}", open + 1);
    if (close > open + 1) return crc16(bytes.subarray(open + 1, close)) % 16384;
  }
  return crc16(bytes) % 16384;
}

describe("Redis Cluster key slots", () => {
  it("computes slots like Redis", () => {
    expect(crc16(Buffer.from("123456789"))).toBe(0x31c3);
    expect(keySlot("foo")).toBe(12182);
    expect(keySlot("{user1000}.following")).toBe(keySlot("{user1000}.followers"));
    expect(keySlot("foo{}{bar}")).toBe(crc16(Buffer.from("foo{}{bar}")) % 16384);
    expect(keySlot("foo{{bar}}zap")).toBe(keySlot("{bar"));
    expect(keySlot("foo{bar}{zap}")).toBe(keySlot("bar"));
  });

  const k = redisKeys("inloop:");
  for (const script of [...allScripts(k), ...returnCodeScripts(k), ...reachScripts(k), ...accessScripts(k)]) {
    it(`${script.name} (${script.keys.length} keys) touches one slot`, () => {
      expect(script.keys.length).toBeGreaterThan(0);
      expect(new Set(script.keys.map(keySlot)).size).toBe(1);
    });
  }

  it("keeps a conversation's message keys together, apart from dispatch", () => {
    const slots = [k.messages("c1"), k.messageIds("c1"), k.messageSeq("c1")].map(keySlot);
    expect(new Set(slots).size).toBe(1);
    expect(keySlot(k.conversation("c1"))).toBe(keySlot(k.queue));
  });

  it("keeps every return code with its conversation pointer", () => {
    expect(keySlot(k.returnCode("h1"))).toBe(keySlot(k.returnCodeOf("c1")));
  });

  it("keeps every debrief with its thread and the index", () => {
    expect(new Set([k.debrief("d_1"), k.debriefThread("d_1"), k.debriefMessageIds("d_1"), k.debriefIds].map(keySlot)).size).toBe(1);
  });

  it("rejects a prefix with braces", () => {
    expect(() => redisKeys("a{b}:")).toThrow(/braces/);
  });
});
