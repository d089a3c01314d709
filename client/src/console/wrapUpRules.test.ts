import { describe, expect, it } from "vitest";
import { wrapUpProblems } from "./wrapUpRules";

describe("wrap-up form", () => {
  it("needs a referral and a rating; a walk-in also its minutes; topics may be empty", () => {
    expect(wrapUpProblems({ topics: [], debrief: false }, false)).toEqual(["referral", "rating", "risk"]);
    expect(wrapUpProblems({ topics: [], referral: "none", rating: 3, debrief: false }, false)).toEqual(["risk"]);
    expect(wrapUpProblems({ topics: [], referral: "none", rating: 3, debrief: false, riskJudgement: "none" }, false)).toEqual([]);
    expect(wrapUpProblems({ topics: ["loneliness"], referral: "gp", rating: 5, debrief: true }, true)).toEqual(["minutes"]);
    expect(wrapUpProblems({ topics: [], referral: "gp", rating: 5, debrief: true, walkInMinutes: 20 }, true)).toEqual([]);
  });
});
