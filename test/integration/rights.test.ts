/**
 * Issue 15, items 3 and 4: a professional is on duty only where a coordinator in scope lets them
 * be, and when a right ends (off duty, duty moved, session ended or replaced, a hand-back to someone
 * who is no volunteer any more) live delivery ends with it, on every process. (A blocked youth's
 * other tab: forwarded.test.ts.)
 * Two server processes share one Redis; the youth and the volunteer are on one, the professional on the other.
 */
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../server/app/startServer";
import { hashSecret } from "../../server/auth/secrets";
import { DEMO_PASSWORD } from "../../server/demo/seed";
import { PROTOCOL_VERSION } from "../../shared/protocol";
import {
  type ClientSocket,
  closeAll,
  collect,
  completeSecondFactor,
  connect,
  login,
  nextEvent,
  ok,
  openStaff,
  openYouth,
  request,
} from "../helpers/clients";
import { REDIS_URL, redisAvailable } from "../helpers/redis";
import { resetState, startTestServer, stopServer } from "../helpers/servers";

const onRedis = await redisAvailable("rights on Redis");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const json = (cookie: string, body: unknown, method = "POST") => ({
  method,
  headers: { "content-type": "application/json", cookie },
  body: JSON.stringify(body),
});

describe.runIf(onRedis)("rights and live delivery (two processes, one Redis)", () => {
  const prefix = `inloop-test-${randomUUID()}:`;
  const env = { REDIS_URL, REDIS_PREFIX: prefix, STAFF_SESSION_RECHECK_MS: "200", PRESENCE_GRACE_MS: "600000" };
  let a: RunningServer;
  let b: RunningServer;
  const open: ClientSocket[] = [];
  const track = <T extends { socket: ClientSocket }>(x: T): T => (open.push(x.socket), x);
  const staffOn = async (server: RunningServer, email: string) => track(await openStaff(server.url, email, DEMO_PASSWORD));

  beforeAll(async () => {
    a = await startTestServer(env);
    b = await startTestServer(env);
  });
  afterEach(async () => {
    await closeAll(...open.splice(0));
    await resetState(a);
  });
  afterAll(async () => {
    await stopServer(a);
    await stopServer(b, prefix);
  });

  /** A youth on B chatting with Sam on B, at Leiden. */
  async function leidenChat() {
    const sam = await staffOn(b, "sam@leiden.demo");
    await ok(sam.socket, "presence:set", { status: "available", capacity: 3 });
    const youth = track(await openYouth(b.url));
    const { conversation } = await ok(youth.socket, "queue:join", { locationChoice: "leiden" });
    await ok(sam.socket, "queue:take");
    return { sam, youth, conversationId: conversation.id };
  }

  /** Sends a youth message and resolves once Sam has it; then gives the other process time to deliver too. */
  async function youthSays(chat: Awaited<ReturnType<typeof leidenChat>>, text: string): Promise<string> {
    const id = randomUUID();
    const atSam = nextEvent(chat.sam.socket, "message:received", (m) => m.id === id);
    await ok(chat.youth.socket, "message:send", { conversationId: chat.conversationId, id, text });
    await atSam;
    await sleep(400);
    return id;
  }

  async function setCovers(staffId: string, fields: { displayName: string; locationId: string }, covers: string[]) {
    const kim = await login(a.url, "kim@inloop.demo", DEMO_PASSWORD);
    const res = await fetch(
      `${a.url}/api/admin/staff/${staffId}`,
      json(kim, { ...fields, role: "professional", skills: [], covers }, "PUT"),
    );
    expect(res.status).toBe(200);
  }

  it("puts a professional on duty only for their own locations", async () => {
    const bram = await staffOn(a, "bram@inloop.demo");
    expect(await request(bram.socket, "duty:set", { onDuty: true, locationIds: ["leiden"] })).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });
    expect(await request(bram.socket, "duty:set", { onDuty: true, locationIds: ["amsterdam", "nowhere"] })).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });
    expect(await a.store.listDuty()).toEqual([]);
    expect(await ok(bram.socket, "duty:set", { onDuty: true })).toMatchObject({
      onDuty: true,
      locationIds: ["amsterdam"],
      mayCover: ["amsterdam"],
    });
    // A national coordinator gives him Leiden to cover; then he may.
    await setCovers("st_bram", { displayName: "Bram", locationId: "amsterdam" }, ["leiden"]);
    expect(await ok(bram.socket, "duty:set", { onDuty: true, locationIds: ["amsterdam", "leiden"] })).toMatchObject({
      locationIds: ["amsterdam", "leiden"],
    });
    await setCovers("st_bram", { displayName: "Bram", locationId: "amsterdam" }, []);
  });

  it("lets a coordinator give cover only where she runs the location herself", async () => {
    const ilse = await login(a.url, "ilse@leiden.demo", DEMO_PASSWORD);
    const email = `pro-${randomUUID().slice(0, 8)}@authz.test`;
    const invite = { email, displayName: "Nieuw", role: "professional", locationId: "leiden" };
    expect((await fetch(`${a.url}/api/admin/staff/invite`, json(ilse, { ...invite, covers: ["amsterdam"] }))).status).toBe(403);
    const made = await fetch(`${a.url}/api/admin/staff/invite`, json(ilse, invite));
    expect(made.status).toBe(200);
    const { data } = (await made.json()) as { data: { link: string; staff: { id: string } } };
    const token = /#(.+)$/.exec(data.link)![1]!;
    // She opens the link herself and tries to put the account on duty in Amsterdam.
    const accepted = await fetch(`${a.url}/api/invites/accept`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token, password: "een heel lang wachtwoord voor de test 7" }),
    });
    expect(accepted.status).toBe(200);
    // A professional enrols a second factor before the session is a full one (issue 17).
    const cookie = await completeSecondFactor(a.url, email, accepted.headers.get("set-cookie")!.split(";")[0]!, "enrol");
    const socket = await connect(b.url, cookie);
    open.push(socket);
    expect(await request(socket, "duty:set", { onDuty: true, locationIds: ["amsterdam"] })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(
      (
        await fetch(
          `${a.url}/api/admin/staff/${data.staff.id}`,
          json(ilse, { displayName: "Nieuw", role: "professional", locationId: "leiden", skills: [], covers: ["amsterdam"] }, "PUT"),
        )
      ).status,
    ).toBe(403);
  });

  it("lists escalations only of the locations a professional is on duty for", async () => {
    const now = Date.now();
    for (const [id, locationId] of [
      ["e_rights_leiden", "leiden"],
      ["e_rights_amsterdam", "amsterdam"],
    ] as const) {
      await a.store.createEscalation({
        id,
        locationId,
        level: "urgent",
        source: "volunteer",
        note: "notitie over een jongere",
        raisedAt: now,
        status: "open",
        offeredTo: [],
        offeredAt: now,
      });
    }
    const eva = await staffOn(a, "eva@inloop.demo");
    const ids = async () => (await ok(eva.socket, "escalation:list")).map((e) => e.id);
    expect(await ids()).toEqual([]);
    await ok(eva.socket, "duty:set", { onDuty: true });
    expect(await ids()).toEqual(["e_rights_leiden"]);
    await ok(eva.socket, "duty:set", { onDuty: false });
    expect(await ids()).toEqual([]);
  });

  it("stops delivering a watched chat, its whispers and notes at once when the professional goes off duty", async () => {
    const chat = await leidenChat();
    const eva = await staffOn(a, "eva@inloop.demo");
    await ok(eva.socket, "duty:set", { onDuty: true });
    await ok(eva.socket, "conversation:watch", { conversationId: chat.conversationId });
    const heard = collect(eva.socket, "message:received");
    const notes = collect(eva.socket, "note:updated");
    const before = await youthSays(chat, "eerste bericht");
    expect(heard.map((m) => m.id)).toContain(before);
    await ok(eva.socket, "duty:set", { onDuty: false });
    const after = await youthSays(chat, "na de dienst");
    await ok(chat.sam.socket, "whisper:send", { conversationId: chat.conversationId, id: randomUUID(), text: "alleen voor staf" });
    await ok(chat.sam.socket, "note:set", { conversationId: chat.conversationId, note: "interne notitie" });
    await sleep(400);
    expect(heard.map((m) => m.id)).not.toContain(after);
    expect(heard.filter((m) => m.visibility === "staff")).toEqual([]);
    expect(notes).toEqual([]);
  });

  it("stops delivering when duty moves to another location, or a coordinator takes the location off them", async () => {
    await setCovers("st_eva", { displayName: "Eva", locationId: "leiden" }, ["apeldoorn"]);
    const chat = await leidenChat();
    const eva = await staffOn(a, "eva@inloop.demo");
    await ok(eva.socket, "duty:set", { onDuty: true, locationIds: ["leiden"] });
    await ok(eva.socket, "conversation:watch", { conversationId: chat.conversationId });
    const heard = collect(eva.socket, "message:received");
    await ok(eva.socket, "duty:set", { onDuty: true, locationIds: ["apeldoorn"] });
    const moved = await youthSays(chat, "na het verplaatsen");
    expect(heard.map((m) => m.id)).not.toContain(moved);

    // Bram covers Leiden, watches, and the coordinator takes Leiden off his cover.
    await setCovers("st_bram", { displayName: "Bram", locationId: "amsterdam" }, ["leiden"]);
    const bram = await staffOn(b, "bram@inloop.demo");
    await ok(bram.socket, "duty:set", { onDuty: true, locationIds: ["amsterdam", "leiden"] });
    await ok(bram.socket, "conversation:watch", { conversationId: chat.conversationId });
    const bramHeard = collect(bram.socket, "message:received");
    const readAlong = await youthSays(chat, "Bram leest mee");
    expect(bramHeard.map((m) => m.id)).toContain(readAlong);
    await setCovers("st_bram", { displayName: "Bram", locationId: "amsterdam" }, []);
    expect((await a.store.listDuty()).find((d) => d.staffId === "st_bram")?.locationIds).toEqual(["amsterdam"]);
    const trimmed = await youthSays(chat, "na het intrekken");
    expect(bramHeard.map((m) => m.id)).not.toContain(trimmed);
    await setCovers("st_eva", { displayName: "Eva", locationId: "leiden" }, []);
  });

  it("closes a console whose session ended, or was replaced by a new login, without waiting for it to send", async () => {
    const chat = await leidenChat();
    // A second console of Sam's on the other process, with its own session.
    const cookie = await login(a.url, "sam@leiden.demo", DEMO_PASSWORD);
    const listening = await connect(a.url, cookie);
    open.push(listening);
    await ok(listening, "staff:sync", { protocolVersion: PROTOCOL_VERSION });
    const closed = new Promise((resolve) => listening.once("disconnect", resolve));
    // The session expires (as its TTL would end it): the console is closed within the recheck time.
    await a.store.deleteStaffSession(hashSecret(cookie.split("=")[1]!));
    expect(await Promise.race([closed, sleep(3000).then(() => "still open")])).toBe("io server disconnect");

    // The same browser logs in again: the console opened with the old session closes at once.
    const old = await login(b.url, "sam@leiden.demo", DEMO_PASSWORD);
    const oldConsole = await connect(a.url, old);
    open.push(oldConsole);
    await ok(oldConsole, "staff:sync", { protocolVersion: PROTOCOL_VERSION });
    const replaced = new Promise((resolve) => oldConsole.once("disconnect", resolve));
    const relogin = await fetch(`${b.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: old },
      body: JSON.stringify({ email: "sam@leiden.demo", password: DEMO_PASSWORD }),
    });
    expect(relogin.status).toBe(200);
    expect(await Promise.race([replaced, sleep(150).then(() => "still open")])).toBe("io server disconnect");
    expect(chat.sam.socket.connected).toBe(true);
  });

  it("never hands a chat back to a former volunteer who is now a coordinator", async () => {
    const chat = await leidenChat();
    const eva = await staffOn(a, "eva@inloop.demo");
    await ok(eva.socket, "duty:set", { onDuty: true });
    await ok(eva.socket, "conversation:join", { conversationId: chat.conversationId });
    await ok(eva.socket, "conversation:takeover", { conversationId: chat.conversationId });
    const kim = await login(a.url, "kim@inloop.demo", DEMO_PASSWORD);
    const sam = { displayName: "Sam", locationId: "leiden", skills: ["suicidality"] };
    expect(
      (await fetch(`${a.url}/api/admin/staff/st_sam`, json(kim, { ...sam, role: "coordinator", manages: ["leiden"] }, "PUT"))).status,
    ).toBe(200);
    try {
      const asCoordinator = await staffOn(b, "sam@leiden.demo");
      expect(await request(eva.socket, "conversation:handback", { conversationId: chat.conversationId })).toMatchObject({
        ok: false,
        code: "NOT_AVAILABLE",
      });
      expect(
        await request(asCoordinator.socket, "message:send", { conversationId: chat.conversationId, id: randomUUID(), text: "hoi" }),
      ).toMatchObject({ ok: false, code: "FORBIDDEN" });
      expect((await a.store.getConversation(chat.conversationId))?.holderId).toBe("st_eva");
    } finally {
      expect((await fetch(`${a.url}/api/admin/staff/st_sam`, json(kim, { ...sam, role: "volunteer" }, "PUT"))).status).toBe(200);
    }
  });
});
