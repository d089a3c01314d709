/**
 * Debrief ("praat even na", item 8): asked for at any time from the volunteer's console, in every
 * on-duty professional's inbox as its own kind, taken up by exactly one (atomic), confirmed back to
 * the volunteer by name, then a private staff-only thread between the two.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../server/demo/seed";
import { collect, nextEvent, ok, openStaff, openYouth, request } from "../helpers/clients";
import { redisAvailable } from "../helpers/redis";
import { useSharedServer } from "../helpers/servers";

const stores = (await redisAvailable("debrief on Redis")) ? ["memory", "redis"] : ["memory"];

describe.each(stores)("debrief on the %s store", (kind) => {
  const shared = useSharedServer(kind, { TICK_MS: "100" });
  const staff = async (email: string) => {
    const s = await openStaff(shared.server.url, email, DEMO_PASSWORD);
    shared.track(s.socket);
    return s.socket;
  };

  it("goes from the volunteer's request mid-chat to one professional, back to the volunteer by name, into a private thread", async () => {
    const sam = await staff("sam@leiden.demo");
    const eva = await staff("eva@inloop.demo");
    const bram = await staff("bram@inloop.demo");
    const daan = await staff("daan@apeldoorn.demo");
    await ok(eva, "duty:set", { onDuty: true });
    await ok(bram, "duty:set", { onDuty: true, locationIds: ["amsterdam"] });
    // In the middle of a chat, not only in the wrap-up.
    await ok(sam, "presence:set", { status: "available" });
    const youth = await openYouth(shared.server.url);
    shared.track(youth.socket);
    const { conversation } = await ok(youth.socket, "queue:join", { locationChoice: "leiden" });
    await ok(sam, "queue:take");

    const inEvaInbox = nextEvent(eva, "debrief:updated", (d) => d.status === "open");
    const inBramInbox = nextEvent(bram, "debrief:updated", (d) => d.status === "open");
    const asked = await ok(sam, "debrief:request", { conversationId: conversation.id });
    expect(asked).toMatchObject({
      status: "open",
      volunteerId: "st_sam",
      volunteerName: "Sam",
      conversationId: conversation.id,
      locationId: "leiden",
      lastSeq: 0,
    });
    expect((await inEvaInbox).id).toBe(asked.id);
    expect((await inBramInbox).id).toBe(asked.id);
    // Asking again while it is open gives the same one.
    expect((await ok(sam, "debrief:request", {})).id).toBe(asked.id);
    expect((await ok(eva, "debrief:list")).map((d) => d.id)).toEqual([asked.id]);
    expect((await ok(sam, "debrief:list")).map((d) => d.id)).toEqual([asked.id]);
    expect(await ok(daan, "debrief:list")).toEqual([]);

    // Before anyone took it up there is no thread to write in.
    expect(await request(sam, "debrief:send", { debriefId: asked.id, id: randomUUID(), text: "hoi" })).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });

    const samTold = nextEvent(sam, "debrief:updated", (d) => d.status === "claimed");
    const claims = await Promise.all([
      request(eva, "debrief:claim", { debriefId: asked.id }),
      request(bram, "debrief:claim", { debriefId: asked.id }),
    ]);
    expect(claims.filter((a) => a.ok)).toHaveLength(1);
    expect(claims.filter((a) => !a.ok)).toMatchObject([{ ok: false, code: "ALREADY_CLAIMED" }]);
    const winner = claims[0]!.ok ? { socket: eva, name: "Eva", other: bram } : { socket: bram, name: "Bram", other: eva };
    expect(await samTold).toMatchObject({ status: "claimed", claimedByName: winner.name });

    const otherHeard = collect(winner.other, "debrief:message");
    const toPro = nextEvent(winner.socket, "debrief:message");
    const first = await ok(sam, "debrief:send", { debriefId: asked.id, id: randomUUID(), text: "Dat gesprek zit me niet lekker." });
    expect(first).toMatchObject({ seq: 1, duplicate: false });
    expect(await toPro).toMatchObject({
      seq: 1,
      sender: { staffId: "st_sam", role: "volunteer", name: "Sam" },
      text: "Dat gesprek zit me niet lekker.",
    });
    const toSam = nextEvent(sam, "debrief:message");
    const replyId = randomUUID();
    await ok(winner.socket, "debrief:send", { debriefId: asked.id, id: replyId, text: "Bel me even, ik heb nu tijd." });
    expect((await toSam).sender.name).toBe(winner.name);
    expect(
      await ok(winner.socket, "debrief:send", { debriefId: asked.id, id: replyId, text: "Bel me even, ik heb nu tijd." }),
    ).toMatchObject({ seq: 2, duplicate: true });

    // Private: the other professional can neither read nor write, and heard nothing.
    expect(await request(winner.other, "debrief:sync", { debriefId: asked.id })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await request(winner.other, "debrief:send", { debriefId: asked.id, id: randomUUID(), text: "x" })).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });
    expect(otherHeard).toEqual([]);
    // The youth is never part of it.
    expect(await request(youth.socket, "debrief:sync", { debriefId: asked.id })).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });

    const synced = await ok(sam, "debrief:sync", { debriefId: asked.id });
    expect(synced.messages.map((m) => m.seq)).toEqual([1, 2]);
    expect(synced.debrief).toMatchObject({ status: "claimed", lastSeq: 2 });

    const closed = await ok(winner.socket, "debrief:close", { debriefId: asked.id });
    expect(closed).toMatchObject({ status: "closed" });
    expect(await request(sam, "debrief:send", { debriefId: asked.id, id: randomUUID(), text: "nog iets" })).toMatchObject({
      ok: false,
      code: "CONVERSATION_ENDED",
    });
    expect(await ok(sam, "debrief:list")).toEqual([]);
    // The thread stays stored (until retention), and the figures count the request.
    expect(await shared.server.store.listDebriefMessages(asked.id)).toHaveLength(2);
    expect(
      (await shared.server.store.listEvents(0)).filter((e) => e.type === "debrief.requested" && e.data?.debriefId === asked.id),
    ).toHaveLength(1);
  });

  it("needs duty to take a debrief up, and a chat of one's own to name", async () => {
    const sam = await staff("sam@leiden.demo");
    const eva = await staff("eva@inloop.demo");
    const asked = await ok(sam, "debrief:request", {});
    expect(await request(eva, "debrief:claim", { debriefId: asked.id })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await request(sam, "debrief:request", { conversationId: "c_doesnotexist0" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await request(eva, "debrief:request", {})).toMatchObject({ ok: false, code: "FORBIDDEN" });
  });
});
