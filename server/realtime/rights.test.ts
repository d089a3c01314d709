import { describe, expect, it } from "vitest";
import type { Conversation } from "../domain/conversation";
import { RightsRegistry, type SocketRights } from "./rights";

const MAX_AGE = 10_000;

function conversation(id: string): Conversation {
  return {
    id,
    youthId: "y1",
    status: "active",
    locationChoice: "leiden",
    priority: 0,
    queuedAt: 0,
    holderId: "st_sam",
    lastSeq: 0,
    youthDeliveredSeq: 0,
    staffDeliveredSeq: 0,
  };
}

/** A registry on a hand-moved clock, and sockets that are in every room unless told otherwise. */
function setUp() {
  const clock = { t: 1_000, now: () => clock.t };
  const registry = new RightsRegistry(clock, MAX_AGE);
  const open = (rooms: Set<string> | "all" = "all") => {
    const closed = { count: 0 };
    const rights = registry.open({
      inConversationRoom: (id) => rooms === "all" || rooms.has(id),
      close: () => {
        closed.count += 1;
      },
    });
    return { rights, closed };
  };
  /** What a service does on a cache miss: a read, then its end with the right it found. */
  const read = (rights: SocketRights, c: Conversation) => {
    const mark = rights.readStarted(c.id);
    return () => rights.readEnded(c.id, c, mark);
  };
  return { clock, registry, open, read };
}

describe("RightsRegistry", () => {
  it("keeps a right a read granted, and only for the conversation it was read for", () => {
    const { open, read } = setUp();
    const { rights } = open();
    expect(rights.speakerIn("c1")).toBeUndefined();
    read(rights, conversation("c1"))();
    expect(rights.speakerIn("c1")?.id).toBe("c1");
    expect(rights.speakerIn("c2")).toBeUndefined();
  });

  it("forgets a right once it is as old as the age limit", () => {
    const { clock, open, read } = setUp();
    const { rights } = open();
    read(rights, conversation("c1"))();
    clock.t += MAX_AGE - 1;
    expect(rights.speakerIn("c1")).toBeDefined();
    clock.t += 1;
    expect(rights.speakerIn("c1")).toBeUndefined();
  });

  it("does not vouch for a socket that has left the conversation's room", () => {
    const { open, read } = setUp();
    const inRooms = new Set(["c1"]);
    const { rights } = open(inRooms);
    read(rights, conversation("c1"))();
    inRooms.delete("c1");
    expect(rights.speakerIn("c1")).toBeUndefined();
  });

  it("answers nothing while an earlier read of the same conversation is under way (a later message must not overtake it)", () => {
    const { open, read } = setUp();
    const { rights } = open();
    read(rights, conversation("c1"))();
    const second = read(rights, conversation("c1"));
    expect(rights.speakerIn("c1")).toBeUndefined();
    second();
    expect(rights.speakerIn("c1")).toBeDefined();
  });

  it("does not remember a read that a revocation overtook: the read may predate the change", () => {
    const { registry, open, read } = setUp();
    const { rights } = open();
    const done = read(rights, conversation("c1"));
    registry.apply({ conversation: "c1" });
    done();
    expect(rights.speakerIn("c1")).toBeUndefined();
  });

  it("takes a conversation's right from every socket that holds it, and nothing else", () => {
    const { registry, open, read } = setUp();
    const first = open().rights;
    const second = open().rights;
    read(first, conversation("c1"))();
    read(second, conversation("c1"))();
    read(second, conversation("c2"))();
    expect(registry.apply({ conversation: "c1" })).toBe(2);
    expect(first.speakerIn("c1")).toBeUndefined();
    expect(second.speakerIn("c1")).toBeUndefined();
    expect(second.speakerIn("c2")).toBeDefined();
  });

  it("closes a staff member's sockets on a closing revocation, and only distrusts them otherwise", () => {
    const { registry, open, read } = setUp();
    const sam = open();
    const lotte = open();
    sam.rights.bindStaff("st_sam", "h1");
    lotte.rights.bindStaff("st_lotte", "h2");
    for (const s of [sam, lotte]) s.rights.trustStaff(Number.POSITIVE_INFINITY, s.rights.staffReadStarted());
    read(sam.rights, conversation("c1"))();

    expect(registry.apply({ staff: "st_sam", close: false })).toBe(1);
    expect(sam.rights.staffTrusted()).toBe(false);
    expect(sam.rights.speakerIn("c1")).toBeUndefined();
    expect(sam.closed.count).toBe(0);
    expect(lotte.rights.staffTrusted()).toBe(true);

    registry.apply({ session: "h2", close: true });
    expect(lotte.closed.count).toBe(1);
    expect(lotte.rights.staffTrusted()).toBe(false);
  });

  it("trusts a staff session until it would expire or the age limit, whichever is first, and not past a revocation", () => {
    const { clock, registry, open } = setUp();
    const { rights } = open();
    rights.bindStaff("st_sam", "h1");
    rights.trustStaff(clock.t + 500, rights.staffReadStarted());
    clock.t += 499;
    expect(rights.staffTrusted()).toBe(true);
    clock.t += 1;
    expect(rights.staffTrusted()).toBe(false);

    rights.trustStaff(clock.t + 10 * MAX_AGE, rights.staffReadStarted());
    clock.t += MAX_AGE;
    expect(rights.staffTrusted()).toBe(false);

    const mark = rights.staffReadStarted();
    registry.apply({ staff: "st_sam", close: false });
    expect(rights.staffReadCurrent(mark)).toBe(false);
    rights.trustStaff(Number.POSITIVE_INFINITY, mark);
    expect(rights.staffTrusted()).toBe(false);
  });

  it("trusts nothing while it cannot hear the other processes, and reads afresh once it can", () => {
    const { registry, open, read } = setUp();
    const { rights } = open();
    rights.bindStaff("st_sam", "h1");
    rights.trustStaff(Number.POSITIVE_INFINITY, rights.staffReadStarted());
    read(rights, conversation("c1"))();
    registry.suspend();
    expect(rights.staffTrusted()).toBe(false);
    expect(rights.speakerIn("c1")).toBeUndefined();
    read(rights, conversation("c1"))();
    expect(rights.speakerIn("c1")).toBeUndefined();
    registry.resume();
    expect(rights.speakerIn("c1")).toBeUndefined();
    read(rights, conversation("c1"))();
    expect(rights.speakerIn("c1")).toBeDefined();
  });

  it("stays on its process: nothing of it is serialised with socket.data", () => {
    const { open, read } = setUp();
    const { rights } = open();
    read(rights, conversation("c1"))();
    expect(JSON.stringify({ actor: "a", rights })).toBe('{"actor":"a"}');
  });

  it("forgets a socket once it is closed", () => {
    const { registry, open, read } = setUp();
    const { rights } = open();
    read(rights, conversation("c1"))();
    registry.close(rights);
    expect(registry.size).toBe(0);
    expect(registry.apply({ conversation: "c1" })).toBe(0);
    read(rights, conversation("c1"))();
    expect(rights.speakerIn("c1")).toBeUndefined();
  });
});

describe("which conversations were revoked since a mark (a console joining its chats' rooms)", () => {
  it("names the conversations revoked after the mark, and none before it", () => {
    const { registry } = setUp();
    registry.apply({ conversation: "c0" });
    const mark = registry.revocations;
    expect(registry.revokedSince(mark)).toEqual(new Set());
    registry.apply({ conversation: "c1" });
    registry.apply({ staff: "st_kim", close: true });
    registry.apply({ conversation: "c2" });
    expect(registry.revokedSince(mark)).toEqual(new Set(["c1", "c2"]));
  });

  it("cannot tell after a suspension, nor once more revocations came than it remembers", () => {
    const { registry } = setUp();
    const beforeSuspension = registry.revocations;
    registry.suspend();
    registry.resume();
    expect(registry.revokedSince(beforeSuspension)).toBe("unknown");
    const mark = registry.revocations;
    expect(registry.revokedSince(mark)).toEqual(new Set());
    for (let i = 0; i < 1_001; i++) registry.apply({ conversation: `c${i}` });
    expect(registry.revokedSince(mark)).toBe("unknown");
    expect(registry.revokedSince(registry.revocations - 1)).toEqual(new Set(["c1000"]));
  });
});
