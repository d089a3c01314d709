import { describe, expect, it } from "vitest";
import type { Reach } from "../../../shared/protocol";
import { applyStep, candidates, compareEscalations, type Duty, type Escalation, nextStep, reachableDuties } from "./escalation";

const duty = (staffId: string, locationIds: string[], since = 0): Duty => ({ staffId, locationIds, since });
const raise = (over: Partial<Escalation> = {}): Escalation => ({
  id: "e1",
  conversationId: "c_abcdefghijkl",
  locationId: "leiden",
  level: "crisis",
  source: "volunteer",
  raisedAt: 0,
  status: "open",
  offeredTo: [],
  offeredAt: 0,
  ...over,
});

/** Runs the routing the way the service's tick does, with a fake clock. */
function route(e: Escalation, duties: Duty[], until: number, every = 1000) {
  const log: string[] = [];
  let current = e;
  for (let now = 0; now <= until; now += every) {
    const step = nextStep(current, duties, now);
    if (step.kind === "offer") log.push(`${now / 1000}s → ${step.staffId}`);
    if (step.kind === "unrouted") log.push(`${now / 1000}s → unrouted`);
    if (step.kind === "realert") log.push(`${now / 1000}s → reminder`);
    current = applyStep(current, step, now);
  }
  return { log, current };
}

describe("escalation routing", () => {
  const duties = [duty("eva", ["leiden"], 10), duty("bram", ["leiden"], 5), duty("anne", ["amsterdam"], 0)];

  it("alerts the location's professionals first (longest on duty first), then other locations'", () => {
    expect(candidates({ locationId: "leiden" }, duties)).toEqual(["bram", "eva", "anne"]);
  });

  it("moves on after each crisis timeout of 30 s, ends unrouted but open, and keeps reminding", () => {
    const { log, current } = route(raise(), duties, 150_000);
    expect(log).toEqual(["0s → bram", "30s → eva", "60s → anne", "90s → unrouted", "120s → reminder", "150s → reminder"]);
    expect(current.status).toBe("open");
    expect(current.offeredTo).toEqual(["bram", "eva", "anne"]);
  });

  it("waits 60 s for urgent and 5 minutes for a consult", () => {
    expect(route(raise({ level: "urgent" }), duties, 130_000).log).toEqual(["0s → bram", "60s → eva", "120s → anne"]);
    expect(route(raise({ level: "consult" }), duties, 600_000, 10_000).log).toEqual(["0s → bram", "300s → eva", "600s → anne"]);
  });

  it("is unrouted at once when nobody is on duty: the volunteer sees the crisis protocol", () => {
    expect(route(raise(), [], 5000).log).toEqual(["0s → unrouted"]);
    expect(route(raise(), [], 35_000).log).toEqual(["0s → unrouted", "30s → reminder"]);
  });

  it("skips ahead when the alerted professional goes off duty", () => {
    let e = applyStep(raise(), { kind: "offer", staffId: "bram" }, 0);
    const left = duties.filter((d) => d.staffId !== "bram");
    expect(nextStep(e, left, 1000)).toEqual({ kind: "offer", staffId: "eva" });
    e = { ...e, status: "claimed", claimedBy: "bram" };
    expect(nextStep(e, left, 1000)).toEqual({ kind: "wait" });
  });

  it("offers an unrouted escalation to a professional who comes on duty later", () => {
    const unrouted = route(raise(), [], 0).current;
    expect(unrouted.unroutedAt).toBe(0);
    expect(nextStep(unrouted, [duty("late", ["apeldoorn"])], 50_000)).toEqual({ kind: "offer", staffId: "late" });
  });

  it("orders the inbox by level, then age", () => {
    const list = [
      raise({ id: "a", level: "consult", raisedAt: 0 }),
      raise({ id: "b", level: "crisis", raisedAt: 5 }),
      raise({ id: "c", level: "urgent", raisedAt: 1 }),
      raise({ id: "d", level: "crisis", raisedAt: 2 }),
    ];
    expect(list.sort(compareEscalations).map((e) => e.id)).toEqual(["d", "b", "c", "a"]);
  });

  describe("reachability (who can be paged)", () => {
    const reach = (entries: [string, Reach][]) => new Map(entries);

    it("skips an on-duty professional with no open console and no subscribed device at once", () => {
      // Bram (longest on duty at Leiden) has closed his console and subscribed nothing.
      const routable = reachableDuties(
        duties,
        reach([
          ["bram", "none"],
          ["eva", "console"],
          ["anne", "console"],
        ]),
      );
      const { log } = route(raise(), routable, 0);
      expect(log).toEqual(["0s → eva"]);
    });

    it("pages one with only a subscribed device and waits the level's normal timeout for them", () => {
      const routable = reachableDuties(
        duties,
        reach([
          ["bram", "push"],
          ["eva", "console"],
          ["anne", "none"],
        ]),
      );
      const { log } = route(raise(), routable, 65_000);
      expect(log).toEqual(["0s → bram", "30s → eva", "60s → unrouted"]);
    });

    it("moves the current offer on at the next pass once its holder can no longer be reached", () => {
      const offered = applyStep(raise(), { kind: "offer", staffId: "bram" }, 0);
      const routable = reachableDuties(
        duties,
        reach([
          ["bram", "none"],
          ["eva", "push"],
        ]),
      );
      expect(nextStep(offered, routable, 1000)).toEqual({ kind: "offer", staffId: "eva" });
    });

    it("treats a professional it knows nothing about as unreachable", () => {
      expect(reachableDuties(duties, reach([["eva", "console"]])).map((d) => d.staffId)).toEqual(["eva"]);
    });
  });
});
