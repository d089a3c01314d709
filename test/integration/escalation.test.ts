import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../server/demo/seed";
import { PROTOCOL_VERSION } from "../../shared/protocol";
import { connect, nextEvent, ok, openStaff, openYouth, request } from "../helpers/clients";
import { redisAvailable } from "../helpers/redis";
import { useSharedServer } from "../helpers/servers";

const stores = (await redisAvailable("escalation on Redis")) ? ["memory", "redis"] : ["memory"];

describe.each(stores)("escalation on the %s store", (kind) => {
  const shared = useSharedServer(kind, { TICK_MS: "100", ESCALATION_TIMEOUT_CRISIS_S: "0.5" });
  const track = shared.track;
  const staff = async (email: string) => {
    const s = await openStaff(shared.server.url, email, DEMO_PASSWORD);
    track(s.socket);
    return s.socket;
  };
  /** Sam in an active chat with a fresh youth at Leiden. */
  const chat = async () => {
    const sam = await staff("sam@leiden.demo");
    await ok(sam, "presence:set", { status: "available" });
    const youth = await openYouth(shared.server.url);
    track(youth.socket);
    const { conversation } = await ok(youth.socket, "queue:join", { locationChoice: "leiden" });
    await ok(sam, "queue:take");
    return { sam, youth: youth.socket, id: conversation.id };
  };

  it("gets a crisis to the on-duty professional, who reads along, joins, speaks and resolves", async () => {
    const eva = await staff("eva@inloop.demo");
    await ok(eva, "duty:set", { onDuty: true });
    // Off duty, Bram hears nothing: escalations carry notes about a youth.
    const bram = await staff("bram@inloop.demo");
    const bramHeard: unknown[] = [];
    for (const event of ["escalation:updated", "escalation:alert", "risk:flagged"] as const)
      bram.on(event, (p: unknown) => bramHeard.push(p));
    const { sam, youth, id } = await chat();
    await ok(youth, "message:send", { conversationId: id, id: randomUUID(), text: "ik weet het niet meer" });

    const alert = nextEvent(eva, "escalation:alert");
    const raised = await ok(sam, "escalation:raise", { conversationId: id, level: "crisis", note: "noemt een plan" });
    expect(raised.unrouted).toBe(false);
    expect(await alert).toMatchObject({
      conversationId: id,
      level: "crisis",
      offeredTo: ["st_eva"],
      raisedByName: "Sam",
      note: "noemt een plan",
    });

    const samSees = nextEvent(sam, "escalation:updated", (e) => e.status === "claimed");
    const claimed = await ok(eva, "escalation:claim", { escalationId: raised.escalation.id });
    expect(claimed).toMatchObject({ status: "claimed", claimedByName: "Eva" });
    expect((await samSees).claimedBy).toBe("st_eva");

    const watched = await ok(eva, "conversation:watch", { conversationId: id });
    expect(watched.messages.map((m) => m.text)).toEqual(["ik weet het niet meer"]);
    // Reading along is not speaking to the youth.
    expect(await request(eva, "message:send", { conversationId: id, id: randomUUID(), text: "hoi" })).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });
    const whisper = nextEvent(sam, "message:received", (m) => m.visibility === "staff");
    await ok(eva, "whisper:send", { conversationId: id, id: randomUUID(), text: "Vraag naar het plan, ik kijk mee." });
    expect((await whisper).sender).toEqual({ role: "professional", name: "Eva" });

    const joined = nextEvent(youth, "professional:joined");
    await ok(eva, "conversation:join", { conversationId: id });
    expect((await joined).peer).toEqual({ role: "professional", name: "Eva" });
    const youthGets = nextEvent(youth, "message:received");
    await ok(eva, "message:send", { conversationId: id, id: randomUUID(), text: "Hoi, ik ben Eva, psycholoog." });
    expect((await youthGets).sender).toEqual({ role: "professional", name: "Eva" });

    // Take over: Sam steps out, the youth is told who they talk to now; then hand back.
    const samOut = nextEvent(sam, "conversation:transferred");
    const youthToEva = nextEvent(youth, "conversation:assigned");
    await ok(eva, "conversation:takeover", { conversationId: id });
    expect(await samOut).toEqual({ conversationId: id, reason: "takeover", to: { role: "professional", name: "Eva" } });
    expect((await youthToEva).peer).toEqual({ role: "professional", name: "Eva" });
    expect(await request(sam, "message:send", { conversationId: id, id: randomUUID(), text: "nog?" })).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });
    expect(await request(eva, "conversation:takeover", { conversationId: id })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    const samBack = nextEvent(sam, "conversation:assigned");
    const youthToSam = nextEvent(youth, "conversation:assigned");
    await ok(eva, "conversation:handback", { conversationId: id });
    expect((await samBack).staff?.id).toBe(id);
    expect((await youthToSam).peer).toEqual({ role: "volunteer", name: "Sam" });
    await ok(sam, "message:send", { conversationId: id, id: randomUUID(), text: "Ik ben er weer." });

    const resolved = await ok(eva, "escalation:resolve", {
      escalationId: raised.escalation.id,
      outcome: "Afspraak met huisarts gemaakt",
      referral: "gp",
    });
    expect(resolved.status).toBe("resolved");
    expect(bramHeard).toEqual([]);
    expect((await shared.server.store.listEvents(0)).filter((e) => e.conversationId === id).map((e) => e.type)).toEqual(
      expect.arrayContaining([
        "escalation.raised",
        "escalation.offered",
        "escalation.claimed",
        "escalation.resolved",
        "professional.joined",
      ]),
    );
  });

  it("shows the volunteer the crisis protocol at once when nobody is on duty, and keeps it open", async () => {
    const { sam, id } = await chat();
    const unrouted = nextEvent(sam, "escalation:unrouted");
    const raised = await ok(sam, "escalation:raise", { conversationId: id, level: "crisis" });
    expect(raised.unrouted).toBe(true);
    expect((await unrouted).status).toBe("open");
    // A professional coming on duty is alerted to what is still open.
    const eva = await staff("eva@inloop.demo");
    const alert = nextEvent(eva, "escalation:alert");
    await ok(eva, "duty:set", { onDuty: true });
    expect((await alert).id).toBe(raised.escalation.id);
  });

  it("moves on to the next professional when the first does not acknowledge in time", async () => {
    const eva = await staff("eva@inloop.demo");
    const bram = await staff("bram@inloop.demo");
    await ok(eva, "duty:set", { onDuty: true });
    await ok(bram, "duty:set", { onDuty: true });
    const { sam, id } = await chat();
    const evaAlert = nextEvent(eva, "escalation:alert");
    const bramAlert = nextEvent(bram, "escalation:alert", undefined, 5000);
    const raised = await ok(sam, "escalation:raise", { conversationId: id, level: "crisis" });
    expect((await evaAlert).id).toBe(raised.escalation.id);
    const second = await bramAlert;
    expect(second.offeredTo).toEqual(["st_eva", "st_bram"]);
    expect(second.offeredAt - second.raisedAt).toBeGreaterThanOrEqual(500);
    // Bram is not on duty for Leiden, but the escalation he took gives him the conversation.
    expect(await request(bram, "conversation:watch", { conversationId: id })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    await ok(bram, "escalation:claim", { escalationId: raised.escalation.id });
    await ok(bram, "conversation:watch", { conversationId: id });
    expect(await request(eva, "escalation:claim", { escalationId: raised.escalation.id })).toMatchObject({
      ok: false,
      code: "ALREADY_CLAIMED",
    });
  });

  it("puts a youth who writes a high-risk message while waiting first, and escalates when they are picked up", async () => {
    const early = await openYouth(shared.server.url);
    const flagged = await openYouth(shared.server.url);
    track(early.socket);
    track(flagged.socket);
    await ok(early.socket, "queue:join", { locationChoice: "leiden" });
    const f = await ok(flagged.socket, "queue:join", { locationChoice: "leiden" });
    await ok(flagged.socket, "message:send", { conversationId: f.conversation.id, id: randomUUID(), text: "ik wil dood" });
    await expect.poll(async () => (await shared.server.store.getConversation(f.conversation.id))?.priority).toBeGreaterThan(0);

    // Nobody on duty yet: the escalation waits, open; a professional coming on duty is alerted at once.
    const eva = await staff("eva@inloop.demo");
    const alert = nextEvent(eva, "escalation:alert");
    await ok(eva, "duty:set", { onDuty: true });
    expect(await alert).toMatchObject({ source: "risk", level: "urgent", conversationId: f.conversation.id, about: { status: "queued" } });
    const sam = await staff("sam@leiden.demo");
    await ok(sam, "presence:set", { status: "available" });
    const prompt = nextEvent(sam, "risk:flagged");
    const evaSees = nextEvent(eva, "escalation:updated", (e) => e.conversationId === f.conversation.id && e.about?.status === "active");
    expect((await ok(sam, "queue:take")).id).toBe(f.conversation.id);
    expect(await prompt).toMatchObject({ level: "high", conversationId: f.conversation.id });
    expect((await evaSees).about).toMatchObject({ holderName: "Sam", holderRole: "volunteer" });

    // A further high-risk message prompts again; the urgent escalation is already there.
    const again = nextEvent(sam, "risk:flagged");
    await ok(flagged.socket, "message:send", { conversationId: f.conversation.id, id: randomUUID(), text: "ik wil echt niet meer leven" });
    expect(await again).toMatchObject({ level: "high", acute: false });
    expect((await shared.server.store.listEscalations()).filter((e) => e.conversationId === f.conversation.id)).toHaveLength(1);

    // An acute one (a plan with means) raises that escalation to crisis.
    const acute = nextEvent(sam, "risk:flagged");
    await ok(flagged.socket, "message:send", {
      conversationId: f.conversation.id,
      id: randomUUID(),
      text: "ik heb pillen gespaard om er een eind aan te maken",
    });
    expect(await acute).toMatchObject({ level: "high", acute: true });
    await expect
      .poll(async () =>
        (await shared.server.store.listEscalations()).filter((e) => e.conversationId === f.conversation.id).map((e) => e.level),
      )
      .toEqual(["crisis"]);
    expect(JSON.stringify(await shared.server.store.listEvents(0))).not.toContain("gespaard");
  });

  it("reads a youth's short answer with the volunteer's question: 'ja' after 'denk je aan zelfmoord?' is high", async () => {
    const eva = await staff("eva@inloop.demo");
    await ok(eva, "duty:set", { onDuty: true });
    const { sam, youth, id } = await chat();
    await ok(youth, "message:send", { conversationId: id, id: randomUUID(), text: "het gaat niet zo goed" });
    await ok(sam, "message:send", { conversationId: id, id: randomUUID(), text: "Denk je weleens aan zelfmoord?" });
    const flag = nextEvent(sam, "risk:flagged");
    const urgent = nextEvent(eva, "escalation:alert", (e) => e.source === "risk");
    await ok(youth, "message:send", { conversationId: id, id: randomUUID(), text: "ja soms" });
    expect(await flag).toMatchObject({ level: "high", signals: ["suicidal-ideation"], acute: false });
    expect((await urgent).level).toBe("urgent");
  });

  it("does not let an open consult hold back a risk escalation: it raises the consult to urgent", async () => {
    const eva = await staff("eva@inloop.demo");
    await ok(eva, "duty:set", { onDuty: true });
    const { sam, youth, id } = await chat();
    const consult = await ok(sam, "escalation:raise", { conversationId: id, level: "consult", note: "vraagje" });
    const urgent = nextEvent(eva, "escalation:alert", (e) => e.level === "urgent");
    await ok(youth, "message:send", { conversationId: id, id: randomUUID(), text: "ik wil niet meer leven" });
    expect(await urgent).toMatchObject({ id: consult.escalation.id, level: "urgent", note: "vraagje" });
    expect((await shared.server.store.listEscalations()).filter((e) => e.conversationId === id)).toHaveLength(1);
  });

  it("keeps a taken-over chat with the professional across a reconnect, and logging out ends duty", async () => {
    const cookie = (await openStaff(shared.server.url, "eva@inloop.demo", DEMO_PASSWORD)).cookie;
    const eva = await connect(shared.server.url, cookie);
    track(eva);
    await ok(eva, "duty:set", { onDuty: true });
    const { id } = await chat();
    await ok(eva, "conversation:join", { conversationId: id });
    await ok(eva, "conversation:takeover", { conversationId: id });
    eva.disconnect();
    const back = await connect(shared.server.url, cookie);
    track(back);
    const synced = await ok(back, "staff:sync", { protocolVersion: PROTOCOL_VERSION });
    expect(synced.conversations.map((c) => c.id)).toEqual([id]);
    expect((await ok(back, "conversation:live")).map((l) => l.conversation.id)).toContain(id);
    await fetch(`${shared.server.url}/api/auth/logout`, { method: "POST", headers: { cookie } });
    expect(await shared.server.store.listDuty()).toEqual([]);
  });

  it("reopens what a professional claimed when they go off duty, for someone else to take", async () => {
    const eva = await staff("eva@inloop.demo");
    const bram = await staff("bram@inloop.demo");
    await ok(eva, "duty:set", { onDuty: true });
    const { sam, id } = await chat();
    const raised = await ok(sam, "escalation:raise", { conversationId: id, level: "crisis" });
    await ok(eva, "escalation:claim", { escalationId: raised.escalation.id });
    await ok(bram, "duty:set", { onDuty: true });
    const bramAlert = nextEvent(bram, "escalation:alert", (e) => e.id === raised.escalation.id);
    await ok(eva, "duty:set", { onDuty: false });
    expect((await shared.server.store.getEscalation(raised.escalation.id))?.status).toBe("open");
    expect((await bramAlert).offeredTo).toEqual(["st_bram"]);
    await ok(bram, "escalation:claim", { escalationId: raised.escalation.id });
  });

  it("keeps volunteers out of the professional's tools", async () => {
    const { sam, id } = await chat();
    const lotte = await staff("lotte@leiden.demo");
    const raised = await ok(sam, "escalation:raise", { conversationId: id, level: "consult" });
    expect(await request(lotte, "escalation:raise", { conversationId: id, level: "crisis" })).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });
    for (const [event, payload] of [
      ["escalation:claim", { escalationId: raised.escalation.id }],
      ["escalation:list", {}],
      ["duty:set", { onDuty: true }],
      ["conversation:watch", { conversationId: id }],
      ["conversation:join", { conversationId: id }],
      ["conversation:live", {}],
      ["conversation:takeover", { conversationId: id }],
      ["conversation:handback", { conversationId: id }],
    ] as const) {
      expect(await request(sam, event, payload), event).toMatchObject({ ok: false, code: "FORBIDDEN" });
    }
  });
});
