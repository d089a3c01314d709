import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../server/demo/seed";
import { destroyRedisPrefix } from "../../server/store/redis/RedisStore";
import { login, ok, openStaff, openYouth } from "../helpers/clients";
import { todayInAmsterdam } from "../helpers/dates";
import { REDIS_URL, redisAvailable } from "../helpers/redis";
import { LAPTOP, newPage, shot } from "./browser";
import { useBrowserAndServer } from "./harness";
import { logInConsole } from "./staffLogin";

const reachable = await redisAvailable("access record e2e on Redis");
const prefix = `inloop-test-${randomUUID()}:`;
const e2e = useBrowserAndServer({ REDIS_URL, REDIS_PREFIX: prefix, PRESENCE_GRACE_MS: "600000" });
afterAll(async () => {
  const redis = new Redis(REDIS_URL);
  await destroyRedisPrefix(redis, prefix);
  redis.disconnect();
});

/** Every key under the prefix whose name or value holds `needle` (SCAN, never KEYS). */
async function keysHolding(needle: string): Promise<string[]> {
  const redis = new Redis(REDIS_URL);
  const found: string[] = [];
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 500);
    cursor = next;
    for (const key of keys) {
      const type = await redis.type(key);
      const value =
        type === "string"
          ? await redis.get(key)
          : type === "hash"
            ? JSON.stringify(await redis.hgetall(key))
            : type === "zset"
              ? JSON.stringify(await redis.zrange(key, "0", "-1"))
              : type === "set"
                ? JSON.stringify(await redis.smembers(key))
                : type === "list"
                  ? JSON.stringify(await redis.lrange(key, "0", "-1"))
                  : "";
      if (key.includes(needle) || (value ?? "").includes(needle)) found.push(key);
    }
  } while (cursor !== "0");
  redis.disconnect();
  return found;
}

describe.skipIf(!reachable)("accountable access in the console (Redis)", () => {
  it("a professional reads along; the coordinator's access page shows it; erasure leaves no words in Redis and the figures still count the chat", async () => {
    const words = `pillen-${randomUUID().slice(0, 8)}`;
    const eva = await newPage(await e2e.browser.newContext({ ...LAPTOP, locale: "nl-NL" }));
    await eva.page.goto(`${e2e.server.url}/console`);
    await logInConsole(eva.page, "eva@inloop.demo");
    await eva.page.getByRole("checkbox", { name: "Ik ben van dienst" }).check();
    await eva.page.getByText("Geen open meldingen.").waitFor();

    const sam = await openStaff(e2e.server.url, "sam@leiden.demo", DEMO_PASSWORD);
    await ok(sam.socket, "presence:set", { status: "available", capacity: 2 });
    const youth = await openYouth(e2e.server.url);
    const { conversation } = await ok(youth.socket, "queue:join", { locationChoice: "leiden", nickname: "Robin" });
    await ok(sam.socket, "queue:take");
    await ok(youth.socket, "message:send", {
      conversationId: conversation.id,
      id: randomUUID(),
      text: `ik wil niet meer leven, de ${words} liggen klaar`,
    });

    // Eva picks the alert up and reads along.
    await eva.page.getByRole("button", { name: "Oppakken" }).click();
    await eva.page.getByRole("heading", { name: "Meelezen: Robin" }).waitFor();
    await eva.page.getByRole("log").getByText(words).waitFor();
    await ok(youth.socket, "conversation:end", { conversationId: conversation.id });
    expect((await keysHolding(words)).length).toBeGreaterThan(0);

    // Kim sees who read which chat, without its words.
    const kim = await newPage(await e2e.browser.newContext({ ...LAPTOP, locale: "nl-NL" }));
    await kim.page.goto(`${e2e.server.url}/console`);
    await logInConsole(kim.page, "kim@inloop.demo");
    await kim.page.getByRole("button", { name: "Inzage" }).click();
    const record = kim.page.getByRole("table", { name: "Wie las welk gesprek" });
    const evaRow = record.getByRole("row").filter({ hasText: "Eva" }).filter({ hasText: "las mee" });
    await evaRow.filter({ hasText: conversation.id }).first().waitFor();
    expect(await record.textContent()).not.toContain(words);
    await shot(kim.page, "access-04-record");

    // She erases the chat: its words are gone from Redis, the figures still count it.
    const cookie = await login(e2e.server.url, "kim@inloop.demo", DEMO_PASSWORD);
    const today = todayInAmsterdam();
    const chatsToday = async () =>
      (
        (await (await fetch(`${e2e.server.url}/api/figures?from=${today}&to=${today}`, { headers: { cookie } })).json()) as {
          data: { total: { chatsStarted: number } };
        }
      ).data.total.chatsStarted;
    const before = await chatsToday();
    expect(before).toBeGreaterThanOrEqual(1);
    await kim.page.getByLabel("Gespreksnummer (begint met c_)").fill(conversation.id);
    await kim.page.getByLabel("Reden").selectOption("youth-request");
    await kim.page.getByRole("button", { name: "Gesprek wissen" }).click();
    await kim.page.getByRole("alertdialog").getByRole("button", { name: "Gesprek wissen" }).click();
    await record.getByRole("row").filter({ hasText: "wiste" }).filter({ hasText: conversation.id }).waitFor();
    await kim.page
      .getByRole("status")
      .getByText(/^Gewist: [1-9]\d* berichten, \d+ escalaties\.$/)
      .waitFor();
    await shot(kim.page, "access-05-erased");
    expect(await keysHolding(words)).toEqual([]);
    expect(await keysHolding(`{c:${conversation.id}}`)).toEqual([]);
    expect(await e2e.server.store.listMessages(conversation.id, 0)).toEqual([]);
    expect(await chatsToday()).toBe(before);
    sam.socket.disconnect();
    youth.socket.disconnect();
    expect([...eva.errors, ...kim.errors]).toEqual([]);
  });
});
