import { describe, expect, it } from "vitest";
import type { Presence, Staff } from "../staff";
import { DEFAULT_PUSH_HOSTS, endpointAllowed, escalationPush, reachOf, waitingRecipients } from "./push";

const volunteer = (id: string, locationId: string, over: Partial<Staff> = {}): Staff => ({
  id,
  email: `${id}@x.test`,
  displayName: id,
  role: "volunteer",
  locationId,
  passwordHash: "",
  active: true,
  skills: [],
  ...over,
});
const presence = (staffId: string, locationId: string, status: Presence["status"]): Presence => ({
  staffId,
  locationId,
  status,
  capacity: 2,
  lastAssignedAt: 0,
  since: 0,
  load: 0,
});

describe("push", () => {
  it("puts ids, the level and the location name in an escalation push, never the note", () => {
    const payload = escalationPush({ id: "e_1", conversationId: "c_abcdefghij", level: "crisis", note: "ik wil dood" } as never, "Leiden");
    expect(payload).toEqual({
      kind: "escalation",
      escalationId: "e_1",
      conversationId: "c_abcdefghij",
      level: "crisis",
      location: "Leiden",
    });
    expect(JSON.stringify(payload)).not.toContain("dood");
  });

  it("reaches by console first, then by a subscribed device, else not at all", () => {
    expect(reachOf(true, true)).toBe("console");
    expect(reachOf(false, true)).toBe("push");
    expect(reachOf(false, false)).toBe("none");
  });

  it("lets production post only to known push services over https; anything http(s) elsewhere", () => {
    const prod = { production: true, hosts: DEFAULT_PUSH_HOSTS };
    expect(endpointAllowed("https://fcm.googleapis.com/fcm/send/abc", prod)).toBe(true);
    expect(endpointAllowed("https://wns2-par02p.notify.windows.com/w/?token=x", prod)).toBe(true);
    expect(endpointAllowed("https://evil.example/fcm.googleapis.com", prod)).toBe(false);
    expect(endpointAllowed("https://fcm.googleapis.com.evil.example/x", prod)).toBe(false);
    expect(endpointAllowed("http://fcm.googleapis.com/x", prod)).toBe(false);
    expect(endpointAllowed("http://127.0.0.1:4000/push/1", { production: false, hosts: [] })).toBe(true);
    expect(endpointAllowed("file:///etc/passwd", { production: false, hosts: [] })).toBe(false);
  });

  it("pages the location's volunteers on shift or present without an open console; 'any' means every location", () => {
    const staff = [
      volunteer("sam", "leiden"),
      volunteer("lotte", "leiden"),
      volunteer("noor", "amsterdam"),
      volunteer("gone", "leiden", { active: false }),
      { ...volunteer("eva", "leiden"), role: "professional" as const },
    ];
    const shifts = [
      { id: "s1", locationId: "leiden", staffId: "lotte", role: "volunteer" as const, start: 0, end: 100 },
      { id: "s2", locationId: "amsterdam", staffId: "noor", role: "volunteer" as const, start: 0, end: 100 },
    ];
    const input = { staff, presence: [presence("sam", "leiden", "break"), presence("gone", "leiden", "available")], shifts, now: 50 };
    expect(waitingRecipients({ ...input, entry: { locationChoice: "leiden" }, connected: new Set() })).toEqual(["sam", "lotte"]);
    expect(waitingRecipients({ ...input, entry: { locationChoice: "leiden" }, connected: new Set(["sam"]) })).toEqual(["lotte"]);
    expect(waitingRecipients({ ...input, entry: { locationChoice: "any" }, connected: new Set() })).toEqual(["sam", "lotte", "noor"]);
    expect(waitingRecipients({ ...input, entry: { locationChoice: "leiden" }, connected: new Set(), now: 150 })).toEqual(["sam"]);
  });
});
