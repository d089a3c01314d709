import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../server/demo/seed";
import { type MessageView, PROTOCOL_VERSION } from "../../shared/protocol";
import { collect, connect, nextEvent, ok, openStaff, openYouth, request } from "../helpers/clients";
import { redisAvailable } from "../helpers/redis";
import { useSharedServer } from "../helpers/servers";

const stores = (await redisAvailable("hand-offs on Redis")) ? ["memory", "redis"] : ["memory"];
const HIGH_RISK = "ik wil dood, ik heb de pillen al klaarliggen";

/** Issue 13: nobody drops a youth between volunteer and professional. */
describe.each(stores)("hand-offs on the %s store", (kind) => {
  const shared = useSharedServer(kind, { TICK_MS: "100", QUEUE_GONE_MINUTES: "0.05" });
  const track = shared.track;
  const staff = async (email: string) => {
    const s = await openStaff(shared.server.url, email, DEMO_PASSWORD);
    track(s.socket);
    return s.socket;
  };
  const youth = async () => {
    const y = await openYouth(shared.server.url);
    track(y.socket);
    return y;
  };
  const send = (socket: Awaited<ReturnType<typeof youth>>["socket"], conversationId: string, text: string) =>
    ok(socket, "message:send", { conversationId, id: randomUUID(), text });

  it("alerts the on-duty professional at once about a youth flagged while waiting, who can take them from the queue", async () => {
    const eva = await staff("eva@inloop.demo");
    await ok(eva, "duty:set", { onDuty: true });
    const y = await youth();
    const { conversation } = await ok(y.socket, "queue:join", {
      locationChoice: "leiden",
      nickname: "Mo",
      ageBand: "16-18",
      topic: "feeling-down",
    });
    const alert = nextEvent(eva, "escalation:alert", (e) => e.conversationId === conversation.id);
    await send(y.socket, conversation.id, HIGH_RISK);
    const e = await alert;
    expect(e).toMatchObject({
      source: "risk",
      status: "open",
      offeredTo: ["st_eva"],
      about: { status: "queued", nickname: "Mo", ageBand: "16-18", topic: "feeling-down", locationChoice: "leiden" },
    });
    // A plan with means is the scorer's acute grade: the alert is a crisis, with the signals behind it.
    expect(e.level).toBe("crisis");
    expect(e.signals).toEqual(["suicidal-ideation", "suicide-plan"]);
    expect(e.signalAt).toBeGreaterThan(0);

    const state = await ok(eva, "professional:state");
    expect(state.inbox.map((x) => x.id)).toEqual([e.id]);
    expect(state.queue.map((c) => [c.id, c.priority > 0])).toEqual([[conversation.id, true]]);

    const toYouth = nextEvent(y.socket, "conversation:assigned");
    const taken = await ok(eva, "queue:claim", { conversationId: conversation.id });
    expect(taken).toMatchObject({ id: conversation.id, status: "active", holderId: "st_eva", professionalId: "st_eva" });
    expect((await toYouth).peer).toEqual({ role: "professional", name: "Eva" });
    await expect.poll(async () => (await shared.server.store.getEscalation(e.id))?.status).toBe("claimed");
    const synced = await ok(eva, "staff:sync", { protocolVersion: PROTOCOL_VERSION });
    // Taken from the queue: hers, with nobody to hand back to.
    expect(synced.conversations.map((c) => [c.id, c.previousVolunteerId])).toEqual([[conversation.id, undefined]]);
    expect((await ok(eva, "professional:state")).queue).toEqual([]);

    // She holds it like a volunteer: speaks, keeps a note, ends it, and owes the wrap-up.
    const youthGets = nextEvent(y.socket, "message:received");
    await ok(eva, "message:send", { conversationId: conversation.id, id: randomUUID(), text: "Hoi Mo, ik ben Eva." });
    expect((await youthGets).sender).toEqual({ role: "professional", name: "Eva" });
    await ok(eva, "note:set", { conversationId: conversation.id, note: "veiligheidsplan" });
    const due = nextEvent(eva, "wrapup:due");
    await ok(eva, "conversation:end", { conversationId: conversation.id });
    expect((await due).conversation).toMatchObject({ id: conversation.id, endedBy: "professional", endReason: "ended" });
    await ok(eva, "wrapup:submit", { conversationId: conversation.id, topics: [], referral: "113", rating: 3, debrief: false });
    // A walk-in she registers herself counts too (issue 17); a debrief with herself does not exist.
    expect(
      await request(eva, "wrapup:submit", { walkInMinutes: 10, topics: [], referral: "none", rating: 3, debrief: true }),
    ).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(
      await request(eva, "wrapup:submit", { walkInMinutes: 10, topics: [], referral: "none", rating: 3, debrief: false }),
    ).toMatchObject({ ok: true });
  });

  it("lets exactly one of a volunteer's take and a professional's claim of one waiting youth win", async () => {
    const eva = await staff("eva@inloop.demo");
    await ok(eva, "duty:set", { onDuty: true });
    const sam = await staff("sam@leiden.demo");
    await ok(sam, "presence:set", { status: "available" });
    for (let round = 0; round < 5; round++) {
      const y = await youth();
      const { conversation } = await ok(y.socket, "queue:join", { locationChoice: "leiden" });
      const [a, b] = await Promise.all([request(sam, "queue:take"), request(eva, "queue:claim", { conversationId: conversation.id })]);
      expect([a.ok, b.ok].filter(Boolean), `round ${round}`).toHaveLength(1);
      const c = (await shared.server.store.getConversation(conversation.id))!;
      expect(c.holderId).toBe(a.ok ? "st_sam" : "st_eva");
      await ok(a.ok ? sam : eva, "conversation:end", { conversationId: conversation.id });
    }
  });

  it("files one escalation for two escalate clicks, and the second raises its level", async () => {
    const eva = await staff("eva@inloop.demo");
    await ok(eva, "duty:set", { onDuty: true });
    const sam = await staff("sam@leiden.demo");
    await ok(sam, "presence:set", { status: "available" });
    const y = await youth();
    const { conversation } = await ok(y.socket, "queue:join", { locationChoice: "leiden" });
    await ok(sam, "queue:take");
    const [first, second] = await Promise.all([
      ok(sam, "escalation:raise", { conversationId: conversation.id, level: "urgent" }),
      ok(sam, "escalation:raise", { conversationId: conversation.id, level: "urgent" }),
    ]);
    expect(first.escalation.id).toBe(second.escalation.id);
    const samSees = nextEvent(sam, "escalation:updated", (e) => e.level === "crisis");
    const raised = await ok(sam, "escalation:raise", { conversationId: conversation.id, level: "crisis" });
    expect(raised.escalation).toMatchObject({ id: first.escalation.id, level: "crisis", offeredToName: "Eva" });
    expect((await samSees).id).toBe(first.escalation.id);
    expect((await shared.server.store.listEscalations()).filter((e) => e.conversationId === conversation.id)).toHaveLength(1);
    const types = (await shared.server.store.listEvents(0)).filter((e) => e.conversationId === conversation.id).map((e) => e.type);
    expect(types.filter((t) => t === "escalation.raised")).toHaveLength(1);
    expect(types).toContain("escalation.levelRaised");
  });

  it("tells the volunteer how the youth left, in lines only staff see, kept after the chat ends", async () => {
    const sam = await staff("sam@leiden.demo");
    await ok(sam, "presence:set", { status: "available", capacity: 3 });
    const lines = collect(sam, "message:received");
    const ended = collect(sam, "conversation:ended");

    // Quick exit.
    const quick = await youth();
    const q = await ok(quick.socket, "queue:join", { locationChoice: "leiden" });
    await ok(sam, "queue:take");
    const youthHeard = collect(quick.socket, "message:received");
    await fetch(`${shared.server.url}/api/youth/quick-exit`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: shared.server.url },
      body: JSON.stringify({ token: quick.token }),
    });
    await expect.poll(() => ended.some((e) => e.conversationId === q.conversation.id)).toBe(true);
    const quickLine = lines.find((m) => m.conversationId === q.conversation.id && m.system?.kind === "ended");
    expect(quickLine).toMatchObject({ visibility: "staff", text: "", system: { kind: "ended", by: "youth", reason: "quick-exit" } });
    expect(youthHeard).toEqual([]);

    // Closed tab: the page's socket goes away; the chat stays and says so; back again, it says that too.
    const closer = await youth();
    const c = await ok(closer.socket, "queue:join", { locationChoice: "leiden" });
    await ok(sam, "queue:take");
    closer.socket.disconnect();
    await expect.poll(() => lines.some((m) => m.conversationId === c.conversation.id && m.system?.kind === "page-closed")).toBe(true);
    const again = track(await connect(shared.server.url));
    const back = collect(again, "message:received");
    await ok(again, "session:resume", { protocolVersion: PROTOCOL_VERSION, token: closer.token, afterSeq: 0 });
    await expect.poll(() => lines.some((m) => m.conversationId === c.conversation.id && m.system?.kind === "page-back")).toBe(true);

    // Ended by the youth: the transcript keeps every line, the wrap-up says how it ended.
    const due = nextEvent(sam, "wrapup:due", (t) => t.conversation.id === c.conversation.id);
    await ok(again, "conversation:end", { conversationId: c.conversation.id });
    expect((await due).conversation).toMatchObject({ endedBy: "youth", endReason: "ended" });
    const transcript = (await ok(sam, "conversation:sync", { conversationId: c.conversation.id, afterSeq: 0 })).messages;
    expect(transcript.map((m: MessageView) => m.system?.kind)).toEqual(["page-closed", "page-back", "ended"]);
    const youthTranscript = (await ok(again, "conversation:sync", { conversationId: c.conversation.id, afterSeq: 0 })).messages;
    expect(youthTranscript).toEqual([]);
    expect(back.filter((m) => m.system)).toEqual([]);
  });

  it("tells the volunteer who took the chat over, and keeps joined / took over / handed back in the transcript", async () => {
    const eva = await staff("eva@inloop.demo");
    await ok(eva, "duty:set", { onDuty: true });
    const sam = await staff("sam@leiden.demo");
    await ok(sam, "presence:set", { status: "available" });
    const y = await youth();
    const { conversation } = await ok(y.socket, "queue:join", { locationChoice: "leiden" });
    await ok(sam, "queue:take");
    const samLines = collect(sam, "message:received");
    await ok(eva, "conversation:join", { conversationId: conversation.id });
    const out = nextEvent(sam, "conversation:transferred");
    await ok(eva, "conversation:takeover", { conversationId: conversation.id });
    expect(await out).toMatchObject({ reason: "takeover", to: { name: "Eva" } });
    expect(samLines.map((m) => m.system)).toEqual([
      { kind: "joined", name: "Eva" },
      { kind: "took-over", name: "Eva" },
    ]);
    // After a reload she still has it: staff:sync lists it, and there is nothing to take over again.
    const synced = await ok(eva, "staff:sync", { protocolVersion: PROTOCOL_VERSION });
    expect(synced.conversations.map((c) => [c.id, c.holderId, c.previousVolunteerId])).toEqual([[conversation.id, "st_eva", "st_sam"]]);
    expect(await request(eva, "conversation:takeover", { conversationId: conversation.id })).toMatchObject({ ok: false });
    await ok(eva, "conversation:handback", { conversationId: conversation.id });
    const kinds = (await ok(sam, "conversation:sync", { conversationId: conversation.id, afterSeq: 0 })).messages.map(
      (m: MessageView) => m.system?.kind,
    );
    expect(kinds).toEqual(["joined", "took-over", "handed-back"]);
  });

  it("reopens a chat she reads along with after a reload, until she closes it", async () => {
    const eva = await staff("eva@inloop.demo");
    await ok(eva, "duty:set", { onDuty: true });
    const sam = await staff("sam@leiden.demo");
    await ok(sam, "presence:set", { status: "available" });
    const y = await youth();
    const { conversation } = await ok(y.socket, "queue:join", { locationChoice: "leiden" });
    await ok(sam, "queue:take");
    await ok(eva, "conversation:watch", { conversationId: conversation.id });
    eva.disconnect();
    const back = await staff("eva@inloop.demo");
    expect((await ok(back, "professional:state")).watching).toEqual([conversation.id]);
    await ok(back, "conversation:watch", { conversationId: conversation.id });
    await ok(back, "conversation:unwatch", { conversationId: conversation.id });
    expect((await ok(back, "professional:state")).watching).toEqual([]);
    // Closed: she no longer hears the chat.
    const heard = collect(back, "message:received");
    await send(y.socket, conversation.id, "hoi");
    await new Promise((r) => setTimeout(r, 300));
    expect(heard).toEqual([]);
  });

  it("keeps a disconnected waiting youth's place but gives the next connected youth first, then their turn back", async () => {
    const sam = await staff("sam@leiden.demo");
    const gone = await youth();
    const g = await ok(gone.socket, "queue:join", { locationChoice: "leiden" });
    const next = await youth();
    const n = await ok(next.socket, "queue:join", { locationChoice: "leiden" });
    gone.socket.disconnect();
    await expect.poll(async () => (await shared.server.store.getConversation(g.conversation.id))?.disconnectedAt).toBeGreaterThan(0);
    await ok(sam, "presence:set", { status: "available", capacity: 3 });
    expect((await ok(sam, "queue:take")).id).toBe(n.conversation.id);
    expect(await request(sam, "queue:take")).toMatchObject({ ok: false, code: "QUEUE_EMPTY" });

    const again = track(await connect(shared.server.url));
    const resumed = await ok(again, "session:resume", { protocolVersion: PROTOCOL_VERSION, token: gone.token, afterSeq: 0 });
    expect(resumed.state.queue?.position).toBe(1);
    expect((await ok(sam, "queue:take")).id).toBe(g.conversation.id);
  });
});

/**
 * The grace time on a server of its own: the hand-offs above keep a disconnected youth's place
 * for three seconds (they reconnect within it); here it runs out after 0.6 s, so the wait is short.
 */
describe.each(stores)("a place held while disconnected, on the %s store", (kind) => {
  const shared = useSharedServer(kind, { TICK_MS: "100", QUEUE_GONE_MINUTES: "0.01" });
  const youth = async () => {
    const y = await openYouth(shared.server.url);
    shared.track(y.socket);
    return y;
  };

  it("releases a place held while disconnected past the grace time, counted as having left the queue", async () => {
    const gone = await youth();
    const g = await ok(gone.socket, "queue:join", { locationChoice: "leiden" });
    gone.socket.disconnect();
    await expect
      .poll(async () => (await shared.server.store.getConversation(g.conversation.id))?.status, { timeout: 10_000 })
      .toBe("abandoned");
    const left = (await shared.server.store.listEvents(0)).find(
      (e) => e.conversationId === g.conversation.id && e.type === "conversation.abandoned",
    );
    expect(left?.data).toMatchObject({ reason: "gone" });
  });
});
