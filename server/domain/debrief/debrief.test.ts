import { describe, expect, it } from "vitest";
import { type Debrief, debriefExpired, isDebriefParty, mayWriteDebrief } from "./debrief";

const d = (over: Partial<Debrief> = {}): Debrief => ({
  id: "d_1",
  volunteerId: "sam",
  locationId: "leiden",
  requestedAt: 0,
  status: "open",
  lastSeq: 0,
  ...over,
});

describe("debrief", () => {
  it("is between the volunteer who asked and the professional who took it up, nobody else", () => {
    expect(isDebriefParty(d(), "sam")).toBe(true);
    expect(isDebriefParty(d(), "eva")).toBe(false);
    expect(isDebriefParty(d({ status: "claimed", claimedBy: "eva" }), "eva")).toBe(true);
    expect(isDebriefParty(d({ status: "claimed", claimedBy: "eva" }), "bram")).toBe(false);
  });

  it("has a thread only once taken up, and until closed", () => {
    expect(mayWriteDebrief(d(), "sam")).toBe(false);
    expect(mayWriteDebrief(d({ status: "claimed", claimedBy: "eva" }), "sam")).toBe(true);
    expect(mayWriteDebrief(d({ status: "claimed", claimedBy: "eva" }), "eva")).toBe(true);
    expect(mayWriteDebrief(d({ status: "closed", claimedBy: "eva" }), "eva")).toBe(false);
  });

  it("expires like a transcript: from the close, or from the request if never closed", () => {
    expect(debriefExpired(d({ status: "closed", requestedAt: 0, closedAt: 50 }), 100, 60)).toBe(false);
    expect(debriefExpired(d({ status: "closed", requestedAt: 0, closedAt: 40 }), 100, 60)).toBe(true);
    expect(debriefExpired(d({ status: "claimed", requestedAt: 40 }), 100, 60)).toBe(true);
    expect(debriefExpired(d({ requestedAt: 50 }), 100, 60)).toBe(false);
  });
});
