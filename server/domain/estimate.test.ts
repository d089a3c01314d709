import { describe, expect, it } from "vitest";
import { estimateWait } from "./estimate";
import { buildEntry, buildLocation, buildPresence, routing } from "./testFactories";

const MIN = 60_000;
const leiden = buildLocation({ id: "leiden" });

describe("wait estimate", () => {
  it("is unknown when nobody is on shift for this youth", () => {
    const entry = buildEntry({ locationChoice: "any" });
    const ctx = routing({ now: 0, locations: [leiden], presence: [buildPresence({ status: "break" })] });
    expect(estimateWait(entry, 1, [{ durationMs: 20 * MIN, at: 0 }], ctx)).toEqual({ kind: "unknown" });
  });

  it("is about now when a free slot is waiting for them", () => {
    const entry = buildEntry({ locationChoice: "any" });
    const ctx = routing({ now: 0, locations: [leiden], presence: [buildPresence({ capacity: 2, load: 1 })] });
    expect(estimateWait(entry, 1, [], ctx)).toEqual({ kind: "minutes", low: 0, high: 1 });
  });

  it("is unknown when all are busy and there are no recent chat lengths", () => {
    const entry = buildEntry({ locationChoice: "any" });
    const ctx = routing({ now: 10 * 60 * MIN, locations: [leiden], presence: [buildPresence({ capacity: 1, load: 1 })] });
    const stale = [{ durationMs: 20 * MIN, at: 0 }];
    expect(estimateWait(entry, 1, stale, ctx)).toEqual({ kind: "unknown" });
  });

  it("grows with the position and shrinks with the capacity on shift", () => {
    const entry = buildEntry({ locationChoice: "any" });
    const times = [10, 20, 30, 40, 50].map((m) => ({ durationMs: m * MIN, at: 0 }));
    const one = routing({ now: 0, locations: [leiden], presence: [buildPresence({ capacity: 1, load: 1 })] });
    const two = routing({
      now: 0,
      locations: [leiden],
      presence: [buildPresence({ staffId: "a", capacity: 1, load: 1 }), buildPresence({ staffId: "b", capacity: 1, load: 1 })],
    });
    // One busy volunteer, quartiles 20 and 40 minutes: the second in line waits for two chats to end.
    expect(estimateWait(entry, 2, times, one)).toEqual({ kind: "minutes", low: 40, high: 80 });
    expect(estimateWait(entry, 2, times, two)).toEqual({ kind: "minutes", low: 20, high: 40 });
  });
});
