import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashSecret } from "../../server/auth/secrets";
import { PROTOCOL_VERSION } from "../../shared/protocol";
import { collect, connect, nextEvent, ok, openYouth, request } from "../helpers/clients";
import { peopleOn } from "../helpers/people";
import { redisAvailable } from "../helpers/redis";
import { useSharedServer } from "../helpers/servers";

const stores = (await redisAvailable("console on Redis")) ? ["memory", "redis"] : ["memory"];

describe.each(stores)("the volunteer's tools on the %s store", (kind) => {
  const shared = useSharedServer(kind, { BLOCK_HOURS: "1" });
  const track = shared.track;
  const { staff, youth, chatWith } = peopleOn(shared);

  it("gives the console its locations with snippets, and the presence with its start time", async () => {
    const sam = await staff("sam@leiden.demo");
    expect(sam.state.locations.find((l) => l.id === "leiden")?.snippets.some((s) => s.key === "welkom" && s.lang === "nl")).toBe(true);
    const before = Date.now();
    const p = await ok(sam.socket, "presence:set", { status: "available", capacity: 2 });
    expect(p.since).toBeGreaterThanOrEqual(before);
    const same = await ok(sam.socket, "presence:set", { capacity: 3 });
    expect(same.since).toBe(p.since);
  });

  it("keeps the internal note and whispers among staff, never shown to the youth", async () => {
    const sam = await staff("sam@leiden.demo");
    await ok(sam.socket, "presence:set", { status: "available" });
    const { youth: y, id } = await chatWith(sam.socket);
    const youthGot = collect(y.socket, "message:received");
    const samWhispers = nextEvent(sam.socket, "message:received", (m) => m.visibility === "staff");
    await ok(sam.socket, "note:set", { conversationId: id, note: "wil over school praten" });
    await ok(sam.socket, "whisper:send", { conversationId: id, id: randomUUID(), text: "notitie voor collega's" });
    expect((await samWhispers).text).toBe("notitie voor collega's");
    await ok(sam.socket, "message:send", { conversationId: id, id: randomUUID(), text: "Hoi!" });
    await expect.poll(() => youthGot.length).toBe(1);
    expect(youthGot.map((m) => m.text)).toEqual(["Hoi!"]);

    const youthSync = await ok(y.socket, "conversation:sync", { conversationId: id, afterSeq: 0 });
    expect(youthSync.messages.map((m) => m.text)).toEqual(["Hoi!"]);
    expect(JSON.stringify(youthSync)).not.toContain("school");
    const resumed = await ok(track(await connect(shared.server.url)), "session:resume", {
      protocolVersion: PROTOCOL_VERSION,
      token: y.token,
      afterSeq: 0,
    });
    expect(resumed.missed.map((m) => m.text)).toEqual(["Hoi!"]);
    expect(resumed.state.conversation?.lastSeq).toBe(2);
    const staffSync = await ok(sam.socket, "conversation:sync", { conversationId: id, afterSeq: 0 });
    expect(staffSync.messages.map((m) => m.visibility ?? "all")).toEqual(["staff", "all"]);
    expect(staffSync.conversation).toMatchObject({ note: "wil over school praten" });
    // The youth cannot whisper or write the note.
    expect(await request(y.socket, "whisper:send", { conversationId: id, id: randomUUID(), text: "x" })).toMatchObject({
      ok: false,
      code: "UNAUTHENTICATED",
    });
    expect(await request(y.socket, "note:set", { conversationId: id, note: "x" })).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
  });

  it("asks the on-duty professional with a consult", async () => {
    const sam = await staff("sam@leiden.demo");
    const eva = await staff("eva@inloop.demo");
    await ok(eva.socket, "duty:set", { onDuty: true });
    await ok(sam.socket, "presence:set", { status: "available" });
    const { id } = await chatWith(sam.socket);
    const consult = nextEvent(eva.socket, "escalation:alert");
    await ok(sam.socket, "whisper:send", {
      conversationId: id,
      id: randomUUID(),
      text: "Ze noemt zelfbeschadiging, hoe verder?",
      consult: true,
    });
    expect(await consult).toMatchObject({
      conversationId: id,
      level: "consult",
      raisedByName: "Sam",
      locationId: "leiden",
      note: "Ze noemt zelfbeschadiging, hoe verder?",
    });
  });

  it("transfers to a colleague: the youth is told calmly, keeps every message and gets the new name", async () => {
    const sam = await staff("sam@leiden.demo");
    const lotte = await staff("lotte@leiden.demo");
    await ok(sam.socket, "presence:set", { status: "available" });
    await ok(lotte.socket, "presence:set", { status: "available" });
    const colleagues = await ok(sam.socket, "presence:list");
    expect(colleagues.map((c) => c.displayName)).toEqual(["Lotte"]);
    const { youth: y, id } = await chatWith(sam.socket);
    await ok(y.socket, "message:send", { conversationId: id, id: randomUUID(), text: "het gaat over school" });

    const transferring = nextEvent(y.socket, "conversation:transferring");
    const youthAssigned = nextEvent(y.socket, "conversation:assigned");
    const samLost = nextEvent(sam.socket, "conversation:transferred");
    const lotteGot = nextEvent(lotte.socket, "conversation:assigned");
    await ok(sam.socket, "conversation:transfer", { conversationId: id, to: { staffId: "st_lotte" }, note: "school, voelt zich alleen" });
    expect(await transferring).toEqual({ conversationId: id, queued: false });
    expect((await youthAssigned).peer).toEqual({ role: "volunteer", name: "Lotte" });
    expect(await samLost).toEqual({ conversationId: id, reason: "transfer", to: { role: "volunteer", name: "Lotte" } });
    expect((await lotteGot).staff).toMatchObject({ id, handoverNote: "school, voelt zich alleen", transfers: 1, holderId: "st_lotte" });

    // Lotte reads everything, and a staff-only line saying who handed it to her.
    const history = await ok(lotte.socket, "conversation:sync", { conversationId: id, afterSeq: 0 });
    expect(history.messages.map((m) => m.system ?? m.text)).toEqual([
      "het gaat over school",
      { kind: "transferred", by: "Sam", name: "Lotte" },
    ]);
    expect(await request(sam.socket, "message:send", { conversationId: id, id: randomUUID(), text: "nog?" })).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });
    const youthGets = nextEvent(y.socket, "message:received");
    await ok(lotte.socket, "message:send", { conversationId: id, id: randomUUID(), text: "Hoi, ik ben Lotte." });
    expect((await youthGets).sender).toEqual({ role: "volunteer", name: "Lotte" });
  });

  it("transfers back to another location's queue, ahead of newcomers", async () => {
    const sam = await staff("sam@leiden.demo");
    await ok(sam.socket, "presence:set", { status: "available" });
    const { youth: y, id } = await chatWith(sam.socket);
    const newcomer = await youth();
    await ok(newcomer.socket, "queue:join", { locationChoice: "apeldoorn" });
    const transferring = nextEvent(y.socket, "conversation:transferring");
    await ok(sam.socket, "conversation:transfer", { conversationId: id, to: { locationChoice: "apeldoorn" } });
    expect(await transferring).toEqual({ conversationId: id, queued: true });
    const daan = await staff("daan@apeldoorn.demo");
    await ok(daan.socket, "presence:set", { status: "available" });
    expect((await ok(daan.socket, "queue:take")).id).toBe(id);
    expect(await request(sam.socket, "conversation:transfer", { conversationId: id, to: { locationChoice: "nowhere" } })).toMatchObject({
      ok: false,
    });
  });

  it("ends an abusive chat with a block that keeps the youth out, then asks for a wrap-up", async () => {
    const sam = await staff("sam@leiden.demo");
    await ok(sam.socket, "presence:set", { status: "available" });
    const deviceId = "device-of-the-rude-one-0123";
    const y = { ...(await openYouth(shared.server.url, deviceId)) };
    track(y.socket);
    const { id } = (await ok(y.socket, "queue:join", { locationChoice: "leiden" })).conversation;
    expect((await ok(sam.socket, "queue:take")).id).toBe(id);
    const due = nextEvent(sam.socket, "wrapup:due");
    const ended = nextEvent(y.socket, "conversation:ended");
    await ok(sam.socket, "conversation:block", { conversationId: id });
    expect(await ended).toMatchObject({ endedBy: "volunteer", reason: "blocked" });
    expect((await due).conversation.id).toBe(id);

    // Same session: refused, and no return code to the volunteer who blocked them.
    expect(await request(y.socket, "queue:join", { locationChoice: "any" })).toMatchObject({ ok: false, code: "BLOCKED" });
    expect(await request(y.socket, "returnCode:take", { conversationId: id })).toMatchObject({ ok: false, code: "BLOCKED" });
    const again = track(await connect(shared.server.url));
    expect(await request(again, "session:resume", { protocolVersion: PROTOCOL_VERSION, token: y.token })).toMatchObject({
      ok: false,
      code: "BLOCKED",
    });
    // A new session from the same browser (device id): refused. From the same network, another browser: welcome.
    expect(await request(again, "session:open", { protocolVersion: PROTOCOL_VERSION, deviceId })).toMatchObject({
      ok: false,
      code: "BLOCKED",
    });
    const neighbour = track(await connect(shared.server.url));
    expect(
      await request(neighbour, "session:open", { protocolVersion: PROTOCOL_VERSION, deviceId: "device-of-a-classmate-4567" }),
    ).toMatchObject({ ok: true });
    expect(await request(neighbour, "queue:join", { locationChoice: "any" })).toMatchObject({ ok: true });
    // Neither the network nor the device id is stored: keyed hashes on the session only, and the
    // ended conversation keeps none.
    const conversation = await shared.server.store.getConversation(id);
    expect(conversation?.abuseKey).toBeUndefined();
    expect(conversation?.deviceKey).toBeUndefined();
    expect(JSON.stringify(conversation)).not.toMatch(/127\.0\.0\.1|::1|::ffff/);
    const session = await shared.server.store.getYouthSession(hashSecret(y.token));
    expect(session?.abuseKey).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(session?.deviceKey).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(JSON.stringify(session)).not.toContain(deviceId);
  });
});
