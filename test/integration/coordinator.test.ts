import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../server/demo/seed";
import type { Ack, InviteView, LocationAdminView, RosterView, ShiftView, StaffAdminView } from "../../shared/protocol";
import { login, nextEvent, ok, openStaff, openYouth, request } from "../helpers/clients";
import { redisAvailable } from "../helpers/redis";
import { useSharedServer } from "../helpers/servers";

const stores = (await redisAvailable("coordinator on Redis")) ? ["memory", "redis"] : ["memory"];
const _H = 3_600_000;

describe.each(stores)("a coordinator running locations on the %s store", (kind) => {
  const shared = useSharedServer(kind);
  const url = () => shared.server.url;

  async function call<T>(
    cookie: string | undefined,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; ack: Ack<T>; setCookie: string | null }> {
    const res = await fetch(`${url()}${path}`, {
      method,
      headers: { ...(cookie && { cookie }), ...(body !== undefined && { "content-type": "application/json" }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    return { status: res.status, ack: (await res.json()) as Ack<T>, setCookie: res.headers.get("set-cookie") };
  }
  const as = (email: string) => login(url(), email, DEMO_PASSWORD);
  const data = <T>(r: { ack: Ack<T> }): T => {
    if (!r.ack.ok) throw new Error(`${r.ack.code}: ${r.ack.message}`);
    return r.ack.data;
  };
  const settingsOf = ({ id: _id, ...settings }: LocationAdminView) => settings;

  it("invites someone who sets their own password once, then logs in", async () => {
    const kim = await as("kim@inloop.demo");
    const email = `new-${kind}@leiden.test`;
    const invite = data(
      await call<InviteView>(kim, "POST", "/api/admin/staff/invite", {
        email,
        displayName: "Fien",
        role: "volunteer",
        locationId: "leiden",
        skills: ["suicidality"],
      }),
    );
    expect(invite.staff).toMatchObject({ email, active: false, invitePending: true });
    const token = new URL(invite.link).hash.slice(1);
    expect(invite.link).toContain("/console/invite#");

    // Before accepting, the account cannot log in, and a second invite for the address is refused.
    expect((await call(undefined, "POST", "/api/auth/login", { email, password: "whatever-it-is" })).status).toBe(401);
    expect(
      (await call(kim, "POST", "/api/admin/staff/invite", { email, displayName: "Fien", role: "volunteer", locationId: "leiden" })).status,
    ).toBe(409);

    expect(data(await call(undefined, "POST", "/api/invites/info", { token }))).toEqual({ email, displayName: "Fien", role: "volunteer" });
    const accepted = await call(undefined, "POST", "/api/invites/accept", { token, password: "a-long-password-1" });
    expect(accepted.status).toBe(200);
    const cookie = accepted.setCookie!.split(";")[0]!;
    expect(data(await call<{ email: string } | null>(cookie, "GET", "/api/auth/session"))?.email).toBe(email);
    expect((await call(undefined, "POST", "/api/invites/accept", { token, password: "another-password-2" })).status).toBe(404);
    await login(url(), email, "a-long-password-1");
  });

  it("makes an older invite link useless once a new one is sent", async () => {
    const kim = await as("kim@inloop.demo");
    const first = data(
      await call<InviteView>(kim, "POST", "/api/admin/staff/invite", {
        email: `twice-${kind}@leiden.test`,
        displayName: "Jet",
        role: "professional",
        locationId: "leiden",
      }),
    );
    const second = data(await call<InviteView>(kim, "POST", `/api/admin/staff/${first.staff.id}/reinvite`));
    const oldToken = new URL(first.link).hash.slice(1);
    expect((await call(undefined, "POST", "/api/invites/accept", { token: oldToken, password: "a-long-password-1" })).status).toBe(404);
    expect(
      (await call(undefined, "POST", "/api/invites/accept", { token: new URL(second.link).hash.slice(1), password: "a-long-password-1" }))
        .status,
    ).toBe(200);
  });

  it("lets a coordinator change only the locations they run", async () => {
    const ilse = await as("ilse@leiden.demo");
    const locations = data(await call<LocationAdminView[]>(ilse, "GET", "/api/admin/locations"));
    expect(locations.map((l) => l.id)).toEqual(["leiden"]);
    const leiden = locations[0]!;
    const renamed = data(
      await call<LocationAdminView>(ilse, "PUT", "/api/admin/locations/leiden", { ...settingsOf(leiden), name: "Leiden centrum" }),
    );
    expect(renamed.name).toBe("Leiden centrum");
    expect((await call(ilse, "PUT", "/api/admin/locations/amsterdam", settingsOf(leiden))).status).toBe(403);
    expect((await call(ilse, "POST", "/api/admin/locations", { ...settingsOf(leiden), id: "delft", name: "Delft" })).status).toBe(403);
    expect(
      (
        await call(ilse, "POST", "/api/admin/staff/invite", {
          email: "x@amsterdam.test",
          displayName: "X",
          role: "volunteer",
          locationId: "amsterdam",
        })
      ).status,
    ).toBe(403);
    // Kim works from Leiden too, but runs every location: not Ilse's to change.
    expect((await call(ilse, "POST", "/api/admin/staff/st_kim/deactivate")).status).toBe(403);
    const staff = data(await call<StaffAdminView[]>(ilse, "GET", "/api/admin/staff"));
    expect(new Set(staff.map((s) => s.locationId))).toEqual(new Set(["leiden"]));

    const kim = await as("kim@inloop.demo");
    expect(data(await call<LocationAdminView[]>(kim, "GET", "/api/admin/locations")).length).toBeGreaterThanOrEqual(3);
    expect((await call(kim, "POST", "/api/admin/locations", { ...settingsOf(leiden), id: `delft-${kind}`, name: "Delft" })).status).toBe(
      200,
    );
    await call(kim, "PUT", "/api/admin/locations/leiden", { ...settingsOf(leiden), name: "Leiden" });
  });

  it("refuses volunteers, professionals, strangers and bad bodies", async () => {
    const sam = await as("sam@leiden.demo");
    const eva = await as("eva@inloop.demo");
    for (const who of [sam, eva]) expect((await call(who, "GET", "/api/admin/staff")).status).toBe(403);
    expect((await call(undefined, "GET", "/api/admin/locations")).status).toBe(401);
    const kim = await as("kim@inloop.demo");
    const bad = await call(kim, "PUT", "/api/admin/locations/leiden", { name: "" });
    expect(bad.status).toBe(400);
    expect(bad.ack).toMatchObject({ ok: false, code: "BAD_REQUEST" });
    const foreign = await fetch(`${url()}/api/admin/shifts/sh_abcdefghij`, {
      method: "DELETE",
      headers: { cookie: kim, origin: "https://evil.example" },
    });
    expect(foreign.status).toBe(403);
  });

  it("tells every open page at once when opening hours close a location", async () => {
    const kim = await as("kim@inloop.demo");
    const all = data(await call<LocationAdminView[]>(kim, "GET", "/api/admin/locations"));
    const youth = shared.track((await openYouth(url())).socket);
    const changed = nextEvent(youth, "service:changed", (s) => !s.anyOpen);
    const closed = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
    try {
      for (const l of all) data(await call(kim, "PUT", `/api/admin/locations/${l.id}`, { ...settingsOf(l), weeklyHours: closed }));
      expect((await changed).anyOpen).toBe(false);
      const join = await request(youth, "queue:join", { locationChoice: "any" });
      expect(join).toMatchObject({ ok: false, code: "CLOSED" });
    } finally {
      for (const l of all) await call(kim, "PUT", `/api/admin/locations/${l.id}`, settingsOf(l));
    }
  });

  it("hands a deactivated volunteer's chat back to the queue, keeping the youth's place, and ends their session", async () => {
    const sam = await openStaff(url(), "sam@leiden.demo", DEMO_PASSWORD);
    shared.track(sam.socket);
    await ok(sam.socket, "presence:set", { status: "available" });
    const youth = await openYouth(url());
    shared.track(youth.socket);
    const { conversation } = await ok(youth.socket, "queue:join", { locationChoice: "leiden" });
    await ok(sam.socket, "queue:take");
    const kim = await as("kim@inloop.demo");
    const transferring = nextEvent(youth.socket, "conversation:transferring");
    const disconnected = new Promise<void>((resolve) => sam.socket.once("disconnect", () => resolve()));
    try {
      const view = data(await call<StaffAdminView>(kim, "POST", "/api/admin/staff/st_sam/deactivate"));
      expect(view.active).toBe(false);
      expect(await transferring).toEqual({ conversationId: conversation.id, queued: true });
      await disconnected;
      const back = await shared.server.store.getConversation(conversation.id);
      expect(back).toMatchObject({ status: "queued", queuedAt: conversation.queuedAt });
      expect(data(await call(sam.cookie, "GET", "/api/auth/session"))).toBeNull();
      expect((await call(undefined, "POST", "/api/auth/login", { email: "sam@leiden.demo", password: DEMO_PASSWORD })).status).toBe(401);
      expect((await call(kim, "POST", "/api/admin/staff/st_kim/deactivate")).status).toBe(403);
    } finally {
      await call(kim, "POST", "/api/admin/staff/st_sam/reactivate");
    }
    await login(url(), "sam@leiden.demo", DEMO_PASSWORD);
  });

  it("never hands a deactivated volunteer's chats back to them, on an auto-assign location, and drops their old sessions", async () => {
    const noor = await openStaff(url(), "noor@amsterdam.demo", DEMO_PASSWORD);
    shared.track(noor.socket);
    await ok(noor.socket, "presence:set", { status: "available", capacity: 2 });
    const youths = [await openYouth(url()), await openYouth(url())];
    const ids: string[] = [];
    for (const y of youths) {
      shared.track(y.socket);
      const assigned = nextEvent(y.socket, "conversation:assigned");
      ids.push((await ok(y.socket, "queue:join", { locationChoice: "amsterdam" })).conversation.id);
      await assigned;
    }
    const kim = await as("kim@inloop.demo");
    try {
      data(await call(kim, "POST", "/api/admin/staff/st_noor/deactivate"));
      // Two dispatcher ticks later nobody has given them back to Noor.
      await new Promise((r) => setTimeout(r, 500));
      for (const id of ids) {
        const c = await shared.server.store.getConversation(id);
        expect(c?.status).toBe("queued");
        expect(c?.volunteerId).toBeUndefined();
      }
      expect((await shared.server.store.getPresence("st_noor"))?.status).toBe("off");
      data(await call(kim, "POST", "/api/admin/staff/st_noor/reactivate"));
      expect(data(await call(noor.cookie, "GET", "/api/auth/session"))).toBeNull();
    } finally {
      await call(kim, "POST", "/api/admin/staff/st_noor/reactivate");
    }
  });

  it("keeps a coordinator's hands off other locations' staff and makes an old link useless after reactivation", async () => {
    const ilse = await as("ilse@leiden.demo");
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam" }).format(Date.now());
    expect(
      (
        await call(ilse, "POST", "/api/admin/shifts", {
          locationId: "leiden",
          staffId: "st_bram",
          date: today,
          start: "09:00",
          end: "12:00",
        })
      ).status,
    ).toBe(403);
    for (const action of ["deactivate", "reactivate", "reinvite"])
      expect((await call(ilse, "POST", `/api/admin/staff/st_noor/${action}`)).status).toBe(403);
    expect(
      (await call(ilse, "PUT", "/api/admin/staff/st_sam", { displayName: "Sam", role: "volunteer", locationId: "amsterdam", skills: [] }))
        .status,
    ).toBe(403);
    expect(
      (
        await call(ilse, "POST", "/api/admin/staff/invite", {
          email: "boss@leiden.test",
          displayName: "B",
          role: "coordinator",
          locationId: "leiden",
          manages: "all",
        })
      ).status,
    ).toBe(403);

    const kim = await as("kim@inloop.demo");
    data(await call(kim, "POST", "/api/admin/staff/st_lotte/deactivate"));
    const link = data(await call<InviteView>(kim, "POST", "/api/admin/staff/st_lotte/reinvite")).link;
    data(await call(kim, "POST", "/api/admin/staff/st_lotte/reactivate"));
    const token = new URL(link).hash.slice(1);
    expect((await call(undefined, "POST", "/api/invites/accept", { token, password: "somebody-else-now" })).status).toBe(404);
    await login(url(), "lotte@leiden.demo", DEMO_PASSWORD);
  });

  it("puts a rostered professional on duty when the shift begins and off when it is removed", async () => {
    const kim = await as("kim@inloop.demo");
    const eva = await openStaff(url(), "eva@inloop.demo", DEMO_PASSWORD);
    shared.track(eva.socket);
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam" }).format(Date.now());
    const hour = Number(
      new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Amsterdam", hour: "2-digit", hourCycle: "h23" }).format(Date.now()),
    );
    const hh = (h: number) => `${String(h).padStart(2, "0")}:00`;
    const onDuty = nextEvent(eva.socket, "duty:changed", (d) => d.onDuty);
    const shift = data(
      await call<ShiftView>(kim, "POST", "/api/admin/shifts", {
        locationId: "apeldoorn",
        staffId: "st_eva",
        date: today,
        start: hh(Math.max(0, hour - 1)),
        end: hh(Math.min(24, hour + 2)),
      }),
    );
    expect(shift.start).toBeLessThanOrEqual(Date.now());
    expect(shift.end).toBeGreaterThan(Date.now());
    expect((await onDuty).locationIds).toEqual(["apeldoorn"]);
    expect((await shared.server.store.listDuty()).find((d) => d.staffId === "st_eva")).toMatchObject({
      source: "roster",
      locationIds: ["apeldoorn"],
    });

    const roster = data(await call<RosterView>(kim, "GET", `/api/admin/roster?locationId=apeldoorn&week=${today}`));
    expect(roster.days).toHaveLength(7);
    expect(roster.days).toContain(today);
    expect(roster.shifts.filter((s) => s.role === "professional").map((s) => [s.id, s.staffName])).toEqual([[shift.id, "Eva"]]);
    // Apeldoorn is open around the clock in the demo: every day of the week but the rostered one is uncovered.
    expect(roster.uncovered.some((u) => u.start < shift.end && u.end > shift.start)).toBe(false);
    expect(roster.uncovered.reduce((sum, u) => sum + u.end - u.start, 0)).toBe(roster.to - roster.from - (shift.end - shift.start));

    const offDuty = nextEvent(eva.socket, "duty:changed", (d) => !d.onDuty);
    data(await call(kim, "DELETE", `/api/admin/shifts/${shift.id}`));
    await offDuty;
    expect((await shared.server.store.listDuty()).some((d) => d.staffId === "st_eva")).toBe(false);
    const ilse = await as("ilse@leiden.demo");
    expect(
      (
        await call(ilse, "POST", "/api/admin/shifts", {
          locationId: "apeldoorn",
          staffId: "st_eva",
          date: today,
          start: "09:00",
          end: "17:00",
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await call(kim, "POST", "/api/admin/shifts", {
          locationId: "apeldoorn",
          staffId: "st_eva",
          date: today,
          start: "25:00",
          end: "17:00",
        })
      ).status,
    ).toBe(400);
  });
});
