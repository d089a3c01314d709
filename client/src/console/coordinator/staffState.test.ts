import { describe, expect, it } from "vitest";
import type { InviteView, LocationAdminView, StaffAdminView } from "../../../../shared/protocol";
import { initialStaffPage, reduceStaffPage, type StaffPageAction, type StaffPageState } from "./staffState";

const member = (id: string, over: Partial<StaffAdminView> = {}): StaffAdminView => ({
  id,
  email: `${id}@x`,
  displayName: id,
  role: "volunteer",
  locationId: "leiden",
  skills: [],
  active: true,
  invitePending: false,
  ...over,
});
const leiden = { id: "leiden", name: "Leiden" } as LocationAdminView;
const invite = (who: StaffAdminView): InviteView => ({ staff: who, link: "https://x/console/invite#abc", expiresAt: 0 });
const run = (state: StaffPageState, ...actions: StaffPageAction[]) => actions.reduce(reduceStaffPage, state);
const loaded = run(initialStaffPage, { type: "loaded", staff: [member("eva"), member("bo")], locations: [leiden] });

describe("reduceStaffPage", () => {
  it("holds no list until the first answer, and keeps what it had when one request fails", () => {
    expect(initialStaffPage.staff).toBeUndefined();
    expect(loaded.staff?.map((s) => s.id)).toEqual(["eva", "bo"]);
    const failed = run(loaded, { type: "loaded", locations: [] });
    expect(failed.staff).toBe(loaded.staff);
    expect(run(loaded, { type: "loaded", staff: [member("eva")] }).locations).toEqual([leiden]);
  });

  it("puts the last invitation's link away when the form opens, for a new colleague or an old one", () => {
    const linked = run(loaded, { type: "invited", invite: invite(member("bo")) });
    expect(run(linked, { type: "edit", subject: "new" })).toMatchObject({ editing: "new", invite: undefined });
    expect(run(linked, { type: "edit", subject: member("eva") }).editing).toMatchObject({ id: "eva" });
    expect(run(linked, { type: "inviteClosed" }).invite).toBeUndefined();
  });

  it("closes the form with an invitation's link on screen", () => {
    const sent = run(loaded, { type: "edit", subject: "new" }, { type: "saved", result: invite(member("fien")) });
    expect(sent.editing).toBeUndefined();
    expect(sent.invite?.staff.id).toBe("fien");
  });

  it("closes the form with the changed colleague in their row", () => {
    const changed = run(loaded, { type: "edit", subject: member("bo") }, { type: "saved", result: member("bo", { displayName: "Bo B." }) });
    expect(changed.editing).toBeUndefined();
    expect(changed.invite).toBeUndefined();
    expect(changed.staff?.map((s) => s.displayName)).toEqual(["eva", "Bo B."]);
  });

  it("closes the form on cancel", () => {
    expect(run(loaded, { type: "edit", subject: "new" }, { type: "editClosed" }).editing).toBeUndefined();
  });

  it("asks before a deactivation, and puts the deactivated colleague in their row", () => {
    const asking = run(loaded, { type: "confirm", member: member("bo") });
    expect(asking.confirming?.id).toBe("bo");
    const done = run(asking, { type: "confirmClosed" }, { type: "changed", member: member("bo", { active: false }) });
    expect(done.confirming).toBeUndefined();
    expect(done.staff?.find((s) => s.id === "bo")?.active).toBe(false);
  });
});
