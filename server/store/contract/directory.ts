import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildLocation } from "../../domain/testFactories";
import type { Store } from "../Store";
import { type DestroyStore, type MakeStore, staff } from "./fixtures";

/** The store's contract for locations, staff, shifts, invites, sessions and blocks: the same behaviour on every implementation. */
export function directoryContract(name: string, make: MakeStore, destroy: DestroyStore): void {
  describe(`Store contract: ${name}: locations`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await make();
    });
    afterEach(async () => {
      await destroy(store);
    });

    it("keeps locations and staff, finding staff by e-mail case-insensitively", async () => {
      const loc = buildLocation({ id: "leiden", exceptions: [{ date: "2026-12-25", windows: [] }] });
      await store.putLocation(loc);
      expect(await store.listLocations()).toEqual([loc]);
      await store.putStaff(staff());
      expect(await store.getStaff("s1")).toEqual(staff());
      expect((await store.getStaffByEmail("sam@example.ORG"))?.id).toBe("s1");
      expect(await store.getStaffByEmail("nobody@example.org")).toBeUndefined();
      await store.putStaff(staff({ displayName: "Samira" }));
      expect((await store.listStaff()).map((s) => s.displayName)).toEqual(["Samira"]);
    });

    it("keeps shifts and lists those overlapping a range, by start", async () => {
      const H = 3_600_000;
      const shift = (id: string, start: number, end: number) => ({
        id,
        locationId: "leiden",
        staffId: "s1",
        role: "volunteer" as const,
        start,
        end,
      });
      await store.putShift(shift("late", 10 * H, 14 * H));
      await store.putShift(shift("early", 2 * H, 6 * H));
      await store.putShift(shift("overnight", -4 * H, 3 * H));
      expect((await store.listShifts(0, 24 * H)).map((s) => s.id)).toEqual(["overnight", "early", "late"]);
      expect((await store.listShifts(6 * H, 10 * H)).map((s) => s.id)).toEqual([]);
      expect((await store.listShifts(5 * H, 11 * H)).map((s) => s.id)).toEqual(["early", "late"]);
      await store.putShift({ ...shift("early", 2 * H, 6 * H), dutyAppliedAt: 2 * H });
      expect(await store.getShift("early")).toEqual({ ...shift("early", 2 * H, 6 * H), dutyAppliedAt: 2 * H });
      expect(await store.deleteShift("early")).toBe(true);
      expect(await store.deleteShift("early")).toBe(false);
      expect((await store.listShifts(0, 24 * H)).map((s) => s.id)).toEqual(["overnight", "late"]);
    });

    it("hands an invite out once, and not after it expired", async () => {
      const invite = { tokenHash: "h1", staffId: "s1", expiresAt: Date.now() + 60_000 };
      await store.putInvite(invite, 60_000);
      expect(await store.getInvite("h1")).toEqual(invite);
      const [first, second] = await Promise.all([store.takeInvite("h1"), store.takeInvite("h1")]);
      expect([first, second].filter(Boolean)).toEqual([invite]);
      expect(await store.getInvite("h1")).toBeUndefined();
      await store.putInvite({ ...invite, tokenHash: "h2" }, 20);
      await new Promise((r) => setTimeout(r, 60));
      expect(await store.takeInvite("h2")).toBeUndefined();
    });

    it("expires sessions after their time to live", async () => {
      await store.putYouthSession({ youthId: "y1", tokenHash: "h1", createdAt: 1, lastSeenAt: 1 }, 60_000);
      await store.putStaffSession({ sidHash: "sh", staffId: "s1", createdAt: 1, lastSeenAt: 1 }, 50);
      expect((await store.getYouthSession("h1"))?.youthId).toBe("y1");
      expect((await store.getStaffSession("sh"))?.staffId).toBe("s1");
      await new Promise((r) => setTimeout(r, 120));
      expect(await store.getStaffSession("sh")).toBeUndefined();
      await store.deleteStaffSession("sh");
      expect(await store.getYouthSession("unknown")).toBeUndefined();
    });

    it("deletes one youth session at once, and only that one", async () => {
      await store.putYouthSession({ youthId: "y1", tokenHash: "h1", createdAt: 1, lastSeenAt: 1 }, 60_000);
      await store.putYouthSession({ youthId: "y2", tokenHash: "h2", createdAt: 1, lastSeenAt: 1 }, 60_000);
      await store.deleteYouthSession("h1");
      await store.deleteYouthSession("never-there");
      expect(await store.getYouthSession("h1")).toBeUndefined();
      expect((await store.getYouthSession("h2"))?.youthId).toBe("y2");
    });

    it("extends a staff session only while it is there (a touch never brings back a logged-out session)", async () => {
      const session = { sidHash: "t1", staffId: "s1", createdAt: 1, lastSeenAt: 1 };
      await store.putStaffSession(session, 60_000);
      expect(await store.touchStaffSession({ ...session, lastSeenAt: 5 }, 60_000)).toBe(true);
      expect((await store.getStaffSession("t1"))?.lastSeenAt).toBe(5);
      await store.deleteStaffSessionsOf("s1");
      expect(await store.touchStaffSession({ ...session, lastSeenAt: 9 }, 60_000)).toBe(false);
      expect(await store.getStaffSession("t1")).toBeUndefined();
      expect(await store.touchStaffSession({ ...session, sidHash: "never" }, 60_000)).toBe(false);
      expect(await store.getStaffSession("never")).toBeUndefined();
    });

    it("ends every session of one staff member at once, and only theirs", async () => {
      await store.putStaffSession({ sidHash: "a1", staffId: "s1", createdAt: 1, lastSeenAt: 1 }, 60_000);
      await store.putStaffSession({ sidHash: "a2", staffId: "s1", createdAt: 2, lastSeenAt: 2 }, 60_000);
      await store.putStaffSession({ sidHash: "b1", staffId: "s2", createdAt: 1, lastSeenAt: 1 }, 60_000);
      expect(await store.deleteStaffSessionsOf("s1")).toBe(2);
      expect(await store.getStaffSession("a1")).toBeUndefined();
      expect(await store.getStaffSession("a2")).toBeUndefined();
      expect((await store.getStaffSession("b1"))?.staffId).toBe("s2");
      expect(await store.deleteStaffSessionsOf("s1")).toBe(0);
    });

    it("blocks keys for a while", async () => {
      await store.block(["k1", "k2"], 80);
      expect(await store.isBlocked(["x", "k2"])).toBe(true);
      expect(await store.isBlocked(["x"])).toBe(false);
      await new Promise((r) => setTimeout(r, 150));
      expect(await store.isBlocked(["k1"])).toBe(false);
    });
  });
}
