import { describe, expect, it } from "vitest";
import { compareEntries, isEligible, mayTake, nextEntryFor, orderQueue, planAutoAssignments, positionOf, preferenceFor } from "./queue";
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
    const plan = planAutoAssignments(
      [buildEntry({ locationChoice: "any" })],
      routing({ now: 1, locations: [auto, manual], presence: [m] }),
    );
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

describe("preference windows (booster training, return code)", () => {
  const leiden = buildLocation({ id: "leiden", skillWindowSeconds: 45, autoAssign: true });
  const amsterdam = buildLocation({ id: "amsterdam", skillWindowSeconds: 30, autoAssign: true });
  const eva = buildPresence({ staffId: "eva", locationId: "leiden", lastAssignedAt: 50 });
  const sam = buildPresence({ staffId: "sam", locationId: "leiden", lastAssignedAt: 0 });
  const skills = { eva: ["suicidality"] };
  const at = (now: number, presence = [eva, sam]) => routing({ now, locations: [leiden, amsterdam], presence, skills });
  const suicidal = () => buildEntry({ locationChoice: "leiden", topic: "self-harm-suicide", queuedAt: 0 });

  it("offers a youth whose topic matches a training to volunteers who hold it, until the window ends", () => {
    const entry = suicidal();
    for (const now of [0, 44_999]) {
      expect(mayTake(entry, eva, at(now))).toBe(true);
      expect(mayTake(entry, sam, at(now))).toBe(false);
    }
    expect(preferenceFor(entry, at(0))).toEqual({ reason: "skill", staffIds: new Set(["eva"]), until: 45_000 });
    // At the end of the window, and after it, anyone may.
    expect(mayTake(entry, sam, at(45_000))).toBe(true);
    expect(mayTake(entry, sam, at(90_000))).toBe(true);
  });

  it("lets take-next skip a youth kept for a colleague, and gives it to that colleague", () => {
    const entry = suicidal();
    expect(nextEntryFor(sam, [entry], at(10_000))).toBeUndefined();
    expect(nextEntryFor(eva, [entry], at(10_000))?.id).toBe(entry.id);
    expect(nextEntryFor(sam, [entry], at(45_000))?.id).toBe(entry.id);
  });

  it("auto-assigns to the trained volunteer even when another has been idle longer", () => {
    const plan = planAutoAssignments([suicidal()], at(1_000));
    expect(plan.map((p) => p.staffId)).toEqual(["eva"]);
  });

  it("never keeps a flagged youth waiting for anyone, but still gives them the trained volunteer if free", () => {
    const flagged = { ...suicidal(), priority: 10 };
    expect(preferenceFor(flagged, at(0))).toBeNull();
    expect(mayTake(flagged, sam, at(0))).toBe(true);
    expect(planAutoAssignments([flagged], at(0)).map((p) => p.staffId)).toEqual(["eva"]);
    const evaBusy = { ...eva, capacity: 1, load: 1 };
    expect(planAutoAssignments([flagged], at(0, [evaBusy, sam])).map((p) => p.staffId)).toEqual(["sam"]);
  });

  it("does not wait for a trained volunteer who is not there or has no room", () => {
    const entry = suicidal();
    const onBreak = { ...eva, status: "break" as const };
    const full = { ...eva, capacity: 2, load: 2 };
    for (const presence of [[sam], [onBreak, sam], [full, sam]]) {
      expect(preferenceFor(entry, at(0, presence))).toBeNull();
      expect(mayTake(entry, sam, at(0, presence))).toBe(true);
      expect(planAutoAssignments([entry], at(0, presence)).map((p) => p.staffId)).toEqual(["sam"]);
    }
  });

  it("leaves topics without a training, and youths without a topic, to the usual rules", () => {
    for (const topic of ["loneliness", undefined] as const) {
      const entry = buildEntry({ locationChoice: "leiden", queuedAt: 0, ...(topic && { topic }) });
      expect(preferenceFor(entry, at(0))).toBeNull();
      expect(mayTake(entry, sam, at(0))).toBe(true);
    }
  });

  it("does not let the training override the location keep: a trained volunteer elsewhere waits for the overflow", () => {
    const evaAdam = { ...eva, locationId: "amsterdam" };
    const entry = suicidal();
    expect(preferenceFor(entry, at(0, [evaAdam, sam]))).toBeNull();
    expect(mayTake(entry, evaAdam, at(0, [evaAdam, sam]))).toBe(false);
    expect(mayTake(entry, sam, at(0, [evaAdam, sam]))).toBe(true);
  });

  it("for 'any', uses the shortest window among the preferred volunteers' locations", () => {
    const entry = buildEntry({ locationChoice: "any", topic: "self-harm-suicide", queuedAt: 0 });
    const evaAdam = { ...eva, locationId: "amsterdam" };
    expect(preferenceFor(entry, at(0, [evaAdam, sam]))?.until).toBe(30_000);
    expect(mayTake(entry, sam, at(29_999, [evaAdam, sam]))).toBe(false);
    expect(mayTake(entry, sam, at(30_000, [evaAdam, sam]))).toBe(true);
  });

  it("offers a returning youth to their volunteer first, whatever location that volunteer works at", () => {
    const samAdam = { ...sam, locationId: "amsterdam" };
    const entry = buildEntry({ locationChoice: "leiden", topic: "self-harm-suicide", queuedAt: 0, preferredStaffId: "sam" });
    const ctx = at(1_000, [eva, samAdam]);
    // The return code outranks the training: Eva waits, Sam (in Amsterdam) may take them at once.
    expect(preferenceFor(entry, ctx)).toEqual({ reason: "return", staffIds: new Set(["sam"]), until: 45_000 });
    expect(mayTake(entry, eva, ctx)).toBe(false);
    expect(mayTake(entry, samAdam, ctx)).toBe(true);
    expect(planAutoAssignments([entry], ctx).map((p) => p.staffId)).toEqual(["sam"]);
    expect(mayTake(entry, eva, at(45_000, [eva, samAdam]))).toBe(true);
  });

  it("falls back to the training when the returning youth's volunteer is not free", () => {
    const entry = buildEntry({ locationChoice: "leiden", topic: "self-harm-suicide", queuedAt: 0, preferredStaffId: "sam" });
    const samOff = { ...sam, status: "off" as const };
    expect(preferenceFor(entry, at(0, [eva, samOff]))?.reason).toBe("skill");
    const lotte = buildPresence({ staffId: "lotte", locationId: "leiden" });
    expect(preferenceFor({ ...entry, topic: "loneliness" }, at(0, [lotte, samOff]))).toBeNull();
  });

  it("does not plan two youths who prefer one volunteer past that volunteer's capacity", () => {
    const one = { ...eva, capacity: 1 };
    const first = buildEntry({ id: "c_first0000001", locationChoice: "leiden", topic: "self-harm-suicide", queuedAt: 0 });
    const second = buildEntry({ id: "c_second000001", locationChoice: "leiden", topic: "self-harm-suicide", queuedAt: 1 });
    // Eva fills up with the first; the second then has nobody free to wait for, so Sam takes them.
    expect(planAutoAssignments([first, second], at(2_000, [one, sam]))).toEqual([
      { conversationId: first.id, staffId: "eva" },
      { conversationId: second.id, staffId: "sam" },
    ]);
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

describe("a youth whose page is disconnected", () => {
  const leiden = buildLocation({ id: "leiden", autoAssign: true });
  const vol = buildPresence({ staffId: "v1", locationId: "leiden", capacity: 3 });
  const gone = buildEntry({ id: "c_goneaaaaaaa", locationChoice: "leiden", queuedAt: 0, disconnectedAt: 5 });
  const next = buildEntry({ id: "c_nextaaaaaaa", locationChoice: "leiden", queuedAt: 10 });

  it("keeps their place in line while nobody is handed them; the next connected youth goes first", () => {
    const ctx = routing({ now: 20, locations: [leiden], presence: [vol] });
    expect(positionOf(next.id, [gone, next])).toBe(2);
    expect(nextEntryFor(vol, [gone, next], ctx)?.id).toBe(next.id);
    expect(planAutoAssignments([gone, next], ctx)).toEqual([{ conversationId: next.id, staffId: "v1" }]);
    expect(nextEntryFor(vol, [gone], ctx)).toBeUndefined();
  });

  it("gets their turn back when they are connected again", () => {
    const ctx = routing({ now: 20, locations: [leiden], presence: [vol] });
    const back = { ...gone, disconnectedAt: undefined };
    expect(nextEntryFor(vol, [back, next], ctx)?.id).toBe(gone.id);
    expect(planAutoAssignments([back, next], ctx)[0]).toEqual({ conversationId: gone.id, staffId: "v1" });
  });
});
