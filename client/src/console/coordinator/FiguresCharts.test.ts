import { describe, expect, it } from "vitest";
import { niceMax } from "./FiguresCharts";

describe("niceMax", () => {
  it("tops the axis at four readable steps at or above the highest value", () => {
    expect([0, 2.2, 4, 55, 63, 100, 417, 0.3].map(niceMax)).toEqual([4, 4, 4, 60, 80, 100, 600, 0.4]);
  });
});
