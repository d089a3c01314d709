import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { nextEvent, ok, request } from "../helpers/clients";
import { peopleOn } from "../helpers/people";
import { redisAvailable } from "../helpers/redis";
import { useSharedServer } from "../helpers/servers";

const stores = (await redisAvailable("wrap-ups on Redis")) ? ["memory", "redis"] : ["memory"];

/** The wrap-up after a chat or a walk-in, and what each volunteer may see of chats and wrap-ups. */
describe.each(stores)("wrap-ups on the %s store", (kind) => {
  const shared = useSharedServer(kind, { BLOCK_HOURS: "1" });
  const { staff, chatWith } = peopleOn(shared);

  it("files a wrap-up with duration and transfers filled in, and a walk-in with the same form", async () => {
    const sam = await staff("sam@leiden.demo");
    const eva = await staff("eva@inloop.demo");
    await ok(eva.socket, "duty:set", { onDuty: true });
    await ok(sam.socket, "presence:set", { status: "available" });
    const { id } = await chatWith(sam.socket);
    await ok(sam.socket, "conversation:end", { conversationId: id });
    const todo = await ok(sam.socket, "wrapup:todo");
    expect(todo.map((t) => t.conversation.id)).toContain(id);

    // The wrap-up's debrief box is the same request as "praat even na": its own kind in the inbox.
    const debrief = nextEvent(eva.socket, "debrief:updated", (d) => d.status === "open");
    await ok(sam.socket, "wrapup:submit", {
      conversationId: id,
      topics: ["loneliness", "school-work"],
      referral: "gp",
      rating: 4,
      debrief: true,
    });
    expect(await debrief).toMatchObject({ volunteerId: "st_sam", volunteerName: "Sam", conversationId: id, locationId: "leiden" });
    expect((await ok(sam.socket, "wrapup:todo")).map((t) => t.conversation.id)).not.toContain(id);

    await ok(sam.socket, "presence:set", { status: "walk-in" });
    await ok(sam.socket, "wrapup:submit", { walkInMinutes: 25, topics: ["home-family"], referral: "none", rating: 3, debrief: false });
    const filed = (await shared.server.store.listWrapUps(0)).filter((w) => w.staffId === "st_sam");
    expect(filed.find((w) => w.conversationId === id)).toMatchObject({ kind: "chat", referral: "gp", transfers: 0, locationId: "leiden" });
    expect(filed.find((w) => w.kind === "walk-in")).toMatchObject({ durationMs: 25 * 60_000, topics: ["home-family"] });
    expect(
      await request(sam.socket, "wrapup:submit", {
        conversationId: id,
        walkInMinutes: 3,
        topics: [],
        referral: "none",
        rating: 3,
        debrief: false,
      }),
    ).toMatchObject({ ok: false, code: "BAD_REQUEST" });
  });

  it("lets a professional register a walk-in (minutes in the event, for the figures), never with a debrief with herself; a coordinator files none", async () => {
    const eva = await staff("eva@inloop.demo");
    const before = (await shared.server.store.listWrapUps(0)).length;
    expect(
      await request(eva.socket, "wrapup:submit", { walkInMinutes: 20, topics: [], referral: "none", rating: 3, debrief: true }),
    ).toMatchObject({ ok: false, code: "FORBIDDEN" });
    // Refused before anything was written.
    expect(await shared.server.store.listWrapUps(0)).toHaveLength(before);
    await ok(eva.socket, "wrapup:submit", { walkInMinutes: 40, topics: ["loneliness"], referral: "gp", rating: 4, debrief: false });
    const filed = (await shared.server.store.listWrapUps(0)).filter((w) => w.staffId === "st_eva");
    expect(filed).toEqual([
      expect.objectContaining({ kind: "walk-in", durationMs: 40 * 60_000, topics: ["loneliness"], locationId: "leiden" }),
    ]);
    const event = (await shared.server.store.listEvents(0)).find((e) => e.type === "wrapup.filed" && e.staffId === "st_eva");
    expect(event?.data).toMatchObject({ kind: "walk-in", minutes: 40, topics: "loneliness" });
    const kim = await staff("kim@inloop.demo");
    expect(
      await request(kim.socket, "wrapup:submit", { walkInMinutes: 5, topics: [], referral: "none", rating: 3, debrief: false }),
    ).toMatchObject({ ok: false, code: "FORBIDDEN" });
  });

  it("records the volunteer's own risk judgement beside the triage's highest level in the wrap-up event, without text", async () => {
    const sam = await staff("sam@leiden.demo");
    await ok(sam.socket, "presence:set", { status: "available" });
    const { youth: y, id } = await chatWith(sam.socket);
    await ok(y.socket, "message:send", {
      conversationId: id,
      id: randomUUID(),
      text: "ik zie het niet meer zitten, ik heb 40 pillen gespaard",
    });
    await ok(sam.socket, "conversation:end", { conversationId: id });
    await ok(sam.socket, "wrapup:submit", {
      conversationId: id,
      topics: [],
      referral: "113",
      rating: 2,
      debrief: false,
      riskJudgement: "high",
    });
    const events = await shared.server.store.listEvents(0);
    const filed = events.find((e) => e.type === "wrapup.filed" && e.conversationId === id);
    expect(filed?.data).toMatchObject({ riskJudgement: "high", scorerRisk: "high" });
    expect(events.find((e) => e.type === "risk.flagged" && e.conversationId === id)?.data).toMatchObject({ level: "high", acute: true });
    expect(JSON.stringify(events)).not.toContain("pillen");
    expect((await shared.server.store.listWrapUps(0)).find((w) => w.conversationId === id)).toMatchObject({ riskJudgement: "high" });
    expect(
      await request(sam.socket, "wrapup:submit", {
        conversationId: id,
        topics: [],
        referral: "none",
        rating: 3,
        debrief: false,
        riskJudgement: "extreme",
      }),
    ).toMatchObject({
      ok: false,
      code: "BAD_REQUEST",
    });
  });

  it("keeps each volunteer to their own chats and wrap-ups", async () => {
    const sam = await staff("sam@leiden.demo");
    const lotte = await staff("lotte@leiden.demo");
    await ok(sam.socket, "presence:set", { status: "available" });
    const { id } = await chatWith(sam.socket);
    for (const [event, payload] of [
      ["note:set", { conversationId: id, note: "x" }],
      ["whisper:send", { conversationId: id, id: randomUUID(), text: "x" }],
      ["conversation:transfer", { conversationId: id, to: { staffId: "st_lotte" } }],
      ["conversation:block", { conversationId: id }],
    ] as const) {
      expect(await request(lotte.socket, event, payload), event).toMatchObject({ ok: false, code: "FORBIDDEN" });
    }
    await ok(sam.socket, "conversation:end", { conversationId: id });
    expect(
      await request(lotte.socket, "wrapup:submit", { conversationId: id, topics: [], referral: "none", rating: 3, debrief: false }),
    ).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect((await ok(lotte.socket, "wrapup:todo")).map((t) => t.conversation.id)).not.toContain(id);
    // Presence is always one's own: there is no way to name someone else.
    expect(await request(lotte.socket, "presence:set", { status: "off", staffId: "st_sam" })).toMatchObject({
      ok: false,
      code: "BAD_REQUEST",
    });
  });
});
