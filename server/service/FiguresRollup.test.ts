import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { demoFigureEvents } from "../demo/figuresDemo";
import { aggregateEvents } from "../domain/figures/aggregate";
import { HOUR_MS } from "../domain/figures/buckets";
import { buildReport } from "../domain/figures/report";
import type { Staff } from "../domain/staff";
import { buildLocation } from "../domain/testFactories";
import { createMemoryStore } from "../store/memory/MemoryStore";
import { FiguresRollup, RECOMPUTE_MS } from "./FiguresRollup";
import { FiguresService } from "./FiguresService";
import type { Notifier } from "./Notifier";

const END = Date.UTC(2025, 4, 20, 14, 25); // 20 May 2025, 16:25 in Amsterdam
const coordinator: Staff = {
  id: "k",
  email: "k@x",
  displayName: "K",
  role: "coordinator",
  locationId: "leiden",
  passwordHash: "",
  active: true,
  skills: [],
  manages: "all",
};
const period = { from: "2025-05-01", to: "2025-05-20" };

async function setUp() {
  const store = createMemoryStore();
  let now = END;
  const deps = { store, clock: { now: () => now }, notifier: {} as Notifier, log: pino({ level: "silent" }) };
  for (const id of ["leiden", "delft"]) await store.putLocation(buildLocation({ id, name: id }));
  const events = demoFigureEvents({ locationIds: ["leiden", "delft"], days: 25, chatsPerDay: 20, endAt: END - 30 * 60_000 });
  for (const e of events) await store.appendEvent(e);
  return { store, events, deps, setNow: (t: number) => (now = t) };
}

describe("the figures rollup", () => {
  it("gives the same report from buckets plus the recent tail as from every event", async () => {
    const { store, events, deps } = await setUp();
    const locations = (await store.listLocations())
      .map(({ id, name, timeZone }) => ({ id, name, timeZone }))
      .sort((a, b) => a.name.localeCompare(b.name));
    const direct = buildReport(aggregateEvents(events, { from: 0, to: END + 1 }), locations, period);
    const service = new FiguresService(deps);
    const before = await service.report(coordinator, { ...period, locations: ["leiden", "delft"] });
    expect(before).toEqual(direct);

    expect(await new FiguresRollup(deps).run()).toBeGreaterThan(100);
    expect(await store.figuresRolledUpTo()).toBe(Math.floor(END / HOUR_MS) * HOUR_MS);
    expect(await service.report(coordinator, { ...period, locations: ["leiden", "delft"] })).toEqual(direct);
    expect(direct.total.chatsStarted).toBeGreaterThan(300);
  });

  it("recomputes only the last day on later passes, and running again changes nothing", async () => {
    const { store, deps, setNow } = await setUp();
    const rollup = new FiguresRollup(deps);
    await rollup.run();
    const first = await store.listFigureBuckets(0, END + 1);
    setNow(END + 2 * HOUR_MS);
    await rollup.run();
    await rollup.run();
    expect(await store.figuresRolledUpTo()).toBe(Math.floor((END + 2 * HOUR_MS) / HOUR_MS) * HOUR_MS);
    expect(await store.listFigureBuckets(0, END + 1)).toEqual(first);
    expect(RECOMPUTE_MS).toBe(24 * HOUR_MS);
  });

  it("keeps the figures when transcripts are purged: buckets and events need no conversation", async () => {
    const { store, deps } = await setUp();
    await new FiguresRollup(deps).run();
    const report = await new FiguresService(deps).report(coordinator, period);
    // The demo history has no conversations in the store at all, as after a purge.
    expect(await store.getConversation("c_demo00000001")).toBeUndefined();
    expect(report.total.chatsStarted).toBeGreaterThan(300);
    expect(report.byLocation.find((l) => l.locationId === "any")?.summary.chatsStarted).toBe(0);
  });
});
