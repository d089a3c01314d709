import { describe, expect, it } from "vitest";
import { buildStaff } from "../testFactories";
import { managedLocationIds, managesLocation } from "./scope";

const all = ["leiden", "amsterdam", "apeldoorn"];

describe("managedLocationIds", () => {
  it("gives a national coordinator every location", () => {
    expect(managedLocationIds(buildStaff({ role: "coordinator", manages: "all" }), all)).toEqual(all);
  });
  it("gives a scoped coordinator only the named locations that exist", () => {
    const staff = buildStaff({ role: "coordinator", manages: ["amsterdam", "gone"] });
    expect(managedLocationIds(staff, all)).toEqual(["amsterdam"]);
    expect(managesLocation(staff, "leiden", all)).toBe(false);
  });
  it("falls back to the home location", () => {
    expect(managedLocationIds(buildStaff({ role: "coordinator", locationId: "apeldoorn" }), all)).toEqual(["apeldoorn"]);
  });
  it("gives volunteers, professionals and deactivated coordinators nothing", () => {
    expect(managedLocationIds(buildStaff({ role: "volunteer", manages: "all" }), all)).toEqual([]);
    expect(managedLocationIds(buildStaff({ role: "professional" }), all)).toEqual([]);
    expect(managedLocationIds(buildStaff({ role: "coordinator", manages: "all", active: false }), all)).toEqual([]);
  });
});
