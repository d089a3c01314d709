/**
 * A console that connects while one of its chats moves away (issue 19's review): its chats are
 * listed before its rooms are joined, so a transfer stored in between used to leave the new
 * console in the lost chat's rooms, reading the youth until a reload. The list is held open here
 * until the transfer is answered, which is the window the old code lost.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { Staff } from "../../server/domain/staff";
import { PROTOCOL_VERSION } from "../../shared/protocol";
import { type ClientSocket, collect, connect, nextEvent, ok } from "../helpers/clients";
import { peopleOn } from "../helpers/people";
import { useSharedServer } from "../helpers/servers";

/** Holds the next `listActiveFor` of one staff member (after it read the store) until released. */
function holdNextList(store: { listActiveFor(staffId: string): Promise<unknown> }, staffId: string) {
  const original = store.listActiveFor.bind(store);
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let entered!: () => void;
  const reading = new Promise<void>((resolve) => (entered = resolve));
  let held = false;
  store.listActiveFor = async (id: string) => {
    const list = await original(id);
    if (id !== staffId || held) return list;
    held = true;
    entered();
    await released;
    return list;
  };
  return { reading, release, restore: () => (store.listActiveFor = original) };
}

describe("a console connecting while its chat is transferred", () => {
  const shared = useSharedServer("memory");
  const { staff, chatWith } = peopleOn(shared);
  let restore: (() => unknown) | undefined;
  afterEach(() => restore?.());

  it("does not stay in the rooms of the chat it lost, and joins the rooms of one it gained", async () => {
    const sam = await staff("sam@leiden.demo");
    const lotte = await staff("lotte@leiden.demo");
    await ok(sam.socket, "presence:set", { status: "available", capacity: 2 });
    await ok(lotte.socket, "presence:set", { status: "available", capacity: 2 });
    const lost = await chatWith(sam.socket);
    const gained = await chatWith(lotte.socket);
    const idOf = async (email: string) => ((await shared.server.store.listStaff()) as Staff[]).find((s) => s.email === email)!.id;
    const samId = await idOf("sam@leiden.demo");

    // Sam opens a second console; its list of chats is read, then held while both chats move.
    const hold = holdNextList(shared.server.store, samId);
    restore = hold.restore;
    const second: ClientSocket = shared.track(await connect(shared.server.url, sam.cookie));
    await hold.reading;
    await ok(sam.socket, "conversation:transfer", { conversationId: lost.id, to: { staffId: await idOf("lotte@leiden.demo") } });
    await ok(lotte.socket, "conversation:transfer", { conversationId: gained.id, to: { staffId: samId } });
    hold.release();
    await ok(second, "staff:sync", { protocolVersion: PROTOCOL_VERSION });

    const heard = collect(second, "message:received");
    // Lotte hears the youth of the chat she gained; Sam's new console must not.
    const atLotte = nextEvent(lotte.socket, "message:received");
    await ok(lost.youth.socket, "message:send", { conversationId: lost.id, id: crypto.randomUUID(), text: "ben je er nog?" });
    await atLotte;
    // And the chat that came to Sam while the console connected reaches it.
    const atSecond = nextEvent(second, "message:received");
    await ok(gained.youth.socket, "message:send", { conversationId: gained.id, id: crypto.randomUUID(), text: "hallo?" });
    expect((await atSecond).conversationId).toBe(gained.id);
    expect(heard.map((m) => m.conversationId)).toEqual([gained.id]);
  });
  it("keeps a professional's new console in a chat she handed back meanwhile, which she still joins", async () => {
    const eva = await staff("eva@inloop.demo");
    await ok(eva.socket, "duty:set", { onDuty: true });
    const sam = await staff("sam@leiden.demo");
    await ok(sam.socket, "presence:set", { status: "available", capacity: 2 });
    const chat = await chatWith(sam.socket);
    await ok(eva.socket, "conversation:join", { conversationId: chat.id });
    await ok(eva.socket, "conversation:takeover", { conversationId: chat.id });
    const evaId = ((await shared.server.store.listStaff()) as Staff[]).find((s) => s.email === "eva@inloop.demo")!.id;

    // Her second console lists the chat as hers, and while that list is held she hands it back.
    const hold = holdNextList(shared.server.store, evaId);
    restore = hold.restore;
    const second: ClientSocket = shared.track(await connect(shared.server.url, eva.cookie));
    await hold.reading;
    await ok(eva.socket, "conversation:handback", { conversationId: chat.id });
    hold.release();
    await ok(second, "staff:sync", { protocolVersion: PROTOCOL_VERSION });

    // Revoked and no longer hers to hold, but she is still the professional in it: she still hears it.
    const atSecond = nextEvent(second, "message:received");
    await ok(chat.youth.socket, "message:send", { conversationId: chat.id, id: crypto.randomUUID(), text: "ben je er nog?" });
    expect((await atSecond).conversationId).toBe(chat.id);
  });
});
