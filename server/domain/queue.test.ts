import { describe, expect, it } from "vitest";
import { compareEntries, isEligible, nextEntryFor, orderQueue, planAutoAssignments, positionOf } from "./queue";
import { buildEntry, buildLocation, buildPresence, routing } from "./testFactories";

describe("queue order", () => {
  it("serves higher priority first, then the longest waiting", () => {
    const a = buildEntry({ id: "c_aaaaaaaaaaaa", queuedAt: 1000 });
    const b = buildEntry({ id: "c_bbbbbbbbbbbb", queuedAt: 500 });
    const flagged = buildEntry({ id: "c_cccccccccccc", queuedAt: 2000, priority: 10 });
    expect(orderQueue([a, b, flagged]).map((e) => e.id)).toEqual([flagged.id, b.id, a.id]);
  });

  it("is a total order even for equal times", () => {
    const a = buildEntry({ id: "c_aaaaaaaaaaaa", queuedAt: 1 });
    const b = buildEntry({ id: "c_bbbbbbbbbbbb", queuedAt: 1 });
    expect(compareEntries(a, b)).toBeLessThan(0);
    expect(compareEntries(b, a)).toBeGreaterThan(0);
  });
});

describe("routing across locations", () => {
  const leiden = buildLocation({ id: "leiden", overflowSeconds: 60 });
  const amsterdam = buildLocation({ id: "amsterdam", overflowSeconds: 60 });
  const volLeiden = buildPresence({ staffId: "v-lei", locationId: "leiden" });
  const volAdam = buildPresence({ staffId: "v-ams", locationId: "amsterdam" });

  it("keeps a youth for the chosen location until the overflow time has passed", () => {
    const entry = buildEntry({ locationChoice: "leiden", queuedAt: 0 });
    const early = routing({ now: 59_999, locations: [leiden, amsterdam], presence: [volLeiden, volAdam] });
    expect(isEligible(entry, "leiden", early)).toBe(true);
    expect(isEligible(entry, "amsterdam", early)).toBe(false);
    const late = routing({ now: 60_000, locations: [leiden, amsterdam], presence: [volLeiden, volAdam] });
    expect(isEligible(entry, "amsterdam", late)).toBe(true);
  });

  it("overflows at once when nobody at the chosen location is available", () => {
    const entry = buildEntry({ locationChoice: "leiden", queuedAt: 0 });
    const onBreak = buildPresence({ staffId: "v-lei", locationId: "leiden", status: "break" });
    const ctx = routing({ now: 1, locations: [leiden, amsterdam], presence: [onBreak, volAdam] });
    expect(isEligible(entry, "amsterdam", ctx)).toBe(true);
  });

  it("does not overflow early when the chosen location's volunteers are merely busy", () => {
    const entry = buildEntry({ locationChoice: "leiden", queuedAt: 0 });
    const busy = buildPresence({ staffId: "v-lei", locationId: "leiden", capacity: 1, load: 1 });
    const ctx = routing({ now: 1, locations: [leiden, amsterdam], presence: [busy, volAdam] });
    expect(isEligible(entry, "amsterdam", ctx)).toBe(false);
  });

  it("gives 'any' to every location", () => {
    const entry = buildEntry({ locationChoice: "any" });
    const ctx = routing({ now: 1, locations: [leiden, amsterdam], presence: [volLeiden, volAdam] });
    expect(isEligible(entry, "amsterdam", ctx)).toBe(true);
    expect(isEligible(entry, "leiden", ctx)).toBe(true);
  });

  it("take-next skips entries kept for another location and takes the best eligible one", () => {
    const keptForLeiden = buildEntry({ id: "c_leiden000001", locationChoice: "leiden", queuedAt: 0, priority: 5 });
    const anyOne = buildEntry({ id: "c_anyone000001", locationChoice: "any", queuedAt: 10 });
    const ctx = routing({ now: 1000, locations: [leiden, amsterdam], presence: [volLeiden, volAdam] });
    expect(nextEntryFor(volAdam, [keptForLeiden, anyOne], ctx)?.id).toBe(anyOne.id);
    expect(nextEntryFor(volLeiden, [keptForLeiden, anyOne], ctx)?.id).toBe(keptForLeiden.id);
    expect(nextEntryFor(volAdam, [keptForLeiden], ctx)).toBeUndefined();
  });
});

describe("auto-assignment plan", () => {
  const auto = buildLocation({ id: "leiden", autoAssign: true });
  const manual = buildLocation({ id: "amsterdam", autoAssign: false });

  it("never plans past a volunteer's capacity and prefers the lightest load", () => {
    const a = buildPresence({ staffId: "a", locationId: "leiden", capacity: 2, load: 1 });
    const b = buildPresence({ staffId: "b", locationId: "leiden", capacity: 2, load: 0 });
    const entries = [1, 2, 3, 4].map((i) => buildEntry({ id: `c_entry0000000${i}`, locationChoice: "any", queuedAt: i }));
    const plan = planAutoAssignments(entries, routing({ now: 100, locations: [auto], presence: [a, b] }));
    expect(plan).toEqual([
      { conversationId: "c_entry00000001", staffId: "b" },
      { conversationId: "c_entry00000002", staffId: "a" },
      { conversationId: "c_entry00000003", staffId: "b" },
    ]);
  });

  it("leaves volunteers of take-next locations alone", () => {
    const m = buildPresence({ staffId: "m", locationId: "amsterdam" });
    const plan = planAutoAssignments([buildEntry({ locationChoice: "any" })], routing({ now: 1, locations: [auto, manual], presence: [m] }));
    expect(plan).toEqual([]);
  });

  it("prefers the chosen location's volunteer for a youth who chose it", () => {
    const other = buildLocation({ id: "apeldoorn", autoAssign: true });
    const x = buildPresence({ staffId: "x", locationId: "apeldoorn", lastAssignedAt: 0 });
    const y = buildPresence({ staffId: "y", locationId: "leiden", lastAssignedAt: 50 });
    const plan = planAutoAssignments(
      [buildEntry({ locationChoice: "leiden", queuedAt: 0 })],
      routing({ now: 10 * 60_000, locations: [auto, other], presence: [x, y] }),
    );
    expect(plan[0]?.staffId).toBe("y");
  });
});

describe("position", () => {
  it("counts only the entries ahead that compete for the same volunteers", () => {
    const l1 = buildEntry({ id: "c_leiden000001", locationChoice: "leiden", queuedAt: 1 });
    const a1 = buildEntry({ id: "c_amster000001", locationChoice: "amsterdam", queuedAt: 2 });
    const any = buildEntry({ id: "c_anyone000001", locationChoice: "any", queuedAt: 3 });
    const l2 = buildEntry({ id: "c_leiden000002", locationChoice: "leiden", queuedAt: 4 });
    const queue = [l2, any, a1, l1];
    expect(positionOf(l1.id, queue)).toBe(1);
    expect(positionOf(a1.id, queue)).toBe(1);
    expect(positionOf(any.id, queue)).toBe(3);
    expect(positionOf(l2.id, queue)).toBe(3);
    expect(positionOf("c_missing000001", queue)).toBeUndefined();
  });
});
