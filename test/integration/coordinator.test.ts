import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../server/demo/seed";
import type { LocationAdminView, RosterView, ShiftView, StaffAdminView } from "../../shared/protocol";
import { adminApi } from "../helpers/adminApi";
import { nextEvent, openStaff, openYouth, request } from "../helpers/clients";
import { redisAvailable } from "../helpers/redis";
import { useSharedServer } from "../helpers/servers";

const stores = (await redisAvailable("coordinator on Redis")) ? ["memory", "redis"] : ["memory"];

/** Locations, who may change them, the pages they reach at once, and the roster. */
describe.each(stores)("a coordinator running locations on the %s store", (kind) => {
  const shared = useSharedServer(kind);
  const url = () => shared.server.url;
  const { call, as, data } = adminApi(url);
  const settingsOf = ({ id: _id, ...settings }: LocationAdminView) => settings;

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
