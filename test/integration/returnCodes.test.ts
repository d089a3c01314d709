import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../server/app/startServer";
import { DEMO_PASSWORD } from "../../server/demo/seed";
import { type ClientSocket, closeAll, nextEvent, ok, openStaff, openYouth, request } from "../helpers/clients";
import { REDIS_URL, redisAvailable } from "../helpers/redis";
import { resetState, startTestServer, stopServer } from "../helpers/servers";

const stores = (await redisAvailable("return codes on Redis")) ? ["memory", "redis"] : ["memory"];
const DAY = 86_400_000;
const CODE = /^[a-z]+-[a-z]+-[a-z]+-[a-z]+-\d{2}$/;

describe.each(stores)("return codes on the %s store", (kind) => {
  const prefix = `inloop-test-${randomUUID()}:`;
  // The server's clock, moved forward to see a code expire.
  const clock = { offsetMs: 0, now: () => Date.now() + clock.offsetMs };
  let server: RunningServer;
  let url: string;
  const open: ClientSocket[] = [];
  const track = <T extends { socket: ClientSocket }>(x: T): T => (open.push(x.socket), x);
  const youth = async () => track(await openYouth(url));
  const staff = async (email: string) => track(await openStaff(url, email, DEMO_PASSWORD));
  const available = (s: ClientSocket) => ok(s, "presence:set", { status: "available", capacity: 2 });

  beforeAll(async () => {
    server = await startTestServer(kind === "redis" ? { REDIS_URL, REDIS_PREFIX: prefix } : {}, { clock });
    url = server.url;
  });
  afterEach(async () => {
    clock.offsetMs = 0;
    await closeAll(...open.splice(0));
    await resetState(server);
  });
  afterAll(async () => {
    await stopServer(server, kind === "redis" ? prefix : undefined);
  });

  /** A whole chat with Sam, who keeps a note; the youth takes a return code once it has ended. */
  async function chatWithSamAndTakeCode(note = "Wil over school praten; spannend thuis") {
    const y = await youth();
    const sam = await staff("sam@leiden.demo");
    await available(sam.socket);
    const joined = await ok(y.socket, "queue:join", { locationChoice: "leiden" });
    const conversationId = joined.conversation.id;
    await ok(sam.socket, "queue:take");
    await ok(sam.socket, "note:set", { conversationId, note });
    const tooEarly = await request(y.socket, "returnCode:take", { conversationId });
    expect(tooEarly).toMatchObject({ ok: false, code: "FORBIDDEN" });
    await ok(sam.socket, "conversation:end", { conversationId });
    const taken = await ok(y.socket, "returnCode:take", { conversationId });
    return { y, sam, conversationId, ...taken };
  }

  it("brings a youth back to the same volunteer first, with the note from last time when they agree", async () => {
    const first = await chatWithSamAndTakeCode();
    expect(first.code).toMatch(CODE);
    expect(first.expiresAt - Date.now()).toBeGreaterThan(89 * DAY);
    const lotte = await staff("lotte@leiden.demo");
    await available(lotte.socket);

    // Next time: a new anonymous session with the code written down (typed with capitals and spaces).
    const back = await youth();
    const typed = first.code.toUpperCase().replaceAll("-", " ");
    expect(await ok(back.socket, "returnCode:check", { code: typed })).toMatchObject({
      volunteer: { name: "Sam", role: "volunteer" },
      availability: "here",
    });
    const samSees = nextEvent(first.sam.socket, "conversation:assigned");
    const samOffered = nextEvent(first.sam.socket, "queue:offered");
    const joined = await ok(back.socket, "queue:join", { locationChoice: "any", returnCode: typed, shareNote: true });
    // Leiden is a take-next location: Sam is told the youth is theirs first, and for how long.
    expect(await samOffered).toMatchObject({ conversationId: joined.conversation.id, reason: "return" });
    expect((await samOffered).until - joined.conversation.queuedAt).toBe(45_000);

    // Lotte is free too, but the youth is kept for Sam during the window.
    expect(await request(lotte.socket, "queue:take")).toMatchObject({ ok: false, code: "QUEUE_EMPTY" });
    const taken = await ok(first.sam.socket, "queue:take");
    expect(taken).toMatchObject({
      id: joined.conversation.id,
      returning: "same-volunteer",
      returnNote: "Wil over school praten; spannend thuis",
    });
    expect((await samSees).staff).toMatchObject({ returning: "same-volunteer" });

    const queued = (await server.store.listEvents(0)).find(
      (e) => e.type === "conversation.queued" && e.conversationId === joined.conversation.id,
    );
    expect(queued?.data).toMatchObject({ returning: true });
  });

  it("shows the volunteer no note when the youth says no, and keeps a later edit of the note", async () => {
    const first = await chatWithSamAndTakeCode("eerste versie");
    // Sam finishes the note after the chat, during the wrap-up: the code carries the new text.
    await ok(first.sam.socket, "note:set", { conversationId: first.conversationId, note: "tweede versie" });

    const declines = await youth();
    const noNote = await ok(declines.socket, "queue:join", { locationChoice: "leiden", returnCode: first.code, shareNote: false });
    const taken = await ok(first.sam.socket, "queue:take");
    expect(taken).toMatchObject({ id: noNote.conversation.id, returning: "same-volunteer" });
    expect(taken.returnNote).toBeUndefined();
    await ok(first.sam.socket, "conversation:end", { conversationId: taken.id });

    const agrees = await youth();
    const withNote = await ok(agrees.socket, "queue:join", { locationChoice: "leiden", returnCode: first.code, shareNote: true });
    expect(await ok(first.sam.socket, "queue:take")).toMatchObject({ id: withNote.conversation.id, returnNote: "tweede versie" });
  });

  it("says honestly when the volunteer is not in, and then does not keep the youth waiting for them", async () => {
    const first = await chatWithSamAndTakeCode();
    await ok(first.sam.socket, "presence:set", { status: "off" });
    const lotte = await staff("lotte@leiden.demo");
    await available(lotte.socket);

    const back = await youth();
    expect(await ok(back.socket, "returnCode:check", { code: first.code })).toMatchObject({ availability: "away" });
    const joined = await ok(back.socket, "queue:join", { locationChoice: "leiden", returnCode: first.code, shareNote: true });
    const taken = await ok(lotte.socket, "queue:take");
    // Lotte sees the youth came back, but not Sam's note: it is Sam's own.
    expect(taken).toMatchObject({ id: joined.conversation.id, returning: "another-volunteer" });
    expect(taken.returnNote).toBeUndefined();
  });

  it("offers a youth whose topic matches a booster training to the trained volunteer first", async () => {
    const sam = await staff("sam@leiden.demo"); // holds "suicidality" in the demo
    const lotte = await staff("lotte@leiden.demo");
    await available(sam.socket);
    await available(lotte.socket);
    const samOffered = nextEvent(sam.socket, "queue:offered");
    const y = await youth();
    const joined = await ok(y.socket, "queue:join", { locationChoice: "leiden", topic: "self-harm-suicide" });
    expect(await samOffered).toMatchObject({ conversationId: joined.conversation.id, reason: "skill" });
    expect(await request(lotte.socket, "queue:take")).toMatchObject({ ok: false, code: "QUEUE_EMPTY" });
    expect(await ok(sam.socket, "queue:take")).toMatchObject({ id: joined.conversation.id, topic: "self-harm-suicide" });
  });

  it("forgets a code in one step: it no longer works, and joining with it queues nothing", async () => {
    const first = await chatWithSamAndTakeCode();
    expect(await ok(first.y.socket, "returnCode:forget", { code: first.code })).toEqual({});
    expect(await request(first.y.socket, "returnCode:forget", { code: first.code })).toMatchObject({
      ok: false,
      code: "RETURN_CODE_UNKNOWN",
    });

    const back = await youth();
    expect(await request(back.socket, "returnCode:check", { code: first.code })).toMatchObject({ ok: false, code: "RETURN_CODE_UNKNOWN" });
    expect(await request(back.socket, "queue:join", { locationChoice: "leiden", returnCode: first.code })).toMatchObject({
      ok: false,
      code: "RETURN_CODE_UNKNOWN",
    });
    expect(await server.store.listQueue()).toEqual([]);
  });

  it("rejects a code once it has expired", async () => {
    const first = await chatWithSamAndTakeCode();
    const back = await youth();
    clock.offsetMs = 89 * DAY;
    expect(await ok(back.socket, "returnCode:check", { code: first.code })).toMatchObject({ volunteer: { name: "Sam" } });
    clock.offsetMs = 90 * DAY + 60_000;
    expect(await request(back.socket, "returnCode:check", { code: first.code })).toMatchObject({ ok: false, code: "RETURN_CODE_UNKNOWN" });
  });

  it("answers wrong codes and bad payloads with a clear error, never a crash", async () => {
    const y = await youth();
    expect(await request(y.socket, "returnCode:check", { code: "appel-appel-appel-appel-10" })).toMatchObject({
      ok: false,
      code: "RETURN_CODE_UNKNOWN",
    });
    expect(await request(y.socket, "returnCode:check", { code: "dit is geen code" })).toMatchObject({
      ok: false,
      code: "RETURN_CODE_UNKNOWN",
    });
    expect(await request(y.socket, "returnCode:check", { code: 42 })).toMatchObject({ ok: false, code: "BAD_REQUEST" });
    expect(await request(y.socket, "returnCode:check", { code: "x".repeat(200) })).toMatchObject({ ok: false, code: "BAD_REQUEST" });
    expect(await request(y.socket, "returnCode:take", { conversationId: "c_doesnotexist1" })).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    const sam = await staff("sam@leiden.demo");
    expect(await request(sam.socket, "returnCode:check", { code: "appel-appel-appel-appel-10" })).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });
  });

  it("lets only the youth of a chat take its code", async () => {
    const first = await chatWithSamAndTakeCode();
    const other = await youth();
    expect(await request(other.socket, "returnCode:take", { conversationId: first.conversationId })).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });
  });
});

describe("return-code guessing", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer({ RETURN_CODE_ATTEMPTS_PER_10MIN: "3" });
  });
  afterAll(async () => {
    await stopServer(server);
  });

  it("is slowed down per network, across new sessions", async () => {
    const first = await openYouth(server.url);
    const second = await openYouth(server.url);
    const guess = (s: ClientSocket) => request(s, "returnCode:check", { code: "appel-fiets-zon-kaas-42" });
    for (let i = 0; i < 3; i++) expect(await guess(i < 2 ? first.socket : second.socket)).toMatchObject({ code: "RETURN_CODE_UNKNOWN" });
    expect(await guess(second.socket)).toMatchObject({ ok: false, code: "RATE_LIMITED" });
    expect(await request(second.socket, "queue:join", { locationChoice: "any", returnCode: "appel-fiets-zon-kaas-43" })).toMatchObject({
      ok: false,
      code: "RATE_LIMITED",
    });
    await closeAll(first.socket, second.socket);
  });
});

describe("return codes in production without a key", () => {
  it("are switched off with a clear answer instead of hashing with a known key", async () => {
    const server = await startTestServer({
      NODE_ENV: "production",
      SECOND_FACTOR_KEY: "test-only-second-factor-key-0123456789abcdef",
      SHUTDOWN_DRAIN_MS: "0",
    });
    const y = await openYouth(server.url);
    expect(await request(y.socket, "returnCode:check", { code: "appel-fiets-zon-kaas-42" })).toMatchObject({
      ok: false,
      code: "UNAVAILABLE",
    });
    await closeAll(y.socket);
    await stopServer(server);
  });
});
