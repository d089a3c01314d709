import { describe, expect, it } from "vitest";
import type { AccessSearchView, StaffAdminView } from "../../../../shared/protocol";
import { type AccessAction, type AccessState, accessQuery, initialAccess, reduceAccess } from "./accessState";

const run = (state: AccessState, ...actions: AccessAction[]) => actions.reduce(reduceAccess, state);
const opened = initialAccess(new Date(2026, 4, 17, 10).getTime());
const found = (n: number): AccessSearchView => ({
  entries: Array.from({ length: n }, (_, i) => ({ id: `a${i}` })) as AccessSearchView["entries"],
  truncated: false,
});

describe("reduceAccess", () => {
  it("opens on the last seven days up to today, for everyone", () => {
    expect(opened).toEqual({ from: "2026-05-11", to: "2026-05-17", staffId: "", staff: [] });
    expect(accessQuery(opened)).toBe("from=2026-05-11&to=2026-05-17");
  });

  it("searches for one person once picked, and for everyone again when the choice is cleared", () => {
    const one = run(
      opened,
      { type: "person", staffId: "st_eva" },
      { type: "from", date: "2026-05-01" },
      { type: "to", date: "2026-05-02" },
    );
    expect(accessQuery(one)).toBe("from=2026-05-01&to=2026-05-02&staffId=st_eva");
    expect(accessQuery(run(one, { type: "person", staffId: "" }))).toBe("from=2026-05-01&to=2026-05-02");
  });

  it("holds the people to pick from", () => {
    const staff = [{ id: "st_eva" } as StaffAdminView];
    expect(run(opened, { type: "staff", staff }).staff).toBe(staff);
  });

  it("keeps the last entries under an error, and clears the error with the next answer", () => {
    const failed = run(opened, { type: "found", found: found(2) }, { type: "failed", error: "forbidden" });
    expect(failed.error).toBe("forbidden");
    expect(failed.found?.entries).toHaveLength(2);
    const again = run(failed, { type: "found", found: found(0) });
    expect(again.error).toBeUndefined();
    expect(again.found?.entries).toEqual([]);
  });
});
