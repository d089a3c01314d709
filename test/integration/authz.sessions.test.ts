/**
 * Staff sessions and youth tokens: rotation at login, absolute expiry, logging out everywhere, an
 * open console losing its rights, the handshake's origin check, and a blocked youth's old token.
 */
import { randomUUID } from "node:crypto";
import { io } from "socket.io-client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../server/app/startServer";
import { DEMO_PASSWORD } from "../../server/demo/seed";
import { PROTOCOL_VERSION } from "../../shared/protocol";
import {
  type ClientSocket,
  closeAll,
  collect,
  connect,
  login,
  nextEvent,
  ok,
  openStaff,
  openYouth,
  request,
  requestOrClosed,
} from "../helpers/clients";
import { resetState, startTestServer, stopServer } from "../helpers/servers";

const SAM = "sam@leiden.demo";
const KIM = "kim@inloop.demo";
/** The server's default (config RIGHTS_MAX_AGE_MS). */
const RIGHTS_MAX_AGE_MS = 15_000;
const HOUR = 3_600_000;

/** A clock the test moves by hand, so a 12-hour limit takes no time. */
const clock = { offset: 0, now: () => Date.now() + clock.offset };

const me = (url: string, cookie: string) => fetch(`${url}/api/auth/me`, { headers: { cookie } }).then((r) => r.status);

describe("staff sessions and youth tokens", () => {
  let server: RunningServer;
  const open: ClientSocket[] = [];
  const track = <T extends ClientSocket>(s: T): T => (open.push(s), s);

  beforeAll(async () => {
    server = await startTestServer({ STAFF_SESSION_MAX_HOURS: "12", PRESENCE_GRACE_MS: "600000" }, { clock });
  });
  afterEach(async () => {
    clock.offset = 0;
    await closeAll(...open.splice(0));
    await resetState(server);
  });
  afterAll(async () => stopServer(server));

  /** Sam's console, available, and the chat he took with a youth who just joined the Leiden queue. */
  async function samInChat() {
    const sam = await openStaff(server.url, SAM, DEMO_PASSWORD);
    track(sam.socket);
    await ok(sam.socket, "presence:set", { status: "available" });
    const youth = await openYouth(server.url);
    track(youth.socket);
    const { conversation } = await ok(youth.socket, "queue:join", { locationChoice: "leiden" });
    await ok(sam.socket, "queue:take");
    return { sam, youth, conversation };
  }

  it("rotates the session at login: the cookie the browser had before stops working", async () => {
    const before = await login(server.url, SAM, DEMO_PASSWORD);
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: before },
      body: JSON.stringify({ email: SAM, password: DEMO_PASSWORD }),
    });
    const after = res.headers.get("set-cookie")!.split(";")[0]!;
    expect(after).not.toBe(before);
    expect(await me(server.url, before)).toBe(401);
    expect(await me(server.url, after)).toBe(200);
  });

  it("ends a session 12 hours after login however active it was, also for the open console", async () => {
    const sam = await openStaff(server.url, SAM, DEMO_PASSWORD);
    track(sam.socket);
    for (const hours of [4, 8, 11.9]) {
      clock.offset = hours * HOUR;
      expect(await me(server.url, sam.cookie)).toBe(200); // activity keeps it from idling out
      expect((await request(sam.socket, "presence:list")).ok).toBe(true);
    }
    clock.offset = 12 * HOUR + 1000;
    expect(await me(server.url, sam.cookie)).toBe(401);
    expect(await request(sam.socket, "presence:list")).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    const reconnected = track(await connect(server.url, sam.cookie));
    expect(await request(reconnected, "staff:sync", { protocolVersion: PROTOCOL_VERSION })).toMatchObject({
      ok: false,
      code: "UNAUTHENTICATED",
    });
  });

  it("logs out everywhere: every session and every console of that staff member", async () => {
    const laptop = await openStaff(server.url, SAM, DEMO_PASSWORD);
    const phone = await openStaff(server.url, SAM, DEMO_PASSWORD);
    const lotte = await openStaff(server.url, "lotte@leiden.demo", DEMO_PASSWORD);
    track(laptop.socket), track(phone.socket), track(lotte.socket);
    const phoneClosed = new Promise((resolve) => phone.socket.once("disconnect", resolve));
    const res = await fetch(`${server.url}/api/auth/logout-everywhere`, { method: "POST", headers: { cookie: laptop.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get("set-cookie")).toMatch(/Max-Age=0/i);
    await phoneClosed;
    expect(await me(server.url, laptop.cookie)).toBe(401);
    expect(await me(server.url, phone.cookie)).toBe(401);
    // A colleague is not touched.
    expect(await me(server.url, lotte.cookie)).toBe(200);
    expect(lotte.socket.connected).toBe(true);
    // Without a valid session there is nothing to end.
    expect((await fetch(`${server.url}/api/auth/logout-everywhere`, { method: "POST", headers: { cookie: laptop.cookie } })).status).toBe(
      401,
    );
  });

  it("closes an open console and stops its chats' messages when a coordinator deactivates the account", async () => {
    const { sam, youth, conversation } = await samInChat();
    const heard = collect(sam.socket, "message:received");
    await ok(youth.socket, "message:send", { conversationId: conversation.id, id: randomUUID(), text: "before" });
    await expect.poll(() => heard.length).toBe(1);
    const kim = await login(server.url, KIM, DEMO_PASSWORD);

    const record = (await server.store.getStaffByEmail(SAM))!;
    try {
      const res = await fetch(`${server.url}/api/admin/staff/${record.id}/deactivate`, { method: "POST", headers: { cookie: kim } });
      expect(res.status).toBe(200);
      // Answered only once his console is closed: an event sent at once is never acted on.
      expect(
        await requestOrClosed(sam.socket, "message:send", { conversationId: conversation.id, id: randomUUID(), text: "still here?" }),
      ).toMatchObject({ ok: false });
      expect(sam.socket.connected).toBe(false);
      await ok(youth.socket, "message:send", { conversationId: conversation.id, id: randomUUID(), text: "after" });
      await new Promise((r) => setTimeout(r, 200));
      expect(heard.map((m) => m.text)).toEqual(["before"]);
      const stored = (await server.store.listMessages(conversation.id, 0)).map((m) => m.text);
      expect(stored).toContain("after");
      expect(stored).not.toContain("still here?");
      // His cookie opens nothing any more.
      const again = track(await connect(server.url, sam.cookie));
      expect(await request(again, "staff:sync", { protocolVersion: PROTOCOL_VERSION })).toMatchObject({
        ok: false,
        code: "UNAUTHENTICATED",
      });
    } finally {
      await server.store.putStaff(record);
    }
  });

  it("reads the store on every HTTP request: an account edited in the store by hand counts at the next request", async () => {
    const cookie = await login(server.url, SAM, DEMO_PASSWORD);
    const record = (await server.store.getStaffByEmail(SAM))!;
    try {
      expect(await me(server.url, cookie)).toBe(200);
      await server.store.putStaff({ ...record, active: false });
      expect(await me(server.url, cookie)).toBe(401);
    } finally {
      await server.store.putStaff(record);
    }
  });

  it("bounds what an open console goes on trusting after a change made past the services: read again within RIGHTS_MAX_AGE_MS", async () => {
    const { sam, conversation } = await samInChat();
    const send = (text: string) => request(sam.socket, "message:send", { conversationId: conversation.id, id: randomUUID(), text });
    await ok(sam.socket, "message:send", { conversationId: conversation.id, id: randomUUID(), text: "known now" });
    // A hand edit of the store: no service ran, so nothing was pushed to the sockets.
    await server.store.endConversation(conversation.id, { at: Date.now(), by: "system", reason: "hand edit" });
    const record = (await server.store.getStaffByEmail(SAM))!;
    await server.store.putStaff({ ...record, active: false });
    try {
      clock.offset = RIGHTS_MAX_AGE_MS;
      expect(await send("after the age limit")).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    } finally {
      await server.store.putStaff(record);
    }
  });

  it("reads a chat again once its known right is RIGHTS_MAX_AGE_MS old, when the change came past the services", async () => {
    const { youth, conversation } = await samInChat();
    const send = (socket: ClientSocket, text: string) =>
      request(socket, "message:send", { conversationId: conversation.id, id: randomUUID(), text });
    await ok(youth.socket, "message:send", { conversationId: conversation.id, id: randomUUID(), text: "known now" });
    await server.store.endConversation(conversation.id, { at: Date.now(), by: "system", reason: "hand edit" });
    clock.offset = RIGHTS_MAX_AGE_MS;
    expect(await send(youth.socket, "after the age limit")).toMatchObject({ ok: false, code: "CONVERSATION_ENDED" });
  });

  it("refuses a socket handshake from a foreign origin and accepts its own", async () => {
    const foreign = io(server.url, {
      transports: ["websocket"],
      reconnection: false,
      forceNew: true,
      extraHeaders: { origin: "https://evil.example" },
    });
    const outcome = await new Promise<string>((resolve) => {
      foreign.once("connect", () => resolve("connected"));
      foreign.once("connect_error", () => resolve("refused"));
    });
    foreign.disconnect();
    expect(outcome).toBe("refused");
    const own = io(server.url, { transports: ["websocket"], reconnection: false, forceNew: true, extraHeaders: { origin: server.url } });
    track(own as ClientSocket);
    await new Promise<void>((resolve, reject) => {
      own.once("connect", () => resolve());
      own.once("connect_error", reject);
    });
  });

  it("keeps a blocked youth out when they come back with their old token, even from another network", async () => {
    const { sam, youth, conversation } = await samInChat();
    const ended = nextEvent(youth.socket, "conversation:ended");
    await ok(sam.socket, "conversation:block", { conversationId: conversation.id });
    await ended;
    youth.socket.disconnect();

    // Blocks never reach the network: what keeps them out is the session block.
    const back = track(await connect(server.url));
    expect(await request(back, "session:resume", { protocolVersion: PROTOCOL_VERSION, token: youth.token, afterSeq: 0 })).toMatchObject({
      ok: false,
      code: "BLOCKED",
    });
    expect(await request(back, "queue:join", { locationChoice: "leiden" })).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    // Someone else on that network is not kept from help.
    const neighbour = await openYouth(server.url);
    track(neighbour.socket);
    expect((await request(neighbour.socket, "queue:join", { locationChoice: "leiden" })).ok).toBe(true);
  });
});
