/**
 * The push path end to end: a local HTTP endpoint plays the push service, a "device" subscribes
 * with a generated P-256 key pair and auth secret, an alert is triggered, and the endpoint decrypts
 * the aes128gcm body (RFC 8291) and checks the VAPID signature (RFC 8292), as a real push service
 * and browser would. Also: who counts as reachable (item 7), and a youth's turn notice.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import webpush from "web-push";
import { DEMO_PASSWORD } from "../../server/demo/seed";
import { type ClientSocket, connect, login, nextEvent, ok, openStaff, openYouth, request } from "../helpers/clients";
import { startPushService } from "../helpers/pushService";
import { redisAvailable } from "../helpers/redis";
import { startTestServer, stopServer, useSharedServer } from "../helpers/servers";

const stores = (await redisAvailable("push on Redis")) ? ["memory", "redis"] : ["memory"];
const vapid = webpush.generateVAPIDKeys();

describe.each(stores)("push on the %s store", (kind) => {
  const shared = useSharedServer(kind, {
    TICK_MS: "100",
    ESCALATION_TIMEOUT_CRISIS_S: "2",
    VAPID_PUBLIC_KEY: vapid.publicKey,
    VAPID_PRIVATE_KEY: vapid.privateKey,
    VAPID_SUBJECT: "mailto:ops@inloop.test",
  });
  let pushService: Awaited<ReturnType<typeof startPushService>>;
  beforeAll(async () => {
    pushService = await startPushService();
  });
  afterAll(async () => {
    await pushService.close();
  });
  const track = shared.track;
  const staff = async (email: string) => {
    const s = await openStaff(shared.server.url, email, DEMO_PASSWORD);
    track(s.socket);
    return s;
  };
  const chat = async () => {
    const sam = (await staff("sam@leiden.demo")).socket;
    await ok(sam, "presence:set", { status: "available" });
    const youth = await openYouth(shared.server.url);
    track(youth.socket);
    const { conversation } = await ok(youth.socket, "queue:join", { locationChoice: "leiden" });
    await ok(sam, "queue:take");
    return { sam, youth: youth.socket, id: conversation.id };
  };
  const dutyOf = async (cookie: string) => {
    const res = await fetch(`${shared.server.url}/api/duty`, { headers: { cookie } });
    return ((await res.json()) as { data: { staffId: string; reach: string }[] }).data;
  };

  it("pages an on-duty professional whose console is closed on her subscribed device: ids, level and location only", async () => {
    const eva = await staff("eva@inloop.demo");
    const { device, subscription } = pushService.device(`eva-${kind}`);
    await ok(eva.socket, "push:subscribe", { subscription });
    await ok(eva.socket, "duty:set", { onDuty: true });
    eva.socket.disconnect(); // the console is closed; the phone is in her pocket
    const bram = await staff("bram@inloop.demo");
    await ok(bram.socket, "duty:set", { onDuty: true, locationIds: ["amsterdam"] });
    await expect.poll(async () => (await dutyOf(bram.cookie)).find((d) => d.staffId === "st_eva")?.reach).toBe("push");

    const { sam, youth, id } = await chat();
    await ok(youth, "message:send", { conversationId: id, id: randomUUID(), text: "ik heb een plan" });
    const raised = await ok(sam, "escalation:raise", { conversationId: id, level: "crisis", note: "noemt een plan" });
    // Eva is paged, not skipped: she is the offer, and the routing waits her normal timeout.
    expect(raised.unrouted).toBe(false);
    expect(raised.escalation.offeredTo).toEqual(["st_eva"]);

    const push = await pushService.next((p) => p.path.endsWith(`/eva-${kind}`));
    expect(push.payload).toEqual({
      kind: "escalation",
      escalationId: raised.escalation.id,
      conversationId: id,
      level: "crisis",
      location: "Leiden",
    });
    const raw = JSON.stringify(push.payload);
    for (const words of ["plan", "noemt", "Sam"]) expect(raw).not.toContain(words);
    expect(push.vapid).toMatchObject({ aud: pushService.origin, sub: "mailto:ops@inloop.test", publicKey: vapid.publicKey });
    expect(push.headers.urgency).toBe("high");
    expect(Number(push.headers.ttl)).toBeGreaterThan(0);
    expect(device.keys.p256dh).toBe(subscription.keys.p256dh);

    // Only after her 2 s did the offer move on to Bram (on duty elsewhere, console open).
    const toBram = await nextEvent(bram.socket, "escalation:alert", (e) => e.id === raised.escalation.id, 6000);
    expect(toBram.offeredTo).toEqual(["st_eva", "st_bram"]);
    expect(toBram.offeredAt - raised.escalation.offeredAt).toBeGreaterThanOrEqual(2000);
  });

  it("skips an on-duty professional with no console and no device at once, and shows her as not reachable", async () => {
    const eva = await staff("eva@inloop.demo");
    await ok(eva.socket, "duty:set", { onDuty: true });
    eva.socket.disconnect();
    const bram = await staff("bram@inloop.demo");
    await ok(bram.socket, "duty:set", { onDuty: true, locationIds: ["amsterdam"] });
    const kim = await login(shared.server.url, "kim@inloop.demo", DEMO_PASSWORD);
    await expect.poll(async () => (await dutyOf(kim)).find((d) => d.staffId === "st_eva")?.reach).toBe("none");
    expect((await dutyOf(bram.cookie)).find((d) => d.staffId === "st_bram")?.reach).toBe("console");

    const { sam, id } = await chat();
    const raised = await ok(sam, "escalation:raise", { conversationId: id, level: "crisis" });
    expect(raised.escalation.offeredTo).toEqual(["st_bram"]);
  });

  it("tells a waiting youth who asked when it is their turn, in neutral words, and forgets the device after", async () => {
    const sam = (await staff("sam@leiden.demo")).socket;
    const youth = await openYouth(shared.server.url);
    track(youth.socket);
    const { subscription } = pushService.device(`youth-${kind}`);
    // Before waiting there is nothing to be told about.
    expect(await request(youth.socket, "push:subscribe", { subscription })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    const { conversation } = await ok(youth.socket, "queue:join", { locationChoice: "leiden", nickname: "Mo" });
    await ok(youth.socket, "push:subscribe", { subscription });
    await ok(sam, "presence:set", { status: "available" });
    await ok(sam, "queue:take");
    const push = await pushService.next((p) => p.path.endsWith(`/youth-${kind}`));
    expect(push.payload).toEqual({ kind: "turn" });
    await expect
      .poll(
        async () =>
          (
            await shared.server.store.listPushSubscriptions(
              `youth:${(await shared.server.store.getConversation(conversation.id))!.youthId}`,
            )
          ).length,
      )
      .toBe(0);
    // Active now: no new subscription.
    expect(await request(youth.socket, "push:subscribe", { subscription })).toMatchObject({ ok: false, code: "FORBIDDEN" });
  });

  it("tells a waiting youth whose page is away that it is their turn once they are first in line", async () => {
    const sam = (await staff("sam@leiden.demo")).socket;
    await ok(sam, "presence:set", { status: "break" });
    const youth = await openYouth(shared.server.url);
    track(youth.socket);
    const { conversation } = await ok(youth.socket, "queue:join", { locationChoice: "leiden" });
    await ok(youth.socket, "push:subscribe", { subscription: pushService.device(`away-${kind}`).subscription });
    youth.socket.disconnect(); // the phone suspended the tab
    const push = await pushService.next((p) => p.path.endsWith(`/away-${kind}`), 6000);
    expect(push.payload).toEqual({ kind: "turn" });
    const youthId = (await shared.server.store.getConversation(conversation.id))!.youthId;
    await expect.poll(async () => (await shared.server.store.listPushSubscriptions(`youth:${youthId}`)).length).toBe(0);
    expect(pushService.received.filter((p) => p.path.endsWith(`/away-${kind}`))).toHaveLength(1);
  });

  it("forgets a waiting youth's device when they leave the queue, and a staff device the push service says is gone", async () => {
    const youth = await openYouth(shared.server.url);
    track(youth.socket);
    const { conversation } = await ok(youth.socket, "queue:join", { locationChoice: "leiden" });
    await ok(youth.socket, "push:subscribe", { subscription: pushService.device(`leaver-${kind}`).subscription });
    const youthId = (await shared.server.store.getConversation(conversation.id))!.youthId;
    expect(await shared.server.store.listPushSubscriptions(`youth:${youthId}`)).toHaveLength(1);
    await ok(youth.socket, "queue:leave");
    await expect.poll(async () => (await shared.server.store.listPushSubscriptions(`youth:${youthId}`)).length).toBe(0);

    const eva = await staff("eva@inloop.demo");
    await ok(eva.socket, "push:subscribe", { subscription: pushService.device(`gone-${kind}`).subscription });
    await ok(eva.socket, "duty:set", { onDuty: true });
    eva.socket.disconnect();
    pushService.answerWith(410);
    try {
      const { sam, id } = await chat();
      await ok(sam, "escalation:raise", { conversationId: id, level: "urgent" });
      await expect.poll(async () => (await shared.server.store.listPushSubscriptions("staff:st_eva")).length).toBe(0);
    } finally {
      pushService.answerWith(201);
    }
  });

  it("pages a volunteer on shift whose console is closed when a youth starts waiting at their location, not one elsewhere", async () => {
    const sam = await staff("sam@leiden.demo");
    await ok(sam.socket, "push:subscribe", { subscription: pushService.device(`sam-${kind}`).subscription });
    const noor = await staff("noor@amsterdam.demo");
    await ok(noor.socket, "push:subscribe", { subscription: pushService.device(`noor-${kind}`).subscription });
    // Both on a roster shift now, both consoles closed.
    const now = Date.now();
    await shared.server.store.putShift({
      id: `sh_sam_${kind}`,
      locationId: "leiden",
      staffId: "st_sam",
      role: "volunteer",
      start: now - 60_000,
      end: now + 3_600_000,
    });
    await shared.server.store.putShift({
      id: `sh_noor_${kind}`,
      locationId: "amsterdam",
      staffId: "st_noor",
      role: "volunteer",
      start: now - 60_000,
      end: now + 3_600_000,
    });
    sam.socket.disconnect();
    noor.socket.disconnect();
    try {
      const youth = await openYouth(shared.server.url);
      track(youth.socket);
      await ok(youth.socket, "queue:join", { locationChoice: "leiden", nickname: "Mo", topic: "self-harm-suicide" });
      const push = await pushService.next((p) => p.path.endsWith(`/sam-${kind}`));
      expect(push.payload).toEqual({ kind: "waiting", location: "Leiden" });
      await new Promise((r) => setTimeout(r, 300));
      expect(pushService.received.filter((p) => p.path.endsWith(`/noor-${kind}`))).toEqual([]);
    } finally {
      await shared.server.store.deleteShift(`sh_sam_${kind}`);
      await shared.server.store.deleteShift(`sh_noor_${kind}`);
    }
  });

  it("refuses a coordinator's subscription and a malformed one", async () => {
    const kim = await staff("kim@inloop.demo");
    expect(await request(kim.socket, "push:subscribe", { subscription: pushService.device("kim").subscription })).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });
    const sam = await staff("sam@leiden.demo");
    expect(
      await request(sam.socket, "push:subscribe", { subscription: { endpoint: "ftp://x", keys: { p256dh: "a", auth: "b" } } }),
    ).toMatchObject({ ok: false, code: "BAD_REQUEST" });
  });
});

describe("push keys", () => {
  it("are made at start on the in-memory store when none are configured, and served to pages", async () => {
    const server = await startTestServer();
    try {
      const res = await fetch(`${server.url}/api/push/key`);
      const { data } = (await res.json()) as { data: { publicKey: string } };
      expect(Buffer.from(data.publicKey, "base64url")).toHaveLength(65);
      const socket: ClientSocket = await connect(server.url, await login(server.url, "sam@leiden.demo", DEMO_PASSWORD));
      socket.disconnect();
    } finally {
      await stopServer(server);
    }
  });
});
