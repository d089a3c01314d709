import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../server/app/startServer";
import { DEMO_PASSWORD } from "../../server/demo/seed";
import type { FiguresReport } from "../../shared/protocol";
import { type ClientSocket, closeAll, login, nextEvent, ok, openStaff, openYouth } from "../helpers/clients";
import { REDIS_URL, redisAvailable } from "../helpers/redis";
import { resetState, startTestServer, stopServer } from "../helpers/servers";

const stores = (await redisAvailable("figures on Redis")) ? ["memory", "redis"] : ["memory"];
const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam" }).format(Date.now());
const monthStart = `${today.slice(0, 8)}01`;

describe.each(stores)("figures on the %s store", (kind) => {
  const prefix = `inloop-test-${randomUUID()}:`;
  let server: RunningServer;
  const cookies: Record<string, string> = {};
  const open: ClientSocket[] = [];

  const get = (path: string, who?: string) => fetch(`${server.url}${path}`, { headers: who ? { cookie: cookies[who]! } : {} });
  const figures = async (who: string, query = `from=${monthStart}&to=${today}`): Promise<FiguresReport> => {
    const res = await get(`/api/figures?${query}`, who);
    expect(res.status).toBe(200);
    return ((await res.json()) as { data: FiguresReport }).data;
  };

  beforeAll(async () => {
    server = await startTestServer(kind === "redis" ? { REDIS_URL, REDIS_PREFIX: prefix } : {});
    for (const email of ["kim@inloop.demo", "ilse@leiden.demo", "sam@leiden.demo", "eva@inloop.demo"])
      cookies[email] = await login(server.url, email, DEMO_PASSWORD);
  });
  afterEach(async () => {
    await closeAll(...open.splice(0));
    await resetState(server);
  });
  afterAll(async () => {
    await stopServer(server, kind === "redis" ? prefix : undefined);
  });

  it("is for coordinators only", async () => {
    const query = `from=${monthStart}&to=${today}`;
    expect((await get(`/api/figures?${query}`)).status).toBe(401);
    for (const who of ["sam@leiden.demo", "eva@inloop.demo"]) {
      for (const path of [`/api/figures?${query}`, `/api/figures.csv?${query}`]) {
        const res = await get(path, who);
        expect(res.status).toBe(403);
        expect(await res.json()).toMatchObject({ ok: false, code: "FORBIDDEN" });
      }
    }
  });

  it("shows a location coordinator only the locations they run", async () => {
    const ilse = await figures("ilse@leiden.demo");
    expect(ilse.locations.map((l) => l.id)).toEqual(["leiden"]);
    expect(ilse.byLocation.map((l) => l.locationId)).toEqual(["leiden"]);
    for (const locations of ["amsterdam", "leiden,amsterdam", "any", "nowhere"]) {
      for (const path of ["/api/figures", "/api/figures.csv"]) {
        const res = await get(`${path}?from=${monthStart}&to=${today}&locations=${locations}`, "ilse@leiden.demo");
        expect(res.status, `${path} ${locations}`).toBe(403);
      }
    }
    const csv = await (await get(`/api/figures.csv?from=${monthStart}&to=${today}`, "ilse@leiden.demo")).text();
    expect(csv).toContain('"leiden"');
    expect(csv).not.toContain("amsterdam");

    const kim = await figures("kim@inloop.demo");
    expect(kim.locations.map((l) => l.id)).toEqual(["amsterdam", "apeldoorn", "leiden", "any"]);
    expect((await figures("kim@inloop.demo", `from=${monthStart}&to=${today}&locations=amsterdam`)).locations.map((l) => l.id)).toEqual([
      "amsterdam",
    ]);
  });

  it("refuses a malformed period", async () => {
    for (const query of [
      `from=${today}`,
      "from=2025-02-30&to=2025-03-01",
      "from=2025-03-02&to=2025-03-01",
      "from=2020-01-01&to=2025-01-01",
      `from=${today}&to=${today}&x=1`,
    ]) {
      const res = await get(`/api/figures?${query}`, "kim@inloop.demo");
      expect(res.status, query).toBe(400);
      expect(await res.json()).toMatchObject({ ok: false, code: "BAD_REQUEST" });
    }
  });

  it("counts a chat held just now, and offers the export as a download", async () => {
    const before = (await figures("ilse@leiden.demo")).total;
    const sam = await openStaff(server.url, "sam@leiden.demo", DEMO_PASSWORD);
    const youth = await openYouth(server.url);
    open.push(sam.socket, youth.socket);
    await ok(sam.socket, "presence:set", { status: "available", capacity: 2 });
    const joined = await ok(youth.socket, "queue:join", { locationChoice: "leiden" });
    await nextEvent(sam.socket, "queue:summarised", (s) => s.locations.some((l) => l.locationId === "leiden" && l.waiting === 1));
    await ok(sam.socket, "queue:take");
    await ok(youth.socket, "conversation:end", { conversationId: joined.conversation.id });

    const after = (await figures("ilse@leiden.demo")).total;
    expect(after.chatsStarted).toBe(before.chatsStarted + 1);
    expect(after.chatsCompleted).toBe(before.chatsCompleted + 1);

    const res = await get(`/api/figures.csv?from=${today}&to=${today}`, "ilse@leiden.demo");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="inloop-figures-${today}-${today}.csv"`);
    const [header, ...rows] = (await res.text())
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(header).toContain('"chats_started"');
    // Today in Leiden, the period row for Leiden, and the total.
    expect(rows).toHaveLength(3);
  });
});
